/**
 * Imports a cohort from a CSV (UTF-8) or Excel file into an exam session:
 * accounts, enrolments, groups, and one welcome link per new account. All or
 * nothing: when a line is refused, nothing is written.
 *
 *   npm run cohort:import -- candidats.xlsx --session <id> --dry-run
 *   npm run cohort:import -- candidats.csv --session <id> --base-url https://atelier.ecole.fr
 *
 * The database is DATABASE_URL's (./data/atelier.db by default; SQLite or PostgreSQL). Exit code: 0
 * done (or nothing refused in a dry run), 1 refused (nothing written), 2 usage.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { ImportReport } from '../app/domain/cohort-import'

const USAGE = 'Usage : npm run cohort:import -- <fichier.csv|fichier.xlsx> --session <id> [--dry-run] [--base-url URL]'

function usage(message: string): never {
  console.error(message)
  console.error(USAGE)
  process.exit(2)
}

let parsed: ReturnType<typeof parseOptions>
function parseOptions() {
  return parseArgs({
    allowPositionals: true,
    options: {
      session: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'base-url': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
}
try {
  parsed = parseOptions()
} catch (error) {
  usage((error as Error).message)
}
const { values, positionals } = parsed
if (values.help) {
  console.log(USAGE)
  process.exit(0)
}
if (positionals.length !== 1) usage(positionals.length ? 'Un seul fichier à la fois.' : 'Indiquez le fichier à importer.')
if (!values.session) usage('Indiquez la session d’examen : --session <id>.')
const file = path.resolve(positionals[0]!)
if (!fs.existsSync(file) || !fs.statSync(file).isFile()) usage(`Fichier introuvable : ${file}`)
const baseUrl = values['base-url'] ?? process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`
if (!/^https?:\/\/[^/\s]+/.test(baseUrl)) usage(`Adresse du site non valide : ${baseUrl} (exemple : https://atelier.ecole.fr).`)

// Imported after the arguments are checked: opening the database (and migrating it) is for a valid command only.
const { closeDb, databaseLabel } = await import('../db/client')
const { applyCohortImport, CohortImportError, CohortImportRefused, planCohortImport } = await import('../app/services/cohort-import.server')
const { formatImportError, IMPORT_FIELD_LABELS } = await import('../app/domain/cohort-import')

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n > 1 ? many : one}`

function printReport(report: ImportReport) {
  console.log(`Fichier : ${report.fileName} (${report.format.toUpperCase()}), ${plural(report.lines, 'ligne lue', 'lignes lues')}.`)
  console.log('Colonnes :')
  for (const c of report.columns) console.log(`  ${c.column} « ${c.header} » → ${c.field ? IMPORT_FIELD_LABELS[c.field] : 'ignorée'}`)
  const entries = [
    ...report.rows.map((r) => ({
      line: r.line,
      text: `Ligne ${r.line} : ${r.name} <${r.email}>, ${r.status === 'new' ? 'nouveau compte' : 'compte existant'}${r.group ? `, groupe « ${r.group} »` : ''}.`,
    })),
    ...report.errors.map((e) => ({ line: e.line, text: `${formatImportError(e).replace(/\u00a0/g, ' ')} [refusée]` })),
  ].sort((a, b) => a.line - b.line)
  console.log('Lignes :')
  for (const e of entries) console.log(`  ${e.text}`)
  const fresh = report.rows.filter((r) => r.status === 'new').length
  const refused = new Set(report.errors.map((e) => e.line)).size
  console.log(
    `Résumé : ${plural(report.rows.length, 'ligne acceptée', 'lignes acceptées')} (${plural(fresh, 'nouveau compte', 'nouveaux comptes')}, ${plural(report.rows.length - fresh, 'compte existant', 'comptes existants')}), ${plural(refused, 'ligne refusée', 'lignes refusées')}.`,
  )
}

const input = { name: path.basename(file), bytes: fs.readFileSync(file) }
console.log(`Base : ${databaseLabel()}`)
try {
  if (values['dry-run']) {
    const report = await planCohortImport(values.session!, input)
    printReport(report)
    if (report.errors.length) {
      console.log('Import impossible en l’état : corrigez le fichier. (Essai : rien n’a été enregistré.)')
      process.exitCode = 1
    } else console.log('Essai : rien n’a été enregistré. Relancez sans --dry-run pour importer.')
  } else {
    const outcome = await applyCohortImport(values.session!, input, null, { baseUrl })
    printReport(outcome.report)
    console.log(
      `Import terminé : ${plural(outcome.enrolled, 'candidat·e inscrit·e', 'candidat·es inscrit·es')}, ${plural(outcome.created.length, 'compte créé', 'comptes créés')}.`,
    )
    if (outcome.created.length) {
      console.log('Liens pour définir le mot de passe (à transmettre à chacun·e, valables jusqu’à la date indiquée) :')
      for (const c of outcome.created) console.log(`  ${c.name} <${c.email}> ${c.link} (jusqu’au ${new Date(c.expiresAt).toLocaleDateString('fr-FR')})`)
    }
  }
} catch (error) {
  if (error instanceof CohortImportRefused) {
    printReport(error.report)
    console.log('Import refusé : rien n’a été enregistré. Corrigez le fichier et relancez.')
    process.exitCode = 1
  } else if (error instanceof CohortImportError) {
    console.error(error.message)
    process.exitCode = 1
  } else throw error
} finally {
  await closeDb()
}
