/**
 * Assignments of an exam session (admins only): which tutor follows which
 * learner, and which juror(s) grade each copy of each evaluation instance.
 *
 * A copy is a target on one instance: an enrolled learner (individual
 * épreuve) or one of the session's groups for that épreuve (group épreuve).
 * On a double-marked instance a copy has two distinct jurors, the lead first
 * (see double-marking.server.ts); otherwise one. A copy whose grading has
 * started (a grid exists) keeps its jurors: changing them would orphan or
 * silently move a juror's work.
 *
 * A juror who is also the candidate's tutor (or the tutor of a member of the
 * group) is allowed but flagged: the admin sees a warning, never a refusal.
 */
import { and, asc, eq, inArray } from 'drizzle-orm'
import { z } from 'zod'
import { frenchTypography as ft, plural } from '~/domain/format'
import { getDb, schema, type DbHandle, transaction } from './db.server'
import { referentiel, referentielIndex } from './referentiel.server'

const { users, userRoles, examSessions, enrollments, groups, groupMembers, tutorAssignments, jurorAssignments, evaluationInstances, gradings } = schema

export class AssignmentsError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409,
    readonly field?: string,
  ) {
    super(message)
    this.name = 'AssignmentsError'
  }
}

export const NO_SESSION = 'Cette session d’examen n’existe pas.'
export const NO_INSTANCE = 'Cette épreuve n’est pas ouverte dans cette session\u00a0: créez d’abord ses dates dans «\u00a0Dépôts et notation\u00a0».'
export const NO_COPY = 'Cette copie n’existe pas dans cette épreuve (candidat·e non inscrit·e ou groupe supprimé).'
export const NOT_TUTOR = 'Cette personne n’a pas le rôle de tuteur·rice.'
export const NOT_JUROR = 'Une des personnes choisies n’a pas le rôle de juré·e.'
export const TWO_JURORS = 'Cette épreuve est en double correction\u00a0: choisissez deux juré·es différent·es, ou aucun·e pour retirer la copie.'
export const ONE_JUROR = 'Choisissez un·e juré·e, ou aucun·e pour retirer la copie.'
export const GRADING_STARTED = 'La notation de cette copie a déjà commencé\u00a0: ses juré·es ne peuvent plus changer.'
export const GRADING_CLOSED = 'La notation de cette copie est close\u00a0: ses juré·es ne peuvent plus changer.'
export const BULK_PAIRS = 'En double correction, cochez au moins deux juré·es\u00a0: chaque copie est confiée à une paire.'
export const BULK_ONE = 'Cochez au moins un·e juré·e.'

export type Person = { id: string; name: string; email: string }
export type CopyJuror = { assignmentId: string; jurorId: string; name: string; lead: boolean; grading: 'none' | 'open' | 'closed' }
export type Copy = {
  subjectId: string
  kind: 'learner' | 'group'
  /** The learner's name, or the group's. */
  label: string
  /** A group's members' names. */
  members: string[]
  /** Lead first, then by creation. */
  jurors: CopyJuror[]
  /** Why its jurors cannot change (French), or null. */
  locked: string | null
}
export type InstanceAssignments = {
  instanceId: string
  evaluationId: string
  title: string
  mode: 'individual' | 'group'
  doubleMarking: boolean
  copies: Copy[]
  /** Copies with no juror. */
  unassigned: number
  /** Double marking: copies with a single juror. */
  incomplete: number
}
export type Conflict = { evaluationId: string; subjectId: string; jurorId: string; message: string }
export type AssignmentsOverview = {
  session: { id: string; name: string; startsOn: string; endsOn: string }
  tutors: Person[]
  jurors: Person[]
  learners: Person[]
  /** Every tutor with the learners they follow in this session (tutors without any included). */
  tutoring: { tutor: Person; learners: Person[] }[]
  instances: InstanceAssignments[]
  conflicts: Conflict[]
}
export type Outcome = { message: string; warnings: string[] }

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'fr')
const rank = new Map(referentiel.evaluations.map((e, i) => [e.id, i]))

async function peopleWithRole(role: 'tutor' | 'juror', db: DbHandle): Promise<Person[]> {
  return (
    await db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, role)))
  ).sort(byName)
}

async function sessionOf(sessionId: string, db: DbHandle) {
  return (
    await db
      .select({ id: examSessions.id, name: examSessions.name, startsOn: examSessions.startsOn, endsOn: examSessions.endsOn })
      .from(examSessions)
      .where(eq(examSessions.id, sessionId))
  )[0]
}

