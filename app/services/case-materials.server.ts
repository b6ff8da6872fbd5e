/**
 * The fictional company material of a session's cas pratiques and MSP (issue
 * 13 §6): one text per épreuve (title and body) and files — PDF, Excel
 * (.xlsx), CSV or plain text, 20 Mo at most — whose type is read from their
 * bytes, never from their name. The bytes live in
 * `<uploadsDir()>/case-materials/<id>`, the row in `case_material_files`
 * with their SHA-256.
 *
 * Who reads them: the admins; a learner, tutor or juror only if they may see
 * a dossier of that session and épreuve (the relations of
 * dossier-access.server.ts, scoped in one query). A case's material names no
 * candidate, so anonymous marking is not at stake.
 *
 * Errors are `CaseMaterialError` (status and French message); nothing is
 * written when one is thrown.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { and, asc, eq, sql } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { fileTypeFromBuffer } from 'file-type'
import {
  CASE_BODY_MAX,
  CASE_EPREUVE_LABELS,
  CASE_FILE_EXTENSIONS,
  CASE_FILE_LABELS,
  CASE_FILE_MIME,
  CASE_TABLE_LIMITS,
  CASE_TITLE_MAX,
  caseFileHref,
  caseFileKindOf,
  caseTableHref,
  formatFileSize,
  hasCaseMaterial,
  isTabular,
  MAX_CASE_FILE_BYTES,
  MAX_CASE_FILES,
  type CaseFileKind,
  type CaseFileView,
  type CaseTable,
} from '~/domain/case-material'
import type { SessionUser } from './auth.server'
import { cellText } from './cohort-import.server'
import { getDb, schema, type DbHandle, queryRows } from './db.server'
import { epreuveTitle } from './groups-admin.server'
import { referentiel, referentielIndex } from './referentiel.server'
import { uploadsDir } from './uploads.server'

const { caseMaterials, caseMaterialFiles, examSessions, users } = schema

export class CaseMaterialError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409 | 413 = 400,
    /** The form field the message is about, if any. */
    readonly field: 'file' | 'title' | 'body' | null = null,
  ) {
    super(message)
    this.name = 'CaseMaterialError'
  }
}

export const NO_SESSION = 'Cette session d’examen n’existe pas.'
export const NOT_A_CASE = 'Cette épreuve n’a pas de documents de cas\u00a0: seuls les cas pratiques et les mises en situation professionnelles en ont.'
export const TOO_LARGE = `Ce fichier dépasse 20\u00a0Mo\u00a0: compressez le PDF ou scindez le document, puis joignez-le de nouveau.`
export const UNKNOWN_FILE = 'Ce document n’existe pas (il a peut-être été supprimé).'
const TITLE_MAX = CASE_TITLE_MAX
const BODY_MAX = CASE_BODY_MAX

// ---------------------------------------------------------------------------
// The épreuves with case material

/** The référentiel's cas pratiques and MSP, in its order (the same rule as the dossier page). */
export function caseEpreuves() {
  return referentiel.evaluations.filter(hasCaseMaterial)
}

function requireCaseEpreuve(evaluationId: string) {
  const evaluation = referentielIndex.evaluations.get(evaluationId)
  if (!evaluation || !hasCaseMaterial(evaluation)) throw new CaseMaterialError(NOT_A_CASE, 400)
  return evaluation
}

async function requireSession(sessionId: string, db: DbHandle) {
  if (!(await db.select({ id: examSessions.id }).from(examSessions).where(eq(examSessions.id, sessionId)))[0]) throw new CaseMaterialError(NO_SESSION, 404)
}

// ---------------------------------------------------------------------------
// The text

/** The fictional company material the school provides for an épreuve, if any. */
export async function caseMaterialFor(examSessionId: string, evaluationId: string) {
  return (
    (
      await getDb()
        .select({ title: caseMaterials.title, body: caseMaterials.body })
        .from(caseMaterials)
        .where(and(eq(caseMaterials.examSessionId, examSessionId), eq(caseMaterials.evaluationId, evaluationId)))
    )[0] ?? null
  )
}

