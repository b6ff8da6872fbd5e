/**
 * Cohort import (issue 13 §2): a CSV or Excel file of learners → accounts,
 * enrolments in an exam session, group memberships and one welcome link per
 * new account. `planCohortImport` writes nothing (the preview, `--dry-run`);
 * `applyCohortImport` plans again inside one IMMEDIATE transaction and writes
 * everything or nothing.
 *
 * Errors:
 * - `CohortImportError` (status 400, 404 or 413, French message): the file
 *   cannot be read at all (too big, empty, not UTF-8, unreadable workbook) or
 *   the exam session does not exist (404);
 * - `CohortImportRefused` (from `applyCohortImport` only): the plan has errors,
 *   carried in `report`; nothing was written.
 * Everything else about the file (columns, lines) is in the report's `errors`.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import { z } from 'zod'
import {
  ACCOUNT_STATE_LABELS,
  collapseSpaces,
  IMPORT_MAX_BYTES,
  NO_PASSWORD,
  readColumns,
  type AccountState,
  type CreatedAccount,
  type ImportField,
  type ImportLineError,
  type ImportOutcome,
  type ImportReport,
  type ImportRow,
} from '~/domain/cohort-import'
import type { SessionUser } from './auth.server'
import { epochMs, getDb, inList, schema, type DbHandle, transaction } from './db.server'
import { addGroupMembers, enrollLearners } from './dossier-provisioning.server'
import { createPasswordLink, passwordLinkPath } from './password-links.server'
import { referentiel } from './referentiel.server'

const { users, userRoles, enrollments, examSessions, groups, groupMembers, passwordLinks } = schema

/** An uploaded file: its name (shown in the report) and its bytes (a Buffer is a Uint8Array). */
export type CohortFile = { name: string; bytes: Uint8Array }

/** The file's lines as a spreadsheet numbers them (`headerLine` is 1 unless an Excel sheet starts with blank rows). */
export type ParsedCohortFile = { format: 'csv' | 'xlsx'; headers: string[]; headerLine: number; records: { line: number; cells: string[] }[] }

export class CohortImportError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 413 = 400,
  ) {
    super(message)
    this.name = 'CohortImportError'
  }
}

/** Thrown by `applyCohortImport` when a line or the header is refused: nothing was written. */
export class CohortImportRefused extends Error {
  constructor(readonly report: ImportReport) {
    super(`Import refusé : ${report.errors.length} erreur${report.errors.length > 1 ? 's' : ''} dans le fichier, rien n’a été enregistré.`)
    this.name = 'CohortImportRefused'
  }
}

export const UNKNOWN_SESSION = 'Cette session d’examen n’existe pas.'
/** When the référentiel gives no size for a group épreuve. */
const DEFAULT_GROUP_MAX = 3

// ---------------------------------------------------------------------------
// Reading the file

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04

/** Reads a CSV (UTF-8, `;`, `,` or tab) or an Excel workbook (its first sheet), told apart by their content. */
export async function parseCohortFile(file: CohortFile): Promise<ParsedCohortFile> {
  if (file.bytes.length > IMPORT_MAX_BYTES)
    throw new CohortImportError(`Ce fichier est trop volumineux (${IMPORT_MAX_BYTES / 1024 / 1024}\u00a0Mo au plus).`, 413)
  if (file.bytes.length === 0) throw new CohortImportError('Ce fichier est vide.')
  return isZip(file.bytes) ? parseXlsx(file.bytes) : parseCsv(file.bytes)
}

function detectDelimiter(headerLine: string): string {
  const counts = [';', ',', '\t'].map((d) => ({ d, n: headerLine.split(d).length - 1 }))
  const best = counts.reduce((a, b) => (b.n > a.n ? b : a))
  return best.n > 0 ? best.d : ','
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '')