export const sessionExists = async (sessionId: string, db: DbHandle = getDb()) => Boolean(await sessionOf(sessionId, db))

async function requireSession(sessionId: string, db: DbHandle) {
  const session = await sessionOf(sessionId, db)
  if (!session) throw new AssignmentsError(NO_SESSION, 404)
  return session
}

async function enrolledLearners(sessionId: string, db: DbHandle): Promise<Person[]> {
  return (
    await db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(enrollments)
      .innerJoin(users, eq(users.id, enrollments.learnerId))
      .where(eq(enrollments.examSessionId, sessionId))
  ).sort(byName)
}

async function sessionGroups(sessionId: string, db: DbHandle) {
  const rows = await db
    .select({ id: groups.id, name: groups.name, evaluationId: groups.evaluationId, learnerId: groupMembers.learnerId, learnerName: users.name })
    .from(groups)
    .leftJoin(groupMembers, eq(groupMembers.groupId, groups.id))
    .leftJoin(users, eq(users.id, groupMembers.learnerId))
    .where(eq(groups.examSessionId, sessionId))
  const result = new Map<string, { id: string; name: string; evaluationId: string; members: { id: string; name: string }[] }>()
  for (const r of rows) {
    const g = result.get(r.id) ?? { id: r.id, name: r.name, evaluationId: r.evaluationId, members: [] }
    if (r.learnerId) g.members.push({ id: r.learnerId, name: r.learnerName ?? '' })
    result.set(r.id, g)
  }
  for (const g of result.values()) g.members.sort(byName)
  return [...result.values()].sort(byName)
}

type Instance = typeof evaluationInstances.$inferSelect

async function instanceOf(sessionId: string, evaluationId: string, db: DbHandle): Promise<Instance> {
  const [instance] = await db
    .select()
    .from(evaluationInstances)
    .where(and(eq(evaluationInstances.examSessionId, sessionId), eq(evaluationInstances.evaluationId, evaluationId)))
  if (!instance || !referentielIndex.evaluations.has(evaluationId)) throw new AssignmentsError(NO_INSTANCE, 404)
  return instance
}

/** Every juror assignment of the session with its juror's name and grid status, lead first then by creation. */
async function sessionJurorAssignments(sessionId: string, db: DbHandle) {
  return await db
    .select({
      id: jurorAssignments.id,
      evaluationId: jurorAssignments.evaluationId,
      learnerId: jurorAssignments.learnerId,
      groupId: jurorAssignments.groupId,
      jurorId: jurorAssignments.jurorId,
      lead: jurorAssignments.lead,
      name: users.name,
      status: gradings.status,
    })
    .from(jurorAssignments)
    .innerJoin(users, eq(users.id, jurorAssignments.jurorId))
    .leftJoin(gradings, eq(gradings.assignmentId, jurorAssignments.id))
    .where(eq(jurorAssignments.examSessionId, sessionId))
    .orderBy(asc(jurorAssignments.evaluationId), asc(jurorAssignments.createdAt), asc(jurorAssignments.id))
}

const lockOf = (jurors: readonly CopyJuror[]): string | null =>
  jurors.some((j) => j.grading === 'closed') ? GRADING_CLOSED : jurors.some((j) => j.grading === 'open') ? GRADING_STARTED : null

