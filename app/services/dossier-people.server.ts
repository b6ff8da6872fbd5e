import { and, eq, inArray } from 'drizzle-orm'
import { getDb, schema, type DbHandle } from './db.server'
import type { Dossier } from './dossiers.server'

const { groupMembers, tutorAssignments, userRoles } = schema

/** The learners who work on a dossier: its learner, or the members of its group. */
export async function learnersOfDossier(dossier: Pick<Dossier, 'learnerId' | 'groupId'>, db: DbHandle = getDb()): Promise<string[]> {
  if (dossier.learnerId) return [dossier.learnerId]
  if (!dossier.groupId) return []
  return (await db.select({ id: groupMembers.learnerId }).from(groupMembers).where(eq(groupMembers.groupId, dossier.groupId))).map((r) => r.id)
}

/**
 * The tutors of a dossier: assigned, in its session, to its learner or to a
 * member of its group, and still holding the tutor role (the rule of
 * dossier-access.server.ts, as a list).
 */
export async function tutorsOfDossier(dossier: Pick<Dossier, 'learnerId' | 'groupId' | 'examSessionId'>, db: DbHandle = getDb()): Promise<string[]> {
  const learners = await learnersOfDossier(dossier, db)
  if (learners.length === 0) return []
  const rows = await db
    .selectDistinct({ id: tutorAssignments.tutorId })
    .from(tutorAssignments)
    .innerJoin(userRoles, and(eq(userRoles.userId, tutorAssignments.tutorId), eq(userRoles.role, 'tutor')))
    .where(and(eq(tutorAssignments.examSessionId, dossier.examSessionId), inArray(tutorAssignments.learnerId, learners)))
  return rows.map((r) => r.id)
}
