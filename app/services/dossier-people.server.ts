import { and, eq, inArray } from 'drizzle-orm'
import { getDb, schema, type DbHandle } from './db.server'
import type { Dossier } from './dossiers.server'

const { groupMembers, tutorAssignments, userRoles } = schema

/** The learners who work on a dossier: its learner, or the members of its group. */
export function learnersOfDossier(dossier: Pick<Dossier, 'learnerId' | 'groupId'>, db: DbHandle = getDb()): string[] {
  if (dossier.learnerId) return [dossier.learnerId]
  if (!dossier.groupId) return []
  return db
    .select({ id: groupMembers.learnerId })
    .from(groupMembers)
    .where(eq(groupMembers.groupId, dossier.groupId))
    .all()
    .map((r) => r.id)
}

/**
 * The tutors of a dossier: assigned, in its session, to its learner or to a
 * member of its group, and still holding the tutor role (the rule of
 * dossier-access.server.ts, as a list).
 */
export function tutorsOfDossier(dossier: Pick<Dossier, 'learnerId' | 'groupId' | 'examSessionId'>, db: DbHandle = getDb()): string[] {
  const learners = learnersOfDossier(dossier, db)
  if (learners.length === 0) return []
  const rows = db
    .selectDistinct({ id: tutorAssignments.tutorId })
    .from(tutorAssignments)
    .innerJoin(userRoles, and(eq(userRoles.userId, tutorAssignments.tutorId), eq(userRoles.role, 'tutor')))
    .where(and(eq(tutorAssignments.examSessionId, dossier.examSessionId), inArray(tutorAssignments.learnerId, learners)))
    .all()
  return rows.map((r) => r.id)
}
