/**
 * The contract of a case's material (issue 13 §6): the fictional company files
 * a school attaches to each cas pratique and MSP, what they may be, how they
 * are named and shown, and the table a CSV or Excel file yields. Pure: used by
 * app/services/case-materials.server.ts, the admin screen, the dossier page,
 * the table kind's import and the HTTP body cap (server/http-guards.ts).
 */

/** The largest file a school may attach (the upload route's body cap is a little above it). */
export const MAX_CASE_FILE_BYTES = 20 * 1024 * 1024
/** Files per épreuve of one session: enough for a case, few enough to be read. */
export const MAX_CASE_FILES = 30

/** The text of a case: its title and body, at most. */
export const CASE_TITLE_MAX = 200
export const CASE_BODY_MAX = 50_000

/** The épreuve types that come with a fictional company's material. */
export const CASE_EPREUVE_TYPES = ['cas-pratique', 'mise-en-situation'] as const
export const CASE_EPREUVE_LABELS: Record<(typeof CASE_EPREUVE_TYPES)[number], string> = {
  'cas-pratique': 'Cas pratique',
  'mise-en-situation': 'Mise en situation professionnelle',
}

/** True for a cas pratique or an MSP: the épreuves whose dossiers show the case's material. */
export function hasCaseMaterial(evaluation: { type: string }): boolean {
  return (CASE_EPREUVE_TYPES as readonly string[]).includes(evaluation.type)
}

export const CASE_FILE_KINDS = ['pdf', 'xlsx', 'csv', 'text'] as const
export type CaseFileKind = (typeof CASE_FILE_KINDS)[number]

/** The type a file is served with (stored as is in `case_material_files.mime`). */
export const CASE_FILE_MIME: Record<CaseFileKind, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  text: 'text/plain; charset=utf-8',
}

/** What the user reads for each type. */
export const CASE_FILE_LABELS: Record<CaseFileKind, string> = {
  pdf: 'PDF',
  xlsx: 'Classeur Excel',
  csv: 'Tableau CSV',
  text: 'Texte',
}

/** The extension a stored file name ends with, for its type. */
export const CASE_FILE_EXTENSIONS: Record<CaseFileKind, string> = { pdf: 'pdf', xlsx: 'xlsx', csv: 'csv', text: 'txt' }

/** What the file picker proposes (the server decides from the content anyway). */
export const CASE_FILE_ACCEPT = '.pdf,.xlsx,.csv,.txt,.md,application/pdf,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv,text/plain'

export function caseFileKindOf(mime: string): CaseFileKind | null {
  return CASE_FILE_KINDS.find((k) => CASE_FILE_MIME[k] === mime) ?? null
}

/** CSV and Excel files hold a table a learner may import into a table of their dossier. */
export const isTabular = (kind: CaseFileKind | null): kind is 'csv' | 'xlsx' => kind === 'csv' || kind === 'xlsx'

/** Sizes are written by the app's one formatter (also used for the evidence files of tables). */
export { formatFileSize } from './format'

/** The first table of a CSV or Excel file: its header and its rows, as text. */
export type CaseTable = {
  fileName: string
  headers: string[]
  rows: string[][]
  /** The file has more rows than CASE_TABLE_LIMITS.rows: only the first ones are here. */
  truncatedRows: boolean
  /** Columns left out beyond CASE_TABLE_LIMITS.columns. */
  droppedColumns: number
}

/** What is read of a file's table: a dossier table holds 500 rows at most, 12 columns, 5 000 characters a cell. */
export const CASE_TABLE_LIMITS = { rows: 500, columns: 30, cell: 5_000 } as const

/** A file of a case as the screens show it. */
export type CaseFileView = {
  id: string
  name: string
  kind: CaseFileKind
  typeLabel: string
  sizeLabel: string
  /** Where it is downloaded. */
  href: string
  /** Where its table is read as JSON (CSV and Excel only). */
  tableHref: string | null
}

export const caseFileHref = (id: string) => `/documents-de-cas/${id}`
export const caseTableHref = (id: string) => `/api/documents-de-cas/${id}/table`
