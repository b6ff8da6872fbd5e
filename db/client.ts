import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import * as schema from './schema'

export type Db = BetterSQLite3Database<typeof schema>

export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), 'db/migrations')

export function databasePath(): string {
  const url = process.env.DATABASE_URL ?? './data/atelier.db'
  return path.resolve(process.cwd(), url.replace(/^file:/, ''))
}

/**
 * The folder of the files the app stores (uploads, hand-in snapshots):
 * FILES_DIR, or the SQLite database's folder. With several app servers
 * (PostgreSQL), every server must see the same folder — a shared volume
 * (NFS, a mounted disk) given as FILES_DIR to each (issue 18).
 */
export function filesDir(): string {
  if (process.env.FILES_DIR) return path.resolve(process.cwd(), process.env.FILES_DIR)
  const url = process.env.DATABASE_URL ?? ''
  return /^postgres(ql)?:\/\//.test(url) ? path.resolve(process.cwd(), 'data') : path.dirname(databasePath())
}

/** Opens a connection with the pragmas every connection needs. */
export function openDatabase(file = databasePath()) {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  return { sqlite, db: drizzle(sqlite, { schema }) }
}

/**
 * Applies committed migrations. better-sqlite3's migrate() runs inside a
 * transaction where `PRAGMA foreign_keys=OFF` is ignored, so a migration that
 * rebuilds a table would cascade deletes into child rows: foreign keys are
 * switched off before, and checked after.
 */
export function runMigrations(sqlite: Database.Database, db: Db) {
  sqlite.pragma('foreign_keys = OFF')
  try {
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER })
    const violations = sqlite.pragma('foreign_key_check') as unknown[]
    if (violations.length > 0) {
      throw new Error(`foreign_key_check failed after migration: ${JSON.stringify(violations)}`)
    }
  } finally {
    sqlite.pragma('foreign_keys = ON')
  }
}

let singleton: { sqlite: Database.Database; db: Db } | undefined

/** The app's shared connection, migrated on first use. */
export function getDb(): Db {
  if (!singleton) {
    singleton = openDatabase()
    runMigrations(singleton.sqlite, singleton.db)
  }
  return singleton.db
}

export function closeDb() {
  singleton?.sqlite.close()
  singleton = undefined
}