/**
 * Writes the text of an épreuve's case (title and body, plain text: blank
 * lines between paragraphs, « # » for a heading, « - » for a list item).
 * Both empty removes it. Returns what happened, in French.
 */
export async function saveCaseText(sessionId: string, evaluationId: string, input: { title: string; body: string }, db: DbHandle = getDb()): Promise<string> {
  await requireSession(sessionId, db)
  requireCaseEpreuve(evaluationId)
  const title = input.title.replace(/\s+/g, ' ').trim()
  const body = input.body.replace(/\r\n?/g, '\n').trim()
  const where = and(eq(caseMaterials.examSessionId, sessionId), eq(caseMaterials.evaluationId, evaluationId))
  if (!title && !body) {
    const removed = (await db.delete(caseMaterials).where(where).returning({ id: caseMaterials.id })).length
    return removed ? 'Le texte du cas est supprimé.' : 'Il n’y avait pas de texte à enregistrer.'
  }
  if (!title) throw new CaseMaterialError('Donnez un titre au texte du cas (par exemple le nom de l’entreprise).', 400, 'title')
  if (title.length > TITLE_MAX) throw new CaseMaterialError(`Le titre est limité à ${TITLE_MAX}\u00a0caractères.`, 400, 'title')
  if (!body) throw new CaseMaterialError('Écrivez le texte du cas, ou videz aussi le titre pour le supprimer.', 400, 'body')
  if (body.length > BODY_MAX) throw new CaseMaterialError('Le texte est limité à 50\u00a0000\u00a0caractères\u00a0: joignez plutôt un PDF.', 400, 'body')
  await db
    .insert(caseMaterials)
    .values({ examSessionId: sessionId, evaluationId, title, body })
    .onConflictDoUpdate({ target: [caseMaterials.examSessionId, caseMaterials.evaluationId], set: { title, body } })
  return 'Le texte du cas est enregistré.'
}

// ---------------------------------------------------------------------------
// Reading a file's type from its bytes

/** Valid UTF-8 without NUL bytes: what a text or CSV file must be. */
export function isUtf8Text(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}

/** What some refused formats are, to say what to do instead. */
const REFUSED_HINTS: Record<string, string> = {
  cfb: 'C’est un ancien format Microsoft Office (.xls, .doc)\u00a0: enregistrez le classeur au format .xlsx, ou le document en PDF.',
  docx: 'C’est un document Word\u00a0: enregistrez-le en PDF.',
  pptx: 'C’est une présentation PowerPoint\u00a0: enregistrez-la en PDF.',
  odt: 'C’est un document OpenDocument\u00a0: enregistrez-le en PDF.',
  ods: 'C’est un classeur OpenDocument\u00a0: enregistrez-le au format .xlsx ou en CSV UTF-8.',
  zip: 'C’est une archive ZIP\u00a0: joignez les documents un par un.',
  png: 'C’est une image PNG\u00a0: insérez-la dans un PDF.',
  jpg: 'C’est une image JPEG\u00a0: insérez-la dans un PDF.',
  gif: 'C’est une image GIF\u00a0: insérez-la dans un PDF.',
  webp: 'C’est une image WebP\u00a0: insérez-la dans un PDF.',
}
const ACCEPTED = 'Seuls les PDF, les classeurs Excel (.xlsx), les tableaux CSV et les textes en UTF-8 sont acceptés'

export type SniffedFile = { kind: CaseFileKind; mime: string; name: string }

const extensionOf = (name: string) => /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1]?.toLowerCase() ?? null

/** The name a file is stored and downloaded under: its own, with the extension of its real type. */
export function storedName(name: string, kind: CaseFileKind): string {
  const clean = name
    .replace(/[\\/]/g, '_')
    // eslint-disable-next-line no-control-regex -- control characters never belong in a file name
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
  const current = extensionOf(clean)
  const expected = CASE_FILE_EXTENSIONS[kind]
  const kept = current === expected || (kind === 'text' && (current === 'md' || current === 'text'))
  const base = (current ? clean.slice(0, -(current.length + 1)) : clean).trim().slice(0, 180) || 'document'
  // A kept extension keeps its case (« .PDF »).
  return `${base}.${kept ? clean.slice(-current!.length) : expected}`
}