function parseCsv(bytes: Uint8Array): ParsedCohortFile {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new CohortImportError(
      'Ce fichier n’est pas encodé en UTF-8 (les accents seraient mal lus). Dans Excel, choisissez « Enregistrer sous » › « CSV UTF-8 (délimité par des virgules) », ou importez directement le fichier .xlsx.',
    )
  }
  const headerText =
    text
      .replace(/^\uFEFF/, '')
      .split(/\r\n|\n|\r/)
      .find((l) => l.trim() !== '') ?? ''
  let rows: { record: string[]; info: { records: number; empty_lines: number } }[]
  try {
    rows = parse(text, {
      bom: true,
      delimiter: detectDelimiter(headerText),
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as unknown as typeof rows
  } catch (error) {
    const line = (error as { lines?: number }).lines
    throw new CohortImportError(`Ce fichier CSV est mal formé${line ? ` vers la ligne ${line}` : ''} (un guillemet n’est-il pas fermé\u00a0?).`)
  }
  // Spreadsheet rows: blank lines count, and a quoted cell spanning several lines of the file is one row.
  const lines = rows.map(({ record, info }) => ({ line: info.records + info.empty_lines, cells: record }))
  return toParsed('csv', lines)
}

function toParsed(format: 'csv' | 'xlsx', lines: { line: number; cells: string[] }[]): ParsedCohortFile {
  const filled = lines.filter((l) => !isBlank(l.cells))
  const header = filled[0]
  if (!header) throw new CohortImportError('Ce fichier ne contient aucune ligne.')
  const headers = [...header.cells]
  while (headers.length && headers[headers.length - 1]!.trim() === '') headers.pop()
  return { format, headers, headerLine: header.line, records: filled.slice(1) }
}

/** A cell as text: rich text, hyperlinks (an e-mail cell is often one), formulas' results, numbers, dates (yyyy-mm-dd). */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10)
  if ('richText' in value) return value.richText.map((r) => r.text).join('')
  if ('hyperlink' in value) {
    const text = cellText(value.text as ExcelJS.CellValue)
    return text || String(value.hyperlink).replace(/^mailto:/i, '')
  }
  if ('formula' in value || 'sharedFormula' in value)
    return value.result === undefined || (typeof value.result === 'object' && 'error' in value.result) ? '' : cellText(value.result)
  return ''
}

async function parseXlsx(bytes: Uint8Array): Promise<ParsedCohortFile> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer)
  } catch {
    throw new CohortImportError('Ce classeur Excel est illisible. Enregistrez-le de nouveau au format .xlsx, ou en CSV UTF-8.')
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw new CohortImportError('Ce classeur ne contient aucune feuille.')
  const lines: { line: number; cells: string[] }[] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[]
    const cells = Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellText(values[i + 1]))
    lines.push({ line: rowNumber, cells })
  })
  return toParsed('xlsx', lines)
}

// ---------------------------------------------------------------------------
// Planning

const emailSchema = z.email()
const MAX_NAME = 120
const groupKey = (name: string) => collapseSpaces(name).toLowerCase()
const quote = (s: string) => `«\u00a0${s}\u00a0»`

type PlannedLine = { line: number; name: string; email: string; userId: string | null; groupIds: string[] }

