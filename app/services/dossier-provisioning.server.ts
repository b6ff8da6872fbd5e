import { and, eq, inArray, or } from 'drizzle-orm'
import { dossierKey, dossiersDue } from '~/domain/dossier-plan'
import { schema, type DbHandle, transaction } from './db.server'
import { referentiel } from './referentiel.server'

const { dossiers, enrollments, groups, groupMembers } = schema

/** Rows per INSERT: well under SQLite's limit on bound parameters. */
const CHUNK = 500

/**
 * Provisioning takes its database handle as an argument: the seed and the e2e
 * fixtures (each on its own connection) and the services (inside their
 * transaction) share it.
 *
 * Creates the dossiers that enrolments and group memberships call for and
 * that do not exist yet, for `scope.learnerIds` (every learner when omitted)
 * and, with `scope.groupId`, only that group's dossier and REX. Idempotent:
 * existing dossiers are read first, and the unique indexes on dossiers back
 * that up. Returns the number of dossiers created.
 */
export async function provisionDossiers(db: DbHandle, scope: { learnerIds?: readonly string[]; groupId?: string } = {}): Promise<number> {
  if (scope.learnerIds && scope.learnerIds.length === 0) return 0
  const ids = scope.learnerIds ? [...new Set(scope.learnerIds)] : undefined
  const enrolments = await db
    .select({ examSessionId: enrollments.examSessionId, learnerId: enrollments.learnerId })
    .from(enrollments)
    .where(ids ? inArray(enrollments.learnerId, ids) : undefined)
  const memberships = await db
    .select({ groupId: groups.id, examSessionId: groups.examSessionId, evaluationId: groups.evaluationId, learnerId: groupMembers.learnerId })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(and(ids ? inArray(groupMembers.learnerId, ids) : undefined, scope.groupId ? eq(groupMembers.groupId, scope.groupId) : undefined))
  const due = dossiersDue(referentiel.evaluations, enrolments, memberships, { individual: !scope.groupId })
  if (due.length === 0) return 0
  const groupIds = [...new Set(memberships.map((m) => m.groupId))]
  const existing = new Set(
    (
      await db
        .select({ examSessionId: dossiers.examSessionId, templateId: dossiers.templateId, learnerId: dossiers.learnerId, groupId: dossiers.groupId })
        .from(dossiers)
        .where(ids ? or(inArray(dossiers.learnerId, ids), inArray(dossiers.groupId, groupIds)) : undefined)
    ).map(dossierKey),
  )
  const rows = due.filter((d) => !existing.has(dossierKey(d)))
  let created = 0
  for (let i = 0; i < rows.length; i += CHUNK) {
    created += (
      await db
        .insert(dossiers)
        .values(rows.slice(i, i + CHUNK))
        .onConflictDoNothing()
        .returning({ id: dossiers.id })
    ).length
  }
  return created
}

/** Enrols learners in an exam session and creates their dossiers, in one transaction. */
export async function enrollLearners(db: DbHandle, examSessionId: string, learnerIds: readonly string[]) {
  return await transaction(db, async (tx) => {
    if (learnerIds.length === 0) return 0
    for (let i = 0; i < learnerIds.length; i += CHUNK) {
      await tx
        .insert(enrollments)
        .values(learnerIds.slice(i, i + CHUNK).map((learnerId) => ({ examSessionId, learnerId })))
        .onConflictDoNothing()
    }
    return await provisionDossiers(tx, { learnerIds })
  })
}

/** Adds learners to a group and creates the group's dossier and their REX, in one transaction. */
export async function addGroupMembers(db: DbHandle, groupId: string, learnerIds: readonly string[]) {
  return await transaction(db, async (tx) => {
    if (learnerIds.length === 0) return 0
    await tx
      .insert(groupMembers)
      .values(learnerIds.map((learnerId) => ({ groupId, learnerId })))
      .onConflictDoNothing()
    return await provisionDossiers(tx, { learnerIds, groupId })
  })
}