/**
 * The real type of a file, from its bytes: a PDF or an Excel workbook by its
 * signature (file-type), else a text if it is valid UTF-8 without NUL bytes —
 * then, and only then, its extension tells a CSV (.csv) from plain text.
 * Anything else is refused, with what it really is when that is known.
 */
export async function sniffCaseFile(name: string, bytes: Uint8Array): Promise<SniffedFile> {
  if (bytes.byteLength === 0) throw new CaseMaterialError('Ce fichier est vide.', 400, 'file')
  if (bytes.byteLength > MAX_CASE_FILE_BYTES) throw new CaseMaterialError(TOO_LARGE, 413, 'file')
  const detected = await fileTypeFromBuffer(bytes)
  let kind: CaseFileKind | null = null
  if (detected?.ext === 'pdf') kind = 'pdf'
  else if (detected?.ext === 'xlsx') kind = 'xlsx'
  else if (isUtf8Text(bytes)) kind = extensionOf(name) === 'csv' ? 'csv' : 'text'
  if (!kind) {
    const hint = detected ? REFUSED_HINTS[detected.ext] : null
    if (hint) throw new CaseMaterialError(`Ce fichier n’est pas accepté. ${hint}`, 400, 'file')
    if (detected) throw new CaseMaterialError(`${ACCEPTED}\u00a0; d’après son contenu, ce fichier est du type «\u00a0${detected.ext}\u00a0».`, 400, 'file')
    throw new CaseMaterialError(
      `${ACCEPTED}\u00a0; ce fichier n’en est pas un d’après son contenu. Un texte ou un CSV doit être enregistré en UTF-8 (dans Excel\u00a0: «\u00a0CSV UTF-8\u00a0»).`,
      400,
      'file',
    )
  }
  return { kind, mime: CASE_FILE_MIME[kind], name: storedName(name, kind) }
}

// ---------------------------------------------------------------------------
// Files

export type CaseFileRow = typeof caseMaterialFiles.$inferSelect

const filesDir = () => path.join(uploadsDir(), 'case-materials')
const filePath = (id: string) => path.join(filesDir(), id)

/** A file row as the screens show it. */
export function fileView(row: Pick<CaseFileRow, 'id' | 'name' | 'mime' | 'size'>): CaseFileView {
  const kind = caseFileKindOf(row.mime) ?? 'text'
  return {
    id: row.id,
    name: row.name,
    kind,
    typeLabel: CASE_FILE_LABELS[kind],
    sizeLabel: formatFileSize(row.size),
    href: caseFileHref(row.id),
    tableHref: isTabular(kind) ? caseTableHref(row.id) : null,
  }
}

/** The files of an épreuve's case, oldest first. */
export async function caseFiles(examSessionId: string, evaluationId: string, db: DbHandle = getDb()) {
  return await db
    .select({
      id: caseMaterialFiles.id,
      name: caseMaterialFiles.name,
      mime: caseMaterialFiles.mime,
      size: caseMaterialFiles.size,
      sha256: caseMaterialFiles.sha256,
      createdAt: caseMaterialFiles.createdAt,
      uploadedByName: users.name,
    })
    .from(caseMaterialFiles)
    .leftJoin(users, eq(users.id, caseMaterialFiles.uploadedBy))
    .where(and(eq(caseMaterialFiles.examSessionId, examSessionId), eq(caseMaterialFiles.evaluationId, evaluationId)))
    .orderBy(asc(caseMaterialFiles.createdAt), asc(caseMaterialFiles.name))
}

const A_KIND: Record<CaseFileKind, string> = { pdf: 'un PDF', xlsx: 'un classeur Excel', csv: 'un tableau CSV', text: 'un texte' }

export type AddedFile = { file: CaseFileRow; message: string }

/**
 * Attaches a file to an épreuve's case: checks the session, the épreuve (a
 * cas pratique or an MSP), the size and the real type, refuses a file already
 * attached (same SHA-256), then writes the row and the bytes (the row is
 * removed again if the bytes cannot be written).
 */
