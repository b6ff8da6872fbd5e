/**
 * Double marking, the low level shared by the grading service and the
 * reconciliation service: which two assignments of a copy form its pair,
 * the state of their grids, and the rule that freezes them once confronted.
 *
 * A copy is a target (a learner, or a group) on one evaluation instance. On
 * an instance with `doubleMarking`, its PAIR is its lead assignment (`lead`)
 * and the first other assignment of the same target (by creation, then id);
 * without any `lead` flag, the first assignment created leads. A copy with a
 * single assignment has no pair yet (« second·e juré·e à désigner »); any
 * assignment beyond the first two is not part of the double marking (its grid
 * is an ordinary one and is never confronted).
 *
 * The rule for reopening a grid: a juror's grid may be reopened until the
 * reconciliation of its copy exists — it is created when one of the two
 * jurors first opens the confrontation, both grids being closed, i.e. when a
 * juror first sees the other's grid. From then on the two grids are the
 * record of two independent markings: they stay closed for good (reopening
 * either is refused), and any correction of a divergent criterion goes
 * through the levels the lead juror agrees in the confrontation, which the
 * lead may reopen at any time.
 */
import { and, asc, desc, eq, inArray, isNotNull, or } from 'drizzle-orm'
import { getDb, schema, type DbHandle } from './db.server'
import type { CopyDoubleMarking, DoubleMarkingState } from '~/domain/reconciliation-view'
import type { Assignment } from './jury-access.server'
import type { Instance } from './submissions.server'

const { jurorAssignments, gradings, reconciliations } = schema

export type Grading = typeof gradings.$inferSelect
export type Reconciliation = typeof reconciliations.$inferSelect

/** A double-marked copy seen from one of its two assignments. */
export type CopyPair = {
  instance: Instance
  /** The learner (individual épreuve) or the group. */
  subjectId: string
  lead: Assignment
  second: Assignment
}

/** The learner or group an assignment grades. */
export const subjectOf = (assignment: Pick<Assignment, 'learnerId' | 'groupId'>): string => assignment.learnerId ?? assignment.groupId ?? ''

/** Every assignment of the same copy (same session, evaluation and target), the lead first, then by creation. */
export async function copyAssignments(assignment: Pick<Assignment, 'examSessionId' | 'evaluationId' | 'learnerId' | 'groupId'>, db: DbHandle = getDb()) {
  const target = assignment.learnerId ? eq(jurorAssignments.learnerId, assignment.learnerId) : eq(jurorAssignments.groupId, assignment.groupId ?? '')
  return await db
    .select()
    .from(jurorAssignments)
    .where(and(eq(jurorAssignments.examSessionId, assignment.examSessionId), eq(jurorAssignments.evaluationId, assignment.evaluationId), target))
    .orderBy(desc(jurorAssignments.lead), asc(jurorAssignments.createdAt), asc(jurorAssignments.id))
}

/** The pair of a copy from its assignments (lead first, as copyAssignments orders them); null with fewer than two. */
export function pairFrom<A>(ordered: readonly A[]): { lead: A; second: A } | null {
  const [lead, second] = ordered
  return lead && second ? { lead, second } : null
}

/**
 * The pair of the copy `assignment` grades, when its instance is double-marked
 * and the assignment is one of the pair; else null.
 */
export async function pairOf(assignment: Assignment, instance: Instance | null, db: DbHandle = getDb()): Promise<CopyPair | null> {
  if (!instance?.doubleMarking) return null
  const pair = pairFrom(await copyAssignments(assignment, db))
  if (!pair || (pair.lead.id !== assignment.id && pair.second.id !== assignment.id)) return null
  return { instance, subjectId: subjectOf(assignment), ...pair }
}

/** Whether `assignment` is on a double-marked instance (whether or not its pair is complete). */
export const isDoubleMarked = (instance: Instance | null) => Boolean(instance?.doubleMarking)

/** The grids of a pair (undefined: never written). */
export async function pairGradings(pair: Pick<CopyPair, 'lead' | 'second'>, db: DbHandle = getDb()): Promise<{ lead?: Grading; second?: Grading }> {
  const rows = await db
    .select()
    .from(gradings)
    .where(inArray(gradings.assignmentId, [pair.lead.id, pair.second.id]))
  return { lead: rows.find((g) => g.assignmentId === pair.lead.id), second: rows.find((g) => g.assignmentId === pair.second.id) }
}

