import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm'
import { z } from 'zod'
import { BLOC_RESULT_LABELS, OVERALL_DECISION_LABELS, type BlocResult, type OverallDecision } from '~/domain/deliberation'
import { plural } from '~/domain/format'
import { PART_LABELS, type CompetencyResult, type GradePart } from '~/domain/grading'
import { COMPETENCY_RESULT_LABELS } from '~/domain/results-labels'
import type { CandidateResults } from '~/domain/results-view'
import { STATUS_LABELS, type Status } from '~/domain/self-assessment'
import { getDb, schema, type DbHandle, transaction } from './db.server'
import { referentiel, referentielIndex } from './referentiel.server'
import { isEnrolled, resultsSession } from './results-access.server'
import { candidateResults } from './results.server'

/**
 * Publication of a session's results to its learners (examSessions.resultsPublishedAt).
 * - The admin publishes once every enrolled candidate has a deliberation
 *   confirmed by the jury president; until then it is refused with the
 *   names of those still to deliberate.
 * - The admin may withdraw a publication (after confirming on screen): the
 *   learners then see « pas encore publiés » again until the results are
 *   published anew. This is the remedy for a deliberation published by
 *   mistake or to be corrected; withdrawing deletes nothing.
 * - A learner sees their results when the session is published AND their own
 *   deliberation is confirmed (a learner enrolled after publication sees none).
 */

const { examSessions, enrollments, users, deliberations } = schema

/** The admin's form on /admin/sessions/:id/resultats. */
export const PublicationFormSchema = z.object({ intent: z.enum(['publish', 'withdraw']) })

export class PublicationError extends Error {
  constructor(
    message: string,
    readonly status: 404 | 409,
  ) {
    super(message)
  }
}

const collator = new Intl.Collator('fr', { sensitivity: 'base' })

export type PublicationCandidate = {
  id: string
  name: string
  decision: OverallDecision | null
  decisionLabel: string
  confirmedAt: number | null
  /** Blocs the jury validated: the candidate has an attestation when there is at least one. */
  blocsValidated: number
}

export type PublicationState = {
  session: { id: string; name: string; startsOn: string; endsOn: string; publishedAt: number | null }
  total: number
  deliberated: number
  candidates: PublicationCandidate[]
  /** Why publishing is refused now (French), or null when it may be published. */
  refusal: string | null
}

/** Enrolled candidates with their confirmed decision (null when not deliberated), by name: one query. */
async function candidatesOf(sessionId: string, db: DbHandle): Promise<PublicationCandidate[]> {
  return (
    await db
      .select({ id: users.id, name: users.name, decision: deliberations.decision, confirmedAt: deliberations.confirmedAt, blocs: deliberations.blocs })
      .from(enrollments)
      .innerJoin(users, eq(users.id, enrollments.learnerId))
      .leftJoin(deliberations, and(eq(deliberations.examSessionId, enrollments.examSessionId), eq(deliberations.learnerId, enrollments.learnerId)))
      .where(eq(enrollments.examSessionId, sessionId))
  )
    .map((r) => ({
      id: r.id,
      name: r.name,
      decision: r.decision ?? null,
      decisionLabel: r.decision ? OVERALL_DECISION_LABELS[r.decision] : 'Non délibéré',
      confirmedAt: r.confirmedAt ? r.confirmedAt.getTime() : null,
      blocsValidated: (r.blocs ?? []).filter((b) => b.decision === 'acquired').length,
    }))
    .sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1))
}

/** How many names a refusal lists before « et N autres ». */
const NAMES_SHOWN = 5

/** Why the results cannot be published with these candidates, or null. */
export function publicationRefusal(candidates: readonly Pick<PublicationCandidate, 'name' | 'decision'>[]): string | null {
  if (candidates.length === 0) return 'Aucun·e candidat·e n’est inscrit·e à cette session\u00a0: il n’y a pas de résultats à publier.'
  const missing = candidates.filter((c) => c.decision === null)
  if (missing.length === 0) return null
  const names = missing.slice(0, NAMES_SHOWN).map((c) => c.name)
  const rest = missing.length - names.length
  const list = rest > 0 ? `${names.join(', ')} et ${plural(rest, 'autre', 'autres')}` : names.join(', ')
  return `Publication impossible\u00a0: ${plural(missing.length, 'candidat·e n’a', 'candidat·es n’ont')} pas de délibération confirmée par le ou la président·e du jury (${list}).`
}

