import { formatDate, formatMoney, formatNumber } from '~/domain/format'

/** The French words of the table kind, for the screen, Word and Excel alike. */

export const COLUMN_TYPES = ['text', 'number', 'money', 'percent', 'date', 'choice'] as const
export type ColumnType = (typeof COLUMN_TYPES)[number]

/** What follows a column's label in headers: « Budget (€) ». */
export const UNIT_SUFFIX: Record<ColumnType, string> = { text: '', number: '', money: ' (€)', percent: ' (%)', date: '', choice: '' }

export const TABLE_LABELS = {
  kind: 'Tableau',
  addRow: 'Ajouter une ligne',
  noRows: 'Aucune ligne.',
  noRowsYet: 'Aucune ligne pour l’instant.',
  total: 'Total',
  row: (index: number) => `Ligne ${index + 1}`,
  /** The `eachValue` hint: « Colonne « Facteur » : aucune ligne « Légal ». » */
  valueMissing: (column: string, value: string) => `Colonne «\u00a0${column}\u00a0»\u00a0: aucune ligne «\u00a0${value}\u00a0».`,
  valueRepeated: (column: string, value: string, count: number) =>
    `Colonne «\u00a0${column}\u00a0»\u00a0: «\u00a0${value}\u00a0» figure sur ${count} lignes\u202f; une seule est attendue.`,
} as const

/** Types whose column is right-aligned and summed. */
export const isNumeric = (type: ColumnType) => type === 'number' || type === 'money' || type === 'percent'

/** A cell as French text (« — » when empty): the same on screen and in exports. */
export function cellText(type: ColumnType, v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—'
  if (typeof v === 'number') {
    if (type === 'money') return formatMoney(v)
    if (type === 'percent') return `${formatNumber(v)}\u00a0%`
    return formatNumber(v)
  }
  return type === 'date' ? formatDate(v) : v
}