export async function reconciliationOf(instanceId: string, subjectId: string, db: DbHandle = getDb()): Promise<Reconciliation | undefined> {
  return (
    await db
      .select()
      .from(reconciliations)
      .where(and(eq(reconciliations.instanceId, instanceId), eq(reconciliations.subjectId, subjectId)))
  )[0]
}

export const GRID_CONFRONTED =
  'Les deux grilles de cette copie ont été confrontées : elles ne peuvent plus être rouvertes. Le ou la juré·e principal·e corrige les critères divergents dans la confrontation.'

/**
 * Why the grid of `assignment` cannot be reopened, or null when it can: it is
 * one of a double-marked pair whose reconciliation exists.
 */
export async function reopenLock(assignment: Assignment, instance: Instance | null, db: DbHandle = getDb()): Promise<string | null> {
  const pair = await pairOf(assignment, instance, db)
  if (!pair) return null
  return (await reconciliationOf(pair.instance.id, pair.subjectId, db)) ? GRID_CONFRONTED : null
}

/**
 * The double-marking state of some of a juror's assignments, for their list:
 * by assignment id, for those on a double-marked instance only (a third
 * juror's copy is an ordinary one). Three queries whatever their number,
 * scoped by the juror.
 */
export async function doubleMarkingStates(jurorId: string, assignmentIds: readonly string[], db: DbHandle = getDb()): Promise<Map<string, CopyDoubleMarking>> {
  const result = new Map<string, CopyDoubleMarking>()
  if (assignmentIds.length === 0) return result
  const { evaluationInstances } = schema
  const own = await db
    .select({ assignment: jurorAssignments, instanceId: evaluationInstances.id })
    .from(jurorAssignments)
    .innerJoin(
      evaluationInstances,
      and(eq(evaluationInstances.examSessionId, jurorAssignments.examSessionId), eq(evaluationInstances.evaluationId, jurorAssignments.evaluationId)),
    )
    .where(and(eq(jurorAssignments.jurorId, jurorId), inArray(jurorAssignments.id, [...assignmentIds]), eq(evaluationInstances.doubleMarking, true)))
  if (own.length === 0) return result
  // Every assignment of the same targets (one scan of the assignments of those learners and groups), with its grid's status.
  const learners = own.flatMap((o) => (o.assignment.learnerId ? [o.assignment.learnerId] : []))
  const groups = own.flatMap((o) => (o.assignment.groupId ? [o.assignment.groupId] : []))
  const siblings = await db
    .select({ assignment: jurorAssignments, status: gradings.status })
    .from(jurorAssignments)
    .leftJoin(gradings, eq(gradings.assignmentId, jurorAssignments.id))
    .where(
      or(
        learners.length ? inArray(jurorAssignments.learnerId, learners) : undefined,
        groups.length ? and(isNotNull(jurorAssignments.groupId), inArray(jurorAssignments.groupId, groups)) : undefined,
      ),
    )
    .orderBy(desc(jurorAssignments.lead), asc(jurorAssignments.createdAt), asc(jurorAssignments.id))
  const recs = await db
    .select({ instanceId: reconciliations.instanceId, subjectId: reconciliations.subjectId, status: reconciliations.status })
    .from(reconciliations)
    .where(and(inArray(reconciliations.instanceId, [...new Set(own.map((o) => o.instanceId))]), inArray(reconciliations.subjectId, [...learners, ...groups])))
  for (const { assignment: a, instanceId } of own) {
    const same = siblings.filter(
      (s) =>
        s.assignment.examSessionId === a.examSessionId &&
        s.assignment.evaluationId === a.evaluationId &&
        (a.learnerId ? s.assignment.learnerId === a.learnerId : s.assignment.groupId === a.groupId),
    )
    const pair = pairFrom(same)
    if (!pair) {
      result.set(a.id, { state: 'incomplete', lead: true, ownClosed: same[0]?.status === 'closed', otherClosed: false })
      continue
    }
    const mine = pair.lead.assignment.id === a.id ? pair.lead : pair.second.assignment.id === a.id ? pair.second : null
    // A third juror's copy is an ordinary one.
    if (!mine) continue
    const other = mine === pair.lead ? pair.second : pair.lead
    const ownClosed = mine.status === 'closed'
    const otherClosed = other.status === 'closed'
    const rec = recs.find((r) => r.instanceId === instanceId && r.subjectId === subjectOf(a))
    const state: DoubleMarkingState = rec?.status === 'closed' ? 'reconciled' : ownClosed && otherClosed ? 'to-reconcile' : 'grading'
    result.set(a.id, { state, lead: mine === pair.lead, ownClosed, otherClosed })
  }
  return result
}
