import { and, eq } from 'drizzle-orm'
import type { Status } from '~/domain/self-assessment'
import { getDb, schema } from './db.server'

const { selfAssessments } = schema

/** A learner's statuses on the criteria of one session. */
export async function learnerStatuses(learnerId: string, examSessionId: string) {
  return await getDb()
    .select({ criterionId: selfAssessments.criterionId, status: selfAssessments.status, justification: selfAssessments.justification })
    .from(selfAssessments)
    .where(and(eq(selfAssessments.learnerId, learnerId), eq(selfAssessments.examSessionId, examSessionId)))
}

/** Sets a criterion's status, and its justification when one is given (a status set from a section keeps the justification written below). */
export async function setSelfAssessment(input: { learnerId: string; examSessionId: string; criterionId: string; status: Status; justification?: string }) {
  const now = new Date()
  await getDb()
    .insert(selfAssessments)
    .values({ ...input, justification: input.justification ?? '', updatedAt: now })
    .onConflictDoUpdate({
      target: [selfAssessments.learnerId, selfAssessments.examSessionId, selfAssessments.criterionId],
      set: { status: input.status, ...(input.justification === undefined ? {} : { justification: input.justification }), updatedAt: now },
    })
}