export async function addCaseFile(
  admin: Pick<SessionUser, 'id'>,
  sessionId: string,
  evaluationId: string,
  upload: { name: string; bytes: Uint8Array },
  db: DbHandle = getDb(),
): Promise<AddedFile> {
  await requireSession(sessionId, db)
  requireCaseEpreuve(evaluationId)
  const sniffed = await sniffCaseFile(upload.name, upload.bytes)
  const sha256 = createHash('sha256').update(upload.bytes).digest('hex')
  const existing = await caseFiles(sessionId, evaluationId, db)
  const same = existing.find((f) => f.sha256 === sha256)
  if (same) throw new CaseMaterialError(`Ce fichier est déjà joint à cette épreuve, sous le nom «\u00a0${same.name}\u00a0».`, 409, 'file')
  if (existing.length >= MAX_CASE_FILES) {
    throw new CaseMaterialError(`Une épreuve compte ${MAX_CASE_FILES}\u00a0documents au plus\u00a0: supprimez-en un avant d’en joindre un autre.`, 409, 'file')
  }
  const file = (
    await db
      .insert(caseMaterialFiles)
      .values({ examSessionId: sessionId, evaluationId, name: sniffed.name, mime: sniffed.mime, size: upload.bytes.byteLength, sha256, uploadedBy: admin.id })
      .returning()
  )[0]!
  try {
    fs.mkdirSync(filesDir(), { recursive: true })
    const partial = `${filePath(file.id)}.part`
    fs.writeFileSync(partial, upload.bytes)
    fs.renameSync(partial, filePath(file.id))
  } catch (error) {
    await db.delete(caseMaterialFiles).where(eq(caseMaterialFiles.id, file.id))
    throw error
  }
  const renamed = extensionOf(sniffed.name) !== extensionOf(upload.name)
  const message = renamed
    ? `«\u00a0${upload.name}\u00a0» est en réalité ${A_KIND[sniffed.kind]} (d’après son contenu)\u00a0: il est joint sous le nom «\u00a0${sniffed.name}\u00a0».`
    : `«\u00a0${sniffed.name}\u00a0» est joint (${CASE_FILE_LABELS[sniffed.kind]}, ${formatFileSize(file.size)}).`
  return { file, message }
}

/** Removes a file of the session's cases (row and bytes). */
export async function removeCaseFile(sessionId: string, fileId: string, db: DbHandle = getDb()): Promise<string> {
  const row = (
    await db
      .delete(caseMaterialFiles)
      .where(and(eq(caseMaterialFiles.id, fileId), eq(caseMaterialFiles.examSessionId, sessionId)))
      .returning()
  )[0]
  if (!row) throw new CaseMaterialError(UNKNOWN_FILE, 404)
  fs.rmSync(filePath(row.id), { force: true })
  return `«\u00a0${row.name}\u00a0» est supprimé\u00a0: les candidat·es ne le voient plus dans leur dossier.`
}

export async function findCaseFile(fileId: string, db: DbHandle = getDb()): Promise<CaseFileRow | undefined> {
  return (await db.select().from(caseMaterialFiles).where(eq(caseMaterialFiles.id, fileId)))[0]
}

export function readCaseFile(file: Pick<CaseFileRow, 'id'>): Buffer | null {
  try {
    return fs.readFileSync(filePath(file.id))
  } catch {
    return null
  }
}

// ---------------------------------------------------------------------------
// The admin's overview

export type CaseEpreuveMaterial = {
  evaluationId: string
  title: string
  typeLabel: string
  text: { title: string; body: string } | null
  files: (CaseFileView & { createdAt: number; uploadedByName: string | null })[]
}

export type CaseMaterialOverview = {
  session: { id: string; name: string; startsOn: string; endsOn: string }
  epreuves: CaseEpreuveMaterial[]
}

