/**
 * The deliberation of an exam session (/deliberation/:sessionId): for each
 * candidate, the competencies' results and where they come from, a proposed
 * decision per bloc and overall, which the jury president confirms or departs
 * from (with a reason); then the admin lifts the anonymity of the session's
 * anonymous instances.
 *
 * Who: the session's president and the admins read; only the president
 * confirms; only an admin lifts anonymity. Anyone else gets 403 — decided
 * before anything of the session is shown, in the query that reads it.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import { z } from 'zod'
import { BLOC_RESULTS, missingReason, MIN_REASON_LENGTH, proposeOverall, BLOC_RESULT_LABELS, type BlocDecision, type BlocResult } from '~/domain/deliberation'
import type { CandidateResults } from '~/domain/results-view'
import { forbidden, type SessionUser } from './auth.server'
import { getDb, schema, type DbHandle, transaction, queryRows } from './db.server'
import { referentielIndex } from './referentiel.server'
import { candidateResults, sessionResults } from './results.server'
import { templatesById } from './templates.server'

const { examSessions, deliberations, evaluationInstances, enrollments, users, submissions } = schema

export const NOT_JURY = 'Seul·es le ou la président·e du jury de la session et l’administration ont accès à la délibération.'
export const NOT_PRESIDENT = 'Seul·e le ou la président·e du jury de cette session a accès à sa délibération.'
export const ONLY_PRESIDENT_CONFIRMS = 'Seul·e le ou la président·e du jury confirme les décisions\u00a0: l’administration les consulte.'
export const ONLY_ADMIN_LIFTS = 'Seule l’administration lève l’anonymat.'
export const NO_SESSION = 'Cette session d’examen n’existe pas.'
export const NOT_ENROLLED = 'Ce ou cette candidat·e n’est pas inscrit·e à cette session.'
export const PUBLISHED = 'Les résultats de cette session sont publiés\u00a0: la délibération ne peut plus changer.'
export const NO_BLOCS = 'La session n’a aucun bloc de compétences\u00a0: l’administration doit d’abord les définir.'
export const STALE =
  'Les résultats de ce ou cette candidat·e ont changé depuis l’ouverture de la page\u00a0: vérifiez les nouvelles propositions, puis confirmez.'
export const NOT_SAVED = 'Rien n’a été confirmé\u00a0: corrigez les champs signalés.'

/** A refused write, with a French message and the fields at fault; nothing was written. */
export class DeliberationError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409,
    readonly errors: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'DeliberationError'
  }
}

type Session = typeof examSessions.$inferSelect

export type DeliberationAccess = {
  user: SessionUser
  session: Session
  /** The session's jury president: confirms. */
  president: boolean
  /** An admin: reads, lifts anonymity. */
  admin: boolean
}

/**
 * The deliberation of `sessionId` for `user`: 403 for a user who is neither
 * an admin nor a juror (before anything is looked up) and for a juror who
 * does not preside this session, 404 for an unknown session. Whether the
 * juror presides is decided in the query.
 */
export async function deliberationAccess(user: SessionUser, sessionId: string, db: DbHandle = getDb()): Promise<DeliberationAccess> {
  const admin = user.roles.includes('admin')
  if (!admin && !user.roles.includes('juror')) forbidden(NOT_JURY)
  const [row] = await db
    .select({ session: examSessions, presides: sql<number>`${examSessions.presidentId} is not null and ${examSessions.presidentId} = ${user.id}` })
    .from(examSessions)
    .where(eq(examSessions.id, sessionId))
  if (!row) throw new Response(NO_SESSION, { status: 404 })
  const president = Boolean(row.presides) && user.roles.includes('juror')
  if (!president && !admin) forbidden(NOT_PRESIDENT)
  return { user, session: row.session, president, admin }
}

/** The sessions a juror presides (for a link from their home), by start date. */
export async function presidedSessions(userId: string, db: DbHandle = getDb()): Promise<{ id: string; name: string }[]> {
  return await db
    .select({ id: examSessions.id, name: examSessions.name })
    .from(examSessions)
    .where(eq(examSessions.presidentId, userId))
    .orderBy(examSessions.startsOn)
}

// ——— The list ———

export type CandidateRow = {
  learnerId: string
  name: string
  proposed: CandidateResults['proposed']
  /** Blocs proposed acquired, out of the session's blocs. */
  blocsAcquired: number
  /** Competencies of the blocs without a result yet (grids not closed, reconciliation pending). */
  pending: number
  confirmed: { decision: CandidateResults['proposed']; confirmedByName: string; confirmedAt: number; departs: boolean } | null
}