/** The report, and for each accepted line what to write. Reads only; the caller chooses the handle (a transaction for `apply`). */
async function planLines(
  db: DbHandle,
  sessionId: string,
  fileName: string,
  parsed: ParsedCohortFile,
): Promise<{ report: ImportReport; planned: PlannedLine[] }> {
  if (!(await db.select({ id: examSessions.id }).from(examSessions).where(eq(examSessions.id, sessionId)))[0]) throw new CohortImportError(UNKNOWN_SESSION, 404)
  const { columns, errors } = readColumns(parsed.headers)
  const report: ImportReport = {
    fileName,
    format: parsed.format,
    columns,
    rows: [],
    errors: errors.map((e) => ({ ...e, line: parsed.headerLine })),
    lines: parsed.records.length,
  }
  const planned: PlannedLine[] = []
  if (report.errors.length) return { report, planned }
  const index = (field: ImportField) => columns.findIndex((c) => c.field === field)
  const col = { email: index('email'), name: index('name'), firstName: index('firstName'), lastName: index('lastName'), group: index('group') }
  const letter = (i: number) => columns[i]!.column

  // What the database already holds, read once.
  const fileEmails = [...new Set(parsed.records.map((r) => (r.cells[col.email] ?? '').trim().toLowerCase()).filter(Boolean))]
  const found = fileEmails.length
    ? await db.select({ id: users.id, email: users.email, deactivatedAt: users.deactivatedAt }).from(users).where(inList(users.email, fileEmails))
    : []
  const foundIds = found.map((a) => a.id)
  const learners = new Set(
    foundIds.length
      ? (
          await db
            .select({ id: userRoles.userId })
            .from(userRoles)
            .where(and(inArray(userRoles.userId, foundIds), eq(userRoles.role, 'learner')))
        ).map((r) => r.id)
      : [],
  )
  const enrolled = new Set(
    foundIds.length
      ? (
          await db
            .select({ id: enrollments.learnerId })
            .from(enrollments)
            .where(and(inArray(enrollments.learnerId, foundIds), eq(enrollments.examSessionId, sessionId)))
        ).map((r) => r.id)
      : [],
  )
  const accounts = new Map(found.map((a) => [a.email, { ...a, learner: learners.has(a.id), enrolled: enrolled.has(a.id) }]))
  const sessionGroups = await db
    .select({ id: groups.id, name: groups.name, evaluationId: groups.evaluationId })
    .from(groups)
    .where(eq(groups.examSessionId, sessionId))
  const members = await db
    .select({ groupId: groupMembers.groupId, learnerId: groupMembers.learnerId })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(eq(groups.examSessionId, sessionId))
  const memberCount = new Map<string, number>()
  for (const m of members) memberCount.set(m.groupId, (memberCount.get(m.groupId) ?? 0) + 1)
  const isMember = new Set(members.map((m) => `${m.groupId} ${m.learnerId}`))
  const evaluations = new Map(referentiel.evaluations.map((e) => [e.id, e]))

  const seenEmails = new Map<string, number>()
  for (const record of parsed.records) {
    const { line, cells } = record
    const lineErrors: ImportLineError[] = []
    const fail = (column: string | null, message: string) => lineErrors.push({ line, column, message })
    const cell = (i: number) => (i < 0 ? '' : collapseSpaces(cells[i] ?? ''))

    if (parsed.format === 'csv') {
      const extra = cells.slice(parsed.headers.length)
      if (cells.length < parsed.headers.length)
        fail(
          null,
          `ligne incomplète\u00a0: ${cells.length} cellule${cells.length > 1 ? 's' : ''} au lieu de ${parsed.headers.length} (vérifiez les séparateurs).`,
        )
      else if (extra.some((c) => c.trim() !== ''))
        fail(null, `la ligne compte ${cells.length} cellules, l’en-tête ${parsed.headers.length}\u00a0: vérifiez les séparateurs et les guillemets.`)
    }

    // E-mail
    const email = cell(col.email).toLowerCase()
    const emailColumn = letter(col.email)
    let emailOk = false
    if (!email) fail(emailColumn, 'adresse e-mail manquante.')
    else if (!emailSchema.safeParse(email).success) fail(emailColumn, `adresse e-mail non valide\u00a0: ${quote(cell(col.email))}.`)
    else {
      const earlier = seenEmails.get(email)
      if (earlier !== undefined) fail(emailColumn, `adresse e-mail en double\u00a0: ${quote(email)} est déjà à la ligne ${earlier}.`)
      else {
        seenEmails.set(email, line)
        emailOk = true
      }
    }

    // Name: the full-name column when filled, else first and last names.
    const full = cell(col.name)
    const first = cell(col.firstName)
    const last = cell(col.lastName)
    let name = full
    if (!full && col.firstName >= 0 && col.lastName >= 0) {
      if (!first) fail(letter(col.firstName), 'prénom manquant.')
      if (!last) fail(letter(col.lastName), 'nom manquant.')
      name = `${first} ${last}`.trim()
    } else if (!full) fail(letter(col.name), 'nom complet manquant.')
    if (name.length > MAX_NAME) fail(letter(full ? col.name : col.lastName), `nom trop long (${MAX_NAME} caractères au plus).`)

    // Existing account
    const account = emailOk ? accounts.get(email) : undefined
    if (account) {
      if (!account.learner)
        fail(emailColumn, `ce compte existe sans le rôle candidat·e (${quote(email)})\u00a0: ajoutez-lui ce rôle dans Utilisateurs, ou retirez la ligne.`)
      else if (account.deactivatedAt) fail(emailColumn, `ce compte est désactivé (${quote(email)})\u00a0: réactivez-le dans Utilisateurs, ou retirez la ligne.`)
      else if (account.enrolled) fail(emailColumn, `${quote(email)} est déjà inscrit·e à cette session.`)
    }

    // Group
    const groupName = cell(col.group)
    const matched = groupName ? sessionGroups.filter((g) => groupKey(g.name) === groupKey(groupName)) : []
    if (groupName && matched.length === 0) {
      const known = [...new Set(sessionGroups.map((g) => g.name))].sort((a, b) => a.localeCompare(b, 'fr'))
      fail(
        letter(col.group),
        `groupe inconnu dans cette session\u00a0: ${quote(groupName)}.${known.length ? ` Groupes de la session\u00a0: ${known.slice(0, 12).join(', ')}${known.length > 12 ? '…' : ''}.` : ' La session n’a encore aucun groupe.'}`,
      )
    }

    if (lineErrors.length === 0) {
      const joined = matched.filter((g) => !(account && isMember.has(`${g.id} ${account.id}`)))
      for (const g of joined) {
        const max = evaluations.get(g.evaluationId)?.groupSize?.max ?? DEFAULT_GROUP_MAX
        const size = (memberCount.get(g.id) ?? 0) + 1
        if (size > max) {
          const title = evaluations.get(g.evaluationId)?.title
          fail(letter(col.group), `le groupe ${quote(g.name)}${title ? ` (${title})` : ''} compterait ${size} membres\u00a0: ${max} au plus.`)
        }
      }
      if (lineErrors.length === 0) {
        for (const g of joined) memberCount.set(g.id, (memberCount.get(g.id) ?? 0) + 1)
        const row: ImportRow = { line, name, email, group: matched[0]?.name ?? null, status: account ? 'existing' : 'new' }
        report.rows.push(row)
        planned.push({ line, name, email, userId: account?.id ?? null, groupIds: joined.map((g) => g.id) })
      }
    }
    report.errors.push(...lineErrors)
  }
  if (parsed.records.length === 0)
    report.errors.push({ line: parsed.headerLine, column: null, message: 'le fichier ne contient aucun·e candidat·e sous la ligne d’en-tête.' })
  return { report, planned }
}