/** The copies of every instance of the session, with their jurors. */
async function instancesOf(sessionId: string, db: DbHandle, learners: Person[]): Promise<InstanceAssignments[]> {
  const instances = await db.select().from(evaluationInstances).where(eq(evaluationInstances.examSessionId, sessionId))
  const allGroups = await sessionGroups(sessionId, db)
  const bySubject = new Map<string, CopyJuror[]>()
  for (const a of await sessionJurorAssignments(sessionId, db)) {
    const key = `${a.evaluationId} ${a.learnerId ?? a.groupId ?? ''}`
    const list = bySubject.get(key) ?? []
    list.push({ assignmentId: a.id, jurorId: a.jurorId, name: a.name, lead: a.lead, grading: a.status ?? 'none' })
    bySubject.set(key, list)
  }
  const result: InstanceAssignments[] = []
  for (const instance of instances) {
    const evaluation = referentielIndex.evaluations.get(instance.evaluationId)
    if (!evaluation) continue
    const subjects =
      evaluation.mode === 'group'
        ? allGroups
            .filter((g) => g.evaluationId === instance.evaluationId)
            .map((g) => ({ subjectId: g.id, kind: 'group' as const, label: g.name, members: g.members.map((m) => m.name) }))
        : learners.map((l) => ({ subjectId: l.id, kind: 'learner' as const, label: l.name, members: [] }))
    const copies: Copy[] = subjects.map((s) => {
      const list = bySubject.get(`${instance.evaluationId} ${s.subjectId}`) ?? []
      // Lead first (stable: creation order otherwise), as double-marking.server.ts orders a copy's assignments.
      const jurors = [...list.filter((j) => j.lead), ...list.filter((j) => !j.lead)]
      return { ...s, jurors, locked: lockOf(jurors) }
    })
    result.push({
      instanceId: instance.id,
      evaluationId: instance.evaluationId,
      title: ft(evaluation.title),
      mode: evaluation.mode,
      doubleMarking: instance.doubleMarking,
      copies,
      unassigned: copies.filter((c) => c.jurors.length === 0).length,
      incomplete: instance.doubleMarking ? copies.filter((c) => c.jurors.length === 1).length : 0,
    })
  }
  return result.sort((a, b) => (rank.get(a.evaluationId) ?? 0) - (rank.get(b.evaluationId) ?? 0))
}

/** tutor id → learner ids they follow in the session. */
async function tutorsByLearner(sessionId: string, db: DbHandle) {
  const map = new Map<string, { tutorId: string; name: string }[]>()
  const rows = await db
    .select({ tutorId: tutorAssignments.tutorId, learnerId: tutorAssignments.learnerId, name: users.name })
    .from(tutorAssignments)
    .innerJoin(users, eq(users.id, tutorAssignments.tutorId))
    .where(eq(tutorAssignments.examSessionId, sessionId))
  for (const r of rows) map.set(r.learnerId, [...(map.get(r.learnerId) ?? []), { tutorId: r.tutorId, name: r.name }])
  return map
}

async function conflictsOf(sessionId: string, instances: InstanceAssignments[], learners: Person[], db: DbHandle): Promise<Conflict[]> {
  const tutors = await tutorsByLearner(sessionId, db)
  const learnerName = new Map(learners.map((l) => [l.id, l.name]))
  const members = new Map((await sessionGroups(sessionId, db)).map((g) => [g.id, g.members]))
  const conflicts: Conflict[] = []
  for (const instance of instances) {
    for (const copy of instance.copies) {
      const followed = copy.kind === 'learner' ? [{ id: copy.subjectId, name: learnerName.get(copy.subjectId) ?? '' }] : (members.get(copy.subjectId) ?? [])
      for (const juror of copy.jurors) {
        const tutored = followed.filter((m) => (tutors.get(m.id) ?? []).some((t) => t.tutorId === juror.jurorId)).map((m) => m.name)
        if (tutored.length === 0) continue
        const message =
          copy.kind === 'learner'
            ? `${juror.name} corrige la copie de ${copy.label} pour «\u00a0${instance.title}\u00a0» alors qu’il ou elle en est le tuteur ou la tutrice.`
            : `${juror.name} corrige la copie du groupe «\u00a0${copy.label}\u00a0» pour «\u00a0${instance.title}\u00a0» alors qu’il ou elle est le tuteur ou la tutrice de ${tutored.join(', ')}.`
        conflicts.push({ evaluationId: instance.evaluationId, subjectId: copy.subjectId, jurorId: juror.jurorId, message })
      }
    }
  }
  return conflicts
}

/** The assignments page of a session, or null when the session does not exist. */
export async function assignmentsOverview(sessionId: string, db: DbHandle = getDb()): Promise<AssignmentsOverview | null> {
  const session = await sessionOf(sessionId, db)
  if (!session) return null
  const tutors = await peopleWithRole('tutor', db)
  const learners = await enrolledLearners(sessionId, db)
  const followed = (
    await db
      .select({ tutorId: tutorAssignments.tutorId, id: users.id, name: users.name, email: users.email })
      .from(tutorAssignments)
      .innerJoin(users, eq(users.id, tutorAssignments.learnerId))
      .where(eq(tutorAssignments.examSessionId, sessionId))
  ).sort(byName)
  const known = new Map(tutors.map((t) => [t.id, t]))
  // A tutor who lost the role keeps their learners listed (so they can be removed).
  const missing = [...new Set(followed.map((f) => f.tutorId))].filter((id) => !known.has(id))
  const former = missing.length ? await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, missing)) : []
  const tutoring = [...tutors, ...former.sort(byName)].map((tutor) => ({
    tutor,
    learners: followed.filter((f) => f.tutorId === tutor.id).map(({ id, name, email }) => ({ id, name, email })),
  }))
  const instances = await instancesOf(sessionId, db, learners)
  return {
    session,
    tutors,
    jurors: await peopleWithRole('juror', db),
    learners,
    tutoring,
    instances,
    conflicts: await conflictsOf(sessionId, instances, learners, db),
  }
}

