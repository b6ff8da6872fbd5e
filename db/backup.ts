import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { filesDir, MIGRATIONS_FOLDER, openDatabase, runMigrations } from './client'
import { openPostgres, postgresProgram, runPgMigrations } from './client.pg'

/**
 * Backups of a school's data (issue 18 §3): the SQLite database, copied with
 * SQLite's online backup while the app keeps running, and the files stored
 * next to it (uploads, hand-in snapshots). A backup is a folder:
 *
 *   <folder>/atelier.db   the database as it was at one instant
 *   <folder>/uploads/     images, evidence files, case files
 *   <folder>/snapshots/   the frozen files of hand-ins
 *
 * The database is copied first, then the files: files are written once and
 * never changed, so every file the copied database names is there — except
 * one deleted in the instant between the two copies (an admin removing a
 * case file, the data-protection purge), which the restored database would
 * name without having it.
 */
export const BACKUP_DATABASE = 'atelier.db'
/** A PostgreSQL database's backup (pg_dump's custom format), in place of atelier.db. */
export const PG_DUMP = 'atelier.pgdump'
const FILE_FOLDERS = ['uploads', 'snapshots'] as const

/** Every page in one step: the copy is the database at one instant (other connections wait a moment to write, never fail). */
const ALL_PAGES = 0x7fffffff

/** The folders of files in a files folder (FILES_DIR, or the database's folder). */
const filesIn = (dir: string) => FILE_FOLDERS.map((name) => ({ name, dir: path.join(dir, name) }))

/** The migrations this version of the app knows, in order. */
function knownMigrations(): string[] {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] }
  return journal.entries.map((e) => e.tag)
}

/** A database file that SQLite finds intact, made by this app: how many of its migrations it has. Throws otherwise. */
export function checkDatabaseFile(file: string): { migrations: number } {
  if (!fs.existsSync(file)) throw new Error(`Aucune base de données à ${file}.`)
  const sqlite = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const integrity = sqlite.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') throw new Error(`La base ${file} est endommagée (integrity_check : ${String(integrity)}).`)
    const table = sqlite.prepare("select name from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get()
    if (!table) throw new Error(`${file} n’est pas une base d’Atelier (aucune migration enregistrée).`)
    const { count } = sqlite.prepare('select count(*) as count from __drizzle_migrations').get() as { count: number }
    return { migrations: count }
  } finally {
    sqlite.close()
  }
}

/**
 * Copies the database `from` (open or not, written to or not) and the files
 * next to it into the new folder `to`. Returns what it copied.
 */
export async function backupDatabase(from: string, to: string, files = path.dirname(from)): Promise<{ folder: string; bytes: number; files: number }> {
  if (!fs.existsSync(from)) throw new Error(`Aucune base de données à ${from}.`)
  if (fs.existsSync(to) && fs.readdirSync(to).length > 0) throw new Error(`Le dossier ${to} n’est pas vide : une sauvegarde ne remplace jamais une autre.`)
  fs.mkdirSync(to, { recursive: true })
  const target = path.join(to, BACKUP_DATABASE)
  const { sqlite } = openDatabase(from)
  try {
    await sqlite.backup(target, { progress: () => ALL_PAGES })
  } finally {
    sqlite.close()
  }
  // One self-contained file (the copy keeps the source's WAL mode, which would leave -wal and -shm files beside it).
  const copy = new Database(target)
  copy.pragma('journal_mode = DELETE')
  copy.close()
  checkDatabaseFile(target)
  return { folder: to, bytes: fs.statSync(target).size, files: copyFiles(filesIn(files), to) }
}

/** Copies each folder of files that exists into `to` (files already there are kept). Returns how many files were copied. */
function copyFiles(folders: { name: string; dir: string }[], to: string): number {
  let copied = 0
  for (const { name, dir } of folders) {
    if (!fs.existsSync(dir)) continue
    fs.cpSync(dir, path.join(to, name), {
      recursive: true,
      force: false,
      filter: (source, destination) => {
        if (fs.statSync(source).isFile() && !fs.existsSync(destination)) copied++
        return true
      },
    })
  }
  return copied
}

/**
 * Puts the backup in `folder` back as the database `to` (the app stopped:
 * its connections would otherwise keep reading the replaced pages), then
 * brings it up to this version's migrations. The files of the backup are
 * copied next to it; files already there stay (they are written once). A
 * backup made by a newer version of the app is refused.
 */
export async function restoreDatabase(folder: string, to: string, files = path.dirname(to)): Promise<{ migrations: number; files: number }> {
  const source = path.join(folder, BACKUP_DATABASE)
  const { migrations } = checkDatabaseFile(source)
  const known = knownMigrations().length
  if (migrations > known) {
    throw new Error(
      `Cette sauvegarde vient d’une version plus récente d’Atelier (${migrations} migrations, celle-ci en connaît ${known}) : mettez l’application à jour d’abord.`,
    )
  }
  fs.mkdirSync(path.dirname(to), { recursive: true })
  const backup = new Database(source, { readonly: true, fileMustExist: true })
  try {
    // SQLite's backup writes into the target database through its own locks and journal: never a half-copied file.
    await backup.backup(to, { progress: () => ALL_PAGES })
  } finally {
    backup.close()
  }
  const { sqlite } = openDatabase(to)
  try {
    runMigrations(sqlite)
  } finally {
    sqlite.close()
  }
  return { migrations: checkDatabaseFile(to).migrations, files: copyFiles(filesIn(folder), files) }
}

/** PostgreSQL's own tools, from Debian's packages or else from PATH. */
const pgTool = (name: 'pg_dump' | 'pg_restore') => postgresProgram(name) ?? name

/**
 * A backup of a PostgreSQL database: `pg_dump` (custom format, one
 * consistent snapshot while the app runs) into `<to>/atelier.pgdump`, then
 * the files of `files` (FILES_DIR), as for SQLite.
 */
export function backupPostgres(url: string, to: string, files = filesDir()): { folder: string; bytes: number; files: number } {
  if (fs.existsSync(to) && fs.readdirSync(to).length > 0) throw new Error(`Le dossier ${to} n’est pas vide : une sauvegarde ne remplace jamais une autre.`)
  fs.mkdirSync(to, { recursive: true })
  const target = path.join(to, PG_DUMP)
  execFileSync(pgTool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', '--file', target, url], { stdio: ['ignore', 'ignore', 'pipe'] })
  return { folder: to, bytes: fs.statSync(target).size, files: copyFiles(filesIn(files), to) }
}

/** Puts a PostgreSQL backup back (the app stopped): its tables replace the database's, then the missing migrations and the files. */
export async function restorePostgres(folder: string, url: string, files = filesDir()): Promise<{ files: number }> {
  const dump = path.join(folder, PG_DUMP)
  if (!fs.existsSync(dump)) throw new Error(`Aucune sauvegarde PostgreSQL (${PG_DUMP}) dans ${folder}.`)
  execFileSync(pgTool('pg_restore'), ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--dbname', url, dump], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  const { pool, db } = openPostgres(url)
  try {
    await runPgMigrations(db)
  } finally {
    await pool.end()
  }
  return { files: copyFiles(filesIn(folder), files) }
}