export type AnonymousInstance = { instanceId: string; evaluationId: string; title: string; liftedAt: number | null }

export type DeliberationList = {
  session: { id: string; name: string; startsOn: string; endsOn: string; presidentName: string | null; resultsPublishedAt: number | null }
  viewer: { president: boolean; admin: boolean }
  blocs: { id: string; title: string; example: boolean; competencies: number }[]
  candidates: CandidateRow[]
  confirmed: number
  anonymous: AnonymousInstance[]
}

async function presidentName(session: Session, db: DbHandle): Promise<string | null> {
  if (!session.presidentId) return null
  return (await db.select({ name: users.name }).from(users).where(eq(users.id, session.presidentId)))[0]?.name ?? null
}

/** The session's anonymous instances (individual épreuves only: group épreuves are never anonymous), in référentiel order. */
async function anonymousInstances(sessionId: string, db: DbHandle): Promise<AnonymousInstance[]> {
  const rank = new Map([...referentielIndex.evaluations.keys()].map((id, i) => [id, i]))
  return (
    await db
      .select({ instanceId: evaluationInstances.id, evaluationId: evaluationInstances.evaluationId, liftedAt: evaluationInstances.anonymityLiftedAt })
      .from(evaluationInstances)
      .where(and(eq(evaluationInstances.examSessionId, sessionId), eq(evaluationInstances.anonymous, true)))
  )
    .flatMap((i) => {
      const evaluation = referentielIndex.evaluations.get(i.evaluationId)
      if (!evaluation || evaluation.mode !== 'individual') return []
      return [{ instanceId: i.instanceId, evaluationId: i.evaluationId, title: evaluation.title, liftedAt: i.liftedAt?.getTime() ?? null }]
    })
    .sort((a, b) => (rank.get(a.evaluationId) ?? 0) - (rank.get(b.evaluationId) ?? 0))
}

/** The candidates of the session with their proposed and confirmed decisions (a fixed number of queries). */
export async function deliberationList(access: DeliberationAccess, db: DbHandle = getDb()): Promise<DeliberationList> {
  const { session } = access
  const results = await sessionResults(session.id, db)
  const blocs = results[0]?.blocs ?? []
  const candidates = results.map((r): CandidateRow => {
    const inBlocs = new Set(r.blocs.flatMap((b) => b.competencyIds))
    return {
      learnerId: r.learnerId,
      name: r.name,
      proposed: r.proposed,
      blocsAcquired: r.blocs.filter((b) => b.proposed === 'acquired').length,
      pending: r.competencies.filter((c) => inBlocs.has(c.competencyId) && c.result === null).length,
      confirmed: r.deliberation
        ? {
            decision: r.deliberation.decision,
            confirmedByName: r.deliberation.confirmedByName,
            confirmedAt: r.deliberation.confirmedAt,
            departs: r.deliberation.decision !== r.proposed || r.deliberation.blocs.some((b) => b.decision !== b.proposed),
          }
        : null,
    }
  })
  return {
    session: {
      id: session.id,
      name: session.name,
      startsOn: session.startsOn,
      endsOn: session.endsOn,
      presidentName: await presidentName(session, db),
      resultsPublishedAt: session.resultsPublishedAt?.getTime() ?? null,
    },
    viewer: { president: access.president, admin: access.admin },
    blocs: blocs.map((b) => ({ id: b.blocId, title: b.title, example: b.example, competencies: b.competencyIds.length })),
    candidates,
    confirmed: candidates.filter((c) => c.confirmed).length,
    anonymous: await anonymousInstances(session.id, db),
  }
}

// ——— One candidate ———

export type EvidenceView = { label: string; where: string }

export type CandidateDeliberation = {
  session: DeliberationList['session']
  viewer: DeliberationList['viewer']
  results: CandidateResults
  /** Each criterion's evidence as the page shows it: the quoted words or the item's label, and where in the copy. */
  evidence: Record<string, EvidenceView[]>
  /** The candidates before and after this one (by name), to go through the list. */
  previous: { learnerId: string; name: string } | null
  next: { learnerId: string; name: string } | null
}

const NBSP = '\u00a0'
const quoted = (s: string) => `«${NBSP}${s.replace(/\s+/g, ' ').trim()}${NBSP}»`

/** Key of a criterion row's evidence in CandidateDeliberation.evidence. */
export const evidenceKey = (competencyId: string, criterionId: string, part: string) => `${competencyId}|${criterionId}|${part}`

