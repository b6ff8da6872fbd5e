import { eq, inArray } from 'drizzle-orm'
import { dossiersDue } from '~/domain/dossier-plan'
import { schema, type DbHandle } from './db.server'
import { referentiel } from './referentiel.server'

const { dossiers, enrollments, groups, groupMembers } = schema

/** Rows per INSERT: well under SQLite's limit on bound parameters. */
const CHUNK = 500

/**
 * Provisioning takes its database handle as an argument: the seed and the e2e
 * fixtures (each on its own connection) and the services (inside their
 * transaction) share it.
 *
 * Creates the dossiers that the enrolments and group memberships of
 * `learnerIds` (every learner when omitted) call for and that do not exist
 * yet. Idempotent: the unique indexes on dossiers turn a second run into
 * nothing. Returns the number of dossiers created.
 */
export function provisionDossiers(db: DbHandle, learnerIds?: readonly string[]): number {
  if (learnerIds && learnerIds.length === 0) return 0
  const ids = learnerIds ? [...new Set(learnerIds)] : undefined
  const enrolments = db
    .select({ examSessionId: enrollments.examSessionId, learnerId: enrollments.learnerId })
    .from(enrollments)
    .where(ids ? inArray(enrollments.learnerId, ids) : undefined)
    .all()
  const memberships = db
    .select({ groupId: groups.id, examSessionId: groups.examSessionId, evaluationId: groups.evaluationId, learnerId: groupMembers.learnerId })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(ids ? inArray(groupMembers.learnerId, ids) : undefined)
    .all()
  const rows = dossiersDue(referentiel.evaluations, enrolments, memberships)
  let created = 0
  for (let i = 0; i < rows.length; i += CHUNK) {
    created += db.insert(dossiers).values(rows.slice(i, i + CHUNK)).onConflictDoNothing().run().changes
  }
  return created
}

/** Enrols learners in an exam session and creates their dossiers, in one transaction. */
export function enrollLearners(db: DbHandle, examSessionId: string, learnerIds: readonly string[]) {
  return db.transaction((tx) => {
    if (learnerIds.length === 0) return 0
    for (let i = 0; i < learnerIds.length; i += CHUNK) {
      tx.insert(enrollments)
        .values(learnerIds.slice(i, i + CHUNK).map((learnerId) => ({ examSessionId, learnerId })))
        .onConflictDoNothing()
        .run()
    }
    return provisionDossiers(tx, learnerIds)
  })
}

/** Adds learners to a group and creates the group's dossier and their REX, in one transaction. */
export function addGroupMembers(db: DbHandle, groupId: string, learnerIds: readonly string[]) {
  return db.transaction((tx) => {
    if (learnerIds.length === 0) return 0
    tx.insert(groupMembers)
      .values(learnerIds.map((learnerId) => ({ groupId, learnerId })))
      .onConflictDoNothing()
      .run()
    return provisionDossiers(tx, learnerIds)
  })
}
