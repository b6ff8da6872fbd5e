/**
 * The contract of a cohort import (issue 13 §2): what the admin's preview, the
 * confirmation and `npm run cohort:import` show. Built by
 * app/services/cohort-import.server.ts; pure types and wording here.
 */

/** What a column of the file is read as. `name` is a full name, when the file has no first/last name columns. */
export type ImportField = 'firstName' | 'lastName' | 'name' | 'email' | 'group'

export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  firstName: 'Prénom',
  lastName: 'Nom',
  name: 'Nom complet',
  email: 'Adresse e-mail',
  group: 'Groupe',
}

/** How one column of the file was read: its letter as a spreadsheet shows it (A, B…), its header, the field (null: ignored). */
export type ColumnReading = { column: string; header: string; field: ImportField | null }

/** A refused line, numbered as a spreadsheet shows the file (the header is line 1); `column` null for the whole line or file. */
export type ImportLineError = { line: number; column: string | null; message: string }

/** A line that can be imported: `new` creates an account, `existing` enrols an account found by e-mail. */
export type ImportRow = { line: number; name: string; email: string; group: string | null; status: 'new' | 'existing' }

export type ImportReport = {
  fileName: string
  format: 'csv' | 'xlsx'
  columns: ColumnReading[]
  rows: ImportRow[]
  errors: ImportLineError[]
  /** Lines read (the header excluded, blank lines skipped). */
  lines: number
}

/** A new account's one-time link to set its password (the token is never stored, only its hash). */
export type CreatedAccount = { name: string; email: string; link: string; expiresAt: number }

export type ImportOutcome = { report: ImportReport; created: CreatedAccount[]; enrolled: number }

/** The file's size limit and the one-time links' lifetime. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024
export const PASSWORD_LINK_DAYS = 14

/** The unusable password marker of an account whose owner has not set a password yet: no scrypt hash, so every login fails. */
export const NO_PASSWORD = '!pending'

/** The lower-cased letters and digits of a header, accents dropped: « Adresse e-mail » → `adresseemail`. */
export function headerKey(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
}

const HEADER_FIELDS: Record<string, ImportField> = {
  prenom: 'firstName',
  prenoms: 'firstName',
  firstname: 'firstName',
  nom: 'lastName',
  nomdefamille: 'lastName',
  nomdusage: 'lastName',
  lastname: 'lastName',
  surname: 'lastName',
  familyname: 'lastName',
  nomcomplet: 'name',
  nometprenom: 'name',
  prenometnom: 'name',
  nomprenom: 'name',
  prenomnom: 'name',
  fullname: 'name',
  candidat: 'name',
  candidate: 'name',
  email: 'email',
  mail: 'email',
  courriel: 'email',
  adresseemail: 'email',
  adressemail: 'email',
  adressecourriel: 'email',
  adresseelectronique: 'email',
  emailaddress: 'email',
  groupe: 'group',
  group: 'group',
}

/** The field a header is read as, case-, accent-, space-, hyphen- and underscore-insensitive; null: ignored. */
export function headerField(header: string): ImportField | null {
  return HEADER_FIELDS[headerKey(header)] ?? null
}

/** A column's letter as a spreadsheet shows it: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  return letters
}

/**
 * How each column of the header line is read, and the file-level errors
 * (line 1): no e-mail column, no name (neither first and last name nor full
 * name), a field read in two columns.
 */
export function readColumns(headers: readonly string[]): { columns: ColumnReading[]; errors: ImportLineError[] } {
  const columns = headers.map((header, i) => ({ column: columnLetter(i), header: collapseSpaces(header), field: headerField(header) }))
  const errors: ImportLineError[] = []
  const seen = new Map<ImportField, ColumnReading>()
  for (const c of columns) {
    if (!c.field) continue
    const first = seen.get(c.field)
    if (first) {
      errors.push({
        line: 1,
        column: c.column,
        message: `la colonne ${c.column} («\u00a0${c.header}\u00a0») et la colonne ${first.column} («\u00a0${first.header}\u00a0») se lisent toutes deux comme «\u00a0${IMPORT_FIELD_LABELS[c.field]}\u00a0»\u00a0: gardez-en une seule.`,
      })
    } else seen.set(c.field, c)
  }
  if (!seen.has('email'))
    errors.push({
      line: 1,
      column: null,
      message: 'aucune colonne d’adresse e-mail\u00a0: ajoutez une colonne «\u00a0E-mail\u00a0» (ou «\u00a0Courriel\u00a0», «\u00a0Adresse e-mail\u00a0»).',
    })
  if (!seen.has('name') && !(seen.has('firstName') && seen.has('lastName')))
    errors.push({
      line: 1,
      column: null,
      message: 'aucune colonne de nom\u00a0: ajoutez les colonnes «\u00a0Prénom\u00a0» et «\u00a0Nom\u00a0», ou une colonne «\u00a0Nom complet\u00a0».',
    })
  return { columns, errors }
}

/** Trims and collapses every run of whitespace (no-break spaces included) into one space; accents and apostrophes are kept as typed. */
export function collapseSpaces(text: string): string {
  return text.replace(/\s+/gu, ' ').trim()
}

/** « Ligne 4, colonne C : adresse e-mail manquante. » */
export function formatImportError(error: ImportLineError): string {
  return `Ligne ${error.line}${error.column ? `, colonne ${error.column}` : ''}\u00a0: ${error.message}`
}

/** A roster line's account: `pending` when its owner has not set a password yet (welcome link not used). */
export type AccountState = 'active' | 'pending' | 'deactivated'

export const ACCOUNT_STATE_LABELS: Record<AccountState, string> = {
  active: 'Actif',
  pending: 'Mot de passe à définir (lien en attente)',
  deactivated: 'Désactivé',
}
