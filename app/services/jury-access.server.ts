import { and, asc, desc, eq, getTableColumns, inArray, or, sql } from 'drizzle-orm'
import { forbidden, requireUser, type SessionUser } from './auth.server'
import { getDb, schema } from './db.server'
import { candidateCode, instanceFor, snapshotFile, type Instance, type Submission } from './submissions.server'

const { jurorAssignments, dossiers, groupMembers, groups, submissions, submissionFiles, users } = schema

export type Assignment = typeof jurorAssignments.$inferSelect

/** A juror's own assignment: the copy (a candidate or a group on one evaluation) and its instance. */
export type AssignmentAccess = {
  user: SessionUser
  assignment: Assignment
  /** The evaluation instance (deadline, anonymity); null while the session has none for this evaluation. */
  instance: Instance | null
  /** Marked anonymously: the juror sees the candidate code, never a name. Group épreuves never are. */
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
export function authorizeAssignment(user: SessionUser, assignmentId: string): AssignmentAccess {
  if (!user.roles.includes('juror')) forbidden(NOT_A_JUROR)
  const row = getDb()
    .select({ ...getTableColumns(jurorAssignments), own: sql<number>`${jurorAssignments.jurorId} = ${user.id}` })
    .from(jurorAssignments)
    .where(eq(jurorAssignments.id, assignmentId))
    .get()
  if (!row) throw new Response(UNKNOWN_COPY, { status: 404 })
  const { own, ...assignment } = row
  if (!own) forbidden(NOT_YOURS)
  const instance = instanceFor(assignment.examSessionId, assignment.evaluationId) ?? null
  return { user, assignment, instance, anonymous: Boolean(instance?.anonymous) && assignment.groupId === null }
}

/** Requires a logged-in juror and their own assignment (see authorizeAssignment). */
export async function requireAssignment(request: Request, assignmentId: string | undefined): Promise<AssignmentAccess> {
  const user = await requireUser(request)
  return authorizeAssignment(user, assignmentId ?? '')
}

/** A dossier of an assignment's target, with whose it is. */
export type TargetDossier = { id: string; templateId: string; learnerId: string | null; groupId: string | null }

/**
 * The dossiers an assignment grades: the learner's for an individual épreuve;
 * for a group épreuve, the group's dossier and each member's REX.
 */
export function targetDossiers(assignment: Assignment): TargetDossier[] {
  const columns = { id: dossiers.id, templateId: dossiers.templateId, learnerId: dossiers.learnerId, groupId: dossiers.groupId }
  const sameEvaluation = and(eq(dossiers.examSessionId, assignment.examSessionId), eq(dossiers.evaluationId, assignment.evaluationId))
  if (assignment.learnerId) {
    return getDb()
      .select(columns)
      .from(dossiers)
      .where(and(sameEvaluation, eq(dossiers.learnerId, assignment.learnerId)))
      .all()
  }
  const groupId = assignment.groupId ?? ''
  return getDb()
    .select(columns)
    .from(dossiers)
    .where(
      and(
        sameEvaluation,
        or(
          eq(dossiers.groupId, groupId),
          inArray(dossiers.learnerId, getDb().select({ id: groupMembers.learnerId }).from(groupMembers).where(eq(groupMembers.groupId, groupId))),
        ),
      ),
    )
    .all()
}

/** The latest hand-in of each dossier of an assignment's target (the group's first, then the REX), with its dossier. */
export function latestSnapshots(assignment: Assignment): { submission: Submission; dossier: TargetDossier }[] {
  const targets = targetDossiers(assignment)
  if (targets.length === 0) return []
  const rows = getDb()
    .select()
    .from(submissions)
    .where(
      inArray(
        submissions.dossierId,
        targets.map((d) => d.id),
      ),
    )
    .orderBy(desc(submissions.submittedAt))
    .all()
  return targets
    .flatMap((dossier) => {
      const submission = rows.find((s) => s.dossierId === dossier.id)
      return submission ? [{ submission, dossier }] : []
    })
    .sort((a, b) => Number(a.dossier.groupId === null) - Number(b.dossier.groupId === null))
}

/** Who an assignment's copy is, as its juror may see it: the candidate code when anonymous, else the learner's or group's name. */
export function copyLabel(access: Pick<AssignmentAccess, 'assignment' | 'instance' | 'anonymous'>): string {
  const { assignment, instance } = access
  if (access.anonymous && instance && assignment.learnerId) return candidateCode(instance.id, assignment.learnerId)
  const db = getDb()
  if (assignment.learnerId) return db.select({ name: users.name }).from(users).where(eq(users.id, assignment.learnerId)).get()?.name ?? ''
  return (
    db
      .select({ name: groups.name })
      .from(groups)
      .where(eq(groups.id, assignment.groupId ?? ''))
      .get()?.name ?? ''
  )
}

/** A group's members (id and name), by name. Never for an anonymous copy: group épreuves are not anonymous. */
export function groupMembersOf(groupId: string | null): { id: string; name: string }[] {
  if (!groupId) return []
  return getDb()
    .select({ id: users.id, name: users.name })
    .from(groupMembers)
    .innerJoin(users, eq(users.id, groupMembers.learnerId))
    .where(eq(groupMembers.groupId, groupId))
    .orderBy(asc(users.name))
    .all()
}

/**
 * An image of the copy as handed in: a file of the latest snapshot of one of
 * the assignment's dossiers, read from the snapshot's copy. Null when the
 * upload is not in them (whatever else it belongs to).
 */
export function copyFile(assignment: Assignment, uploadId: string): { bytes: Uint8Array; mime: string } | null {
  const latest = latestSnapshots(assignment).map((s) => s.submission.id)
  if (latest.length === 0) return null
  const row = getDb()
    .select({ submissionId: submissionFiles.submissionId })
    .from(submissionFiles)
    .where(and(eq(submissionFiles.uploadId, uploadId), inArray(submissionFiles.submissionId, latest)))
    .get()
  return row ? snapshotFile(row.submissionId, uploadId) : null
}
