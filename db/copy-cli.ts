/**
 * Copies a school's SQLite database into an empty PostgreSQL database
 * (issue 18 §2), then compares both, table by table:
 *
 *   npm run db:copy -- --from ./data/atelier.db --to postgres://atelier@serveur/atelier
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { isPostgresUrl } from './client.pg'
import { copyDatabase } from './copy'

const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } })
try {
  if (!values.from || !isPostgresUrl(values.to)) throw new Error('Usage : npm run db:copy -- --from ./data/atelier.db --to postgres://…')
  const reports = await copyDatabase(path.resolve(values.from.replace(/^file:/, '')), values.to!)
  for (const r of reports.filter((r) => r.rows > 0)) console.log(`${r.table.padEnd(28)} ${String(r.rows).padStart(7)} lignes  ${r.postgres.slice(0, 12)}`)
  const rows = reports.reduce((sum, r) => sum + r.rows, 0)
  console.log(`Copie terminée : ${reports.length} tables, ${rows} lignes, contenu identique des deux côtés (empreinte SHA-256 par table).`)
} catch (error) {
  console.error((error as Error).message)
  process.exitCode = 1
}
