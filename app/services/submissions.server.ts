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
import { and, desc, eq, inArray, or } from 'drizzle-orm'
import { z } from 'zod'
import type { DossierTemplate, Section } from '#templates/template.schema'
import { handInStatement, handInTiming, type HandInState, type HandInWindow } from '~/domain/hand-in'
import { handInProblems, type HandInProblem } from '~/domain/hand-in-checks'
import { closedMessage, NO_DEADLINE, type HandInSummary } from '~/domain/hand-in-status'
import { emptyValue } from '~/kinds/registry'
import type { FieldValue } from '~/kinds/values'
import type { SessionUser } from './auth.server'
import { getDb, schema, type DbHandle, transaction } from './db.server'
import { authorizeDossier } from './dossier-access.server'
import { learnersOfDossier } from './dossier-people.server'
import type { Dossier } from './dossiers.server'
import { templatesById } from './templates.server'
import { missingThemesMessage } from './theme-draws.server'
import { uploadsDir } from './uploads.server'

const {
  evaluationInstances,
  deadlineExtensions,
  submissions,
  submissionSections,
  submissionFiles,
  candidateCodes,
  uploads,
  dossierSections,
  groupMembers,
  groups,
  jurorAssignments,
  gradings,
} = schema

export type Instance = typeof evaluationInstances.$inferSelect
export type Submission = typeof submissions.$inferSelect

export async function instanceFor(examSessionId: string, evaluationId: string, db: DbHandle = getDb()): Promise<Instance | undefined> {
  return (
    await db
      .select()
      .from(evaluationInstances)
      .where(and(eq(evaluationInstances.examSessionId, examSessionId), eq(evaluationInstances.evaluationId, evaluationId)))
  )[0]
}

/**
 * The hand-in window of a dossier's learners on an instance: the instance's,
 * or the latest extension granted to one of them (a group hands in once: an
 * extension of any member applies to the group's work).
 */
