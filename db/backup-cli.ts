/**
 * Backups from the command line (issue 18 §3), on the database of
 * DATABASE_URL (./data/atelier.db by default; pg_dump and pg_restore for a
 * postgres:// one) and the files of FILES_DIR:
 *
 *   npm run db:backup                          → data/backups/<date-heure>/
 *   npm run db:backup -- --to /mnt/sauvegardes/lundi
 *   npm run db:restore -- --from data/backups/2026-12-05_09-30-00
 *
 * A backup can be taken while the app runs; a restore is made with the app stopped.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { backupDatabase, backupPostgres, restoreDatabase, restorePostgres } from './backup'
import { databasePath, filesDir } from './client'
import { isPostgresUrl } from './client.pg'

const { positionals, values } = parseArgs({ allowPositionals: true, options: { to: { type: 'string' }, from: { type: 'string' } } })
const url = process.env.DATABASE_URL
const postgres = isPostgresUrl(url)
const database = postgres ? url! : databasePath()
const where = postgres ? path.resolve('data') : path.dirname(database)
const stamp = () => new Date().toISOString().slice(0, 19).replace('T', '_').replaceAll(':', '-')
const size = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} Mo`

try {
  if (positionals[0] === 'backup') {
    const to = path.resolve(values.to ?? path.join(where, 'backups', stamp()))
    const done = postgres ? backupPostgres(database, to, filesDir()) : await backupDatabase(database, to, filesDir())
    console.log(`Sauvegarde faite : ${done.folder} (base ${size(done.bytes)}, ${done.files} fichiers).`)
  } else if (positionals[0] === 'restore') {
    if (!values.from) throw new Error('Indiquez la sauvegarde à restaurer : npm run db:restore -- --from <dossier>')
    const from = path.resolve(values.from)
    const done = postgres ? await restorePostgres(from, database, filesDir()) : await restoreDatabase(from, database, filesDir())
    console.log(`Sauvegarde restaurée (${done.files} fichiers remis en place).`)
  } else {
    throw new Error('Usage : tsx db/backup-cli.ts backup [--to <dossier>] | restore --from <dossier>')
  }
} catch (error) {
  console.error((error as Error).message)
  process.exitCode = 1
}
