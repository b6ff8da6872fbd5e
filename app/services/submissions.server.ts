/**
 * Hand-in: deadlines per evaluation instance (with per-candidate extensions),
 * and the frozen snapshot of a dossier with its SHA-256 fingerprint. A
 * snapshot is written once, in one transaction, and never changed: SQLite
 * triggers (migration 0004) refuse UPDATE and DELETE, and verifySnapshot
 * recomputes the fingerprint from what is stored, so a row changed behind the
 * app's back (or added to a snapshot) is detected.
 */
import { createHash, randomInt } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { and, desc, eq, inArray } from 'drizzle-orm'
import type { DossierTemplate, Section } from '#templates/template.schema'
import type { HandInWindow } from '~/domain/hand-in'
import type { FieldValue } from '~/kinds/values'
import { getDb, schema, type DbHandle } from './db.server'
import { templatesById } from './templates.server'
import { uploadsDir } from './uploads.server'

const { evaluationInstances, deadlineExtensions, submissions, submissionSections, submissionFiles, candidateCodes, uploads } = schema

export type Instance = typeof evaluationInstances.$inferSelect
export type Submission = typeof submissions.$inferSelect

export function instanceFor(examSessionId: string, evaluationId: string, db: DbHandle = getDb()): Instance | undefined {
  return db
    .select()
    .from(evaluationInstances)
    .where(and(eq(evaluationInstances.examSessionId, examSessionId), eq(evaluationInstances.evaluationId, evaluationId)))
    .get()
}

/**
 * The hand-in window of a dossier's learners on an instance: the instance's,
 * or the latest extension granted to one of them (a group hands in once: an
 * extension of any member applies to the group's work).
 */
export function windowFor(instance: Instance, learnerIds: readonly string[], db: DbHandle = getDb()): HandInWindow {
  const extension =
    learnerIds.length === 0
      ? undefined
      : db
          .select()
          .from(deadlineExtensions)
          .where(and(eq(deadlineExtensions.instanceId, instance.id), inArray(deadlineExtensions.learnerId, [...learnerIds])))
          .orderBy(desc(deadlineExtensions.cutoffAt), desc(deadlineExtensions.dueAt))
          .get()
  if (extension) return { dueAt: extension.dueAt, cutoffAt: extension.cutoffAt, extended: { reason: extension.reason } }
  return { dueAt: instance.dueAt, cutoffAt: instance.cutoffAt }
}

/** JSON with object keys sorted at every level: the same data always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value ?? null)
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

export type SnapshotFile = { uploadId: string; sha256: string; mime: string; size: number }

/** What a fingerprint covers: the template (id and hash of its JSON), every section's content, every file's hash. */
export function fingerprintOf(input: {
  dossierId: string
  templateId: string
  templateHash: string
  sections: readonly { sectionId: string; content: FieldValue }[]
  files: readonly SnapshotFile[]
}): string {
  const sections = [...input.sections].sort((a, b) => (a.sectionId < b.sectionId ? -1 : 1)).map((s) => [s.sectionId, s.content])
  const files = [...input.files].sort((a, b) => (a.uploadId < b.uploadId ? -1 : 1)).map((f) => [f.uploadId, f.sha256, f.mime, f.size])
  return sha256(canonicalJson({ v: 1, dossier: input.dossierId, template: [input.templateId, input.templateHash], sections, files }))
}

export function templateHash(template: DossierTemplate): string {
  return sha256(canonicalJson(template))
}

/** Where snapshot files live: by SHA-256 of their bytes, beside the uploads (so never rewritten with other bytes). */
export function snapshotsDir() {
  return path.join(path.dirname(uploadsDir()), 'snapshots')
}

const UPLOAD_REF = /\/fichiers\/([0-9a-f-]{36})/g

/** The uploads of `dossierId` that the content refers to. */
function referencedUploads(db: DbHandle, dossierId: string, values: readonly FieldValue[]) {
  const ids = [...new Set(values.flatMap((v) => [...JSON.stringify(v).matchAll(UPLOAD_REF)].map((m) => m[1]!)))]
  if (ids.length === 0) return []
  return db
    .select()
    .from(uploads)
    .where(and(eq(uploads.dossierId, dossierId), inArray(uploads.id, ids)))
    .all()
}

/**
 * Writes a snapshot of `sections` (every section of the template, as the
 * dossier holds them now) with copies of the files they show. Run inside the
 * caller's transaction.
 */
export function freezeSnapshot(
  db: DbHandle,
  input: {
    dossierId: string
    instanceId: string
    template: DossierTemplate
    sections: readonly { sectionId: string; content: FieldValue }[]
    submittedBy: { id: string; name: string }
    submittedAt: Date
    timing: 'on-time' | 'late'
    statement: string
  },
): Submission {
  const files: SnapshotFile[] = []
  for (const upload of referencedUploads(
    db,
    input.dossierId,
    input.sections.map((s) => s.content),
  )) {
    const source = path.join(uploadsDir(), upload.id)
    if (!fs.existsSync(source)) continue
    const bytes = fs.readFileSync(source)
    const hash = sha256(bytes)
    fs.mkdirSync(snapshotsDir(), { recursive: true })
    const target = path.join(snapshotsDir(), hash)
    if (!fs.existsSync(target)) fs.writeFileSync(target, bytes, { flag: 'wx' })
    files.push({ uploadId: upload.id, sha256: hash, mime: upload.mime, size: bytes.byteLength })
  }
  const tHash = templateHash(input.template)
  const fingerprint = fingerprintOf({ dossierId: input.dossierId, templateId: input.template.id, templateHash: tHash, sections: input.sections, files })
  const submission = db
    .insert(submissions)
    .values({
      dossierId: input.dossierId,
      instanceId: input.instanceId,
      submittedBy: input.submittedBy.id,
      submitterName: input.submittedBy.name,
      submittedAt: input.submittedAt,
      timing: input.timing,
      statement: input.statement,
      templateId: input.template.id,
      templateHash: tHash,
      fingerprint,
    })
    .returning()
    .get()
  db.insert(submissionSections)
    .values(input.sections.map((s) => ({ submissionId: submission.id, sectionId: s.sectionId, content: s.content })))
    .run()
  if (files.length > 0)
    db.insert(submissionFiles)
      .values(files.map((f) => ({ submissionId: submission.id, ...f })))
      .run()
  return submission
}