export async function windowFor(instance: Instance, learnerIds: readonly string[], db: DbHandle = getDb()): Promise<HandInWindow> {
  const extension =
    learnerIds.length === 0
      ? undefined
      : (
          await db
            .select()
            .from(deadlineExtensions)
            .where(and(eq(deadlineExtensions.instanceId, instance.id), inArray(deadlineExtensions.learnerId, [...learnerIds])))
            .orderBy(desc(deadlineExtensions.cutoffAt), desc(deadlineExtensions.dueAt))
        )[0]
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
async function referencedUploads(db: DbHandle, dossierId: string, values: readonly FieldValue[]) {
  const ids = [...new Set(values.flatMap((v) => [...JSON.stringify(v).matchAll(UPLOAD_REF)].map((m) => m[1]!)))]
  if (ids.length === 0) return []
  return await db
    .select()
    .from(uploads)
    .where(and(eq(uploads.dossierId, dossierId), inArray(uploads.id, ids)))
}

/**
 * Writes a snapshot of `sections` (every section of the template, as the
 * dossier holds them now) with copies of the files they show. Run inside the
 * caller's transaction.
 */
export async function freezeSnapshot(
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
): Promise<Submission> {
  const files: SnapshotFile[] = []
  for (const upload of await referencedUploads(
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
  const submission = (
    await db
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
  )[0]!
  await db.insert(submissionSections).values(input.sections.map((s) => ({ submissionId: submission.id, sectionId: s.sectionId, content: s.content })))
  if (files.length > 0) await db.insert(submissionFiles).values(files.map((f) => ({ submissionId: submission.id, ...f })))
  return submission
}

/** A dossier's hand-ins, newest first. */
export async function submissionsOfDossier(dossierId: string, db: DbHandle = getDb()): Promise<Submission[]> {
  return await db.select().from(submissions).where(eq(submissions.dossierId, dossierId)).orderBy(desc(submissions.submittedAt))
}

export type Snapshot = {
  submission: Submission
  template: DossierTemplate
  /** In template order; a section the snapshot lacks (never expected) is left out. */
  sections: { section: Section; value: FieldValue }[]
  files: SnapshotFile[]
}

export async function loadSnapshot(submissionId: string, db: DbHandle = getDb()): Promise<Snapshot | null> {
  const [submission] = await db.select().from(submissions).where(eq(submissions.id, submissionId))
  if (!submission) return null
  const template = templatesById.get(submission.templateId)
  if (!template) throw new Error(`Unknown template ${submission.templateId}`)
  const rows = await db.select().from(submissionSections).where(eq(submissionSections.submissionId, submissionId))
  const byId = new Map(rows.map((r) => [r.sectionId, r.content]))
  const files = await db
    .select({ uploadId: submissionFiles.uploadId, sha256: submissionFiles.sha256, mime: submissionFiles.mime, size: submissionFiles.size })
    .from(submissionFiles)
    .where(eq(submissionFiles.submissionId, submissionId))
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
export async function verifySnapshot(submissionId: string, db: DbHandle = getDb()): Promise<{ ok: boolean; expected: string; actual: string }> {
  const [submission] = await db.select().from(submissions).where(eq(submissions.id, submissionId))
  if (!submission) throw new Response('Ce dépôt n’existe pas.', { status: 404 })
  const sections = await db
    .select({ sectionId: submissionSections.sectionId, content: submissionSections.content })
    .from(submissionSections)
    .where(eq(submissionSections.submissionId, submissionId))
  const files = await db
    .select({ uploadId: submissionFiles.uploadId, sha256: submissionFiles.sha256, mime: submissionFiles.mime, size: submissionFiles.size })
    .from(submissionFiles)
    .where(eq(submissionFiles.submissionId, submissionId))
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
export async function snapshotFile(submissionId: string, uploadId: string, db: DbHandle = getDb()): Promise<{ bytes: Uint8Array; mime: string } | null> {
  const [row] = await db
    .select()
    .from(submissionFiles)
    .where(and(eq(submissionFiles.submissionId, submissionId), eq(submissionFiles.uploadId, uploadId)))
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
export async function candidateCode(instanceId: string, subjectId: string, db: DbHandle = getDb()): Promise<string> {
  const [existing] = await db
    .select({ code: candidateCodes.code })
    .from(candidateCodes)
    .where(and(eq(candidateCodes.instanceId, instanceId), eq(candidateCodes.subjectId, subjectId)))
  if (existing) return existing.code
  for (;;) {
    const code = newCode()
    const [inserted] = await db.insert(candidateCodes).values({ instanceId, subjectId, code }).onConflictDoNothing().returning({ code: candidateCodes.code })
    if (inserted) return inserted.code
    const [raced] = await db
      .select({ code: candidateCodes.code })
      .from(candidateCodes)
      .where(and(eq(candidateCodes.instanceId, instanceId), eq(candidateCodes.subjectId, subjectId)))
    if (raced) return raced.code
  }
}

// ——— Hand-in ———

export const NOT_CONFIRMED = 'Cochez la déclaration sur l’honneur pour déposer.'
export const ALREADY_GRADED = 'Ce dossier a déjà été évalué\u00a0: il ne peut plus être déposé à nouveau.'
export const BLOCKED = 'Le dossier ne peut pas encore être déposé\u00a0:'

export { closedMessage, NO_DEADLINE }

/** A refused hand-in: a French message, and the checks that failed when those are the reason. Nothing was stored. */
export class HandInError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409,
    readonly problems: HandInProblem[] = [],
  ) {
    super(message)
    this.name = 'HandInError'
  }
}

/** The hand-in form: the statement's checkbox. */
export const HandInFormSchema = z.object({
  intent: z.literal('hand-in'),
  confirmed: z.literal('on', NOT_CONFIRMED),
})
/** « Vérifier l’empreinte » of one hand-in. */
export const VerifyFormSchema = z.object({ intent: z.literal('verify'), submissionId: z.string().min(1).max(64) })

/** Every section of a dossier as it stands now (a section never saved is its field's empty value), in template order. */
export async function draftSections(
  template: DossierTemplate,
  dossierId: string,
  db: DbHandle = getDb(),
): Promise<{ sectionId: string; content: FieldValue }[]> {
  const rows = await db
    .select({ sectionId: dossierSections.sectionId, content: dossierSections.content })
    .from(dossierSections)
    .where(eq(dossierSections.dossierId, dossierId))
  const saved = new Map(rows.map((r) => [r.sectionId, r.content]))
  return template.sections.map((section) => ({ sectionId: section.id, content: saved.get(section.id) ?? emptyValue(section.field) }))
}

/** What stops a dossier's current draft from being handed in (the template's `handInChecks`, then the serious game's theme draw). */
export async function draftProblems(dossier: Pick<Dossier, 'id' | 'templateId' | 'groupId'>, db: DbHandle = getDb()): Promise<HandInProblem[]> {
  const template = templateOf(dossier.templateId)
  return [
    ...handInProblems(template, Object.fromEntries((await draftSections(template, dossier.id, db)).map((s) => [s.sectionId, s.content]))),
    ...(await drawProblems(template, dossier, db)),
  ]
}

/**
 * A serious-game group hands in once every member has drawn a theme (issue 13
 * §5): « Le tirage des thèmes n’est pas fait pour : X, Y. », shown with the
 * template's first section (« Sujets et répartition »). None for other dossiers.
 */
async function drawProblems(template: DossierTemplate, dossier: Pick<Dossier, 'groupId'>, db: DbHandle): Promise<HandInProblem[]> {
  const message = await missingThemesMessage(dossier, db)
  const section = template.sections[0]
  return message && section ? [{ sectionId: section.id, sectionTitle: section.title, message }] : []
}

function templateOf(templateId: string): DossierTemplate {
  const template = templatesById.get(templateId)
  if (!template) throw new Error(`Unknown template ${templateId}`)
  return template
}

/** Who a hand-in's candidate code stands for: the learner of an individual dossier (or REX), else the group. */
export function subjectOf(dossier: Pick<Dossier, 'learnerId' | 'groupId'>): string {
  return dossier.learnerId ?? dossier.groupId ?? ''
}

/**
 * Hands a dossier in, for a learner who works on it (`update`): the instance
 * must have a deadline, `now` must not be past the cut-off (an extension of
 * one of the dossier's learners applies), the statement must be confirmed,
 * the jury must not have finished grading it, and the hand-in checks must
 * pass. Then one IMMEDIATE transaction reads every section, checks and
 * freezes the snapshot, so that what is checked is what is frozen.
 * A new hand-in before the cut-off adds a snapshot; earlier ones stay, and the
 * draft stays editable. Throws HandInError (nothing stored) when refused.
 */
export async function handIn(
  user: SessionUser,
  dossierId: string,
  { confirmed, now = new Date(), db = getDb() }: { confirmed: boolean; now?: Date; db?: DbHandle },
): Promise<{ submission: Submission; candidateCode: string }> {
  const { dossier } = await authorizeDossier(user, dossierId, 'update')
  const template = templateOf(dossier.templateId)
  const instance = await instanceFor(dossier.examSessionId, dossier.evaluationId, db)
  if (!instance) throw new HandInError(NO_DEADLINE, 400)
  const window = await windowFor(instance, await learnersOfDossier(dossier, db), db)
  const timing = handInTiming(now, window)
  if (timing === 'closed') throw new HandInError(closedMessage(window), 400)
  if (!confirmed) throw new HandInError(NOT_CONFIRMED, 400)
  return await transaction(db, async (tx) => {
    // In the transaction: a juror closing the last grid meanwhile cannot let a hand-in through after the grading.
    if ((await handInSummary(dossier, now, tx)).state === 'graded') throw new HandInError(ALREADY_GRADED, 409)
    const sections = await draftSections(template, dossier.id, tx)
    const problems = [
      ...handInProblems(template, Object.fromEntries(sections.map((s) => [s.sectionId, s.content]))),
      ...(await drawProblems(template, dossier, tx)),
    ]
    if (problems.length > 0) throw new HandInError(BLOCKED, 400, problems)
    const submission = await freezeSnapshot(tx, {
      dossierId: dossier.id,
      instanceId: instance.id,
      template,
      sections,
      submittedBy: { id: user.id, name: user.name },
      submittedAt: now,
      timing,
      statement: handInStatement(dossier.groupId !== null),
    })
    return { submission, candidateCode: await candidateCode(instance.id, subjectOf(dossier), tx) }
  })
}

export type { HandInSummary }

/**
 * Where each dossier stands (brouillon, déposé, en retard, refusé, évalué),
 * for the learners who work on them, in a fixed number of queries. Evaluated
 * (`graded`): handed in, and every juror assigned to the dossier's target
 * (its learner, or its group; a REX: the learner's group too) has closed
 * their grid. No grade is read here.
 */
export async function handInSummaries(dossiers: readonly Dossier[], now = new Date(), db: DbHandle = getDb()): Promise<Map<string, HandInSummary>> {
  const out = new Map<string, HandInSummary>()
  if (dossiers.length === 0) return out
  const sessionIds = [...new Set(dossiers.map((d) => d.examSessionId))]
  const instances = await db.select().from(evaluationInstances).where(inArray(evaluationInstances.examSessionId, sessionIds))
  const instanceOf = (d: Dossier) => instances.find((i) => i.examSessionId === d.examSessionId && i.evaluationId === d.evaluationId)

  // The learners of each dossier, and the groups of each learner (a REX is graded with its group).
  const groupIds = [...new Set(dossiers.flatMap((d) => (d.groupId ? [d.groupId] : [])))]
  const learnerIds = [...new Set(dossiers.flatMap((d) => (d.learnerId ? [d.learnerId] : [])))]
  const memberships = await db
    .select({ groupId: groupMembers.groupId, learnerId: groupMembers.learnerId, evaluationId: groups.evaluationId })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(
      or(groupIds.length ? inArray(groupMembers.groupId, groupIds) : undefined, learnerIds.length ? inArray(groupMembers.learnerId, learnerIds) : undefined),
    )
  const learnersOf = (d: Dossier) => (d.learnerId ? [d.learnerId] : memberships.filter((m) => m.groupId === d.groupId).map((m) => m.learnerId))

  const extensions = instances.length
    ? await db
        .select()
        .from(deadlineExtensions)
        .where(
          inArray(
            deadlineExtensions.instanceId,
            instances.map((i) => i.id),
          ),
        )
    : []

  const latest = await db
    .select({
      id: submissions.id,
      dossierId: submissions.dossierId,
      submittedAt: submissions.submittedAt,
      timing: submissions.timing,
      fingerprint: submissions.fingerprint,
      submitterName: submissions.submitterName,
    })
    .from(submissions)
    .where(
      inArray(
        submissions.dossierId,
        dossiers.map((d) => d.id),
      ),
    )
    .orderBy(desc(submissions.submittedAt))

  const subjects = [...new Set([...groupIds, ...learnerIds, ...memberships.map((m) => m.groupId)])]
  const assignments = await db
    .select({
      examSessionId: jurorAssignments.examSessionId,
      evaluationId: jurorAssignments.evaluationId,
      learnerId: jurorAssignments.learnerId,
      groupId: jurorAssignments.groupId,
      status: gradings.status,
    })
    .from(jurorAssignments)
    .leftJoin(gradings, eq(gradings.assignmentId, jurorAssignments.id))
    .where(
      and(inArray(jurorAssignments.examSessionId, sessionIds), or(inArray(jurorAssignments.learnerId, subjects), inArray(jurorAssignments.groupId, subjects))),
    )

  for (const d of dossiers) {
    const instance = instanceOf(d)
    const mine = learnersOf(d)
    const extension = instance
      ? extensions
          .filter((e) => e.instanceId === instance.id && mine.includes(e.learnerId))
          .sort((a, b) => b.cutoffAt.getTime() - a.cutoffAt.getTime() || b.dueAt.getTime() - a.dueAt.getTime())[0]
      : undefined
    const window = instance
      ? {
          dueAt: (extension ?? instance).dueAt.getTime(),
          cutoffAt: (extension ?? instance).cutoffAt.getTime(),
          extension: extension?.reason ?? null,
        }
      : null
    const handIns = latest.filter((s) => s.dossierId === d.id)
    const last = handIns[0]
    const targetGroups = d.groupId
      ? [d.groupId]
      : memberships.filter((m) => m.learnerId === d.learnerId && m.evaluationId === d.evaluationId).map((m) => m.groupId)
    const graders = assignments.filter(
      (a) =>
        a.examSessionId === d.examSessionId &&
        a.evaluationId === d.evaluationId &&
        ((d.learnerId !== null && a.learnerId === d.learnerId) || (a.groupId !== null && targetGroups.includes(a.groupId))),
    )
    const graded = graders.length > 0 && graders.every((a) => a.status === 'closed')
    const state: HandInState = last
      ? graded
        ? 'graded'
        : last.timing === 'late'
          ? 'late'
          : 'submitted'
      : window && now.getTime() > window.cutoffAt
        ? 'refused'
        : 'draft'
    out.set(d.id, {
      state,
      window,
      latest: last
        ? { id: last.id, submittedAt: last.submittedAt.getTime(), timing: last.timing, fingerprint: last.fingerprint, submitterName: last.submitterName }
        : null,
      count: handIns.length,
    })
  }
  return out
}

export async function handInSummary(dossier: Dossier, now = new Date(), db: DbHandle = getDb()): Promise<HandInSummary> {
  return (await handInSummaries([dossier], now, db)).get(dossier.id)!
}

/** One hand-in of a dossier, scoped by the dossier in the query (undefined: none with that id for that dossier). */
export async function submissionOfDossier(dossierId: string, submissionId: string, db: DbHandle = getDb()): Promise<Submission | undefined> {
  return (
    await db
      .select()
      .from(submissions)
      .where(and(eq(submissions.id, submissionId), eq(submissions.dossierId, dossierId)))
  )[0]
}
