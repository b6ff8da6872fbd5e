import { type Attachment, attachmentText, isAttachment } from '~/domain/attachments'
import { formatDate, formatMoney, formatNumber } from '~/domain/format'

/** The French words of the table kind, for the screen, Word and Excel alike. */

/** `file`: « pièce jointe », an evidence file of the learner's (app/domain/attachments.ts). */
export const COLUMN_TYPES = ['text', 'number', 'money', 'percent', 'date', 'choice', 'file'] as const
export type ColumnType = (typeof COLUMN_TYPES)[number]

/** What follows a column's label in headers: « Budget (€) ». */
export const UNIT_SUFFIX: Record<ColumnType, string> = { text: '', number: '', money: ' (€)', percent: ' (%)', date: '', choice: '', file: '' }

export const TABLE_LABELS = {
  kind: 'Tableau',
  /** A slide's table, as its text alternative. */
  pictureAlt: (headers: string[], rows: number) => `Tableau de ${rows} ligne${rows > 1 ? 's' : ''}, colonnes ${headers.join(', ')}.`,
  addRow: 'Ajouter une ligne',
  noRows: 'Aucune ligne.',
  noRowsYet: 'Aucune ligne pour l’instant.',
  total: 'Total',
  row: (index: number) => `Ligne ${index + 1}`,
  noFile: 'Aucun fichier joint.',
  loading: 'Chargement…',
  attach: 'Joindre un fichier',
  replace: 'Remplacer le fichier',
  remove: 'Retirer le fichier',
  sending: 'Envoi du fichier…',
  sent: (name: string) => `Fichier joint\u00a0: «\u00a0${name}\u00a0».`,
  removed: 'Fichier retiré de la ligne (il reste dans l’historique de la section).',
  sendFailed: 'L’envoi a échoué\u00a0: vérifiez la connexion et réessayez.',
  accepted: 'PDF, image, Word, Excel, PowerPoint ou OpenDocument, 10\u00a0Mo au plus.',
  pdfPreview: 'Aperçu du PDF',
  open: (name: string) => `Ouvrir «\u00a0${name}\u00a0»`,
  download: (name: string) => `Télécharger «\u00a0${name}\u00a0»`,
  /** The `eachValue` hint: « Colonne « Facteur » : aucune ligne « Légal ». » */
  valueMissing: (column: string, value: string) => `Colonne «\u00a0${column}\u00a0»\u00a0: aucune ligne «\u00a0${value}\u00a0».`,
  valueRepeated: (column: string, value: string, count: number) =>
    `Colonne «\u00a0${column}\u00a0»\u00a0: «\u00a0${value}\u00a0» figure sur ${count} lignes\u202f; une seule est attendue.`,
} as const

/** Types whose column is right-aligned and summed. */
export const isNumeric = (type: ColumnType) => type === 'number' || type === 'money' || type === 'percent'

/** A cell as French text (« — » when empty): the same on screen and in exports. */
export function cellText(type: ColumnType, v: string | number | Attachment | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—'
  if (isAttachment(v)) return attachmentText(v)
  if (typeof v === 'number') {
    if (type === 'money') return formatMoney(v)
    if (type === 'percent') return `${formatNumber(v)}\u00a0%`
    return formatNumber(v)
  }
  return type === 'date' ? formatDate(v) : v
}
