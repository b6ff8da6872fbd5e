import { and, eq } from 'drizzle-orm'
import { forbidden, requireUser, type SessionUser } from './auth.server'
import { getDb, schema, type DbHandle } from './db.server'
import { deliberationAccess, NOT_JURY } from './deliberation.server'

/**
 * Who may read a session's deliberation documents and results.
 * - The minutes and the results grid: the session's jury president (a juror
 *   named in examSessions.presidentId) and admins; anyone else 403.
 * - A candidate's attestation: the same, and the candidate themselves once
 *   the session's results are published (404 « pas encore publiés » before);
 *   a learner asking for another learner's attestation gets 403.
 * The officers' rule is the deliberation's own (deliberation.server.ts
 * deliberationAccess); every check is scoped in its query (the president by
 * id, the learner by enrolment).
 */

const { examSessions, enrollments } = schema

export type ResultsSession = {
  id: string
  name: string
  startsOn: string
  endsOn: string
  presidentId: string | null
  resultsPublishedAt: Date | null
}

const SESSION_COLUMNS = {
  id: examSessions.id,
  name: examSessions.name,
  startsOn: examSessions.startsOn,
  endsOn: examSessions.endsOn,
  presidentId: examSessions.presidentId,
  resultsPublishedAt: examSessions.resultsPublishedAt,
}

export const NOT_PUBLISHED = 'Les résultats ne sont pas encore publiés.'
const OWN_ATTESTATION_ONLY = 'Vous ne pouvez télécharger que votre propre attestation.'

export async function resultsSession(sessionId: string, db: DbHandle = getDb()): Promise<ResultsSession | null> {
  return (await db.select(SESSION_COLUMNS).from(examSessions).where(eq(examSessions.id, sessionId)))[0] ?? null
}

/**
 * The session's jury president or an admin: the rule of the deliberation
 * itself (deliberationAccess: 403 for anyone else, 404 for an unknown session).
 */
export async function resultsOfficerAccess(
  user: SessionUser,
  sessionId: string,
  db: DbHandle = getDb(),
): Promise<{ session: ResultsSession; as: 'admin' | 'president' }> {
  const { session, admin } = await deliberationAccess(user, sessionId, db)
  const { id, name, startsOn, endsOn, presidentId, resultsPublishedAt } = session
  return { session: { id, name, startsOn, endsOn, presidentId, resultsPublishedAt }, as: admin ? 'admin' : 'president' }
}

export async function requireResultsOfficer(request: Request, sessionId: string | undefined) {
  const user = await requireUser(request)
  return { user, ...(await resultsOfficerAccess(user, sessionId ?? '')) }
}

/** A learner's enrolment in a session, scoped by the learner. */
export async function isEnrolled(sessionId: string, learnerId: string, db: DbHandle = getDb()): Promise<boolean> {
  return Boolean(
    (
      await db
        .select({ id: enrollments.id })
        .from(enrollments)
        .where(and(eq(enrollments.examSessionId, sessionId), eq(enrollments.learnerId, learnerId)))
    )[0],
  )
}

/**
 * Who may download a candidate's attestation: the officers, or the candidate
 * themselves (learner role, enrolled, results published). `as` says which.
 */
export async function attestationAccess(
  user: SessionUser,
  sessionId: string,
  learnerId: string,
  db: DbHandle = getDb(),
): Promise<{ session: ResultsSession; as: 'admin' | 'president' | 'candidate' }> {
  if (user.roles.includes('admin')) return await resultsOfficerAccess(user, sessionId, db)
  if (user.roles.includes('learner') && user.id === learnerId) {
    if (!(await isEnrolled(sessionId, user.id, db))) throw new Response('Vous n’êtes pas inscrit·e à cette session.', { status: 404 })
    const session = (await resultsSession(sessionId, db))!
    if (!session.resultsPublishedAt) throw new Response(NOT_PUBLISHED, { status: 404 })
    return { session, as: 'candidate' }
  }
  if (user.roles.includes('juror')) return await resultsOfficerAccess(user, sessionId, db)
  forbidden(user.roles.includes('learner') ? OWN_ATTESTATION_ONLY : NOT_JURY)
}

export async function requireAttestationAccess(request: Request, sessionId: string | undefined, learnerId: string | undefined) {
  const user = await requireUser(request)
  return { user, ...(await attestationAccess(user, sessionId ?? '', learnerId ?? '')) }
}
