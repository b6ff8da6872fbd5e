import { and, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm'
import { forbidden, requireUser, type SessionUser } from './auth.server'
import { epochMs, getDb, schema, type DbHandle, queryRows } from './db.server'
import { candidateCode, instanceFor, snapshotFile, type Instance, type Submission } from './submissions.server'

const { jurorAssignments, groupMembers, groups, submissions, submissionFiles, users } = schema

export type Assignment = typeof jurorAssignments.$inferSelect

/** A juror's own assignment: the copy (a candidate or a group on one evaluation) and its instance. */
export type AssignmentAccess = {
  user: SessionUser
  assignment: Assignment
  /** The evaluation instance (deadline, anonymity); null while the session has none for this evaluation. */
  instance: Instance | null
  /** Marked anonymously: the juror sees the candidate code, never a name. Group épreuves never are; none is once anonymity is lifted. */
  anonymous: boolean
}

export const NOT_A_JUROR = 'Seul·es les juré·es ont accès aux copies.'
export const NOT_YOURS = 'Cette copie est attribuée à un·e autre juré·e.'
export const UNKNOWN_COPY = 'Cette copie n’existe pas.'

/**
 * The assignment `assignmentId` for its juror only: 403 for a user without
 * the juror role (before anything is looked up, so nothing is revealed) and
 * for another juror's assignment, 404 for an unknown id. Whether it is the
 * user's own is decided in the query.
 */
export async function authorizeAssignment(user: SessionUser, assignmentId: string): Promise<AssignmentAccess> {
  if (!user.roles.includes('juror')) forbidden(NOT_A_JUROR)
  const [row] = await getDb()
    .select({ ...getTableColumns(jurorAssignments), own: sql<number>`${jurorAssignments.jurorId} = ${user.id}` })
    .from(jurorAssignments)
    .where(eq(jurorAssignments.id, assignmentId))
  if (!row) throw new Response(UNKNOWN_COPY, { status: 404 })
  const { own, ...assignment } = row
  if (!own) forbidden(NOT_YOURS)
  const instance = (await instanceFor(assignment.examSessionId, assignment.evaluationId)) ?? null
  // Anonymous until the admin lifts it, after deliberation (app/services/deliberation.server.ts liftAnonymity).
  const anonymous = Boolean(instance?.anonymous) && !instance?.anonymityLiftedAt && assignment.groupId === null
  return { user, assignment, instance, anonymous }
}

/** Requires a logged-in juror and their own assignment (see authorizeAssignment). */
export async function requireAssignment(request: Request, assignmentId: string | undefined): Promise<AssignmentAccess> {
  const user = await requireUser(request)
  return await authorizeAssignment(user, assignmentId ?? '')
}

/** A dossier of an assignment's target, with whose it is. */
export type TargetDossier = { id: string; templateId: string; learnerId: string | null; groupId: string | null }

/** A hand-in of a dossier an assignment grades, with whose dossier it is. */
export type HandIn = {
  id: string
  dossierId: string
  templateId: string
  learnerId: string | null
  groupId: string | null
  submittedAt: number
  timing: string
  fingerprint: string
}

/**
 * Every hand-in of the dossiers an assignment grades, newest first: the
 * learner's dossiers of the evaluation; for a group, the group's dossier and
 * its members' (their REX) — the juror clause of dossierRelations. One query
 * through the dossiers' learner and group indexes (the session and
 * evaluation are checked on the rows found, never scanned: the `|| ''` keeps
 * SQLite off their index; `cross join` fixes the join order, its condition in
 * `where` as PostgreSQL wants it).
 */
export async function targetHandIns(assignment: Assignment, db: DbHandle = getDb()): Promise<HandIn[]> {
  const { examSessionId, evaluationId, learnerId, groupId } = assignment
  return await queryRows<HandIn>(
    db,
    sql`select s.id as id, s.dossier_id as "dossierId", s.template_id as "templateId", d.learner_id as "learnerId", d.group_id as "groupId",
        ${epochMs(sql`s.submitted_at`)} as "submittedAt", s.timing as timing, s.fingerprint as fingerprint
      from dossiers d cross join submissions s
      where s.dossier_id = d.id and d.exam_session_id || '' = ${examSessionId} and d.evaluation_id || '' = ${evaluationId}
        and (d.learner_id = ${learnerId} or d.group_id = ${groupId} or d.learner_id in (select learner_id from group_members where group_id = ${groupId}))
      order by s.submitted_at desc, s.id`,
  )
}

/** The latest hand-in of each dossier of an assignment's target (the group's first, then the REX), with its dossier. */
export async function latestSnapshots(assignment: Assignment): Promise<{ submission: Submission; dossier: TargetDossier }[]> {
  const latest = new Map<string, HandIn>()
  for (const h of await targetHandIns(assignment)) if (!latest.has(h.dossierId)) latest.set(h.dossierId, h)
  if (latest.size === 0) return []
  const rows = await getDb()
    .select()
    .from(submissions)
    .where(
      inArray(
        submissions.id,
        [...latest.values()].map((h) => h.id),
      ),
    )
  return rows
    .map((submission) => {
      const h = latest.get(submission.dossierId)!
      return { submission, dossier: { id: h.dossierId, templateId: h.templateId, learnerId: h.learnerId, groupId: h.groupId } }
    })
    .sort(
      (a, b) =>
        Number(a.dossier.groupId === null) - Number(b.dossier.groupId === null) || b.submission.submittedAt.getTime() - a.submission.submittedAt.getTime(),
    )
}

/** Who an assignment's copy is, as its juror may see it: the candidate code when anonymous, else the learner's or group's name. */
export async function copyLabel(access: Pick<AssignmentAccess, 'assignment' | 'instance' | 'anonymous'>): Promise<string> {
  const { assignment, instance } = access
  if (access.anonymous && instance && assignment.learnerId) return await candidateCode(instance.id, assignment.learnerId)
  const db = getDb()
  if (assignment.learnerId) return (await db.select({ name: users.name }).from(users).where(eq(users.id, assignment.learnerId)))[0]?.name ?? ''
  return (
    (
      await db
        .select({ name: groups.name })
        .from(groups)
        .where(eq(groups.id, assignment.groupId ?? ''))
    )[0]?.name ?? ''
  )
}

/** A group's members (id and name), by name. Never for an anonymous copy: group épreuves are not anonymous. */
export async function groupMembersOf(groupId: string | null): Promise<{ id: string; name: string }[]> {
  if (!groupId) return []
  return await getDb()
    .select({ id: users.id, name: users.name })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.learnerId))
    .where(eq(groupMembers.groupId, groupId))
    .orderBy(asc(users.name))
}

/**
 * An image of the copy as handed in: a file of the latest snapshot of one of
 * the assignment's dossiers, read from the snapshot's copy. Null when the
 * upload is not in them (whatever else it belongs to).
 */
export async function copyFile(assignment: Assignment, uploadId: string): Promise<{ bytes: Uint8Array; mime: string } | null> {
  const latest = (await latestSnapshots(assignment)).map((s) => s.submission.id)
  if (latest.length === 0) return null
  const [row] = await getDb()
    .select({ submissionId: submissionFiles.submissionId })
    .from(submissionFiles)
    .where(and(eq(submissionFiles.uploadId, uploadId), inArray(submissionFiles.submissionId, latest)))
  return row ? await snapshotFile(row.submissionId, uploadId) : null
}