/** The warnings (French sentences) of a session: copies graded by the candidate's tutor. */
export async function tutorConflicts(sessionId: string, db: DbHandle = getDb()): Promise<Conflict[]> {
  const learners = await enrolledLearners(sessionId, db)
  return await conflictsOf(sessionId, await instancesOf(sessionId, db, learners), learners, db)
}

async function requireRole(ids: readonly string[], role: 'tutor' | 'juror', message: string, field: string, db: DbHandle) {
  if (ids.length === 0) return new Map<string, string>()
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, role)))
    .where(inArray(users.id, [...ids]))
  if (new Set(rows.map((r) => r.id)).size !== new Set(ids).size) throw new AssignmentsError(message, 400, field)
  return new Map(rows.map((r) => [r.id, r.name]))
}

/**
 * Makes `tutorId` the tutor of `learnerIds` in the session. A learner has one
 * tutor per session: another tutor they had is replaced, and the message says so.
 */
export async function assignTutor(sessionId: string, tutorId: string, learnerIds: readonly string[], db: DbHandle = getDb()): Promise<Outcome> {
  await requireSession(sessionId, db)
  const tutorName = (await requireRole([tutorId], 'tutor', NOT_TUTOR, 'tutorId', db)).get(tutorId) ?? ''
  const ids = [...new Set(learnerIds)]
  if (ids.length === 0) throw new AssignmentsError('Cochez au moins un·e candidat·e.', 400, 'learnerIds')
  const enrolled = new Map((await enrolledLearners(sessionId, db)).map((l) => [l.id, l.name]))
  if (ids.some((id) => !enrolled.has(id))) throw new AssignmentsError('Un·e des candidat·es choisi·es n’est pas inscrit·e à cette session.', 400, 'learnerIds')
  const current = await tutorsByLearner(sessionId, db)
  const replaced: string[] = []
  let added = 0
  await transaction(db, async (tx) => {
    for (const learnerId of ids) {
      const others = (current.get(learnerId) ?? []).filter((t) => t.tutorId !== tutorId)
      if (others.length) {
        await tx.delete(tutorAssignments).where(
          and(
            eq(tutorAssignments.examSessionId, sessionId),
            eq(tutorAssignments.learnerId, learnerId),
            inArray(
              tutorAssignments.tutorId,
              others.map((o) => o.tutorId),
            ),
          ),
        )
        replaced.push(`${enrolled.get(learnerId)} n’est plus suivi·e par ${others.map((o) => o.name).join(' et ')}.`)
      }
      if ((current.get(learnerId) ?? []).some((t) => t.tutorId === tutorId)) continue
      await tx.insert(tutorAssignments).values({ examSessionId: sessionId, tutorId, learnerId })
      added++
    }
  })
  const message =
    added === 0
      ? `${tutorName} suivait déjà ${ids.length > 1 ? 'ces candidat·es' : 'ce ou cette candidat·e'}.`
      : `${tutorName} suit désormais ${plural(added, 'candidat·e de plus', 'candidat·es de plus')}.`
  return {
    message: [message, ...replaced].join(' '),
    warnings: (await tutorConflicts(sessionId, db)).filter((c) => ids.includes(c.subjectId)).map((c) => c.message),
  }
}

/** Ends the tutoring of `learnerId` by `tutorId` in the session. */
export async function unassignTutor(sessionId: string, tutorId: string, learnerId: string, db: DbHandle = getDb()): Promise<Outcome> {
  await requireSession(sessionId, db)
  const [row] = await db
    .select({ id: tutorAssignments.id, tutor: users.name })
    .from(tutorAssignments)
    .innerJoin(users, eq(users.id, tutorAssignments.tutorId))
    .where(and(eq(tutorAssignments.examSessionId, sessionId), eq(tutorAssignments.tutorId, tutorId), eq(tutorAssignments.learnerId, learnerId)))
  if (!row) throw new AssignmentsError('Ce tutorat n’existe plus\u00a0: il a peut-être déjà été retiré.', 404)
  await db.delete(tutorAssignments).where(eq(tutorAssignments.id, row.id))
  const [learner] = await db.select({ name: users.name }).from(users).where(eq(users.id, learnerId))
  return { message: `${row.tutor} ne suit plus ${learner?.name ?? 'ce ou cette candidat·e'}.`, warnings: [] }
}

