/**
 * Agreement between the two jurors of double-marked copies, for the admins of
 * an exam session: percent agreement and Cohen's kappa (app/domain/agreement.ts)
 * per criterion, per evaluation instance and per pair of jurors.
 *
 * What is compared: on each instance set to double marking, each copy (a
 * learner, or a group, on that evaluation) whose two jurors have both closed
 * their grid; cell by cell (criterion × part × learner), only the cells both
 * gave a level. A grid still open is never read: its levels may still change,
 * and neither juror may yet see the other's.
 *
 * Which juror is « first »: Cohen's kappa compares two raters' use of the
 * levels. Per pair of jurors, the first is the pair's first by name; per
 * instance and per criterion (pooled over pairs), the first is the copy's lead
 * juror (jurorAssignments.lead; else the assignment made first).
 *
 * The caller authorizes (admins only); every query here is scoped to the
 * session.
 */
import { and, asc, eq, isNotNull } from 'drizzle-orm'
import { bandOf, cohensKappa, type AgreementBand } from '~/domain/agreement'
import type { GradingScaleId } from '~/domain/grading'
import { competencyRange } from '~/domain/referentiel'
import { getDb, schema } from './db.server'
import { referentiel, referentielIndex } from './referentiel.server'

const { examSessions, evaluationInstances, jurorAssignments, gradings, gradeEntries, users } = schema

/** The figures of one set of compared levels. */
export type AgreementFigures = {
  /** Levels compared (cells both jurors graded). */
  n: number
  /** How many of them are the same. */
  agreements: number
  observed: number
  expected: number
  kappa: number | null
  band: AgreementBand | null
}

export type InstanceAgreement = {
  instanceId: string
  evaluationId: string
  title: string
  range: string
  /** Copies of the instance with a juror assigned. */
  copies: number
  /** Copies whose two jurors have both closed their grid. */
  compared: number
  /** Null while no level can be compared. */
  figures: AgreementFigures | null
}

export type JurorRef = { id: string; name: string }
export type PairAgreement = { jurors: [JurorRef, JurorRef]; compared: number; figures: AgreementFigures }

export type CriterionAgreement = {
  criterionId: string
  /** Verbatim, from the référentiel. */
  text: string
  competencyId: string
  evaluationId: string
  evaluationTitle: string
  figures: AgreementFigures
}

export type AgreementReport = {
  session: { id: string; name: string; startsOn: string; endsOn: string; scale: GradingScaleId }
  /** The instances set to double marking, in référentiel order. */
  instances: InstanceAgreement[]
  /** Pairs of jurors with at least one level compared, by names. */
  pairs: PairAgreement[]
  /** Criteria with at least one level compared, lowest agreement first. */
  criteria: CriterionAgreement[]
  /** All instances together. */
  overall: AgreementFigures | null
}

/** Accumulates the levels of the first and the second juror, pair by pair. */
class Levels {
  readonly a: string[] = []
  readonly b: string[] = []
  readonly copies = new Set<string>()
  push(a: string, b: string, copy: string) {
    this.a.push(a)
    this.b.push(b)
    this.copies.add(copy)
  }
  figures(): AgreementFigures | null {
    if (this.a.length === 0) return null
    const { observed, expected, kappa } = cohensKappa(this.a, this.b)
    const agreements = this.a.filter((level, i) => level === this.b[i]).length
    return { n: this.a.length, agreements, observed, expected, kappa, band: bandOf(kappa) }
  }
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true })
const evaluationRank = new Map(referentiel.evaluations.map((e, i) => [e.id, i]))

/** Criterion id → its text, competency and rank in the référentiel. */
const criteria = new Map<string, { text: string; competencyId: string; rank: number }>()
for (const activity of referentiel.activities)
  for (const competency of activity.competencies)
    for (const criterion of competency.criteria) criteria.set(criterion.id, { text: criterion.text, competencyId: competency.id, rank: criteria.size })