/** A session and every cas pratique and MSP of it with its text and files; null when the session does not exist. */
export async function caseMaterialOverview(sessionId: string, db: DbHandle = getDb()): Promise<CaseMaterialOverview | null> {
  const [session] = await db
    .select({ id: examSessions.id, name: examSessions.name, startsOn: examSessions.startsOn, endsOn: examSessions.endsOn })
    .from(examSessions)
    .where(eq(examSessions.id, sessionId))
  if (!session) return null
  const texts = await db.select().from(caseMaterials).where(eq(caseMaterials.examSessionId, sessionId))
  const files = await db
    .select({
      id: caseMaterialFiles.id,
      evaluationId: caseMaterialFiles.evaluationId,
      name: caseMaterialFiles.name,
      mime: caseMaterialFiles.mime,
      size: caseMaterialFiles.size,
      createdAt: caseMaterialFiles.createdAt,
      uploadedByName: users.name,
    })
    .from(caseMaterialFiles)
    .leftJoin(users, eq(users.id, caseMaterialFiles.uploadedBy))
    .where(eq(caseMaterialFiles.examSessionId, sessionId))
    .orderBy(asc(caseMaterialFiles.createdAt), asc(caseMaterialFiles.name))
  const epreuves = caseEpreuves().map((e) => {
    const text = texts.find((t) => t.evaluationId === e.id)
    return {
      evaluationId: e.id,
      title: epreuveTitle(e.id),
      typeLabel: CASE_EPREUVE_LABELS[e.type as keyof typeof CASE_EPREUVE_LABELS],
      text: text ? { title: text.title, body: text.body } : null,
      files: files.filter((f) => f.evaluationId === e.id).map((f) => ({ ...fileView(f), createdAt: f.createdAt.getTime(), uploadedByName: f.uploadedByName })),
    }
  })
  return { session, epreuves }
}

// ---------------------------------------------------------------------------
// Who may read

/**
 * True when `user` may read the case material of an épreuve of a session: an
 * admin; a learner who owns or shares a dossier of it; a tutor assigned, in
 * that session, to the learner (or a group member) of such a dossier; a juror
 * assigned to that épreuve in that session. Each relation counts only with
 * its role (RELATION_ROLE), as in dossierRelations, and is decided in the query.
 */
export async function mayReadCaseMaterial(user: SessionUser, examSessionId: string, evaluationId: string, db: DbHandle = getDb()): Promise<boolean> {
  if (user.roles.includes('admin')) return true
  const learner = user.roles.includes('learner') ? 1 : 0
  const tutor = user.roles.includes('tutor') ? 1 : 0
  const juror = user.roles.includes('juror') ? 1 : 0
  if (!learner && !tutor && !juror) return false
  const uid = user.id
  // `ok` is 1 or 0 on SQLite, true or false on PostgreSQL.
  const row = (
    await queryRows<{ ok: number | boolean }>(
      db,
      sql`select (
      exists (
        select 1 from dossiers d
        where d.exam_session_id = ${examSessionId} and d.evaluation_id = ${evaluationId} and (
          (${learner} = 1 and (d.learner_id = ${uid}
            or exists (select 1 from group_members gm where gm.group_id = d.group_id and gm.learner_id = ${uid})))
          or (${tutor} = 1 and exists (
            select 1 from tutor_assignments ta
            where ta.tutor_id = ${uid} and ta.exam_session_id = d.exam_session_id
              and (ta.learner_id = d.learner_id or ta.learner_id in (select gm.learner_id from group_members gm where gm.group_id = d.group_id))))))
      or (${juror} = 1 and exists (
        select 1 from juror_assignments ja
        where ja.juror_id = ${uid} and ja.exam_session_id = ${examSessionId} and ja.evaluation_id = ${evaluationId}))
    ) as ok`,
    )
  )[0]
  return Boolean(row?.ok)
}

/** The file if `user` may read it: 404 for an unknown file, 403 otherwise (Responses, for loaders). */
export async function authorizeCaseFile(user: SessionUser, fileId: string): Promise<CaseFileRow> {
  const file = await findCaseFile(fileId)
  if (!file) throw new Response(UNKNOWN_FILE, { status: 404 })
  if (!(await mayReadCaseMaterial(user, file.examSessionId, file.evaluationId))) {
    throw new Response('Ce document appartient au cas d’une épreuve dont vous n’avez aucun dossier.', { status: 403 })
  }
  return file
}

// ---------------------------------------------------------------------------
// A file's table