/** A dossier's hand-ins, newest first. */
export function submissionsOfDossier(dossierId: string, db: DbHandle = getDb()): Submission[] {
  return db.select().from(submissions).where(eq(submissions.dossierId, dossierId)).orderBy(desc(submissions.submittedAt)).all()
}

export type Snapshot = {
  submission: Submission
  template: DossierTemplate
  /** In template order; a section the snapshot lacks (never expected) is left out. */
  sections: { section: Section; value: FieldValue }[]
  files: SnapshotFile[]
}

export function loadSnapshot(submissionId: string, db: DbHandle = getDb()): Snapshot | null {
  const submission = db.select().from(submissions).where(eq(submissions.id, submissionId)).get()
  if (!submission) return null
  const template = templatesById.get(submission.templateId)
  if (!template) throw new Error(`Unknown template ${submission.templateId}`)
  const rows = db.select().from(submissionSections).where(eq(submissionSections.submissionId, submissionId)).all()
  const byId = new Map(rows.map((r) => [r.sectionId, r.content]))
  const files = db
    .select({ uploadId: submissionFiles.uploadId, sha256: submissionFiles.sha256, mime: submissionFiles.mime, size: submissionFiles.size })
    .from(submissionFiles)
    .where(eq(submissionFiles.submissionId, submissionId))
    .all()
  return {
    submission,
    template,
    sections: template.sections.filter((s) => byId.has(s.id)).map((section) => ({ section, value: byId.get(section.id)! })),
    files,
  }
}

/**
 * Recomputes a snapshot's fingerprint from every stored row (sections, files'
 * records and bytes, the template as the app knows it now) and compares it
 * with the one given to the learner at hand-in.
 */
export function verifySnapshot(submissionId: string, db: DbHandle = getDb()): { ok: boolean; expected: string; actual: string } {
  const submission = db.select().from(submissions).where(eq(submissions.id, submissionId)).get()
  if (!submission) throw new Response('Ce dépôt n’existe pas.', { status: 404 })
  const sections = db
    .select({ sectionId: submissionSections.sectionId, content: submissionSections.content })
    .from(submissionSections)
    .where(eq(submissionSections.submissionId, submissionId))
    .all()
  const files = db
    .select({ uploadId: submissionFiles.uploadId, sha256: submissionFiles.sha256, mime: submissionFiles.mime, size: submissionFiles.size })
    .from(submissionFiles)
    .where(eq(submissionFiles.submissionId, submissionId))
    .all()
  const bytesIntact = files.every((f) => {
    const file = path.join(snapshotsDir(), f.sha256)
    return fs.existsSync(file) && sha256(fs.readFileSync(file)) === f.sha256
  })
  const template = templatesById.get(submission.templateId)
  const tHash = template ? templateHash(template) : ''
  const actual = fingerprintOf({ dossierId: submission.dossierId, templateId: submission.templateId, templateHash: tHash, sections, files })
  return { ok: bytesIntact && tHash === submission.templateHash && actual === submission.fingerprint, expected: submission.fingerprint, actual }
}

/** A file of a snapshot, read from its copy (never from the live upload, which the learner may replace). */
export function snapshotFile(submissionId: string, uploadId: string, db: DbHandle = getDb()): { bytes: Uint8Array; mime: string } | null {
  const row = db
    .select()
    .from(submissionFiles)
    .where(and(eq(submissionFiles.submissionId, submissionId), eq(submissionFiles.uploadId, uploadId)))
    .get()
  if (!row) return null
  const file = path.join(snapshotsDir(), row.sha256)
  return fs.existsSync(file) ? { bytes: new Uint8Array(fs.readFileSync(file)), mime: row.mime } : null
}

// No 0/O, 1/I/L: codes are read aloud and copied by hand.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

function newCode(): string {
  const pick = (n: number) => Array.from({ length: n }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')
  return `${pick(2)}-${pick(4)}`
}

/**
 * The code a candidate (or a group) goes by on an instance, e.g. « K7-4QX2 »:
 * random, so that it says nothing about who it stands for; created on first use.
 */
export function candidateCode(instanceId: string, subjectId: string, db: DbHandle = getDb()): string {
  const existing = db
    .select({ code: candidateCodes.code })
    .from(candidateCodes)
    .where(and(eq(candidateCodes.instanceId, instanceId), eq(candidateCodes.subjectId, subjectId)))
    .get()
  if (existing) return existing.code
  for (;;) {
    const code = newCode()
    const inserted = db.insert(candidateCodes).values({ instanceId, subjectId, code }).onConflictDoNothing().returning({ code: candidateCodes.code }).get()
    if (inserted) return inserted.code
    const raced = db
      .select({ code: candidateCodes.code })
      .from(candidateCodes)
      .where(and(eq(candidateCodes.instanceId, instanceId), eq(candidateCodes.subjectId, subjectId)))
      .get()
    if (raced) return raced.code
  }
}