/** Lowest kappa first; an uncomputable kappa (both jurors gave one and the same level: 100 % agreement) last; then lowest percent agreement. */
export function byLowestAgreement(x: AgreementFigures, y: AgreementFigures): number {
  if (x.kappa !== y.kappa) {
    if (x.kappa === null) return 1
    if (y.kappa === null) return -1
    return x.kappa - y.kappa
  }
  return x.observed - y.observed || y.n - x.n
}

/** The agreement report of a session, in four queries whatever its size. Null when the session does not exist. */
export async function sessionAgreement(sessionId: string): Promise<AgreementReport | null> {
  const db = getDb()
  const [session] = await db.select().from(examSessions).where(eq(examSessions.id, sessionId))
  if (!session) return null

  const instanceRows = (
    await db
      .select({ id: evaluationInstances.id, evaluationId: evaluationInstances.evaluationId })
      .from(evaluationInstances)
      .where(and(eq(evaluationInstances.examSessionId, sessionId), eq(evaluationInstances.doubleMarking, true)))
  )
    .filter((i) => referentielIndex.evaluations.has(i.evaluationId))
    .sort((x, y) => (evaluationRank.get(x.evaluationId) ?? 0) - (evaluationRank.get(y.evaluationId) ?? 0))

  // The assignments of the double-marked instances, with their grid's state.
  const assignments = await db
    .select({
      id: jurorAssignments.id,
      jurorId: jurorAssignments.jurorId,
      jurorName: users.name,
      evaluationId: jurorAssignments.evaluationId,
      learnerId: jurorAssignments.learnerId,
      groupId: jurorAssignments.groupId,
      lead: jurorAssignments.lead,
      createdAt: jurorAssignments.createdAt,
      gradingId: gradings.id,
      status: gradings.status,
    })
    .from(jurorAssignments)
    .innerJoin(
      evaluationInstances,
      and(
        eq(evaluationInstances.examSessionId, jurorAssignments.examSessionId),
        eq(evaluationInstances.evaluationId, jurorAssignments.evaluationId),
        eq(evaluationInstances.doubleMarking, true),
      ),
    )
    .innerJoin(users, eq(users.id, jurorAssignments.jurorId))
    .leftJoin(gradings, eq(gradings.assignmentId, jurorAssignments.id))
    .where(eq(jurorAssignments.examSessionId, sessionId))
    .orderBy(asc(jurorAssignments.createdAt), asc(jurorAssignments.id))

  // The levels of the closed grids of those assignments.
  const entries = await db
    .select({
      gradingId: gradeEntries.gradingId,
      criterionId: gradeEntries.criterionId,
      part: gradeEntries.part,
      learnerId: gradeEntries.learnerId,
      level: gradeEntries.level,
    })
    .from(gradeEntries)
    .innerJoin(gradings, eq(gradings.id, gradeEntries.gradingId))
    .innerJoin(jurorAssignments, eq(jurorAssignments.id, gradings.assignmentId))
    .innerJoin(
      evaluationInstances,
      and(
        eq(evaluationInstances.examSessionId, jurorAssignments.examSessionId),
        eq(evaluationInstances.evaluationId, jurorAssignments.evaluationId),
        eq(evaluationInstances.doubleMarking, true),
      ),
    )
    .where(and(eq(jurorAssignments.examSessionId, sessionId), eq(gradings.status, 'closed'), isNotNull(gradeEntries.level)))
  const levelsOf = new Map<string, Map<string, string>>()
  for (const e of entries) {
    const cells = levelsOf.get(e.gradingId) ?? new Map<string, string>()
    cells.set(`${e.criterionId}|${e.part}|${e.learnerId}`, e.level!)
    levelsOf.set(e.gradingId, cells)
  }

  // Copies: one learner or one group on one evaluation, with its assignments (lead first, then the first made).
  type Row = (typeof assignments)[number]
  const copies = new Map<string, Row[]>()
  for (const a of assignments) {
    const key = `${a.evaluationId}|${a.learnerId ?? `group:${a.groupId}`}`
    copies.set(key, [...(copies.get(key) ?? []), a])
  }

  const byInstance = new Map<string, Levels>()
  const copiesOf = new Map<string, { copies: number; compared: number }>()
  const byPair = new Map<string, { jurors: [JurorRef, JurorRef]; levels: Levels }>()
  const byCriterion = new Map<string, Levels>()
  const overall = new Levels()
  const levelsFor = <K>(map: Map<K, Levels>, key: K) => map.get(key) ?? map.set(key, new Levels()).get(key)!

  for (const [copy, rows] of copies) {
    const evaluationId = rows[0]!.evaluationId
    const counts = copiesOf.get(evaluationId) ?? { copies: 0, compared: 0 }
    copiesOf.set(evaluationId, counts)
    counts.copies++
    const ordered = [...rows.filter((r) => r.lead), ...rows.filter((r) => !r.lead)]
    const closed = ordered.filter((r) => r.status === 'closed' && r.gradingId)
    let compared = false
    // Two jurors per copy; should a copy have more, every pair of them is compared.
    for (let i = 0; i < closed.length; i++) {
      for (let j = i + 1; j < closed.length; j++) {
        const first = closed[i]!
        const second = closed[j]!
        if (first.jurorId === second.jurorId) continue
        compared = true
        const [x, y] = collator.compare(first.jurorName, second.jurorName) <= 0 ? [first, second] : [second, first]
        const pairKey = `${x.jurorId}|${y.jurorId}`
        const pair = byPair.get(pairKey) ?? {
          jurors: [
            { id: x.jurorId, name: x.jurorName },
            { id: y.jurorId, name: y.jurorName },
          ] as [JurorRef, JurorRef],
          levels: new Levels(),
        }
        byPair.set(pairKey, pair)
        const firstLevels = levelsOf.get(first.gradingId!) ?? new Map<string, string>()
        const secondLevels = levelsOf.get(second.gradingId!) ?? new Map<string, string>()
        for (const [cell, a] of firstLevels) {
          const b = secondLevels.get(cell)
          if (b === undefined) continue
          const criterionId = cell.slice(0, cell.indexOf('|'))
          levelsFor(byInstance, evaluationId).push(a, b, copy)
          levelsFor(byCriterion, `${evaluationId}|${criterionId}`).push(a, b, copy)
          overall.push(a, b, copy)
          if (x === first) pair.levels.push(a, b, copy)
          else pair.levels.push(b, a, copy)
        }
      }
    }
    if (compared) counts.compared++
  }

  const instances = instanceRows.map((i): InstanceAgreement => {
    const evaluation = referentielIndex.evaluations.get(i.evaluationId)!
    const counts = copiesOf.get(i.evaluationId) ?? { copies: 0, compared: 0 }
    return {
      instanceId: i.id,
      evaluationId: i.evaluationId,
      title: evaluation.title,
      range: competencyRange(evaluation),
      ...counts,
      figures: byInstance.get(i.evaluationId)?.figures() ?? null,
    }
  })

  const pairs = [...byPair.values()]
    .map((p) => ({ jurors: p.jurors, compared: p.levels.copies.size, figures: p.levels.figures() }))
    .filter((p): p is PairAgreement => p.figures !== null)
    .sort((p, q) => collator.compare(p.jurors[0].name, q.jurors[0].name) || collator.compare(p.jurors[1].name, q.jurors[1].name))

  const criteriaRows = [...byCriterion]
    .map(([key, levels]): CriterionAgreement => {
      const [evaluationId, criterionId] = key.split('|') as [string, string]
      const criterion = criteria.get(criterionId)
      return {
        criterionId,
        text: criterion?.text ?? '',
        competencyId: criterion?.competencyId ?? '',
        evaluationId,
        evaluationTitle: referentielIndex.evaluations.get(evaluationId)?.title ?? '',
        figures: levels.figures()!,
      }
    })
    .sort(
      (x, y) =>
        byLowestAgreement(x.figures, y.figures) ||
        (criteria.get(x.criterionId)?.rank ?? criteria.size) - (criteria.get(y.criterionId)?.rank ?? criteria.size) ||
        x.evaluationId.localeCompare(y.evaluationId),
    )

  return {
    session: { id: session.id, name: session.name, startsOn: session.startsOn, endsOn: session.endsOn, scale: session.gradingScale },
    instances,
    pairs,
    criteria: criteriaRows,
    overall: overall.figures(),
  }
}