/** One candidate's deliberation; 404 when the learner is not enrolled in the session. */
export async function candidateDeliberation(access: DeliberationAccess, learnerId: string, db: DbHandle = getDb()): Promise<CandidateDeliberation> {
  const { session } = access
  const results = await candidateResults(session.id, learnerId, db)
  if (!results) throw new Response(NOT_ENROLLED, { status: 404 })

  // Where each cited piece of evidence is: the snapshot's template and section.
  const cited = results.competencies.flatMap((c) => c.criteria.flatMap((k) => k.evidence.map((e) => e.submissionId)))
  const templateOf = new Map(
    cited.length
      ? (
          await db
            .select({ id: submissions.id, templateId: submissions.templateId })
            .from(submissions)
            .where(inArray(submissions.id, [...new Set(cited)]))
        ).map((s) => [s.id, s.templateId])
      : [],
  )
  const evidence: Record<string, EvidenceView[]> = {}
  for (const c of results.competencies) {
    for (const k of c.criteria) {
      if (k.evidence.length === 0) continue
      evidence[evidenceKey(c.competencyId, k.criterionId, k.part)] = k.evidence.map((e) => {
        const template = templatesById.get(templateOf.get(e.submissionId) ?? '')
        const section = template?.sections.find((s) => s.id === e.sectionId)
        const where = [template?.title, section?.title].filter(Boolean).join(' — ')
        return { label: e.kind === 'passage' ? quoted(e.selectors[0]?.exact ?? '') : e.label, where }
      })
    }
  }

  // Neighbours by name (the list's order).
  const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true })
  const roster = (
    await db
      .select({ learnerId: users.id, name: users.name })
      .from(enrollments)
      .innerJoin(users, eq(users.id, enrollments.learnerId))
      .where(eq(enrollments.examSessionId, session.id))
  ).sort((a, b) => collator.compare(a.name, b.name) || (a.learnerId < b.learnerId ? -1 : 1))
  const i = roster.findIndex((r) => r.learnerId === learnerId)

  return {
    session: {
      id: session.id,
      name: session.name,
      startsOn: session.startsOn,
      endsOn: session.endsOn,
      presidentName: await presidentName(session, db),
      resultsPublishedAt: session.resultsPublishedAt?.getTime() ?? null,
    },
    viewer: { president: access.president, admin: access.admin },
    results,
    evidence,
    previous: roster[i - 1] ?? null,
    next: roster[i + 1] ?? null,
  }
}

// ——— Confirming ———

const reason = z.string().max(2000, 'La raison tient en 2000 caractères au plus.')

/** The president's decisions, as the form sends them (one entry per bloc, with the proposal the page showed). */
export const ConfirmInputSchema = z.object({
  blocs: z
    .array(
      z.object({
        blocId: z.string().min(1).max(64),
        /** The proposal the page showed: a different one now means the results changed meanwhile. */
        shown: z.enum(BLOC_RESULTS).optional(),
        decision: z.enum(BLOC_RESULTS, { error: 'Choisissez «\u00a0Acquis\u00a0» ou «\u00a0Non acquis\u00a0».' }).optional(),
        reason,
      }),
    )
    .max(100),
  reason,
})
export type ConfirmInput = z.infer<typeof ConfirmInputSchema>

/** The form's fields: `decision-<blocId>`, `reason-<blocId>`, `shown-<blocId>` for each bloc, and `reason`. */
export function confirmInputOf(values: Record<string, string>): ConfirmInput {
  const blocIds = Object.keys(values)
    .filter((k) => k.startsWith('shown-'))
    .map((k) => k.slice('shown-'.length))
  const decisionOf = (v: string | undefined) => (v && (BLOC_RESULTS as readonly string[]).includes(v) ? (v as BlocResult) : undefined)
  return {
    blocs: blocIds.map((blocId) => ({
      blocId,
      shown: decisionOf(values[`shown-${blocId}`]),
      decision: decisionOf(values[`decision-${blocId}`]),
      reason: values[`reason-${blocId}`] ?? '',
    })),
    reason: values.reason ?? '',
  }
}

const label = (r: BlocResult) => `«${NBSP}${BLOC_RESULT_LABELS[r]}${NBSP}»`

/**
 * Records the president's decisions on one candidate: a decision per bloc of
 * the session — a departure from the proposal needs a reason of at least
 * MIN_REASON_LENGTH characters — and the overall decision that follows from
 * them (complète, partielle, ajournement: overallConsistent). The proposals
 * are computed here, from the results as they are now; when they differ from
 * those the page showed, nothing is recorded (409). Re-confirming replaces
 * the record (new time, new name) until the results are published.
 */