type CopyContext = { instance: Instance; title: string; copy: Copy }

async function copyContext(sessionId: string, evaluationId: string, subjectId: string, db: DbHandle): Promise<CopyContext> {
  await requireSession(sessionId, db)
  const instance = await instanceOf(sessionId, evaluationId, db)
  const overview = (await instancesOf(sessionId, db, await enrolledLearners(sessionId, db))).find((i) => i.instanceId === instance.id)
  const copy = overview?.copies.find((c) => c.subjectId === subjectId)
  if (!overview || !copy) throw new AssignmentsError(NO_COPY, 404)
  return { instance, title: overview.title, copy }
}

/** Rewrites a copy's jurors, keeping the rows of jurors who stay (lead = first when double-marked). */
async function writeJurors(sessionId: string, instance: Instance, copy: Copy, jurorIds: readonly string[], tx: DbHandle) {
  const keep = new Map(copy.jurors.map((j) => [j.jurorId, j.assignmentId]))
  const gone = copy.jurors.filter((j) => !jurorIds.includes(j.jurorId)).map((j) => j.assignmentId)
  if (gone.length) await tx.delete(jurorAssignments).where(inArray(jurorAssignments.id, gone))
  for (const [i, jurorId] of jurorIds.entries()) {
    const lead = instance.doubleMarking && i === 0
    const existing = keep.get(jurorId)
    if (existing) await tx.update(jurorAssignments).set({ lead }).where(eq(jurorAssignments.id, existing))
    else
      await tx.insert(jurorAssignments).values({
        examSessionId: sessionId,
        evaluationId: instance.evaluationId,
        jurorId,
        learnerId: copy.kind === 'learner' ? copy.subjectId : null,
        groupId: copy.kind === 'group' ? copy.subjectId : null,
        lead,
        // Creation order breaks ties after `lead`: the second juror is created after the lead.
        createdAt: new Date(Date.now() + i),
      })
  }
}

/**
 * Sets the juror(s) of one copy: two distinct jurors on a double-marked
 * instance (the first leads), one otherwise; none removes the copy's jurors.
 * Refused once the copy's grading started. Tutor = juror is a warning.
 */
export async function assignJurors(
  sessionId: string,
  evaluationId: string,
  subjectId: string,
  jurorIds: readonly string[],
  db: DbHandle = getDb(),
): Promise<Outcome> {
  const { instance, title, copy } = await copyContext(sessionId, evaluationId, subjectId, db)
  const ids = jurorIds.filter(Boolean)
  if (instance.doubleMarking) {
    if (ids.length !== 0 && (ids.length !== 2 || ids[0] === ids[1])) throw new AssignmentsError(TWO_JURORS, 400, 'jurorIds')
  } else if (ids.length > 1) throw new AssignmentsError(ONE_JUROR, 400, 'jurorIds')
  const names = await requireRole(ids, 'juror', NOT_JUROR, 'jurorIds', db)
  const same = ids.length === copy.jurors.length && ids.every((id, i) => copy.jurors[i]?.jurorId === id)
  if (same) return { message: 'Rien n’a changé\u00a0: ces juré·es corrigent déjà cette copie.', warnings: [] }
  if (copy.locked) throw new AssignmentsError(copy.locked, 409)
  await transaction(db, async (tx) => await writeJurors(sessionId, instance, copy, ids, tx))
  const of = copy.kind === 'learner' ? `la copie de ${copy.label}` : `la copie du groupe «\u00a0${copy.label}\u00a0»`
  const message =
    ids.length === 0
      ? `${of[0]!.toUpperCase()}${of.slice(1)} pour «\u00a0${title}\u00a0» n’a plus de juré·e.`
      : ids.length === 2
        ? `${names.get(ids[0]!)} (principal·e) et ${names.get(ids[1]!)} corrigent ${of} pour «\u00a0${title}\u00a0».`
        : `${names.get(ids[0]!)} corrige ${of} pour «\u00a0${title}\u00a0».`
  const warnings = (await tutorConflicts(sessionId, db)).filter((c) => c.evaluationId === evaluationId && c.subjectId === subjectId).map((c) => c.message)
  return { message, warnings }
}