export async function publicationState(sessionId: string, db: DbHandle = getDb()): Promise<PublicationState | null> {
  const [session] = await db
    .select({
      id: examSessions.id,
      name: examSessions.name,
      startsOn: examSessions.startsOn,
      endsOn: examSessions.endsOn,
      publishedAt: examSessions.resultsPublishedAt,
    })
    .from(examSessions)
    .where(eq(examSessions.id, sessionId))
  if (!session) return null
  const candidates = await candidatesOf(sessionId, db)
  return {
    session: { ...session, publishedAt: session.publishedAt ? session.publishedAt.getTime() : null },
    total: candidates.length,
    deliberated: candidates.filter((c) => c.decision !== null).length,
    candidates,
    refusal: publicationRefusal(candidates),
  }
}

/**
 * Publishes a session's results. Refused (409, French reason) while an
 * enrolled candidate has no confirmed deliberation, or when already
 * published. The check and the write are one IMMEDIATE transaction: a
 * learner enrolled in between cannot slip through unpublished-but-visible.
 */
export async function publishResults(sessionId: string, db: DbHandle = getDb(), now = new Date()): Promise<Date> {
  return await transaction(db, async (tx) => {
    const [session] = await tx.select({ publishedAt: examSessions.resultsPublishedAt }).from(examSessions).where(eq(examSessions.id, sessionId))
    if (!session) throw new PublicationError('Cette session d’examen n’existe pas.', 404)
    if (session.publishedAt) throw new PublicationError('Les résultats de cette session sont déjà publiés.', 409)
    const refusal = publicationRefusal(await candidatesOf(sessionId, tx))
    if (refusal) throw new PublicationError(refusal, 409)
    await tx
      .update(examSessions)
      .set({ resultsPublishedAt: now })
      .where(and(eq(examSessions.id, sessionId), isNull(examSessions.resultsPublishedAt)))
    return now
  })
}

/** Withdraws a publication: learners no longer see the results (nothing is deleted). 409 when not published. */
export async function withdrawResults(sessionId: string, db: DbHandle = getDb()): Promise<void> {
  await transaction(db, async (tx) => {
    const [session] = await tx.select({ publishedAt: examSessions.resultsPublishedAt }).from(examSessions).where(eq(examSessions.id, sessionId))
    if (!session) throw new PublicationError('Cette session d’examen n’existe pas.', 404)
    if (!session.publishedAt) throw new PublicationError('Les résultats de cette session ne sont pas publiés.', 409)
    await tx.update(examSessions).set({ resultsPublishedAt: null }).where(eq(examSessions.id, sessionId))
  })
}

/**
 * The sessions whose results a learner can read now: enrolled, published,
 * and their own deliberation confirmed (one query, scoped by the learner).
 */
export async function publishedResultSessions(learnerId: string, db: DbHandle = getDb()): Promise<Set<string>> {
  const rows = await db
    .select({ id: examSessions.id })
    .from(enrollments)
    .innerJoin(examSessions, eq(examSessions.id, enrollments.examSessionId))
    .innerJoin(deliberations, and(eq(deliberations.examSessionId, enrollments.examSessionId), eq(deliberations.learnerId, enrollments.learnerId)))
    .where(and(eq(enrollments.learnerId, learnerId), isNotNull(examSessions.resultsPublishedAt)))
    .orderBy(asc(examSessions.startsOn))
  return new Set(rows.map((r) => r.id))
}

/* ---------------- The learner's results ---------------- */

export type LearnerCriterion = {
  key: string
  criterionId: string
  text: string
  /** « Écrit », « Oral », « REX » when the criterion is judged on several parts; null otherwise. */
  partLabel: string | null
  self: Status | null
  selfLabel: string
  levelLabel: string
  acquired: boolean | null
  comment: string
  gap: 'over' | 'under' | null
}

export type LearnerCompetency = {
  id: string
  text: string
  heading: string
  result: CompetencyResult | null
  resultLabel: string
  evaluationTitle: string | null
  criteria: LearnerCriterion[]
}