function detectDelimiter(firstLine: string): string {
  const counts = [';', ',', '\t'].map((d) => ({ d, n: firstLine.split(d).length - 1 }))
  const best = counts.reduce((a, b) => (b.n > a.n ? b : a))
  return best.n > 0 ? best.d : ','
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '')

function csvLines(bytes: Uint8Array): string[][] {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new CaseMaterialError('Ce fichier CSV n’est pas encodé en UTF-8.')
  }
  text = text.replace(/^\uFEFF/, '')
  const firstLine = text.split(/\r\n|\n|\r/).find((l) => l.trim() !== '') ?? ''
  try {
    return parse(text, {
      delimiter: detectDelimiter(firstLine),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      // The header, the rows kept, and enough beyond them to know the file is longer (blank rows are dropped later).
      to: CASE_TABLE_LIMITS.rows * 2 + 2,
    }) as string[][]
  } catch (error) {
    const line = (error as { lines?: number }).lines
    throw new CaseMaterialError(`Ce fichier CSV est mal formé${line ? ` vers la ligne ${line}` : ''} (un guillemet n’est-il pas fermé\u00a0?).`)
  }
}

async function xlsxLines(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer)
  } catch {
    throw new CaseMaterialError('Ce classeur Excel est illisible.')
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw new CaseMaterialError('Ce classeur ne contient aucune feuille.')
  const lines: string[][] = []
  sheet.eachRow({ includeEmpty: false }, (row) => {
    if (lines.length > CASE_TABLE_LIMITS.rows * 2 + 2) return
    const values = row.values as ExcelJS.CellValue[]
    lines.push(Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellText(values[i + 1])))
  })
  return lines
}

/**
 * The first table of a CSV (UTF-8 with or without BOM, `;`, `,` or tab,
 * quoted fields) or of an Excel workbook's first sheet: the first non-blank
 * row is the header, blank rows are skipped, every cell is trimmed text.
 * Capped at CASE_TABLE_LIMITS (rows, columns, characters a cell); the result
 * says what was left out.
 */
export async function parseCaseTable(kind: 'csv' | 'xlsx', bytes: Uint8Array, fileName: string): Promise<CaseTable> {
  const lines = (kind === 'csv' ? csvLines(bytes) : await xlsxLines(bytes)).map((l) => l.map((c) => c.trim())).filter((l) => !isBlank(l))
  const [header, ...body] = lines
  if (!header) throw new CaseMaterialError('Ce fichier ne contient aucun tableau.')
  const lastFilled = (cells: string[]) => {
    let n = cells.length
    while (n > 0 && cells[n - 1] === '') n--
    return n
  }
  const width = Math.max(lastFilled(header), ...body.map(lastFilled))
  const kept = Math.min(width, CASE_TABLE_LIMITS.columns)
  const cut = (c: string) => c.slice(0, CASE_TABLE_LIMITS.cell)
  return {
    fileName,
    headers: Array.from({ length: kept }, (_, i) => cut(header[i] ?? '') || `Colonne ${i + 1}`),
    rows: body.slice(0, CASE_TABLE_LIMITS.rows).map((r) => Array.from({ length: kept }, (_, i) => cut(r[i] ?? ''))),
    truncatedRows: body.length > CASE_TABLE_LIMITS.rows,
    droppedColumns: width - kept,
  }
}

/** The table of a stored CSV or Excel file. */
export async function caseTableOf(file: CaseFileRow): Promise<CaseTable> {
  const kind = caseFileKindOf(file.mime)
  if (!isTabular(kind)) throw new CaseMaterialError('Ce document n’est pas un tableau (CSV ou Excel).', 400)
  const bytes = readCaseFile(file)
  if (!bytes) throw new CaseMaterialError(UNKNOWN_FILE, 404)
  return parseCaseTable(kind, bytes, file.name)
}

/** The files of the case of a dossier's épreuve, for the dossier page (none for other épreuves). */
export async function caseFilesForDossier(dossier: { examSessionId: string; evaluationId: string }): Promise<CaseFileView[]> {
  const evaluation = referentielIndex.evaluations.get(dossier.evaluationId)
  if (!evaluation || !hasCaseMaterial(evaluation)) return []
  return (await caseFiles(dossier.examSessionId, dossier.evaluationId)).map(fileView)
}