/** What importing the file would do, line by line; writes nothing. Throws `CohortImportError` (unreadable file: 400/413; unknown session: 404). */
export async function planCohortImport(sessionId: string, file: CohortFile, db: DbHandle = getDb()): Promise<ImportReport> {
  const parsed = await parseCohortFile(file)
  return (await planLines(db, sessionId, file.name, parsed)).report
}

/**
 * Imports the file, all or nothing: plans again inside one IMMEDIATE
 * transaction and throws `CohortImportRefused` (nothing written) when any line
 * is refused; otherwise creates the new accounts (learner role, no usable
 * password, one welcome link each: `${baseUrl}/mot-de-passe/<token>`), enrols
 * every line's account (dossiers created) and adds them to their groups.
 * `admin` is recorded as the links' creator (null from the command line).
 */
export async function applyCohortImport(
  sessionId: string,
  file: CohortFile,
  admin: Pick<SessionUser, 'id'> | null,
  options: { baseUrl: string; now?: Date },
): Promise<ImportOutcome> {
  const parsed = await parseCohortFile(file)
  const now = options.now ?? new Date()
  const baseUrl = options.baseUrl.replace(/\/+$/, '')
  return await transaction(getDb(), async (tx) => {
    const { report, planned } = await planLines(tx, sessionId, file.name, parsed)
    if (report.errors.length) throw new CohortImportRefused(report)
    const created: CreatedAccount[] = []
    const learnerIds: string[] = []
    const byGroup = new Map<string, string[]>()
    for (const p of planned) {
      let userId = p.userId
      if (!userId) {
        userId = (await tx.insert(users).values({ email: p.email, name: p.name, passwordHash: NO_PASSWORD, createdAt: now }).returning({ id: users.id }))[0]!.id
        await tx.insert(userRoles).values({ userId, role: 'learner' })
        const link = await createPasswordLink(tx, { userId, purpose: 'welcome', createdBy: admin?.id ?? null, now })
        created.push({ name: p.name, email: p.email, link: `${baseUrl}${passwordLinkPath(link.token)}`, expiresAt: link.expiresAt })
      }
      learnerIds.push(userId)
      for (const g of p.groupIds) byGroup.set(g, [...(byGroup.get(g) ?? []), userId])
    }
    await enrollLearners(tx, sessionId, learnerIds)
    for (const [groupId, ids] of byGroup) await addGroupMembers(tx, groupId, ids)
    return { report, created, enrolled: learnerIds.length }
  })
}