export type LearnerResultsView = {
  decision: OverallDecision
  decisionLabel: string
  confirmedAt: number
  blocs: { id: string; title: string; example: boolean; decision: BlocResult; decisionLabel: string; competencyIds: string[] }[]
  activities: { id: string; title: string; competencies: LearnerCompetency[] }[]
  gaps: { over: number; under: number }
  /** At least one bloc validated: the candidate has an attestation. */
  attestation: boolean
}

/**
 * What a learner sees of their confirmed results (pure): per competency and
 * criterion, their self-assessment beside the jury's level and comment with
 * the gap; their blocs and overall decision as the jury decided them. Never
 * the jurors' names, the cited evidence nor the jury's internal reasons.
 */
export function learnerResultsView(results: CandidateResults): LearnerResultsView | null {
  const d = results.deliberation
  if (!d) return null
  const outcomes = new Map(results.competencies.map((c) => [c.competencyId, c]))
  const blocTitles = new Map(results.blocs.map((b) => [b.blocId, b]))
  let over = 0
  let under = 0
  const activities = referentiel.activities.map((activity) => ({
    id: activity.id,
    title: activity.title,
    competencies: activity.competencies.map((competency): LearnerCompetency => {
      const outcome = outcomes.get(competency.id)
      const texts = new Map(competency.criteria.map((k) => [k.id, k.text]))
      // A competency no closed grid judges shows no criteria: only that the jury did not assess it.
      const rows = outcome?.source ? outcome.criteria : []
      const severalParts = (id: string) => rows.filter((r) => r.criterionId === id).length > 1
      const criteria = rows.map((row): LearnerCriterion => {
        if (row.gap === 'over') over++
        if (row.gap === 'under') under++
        return {
          key: `${row.criterionId}-${row.part}`,
          criterionId: row.criterionId,
          text: texts.get(row.criterionId) ?? '',
          partLabel: severalParts(row.criterionId) ? PART_LABELS[row.part as GradePart] : null,
          self: row.selfAssessment,
          selfLabel: row.selfAssessment ? STATUS_LABELS[row.selfAssessment] : 'Non renseignée',
          levelLabel: row.levelLabel || 'Non évalué',
          acquired: row.acquired,
          comment: row.comment,
          gap: row.gap,
        }
      })
      return {
        id: competency.id,
        text: competency.text,
        heading: competency.criteriaHeading,
        result: outcome?.result ?? null,
        resultLabel: outcome?.result ? COMPETENCY_RESULT_LABELS[outcome.result] : 'Non évaluée',
        evaluationTitle: outcome?.source?.evaluationTitle ?? referentielIndex.evaluationByCompetency.get(competency.id)?.title ?? null,
        criteria,
      }
    }),
  }))
  const blocs = d.blocs.flatMap((b) => {
    const bloc = blocTitles.get(b.blocId)
    return bloc
      ? [
          {
            id: b.blocId,
            title: bloc.title,
            example: bloc.example,
            decision: b.decision,
            decisionLabel: BLOC_RESULT_LABELS[b.decision],
            competencyIds: bloc.competencyIds,
          },
        ]
      : []
  })
  return {
    decision: d.decision,
    decisionLabel: OVERALL_DECISION_LABELS[d.decision],
    confirmedAt: d.confirmedAt,
    blocs,
    activities,
    gaps: { over, under },
    attestation: blocs.some((b) => b.decision === 'acquired'),
  }
}

export type LearnerResultsPage =
  | { session: { id: string; name: string; startsOn: string; endsOn: string }; state: 'unpublished' | 'pending'; view: null }
  | { session: { id: string; name: string; startsOn: string; endsOn: string }; state: 'published'; view: LearnerResultsView }

/**
 * A learner's results page for a session: null when they are not enrolled in
 * it (the route answers 404). Before publication, nothing of the results is
 * read at all; after it, `pending` while their own deliberation is not confirmed.
 */
export async function learnerResults(sessionId: string, learnerId: string, db: DbHandle = getDb()): Promise<LearnerResultsPage | null> {
  if (!(await isEnrolled(sessionId, learnerId, db))) return null
  const row = (await resultsSession(sessionId, db))!
  const session = { id: row.id, name: row.name, startsOn: row.startsOn, endsOn: row.endsOn }
  if (!row.resultsPublishedAt) return { session, state: 'unpublished', view: null }
  const results = await candidateResults(sessionId, learnerId, db)
  const view = results ? learnerResultsView(results) : null
  return view ? { session, state: 'published', view } : { session, state: 'pending', view: null }
}