export async function confirmDeliberation(
  access: DeliberationAccess,
  learnerId: string,
  input: ConfirmInput,
  now = new Date(),
  db: DbHandle = getDb(),
): Promise<{ replaced: boolean; decision: CandidateResults['proposed'] }> {
  if (!access.president) forbidden(ONLY_PRESIDENT_CONFIRMS)
  return await transaction(db, async (tx) => {
    const [session] = await tx.select().from(examSessions).where(eq(examSessions.id, access.session.id))
    if (!session) throw new DeliberationError(NO_SESSION, 404)
    if (session.resultsPublishedAt) throw new DeliberationError(PUBLISHED, 409)
    if (session.presidentId !== access.user.id) forbidden(ONLY_PRESIDENT_CONFIRMS)
    const results = await candidateResults(session.id, learnerId, tx)
    if (!results) throw new DeliberationError(NOT_ENROLLED, 404)
    if (results.blocs.length === 0) throw new DeliberationError(NO_BLOCS, 400)

    const given = new Map(input.blocs.map((b) => [b.blocId, b]))
    if (results.blocs.some((b) => given.get(b.blocId)?.shown !== undefined && given.get(b.blocId)?.shown !== b.proposed))
      throw new DeliberationError(STALE, 409)
    const errors: Record<string, string> = {}
    const decisions: BlocDecision[] = results.blocs.map((b) => {
      const g = given.get(b.blocId)
      const decision = g?.decision
      const why = (g?.reason ?? '').trim()
      if (!decision) errors[`decision-${b.blocId}`] = `Choisissez la décision du jury pour ce bloc (proposition\u00a0: ${label(b.proposed)}).`
      else if (missingReason(b.proposed, decision, why))
        errors[`reason-${b.blocId}`] =
          `Vous vous écartez de la proposition (${label(b.proposed)})\u00a0: donnez-en la raison, en ${MIN_REASON_LENGTH}\u00a0caractères au moins.`
      // A reason only goes with a departure.
      return { blocId: b.blocId, proposed: b.proposed, decision: decision ?? b.proposed, reason: decision && decision !== b.proposed ? why : '' }
    })
    if (Object.keys(errors).length) throw new DeliberationError(NOT_SAVED, 400, errors)

    const decision = proposeOverall(decisions.map((d) => d.decision))
    const [existing] = await tx
      .select({ learnerId: deliberations.learnerId })
      .from(deliberations)
      .where(and(eq(deliberations.examSessionId, session.id), eq(deliberations.learnerId, learnerId)))
    const row = {
      blocs: decisions,
      proposed: results.proposed,
      decision,
      reason: input.reason.trim(),
      confirmedBy: access.user.id,
      confirmedByName: access.user.name,
      confirmedAt: now,
    }
    await tx
      .insert(deliberations)
      .values({ examSessionId: session.id, learnerId, ...row })
      .onConflictDoUpdate({ target: [deliberations.examSessionId, deliberations.learnerId], set: row })
    return { replaced: Boolean(existing), decision }
  })
}

// ——— Lifting anonymity ———

/**
 * Lifts the anonymity of the session's anonymous instances (the jurors then
 * see the candidates' names), once every enrolled candidate's deliberation is
 * confirmed; refused (409) before. Only an admin. Returns how many instances
 * were lifted (0 when all already were).
 */
export async function liftAnonymity(access: DeliberationAccess, now = new Date(), db: DbHandle = getDb()): Promise<{ lifted: number }> {
  if (!access.admin) forbidden(ONLY_ADMIN_LIFTS)
  return await transaction(db, async (tx) => {
    const sessionId = access.session.id
    const waiting = (
      await queryRows<{ n: number }>(
        tx,
        sql`select count(*) as n from enrollments e
        where e.exam_session_id = ${sessionId}
          and not exists (select 1 from deliberations d where d.exam_session_id = e.exam_session_id and d.learner_id = e.learner_id)`,
      )
    )[0]!.n
    if (waiting > 0)
      throw new DeliberationError(
        `L’anonymat se lève après la délibération\u00a0: ${waiting === 1 ? '1\u00a0candidat·e attend encore la confirmation de sa décision' : `${waiting}\u00a0candidat·es attendent encore la confirmation de leur décision`} par le ou la président·e du jury.`,
        409,
      )
    const open = await tx
      .select({ id: evaluationInstances.id })
      .from(evaluationInstances)
      .where(and(eq(evaluationInstances.examSessionId, sessionId), eq(evaluationInstances.anonymous, true), isNull(evaluationInstances.anonymityLiftedAt)))
    if (open.length === 0) return { lifted: 0 }
    await tx
      .update(evaluationInstances)
      .set({ anonymityLiftedAt: now })
      .where(
        inArray(
          evaluationInstances.id,
          open.map((i) => i.id),
        ),
      )
    return { lifted: open.length }
  })
}