// ---------------------------------------------------------------------------
// Roster export

export type RosterRow = {
  id: string
  name: string
  email: string
  /** One entry per group épreuve the learner has a group in, in référentiel order. */
  groups: { evaluationId: string; evaluation: string; group: string }[]
  state: AccountState
  /** The latest unused link's expiry (ms), for a pending account; null otherwise. */
  linkExpiresAt: number | null
}

/** The session's learners by name: e-mail, groups by épreuve, account state. Throws `CohortImportError` 404 for an unknown session. */
export async function rosterRows(sessionId: string, db: DbHandle = getDb()): Promise<RosterRow[]> {
  if (!(await db.select({ id: examSessions.id }).from(examSessions).where(eq(examSessions.id, sessionId)))[0]) throw new CohortImportError(UNKNOWN_SESSION, 404)
  const learners = (
    await db
      .select({ id: users.id, name: users.name, email: users.email, passwordHash: users.passwordHash, deactivatedAt: users.deactivatedAt })
      .from(enrollments)
      .innerJoin(users, eq(users.id, enrollments.learnerId))
      .where(eq(enrollments.examSessionId, sessionId))
  ).sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.email.localeCompare(b.email))
  const memberships = await db
    .select({ learnerId: groupMembers.learnerId, evaluationId: groups.evaluationId, group: groups.name })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(eq(groups.examSessionId, sessionId))
  const links = await db
    .select({ userId: passwordLinks.userId, expiresAt: sql<number>`max(${epochMs(passwordLinks.expiresAt)})` })
    .from(passwordLinks)
    .innerJoin(enrollments, and(eq(enrollments.learnerId, passwordLinks.userId), eq(enrollments.examSessionId, sessionId)))
    .where(isNull(passwordLinks.usedAt))
    .groupBy(passwordLinks.userId)
  const linkExpiry = new Map(links.map((l) => [l.userId, Number(l.expiresAt)]))
  const order = new Map(referentiel.evaluations.map((e, i) => [e.id, i]))
  const titles = new Map(referentiel.evaluations.map((e) => [e.id, e.title]))
  return learners.map((l) => {
    const state: AccountState = l.deactivatedAt ? 'deactivated' : l.passwordHash === NO_PASSWORD ? 'pending' : 'active'
    return {
      id: l.id,
      name: l.name,
      email: l.email,
      groups: memberships
        .filter((m) => m.learnerId === l.id)
        .sort((a, b) => (order.get(a.evaluationId) ?? 999) - (order.get(b.evaluationId) ?? 999))
        .map((m) => ({ evaluationId: m.evaluationId, evaluation: titles.get(m.evaluationId) ?? m.evaluationId, group: m.group })),
      state,
      linkExpiresAt: state === 'pending' ? (linkExpiry.get(l.id) ?? null) : null,
    }
  })
}

/** The roster as an Excel workbook: Nom, Adresse e-mail, one « Groupe » column per group épreuve of the session, État du compte. */
export async function rosterWorkbook(sessionId: string, db: DbHandle = getDb()): Promise<Buffer> {
  const rows = await rosterRows(sessionId, db)
  const sessionEvaluations = new Set(
    (await db.select({ evaluationId: groups.evaluationId }).from(groups).where(eq(groups.examSessionId, sessionId))).map((g) => g.evaluationId),
  )
  const evaluations = referentiel.evaluations.filter((e) => sessionEvaluations.has(e.id))
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Candidats', { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = [
    { header: 'Nom', key: 'name', width: 32 },
    { header: 'Adresse e-mail', key: 'email', width: 36 },
    ...evaluations.map((e) => ({ header: `Groupe – ${e.title}`, key: `g:${e.id}`, width: 24 })),
    { header: 'État du compte', key: 'state', width: 40 },
  ]
  for (const r of rows) {
    sheet.addRow({
      name: r.name,
      email: r.email,
      ...Object.fromEntries(evaluations.map((e) => [`g:${e.id}`, r.groups.find((g) => g.evaluationId === e.id)?.group ?? ''])),
      state: ACCOUNT_STATE_LABELS[r.state],
    })
  }
  const header = sheet.getRow(1)
  header.font = { bold: true }
  header.alignment = { vertical: 'top', wrapText: true }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columnCount } }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
