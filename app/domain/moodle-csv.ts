import { stringify } from 'csv-stringify/sync'
import type { Referentiel } from '#templates/referentiel.schema'

/**
 * The référentiel as a Moodle competency framework, in the CSV format of
 * Moodle's « Import competency framework » tool (admin/tool/lpimportcsv):
 * one row for the framework, then one per activity, competency and criterion,
 * each child pointing at its parent's ID number.
 */
export const MOODLE_HEADERS = [
  'Parent ID number',
  'ID number',
  'Short name',
  'Description',
  'Description format',
  'Scale values',
  'Scale configuration',
  'Rule type (optional)',
  'Rule outcome (optional)',
  'Rule config (optional)',
  'Cross-referenced competency ID numbers',
  'Exported ID (optional)',
  'Is framework',
  'Taxonomy',
] as const

export const MOODLE_FRAMEWORK_ID = 'CMC-N6'
const FORMAT_PLAIN = '2'
const SCALE_VALUES = 'Non acquis,En cours d’acquisition,Acquis'
// Scale item 1 is the default, item 3 means proficient.
const SCALE_CONFIGURATION = JSON.stringify([
  { scaleid: '0' },
  { id: 1, scaledefault: 1, proficient: 0 },
  { id: 2, scaledefault: 0, proficient: 0 },
  { id: 3, scaledefault: 0, proficient: 1 },
])

/** Moodle cuts short names at 100 characters; cut on a word with an ellipsis. */
export function shortName(idNumber: string, text: string, max = 100): string {
  const full = `${idNumber} - ${text}`
  if (full.length <= max) return full
  const cut = full.slice(0, max - 1)
  return `${cut.slice(0, cut.lastIndexOf(' '))}…`
}

export function moodleRows(ref: Referentiel): string[][] {
  const row = (parent: string, idNumber: string, name: string, description: string): string[] => [
    parent,
    idNumber,
    name,
    description,
    FORMAT_PLAIN,
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
  ]
  const rows: string[][] = [
    [
      '',
      MOODLE_FRAMEWORK_ID,
      `${ref.title} – Niveau ${ref.level}`,
      `Référentiel de compétences du titre « ${ref.title} », niveau ${ref.level}. Certificateur : ${ref.certifier}.`,
      FORMAT_PLAIN,
      SCALE_VALUES,
      SCALE_CONFIGURATION,
      '',
      '',
      '',
      '',
      '',
      '1',
      'domain,competency,indicator',
    ],
  ]
  for (const activity of ref.activities) {
    rows.push(row('', activity.id, shortName(activity.id, activity.title), activity.title))
    for (const c of activity.competencies) {
      rows.push(row(activity.id, c.id, shortName(c.id, c.text), `${c.text}\n\n${c.criteriaHeading}`))
      for (const k of c.criteria) rows.push(row(c.id, k.id, shortName(k.id, k.text), k.text))
    }
  }
  return rows
}

/** UTF-8 with a byte-order mark so spreadsheet software keeps the accents. */
export function moodleCsv(ref: Referentiel): string {
  return `\ufeff${stringify([[...MOODLE_HEADERS], ...moodleRows(ref)], { record_delimiter: '\r\n' })}`
}