export type BulkOutcome = Outcome & { copies: number; perJuror: { jurorId: string; name: string; count: number }[] }

/**
 * Distributes every copy of the instance that has no juror over `jurorIds`,
 * round-robin in the page's order (deterministic). Double marking: copy i goes
 * to jurors i (lead) and i + 1, so the lead rotates and no juror is paired with
 * themself.
 */
export async function bulkAssignJurors(sessionId: string, evaluationId: string, jurorIds: readonly string[], db: DbHandle = getDb()): Promise<BulkOutcome> {
  await requireSession(sessionId, db)
  const instance = await instanceOf(sessionId, evaluationId, db)
  const ids = [...new Set(jurorIds.filter(Boolean))]
  if (instance.doubleMarking ? ids.length < 2 : ids.length < 1) throw new AssignmentsError(instance.doubleMarking ? BULK_PAIRS : BULK_ONE, 400, 'jurorIds')
  const names = await requireRole(ids, 'juror', NOT_JUROR, 'jurorIds', db)
  const overview = (await instancesOf(sessionId, db, await enrolledLearners(sessionId, db))).find((i) => i.instanceId === instance.id)
  const copies = (overview?.copies ?? []).filter((c) => c.jurors.length === 0)
  const counts = new Map(ids.map((id) => [id, 0]))
  await transaction(db, async (tx) => {
    for (const [i, copy] of copies.entries()) {
      const chosen = instance.doubleMarking ? [ids[i % ids.length]!, ids[(i + 1) % ids.length]!] : [ids[i % ids.length]!]
      for (const id of chosen) counts.set(id, (counts.get(id) ?? 0) + 1)
      await writeJurors(sessionId, instance, copy, chosen, tx)
    }
  })
  const perJuror = ids.map((id) => ({ jurorId: id, name: names.get(id) ?? '', count: counts.get(id) ?? 0 }))
  const title = overview?.title ?? ''
  const message =
    copies.length === 0
      ? `Toutes les copies de «\u00a0${title}\u00a0» ont déjà leur${instance.doubleMarking ? 's' : ''} juré·e${instance.doubleMarking ? 's' : ''}\u00a0: rien à répartir.`
      : `${plural(copies.length, 'copie répartie', 'copies réparties')} pour «\u00a0${title}\u00a0»${instance.doubleMarking ? ' en double correction' : ''}\u00a0: ${perJuror
          .map((p) => `${p.name} ${plural(p.count, 'copie', 'copies')}`)
          .join(', ')}.`
  const assigned = new Set(copies.map((c) => c.subjectId))
  const warnings = (await tutorConflicts(sessionId, db)).filter((c) => c.evaluationId === evaluationId && assigned.has(c.subjectId)).map((c) => c.message)
  return { message, warnings, copies: copies.length, perJuror }
}

const id = z.string().min(1).max(64)

/** The forms of the assignments page, by intent. */
export const AssignmentsFormSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('tutor'), tutorId: id, learnerIds: z.array(id).max(5000) }),
  z.object({ intent: z.literal('untutor'), tutorId: id, learnerId: id }),
  z.object({ intent: z.literal('jurors'), evaluationId: z.string().min(1).max(32), subjectId: id, jurorIds: z.array(z.string().max(64)).max(2) }),
  z.object({ intent: z.literal('bulk'), evaluationId: z.string().min(1).max(32), jurorIds: z.array(id).max(500) }),
])
export type AssignmentsForm = z.infer<typeof AssignmentsFormSchema>

export async function applyAssignmentsForm(sessionId: string, form: AssignmentsForm, db: DbHandle = getDb()): Promise<Outcome> {
  switch (form.intent) {
    case 'tutor':
      return await assignTutor(sessionId, form.tutorId, form.learnerIds, db)
    case 'untutor':
      return await unassignTutor(sessionId, form.tutorId, form.learnerId, db)
    case 'jurors':
      return await assignJurors(sessionId, form.evaluationId, form.subjectId, form.jurorIds, db)
    case 'bulk':
      return await bulkAssignJurors(sessionId, form.evaluationId, form.jurorIds, db)
  }
}
