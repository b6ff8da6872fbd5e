/**
 * A candidate's results for a session (the contract app/domain/results-view.ts):
 * for each competency of the référentiel, the result of the evaluation that
 * assesses it — the juror's CLOSED grid of the candidate's copy (their own
 * for an individual épreuve, their group's for a group épreuve: the shared
 * written rows and that member's oral and REX rows), derived by the session's
 * rule unless the juror overrode it; for a double-marked instance, the levels
 * agreed by the lead juror once the reconciliation is closed —, the
 * candidate's self-assessment beside each criterion, the blocs with their
 * proposals, the proposed overall decision and the confirmed deliberation.
 *
 * No access check here: callers (deliberation, documents, publication)
 * decide who may read. A fixed number of queries whatever the cohort.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Evaluation } from '#templates/referentiel.schema'
import { proposeBloc, proposeOverall } from '~/domain/deliberation'
import {
  criterionAcquired,
  deriveCompetency,
  GRADING_SCALES,
  gridRows,
  type CompetencyResult,
  type CompetencyRule,
  type GradeEvidence,
  type GradePart,
  type GradingScaleId,
  type GridRow,
} from '~/domain/grading'
import type { BlocOutcome, CandidateResults, CompetencyOutcome, CompetencySource, CriterionOutcome } from '~/domain/results-view'
import { epochMs, getDb, schema, type DbHandle, queryRows } from './db.server'
import { referentiel, referentielIndex } from './referentiel.server'
import { dossierTemplates } from './templates.server'

const { examSessions, enrollments, users, evaluationInstances, groupMembers, groups, selfAssessments, competencyBlocs, blocCompetencies, deliberations } =
  schema

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true })

/** Every competency of the référentiel, in its order, with the evaluation that assesses it. */
const COMPETENCIES = referentiel.activities.flatMap((a) =>
  a.competencies.map((c) => ({ id: c.id, evaluation: referentielIndex.evaluationByCompetency.get(c.id) })),
)
const competencyRank = new Map(COMPETENCIES.map((c, i) => [c.id, i]))

/** Each evaluation's grid rows (static: the référentiel and the templates are data). */
const rowsOf = new Map<string, GridRow[]>(referentiel.evaluations.map((e) => [e.id, gridRows(referentiel, e, dossierTemplates)]))

const levelMap = (scale: GradingScaleId) => new Map(GRADING_SCALES[scale].levels.map((l) => [l.id, l]))
const LEVELS: Record<GradingScaleId, Map<string, { label: string }>> = { binary: levelMap('binary'), four: levelMap('four') }

type Cell = { level: string | null; comment: string; evidence: GradeEvidence[] }
type OverrideRow = { result: CompetencyResult; justification: string }

/** A juror's closed grid of one copy. */
type ClosedGrid = {
  assignmentId: string
  jurorName: string
  lead: boolean
  closedAt: number
  cells: Map<string, Cell>
  overrides: Map<string, OverrideRow>
}

/** The closed reconciliation of a double-marked copy. */
type Reconciliation = { leadAssignmentId: string; cells: Map<string, Cell> }

const cellKey = (criterionId: string, part: string, learnerId: string) => `${criterionId}|${part}|${learnerId}`
const copyKey = (evaluationId: string, subjectId: string) => `${evaluationId}|${subjectId}`

/** Everything the results of a session (or of one of its learners) are built from, read in a fixed number of queries. */
type Material = {
  scale: GradingScaleId
  rule: CompetencyRule
  learners: { id: string; name: string }[]
  instances: Map<string, { id: string; doubleMarking: boolean }>
  /** learnerId → evaluationId → groupId. */
  groupOf: Map<string, Map<string, string>>
  /** `evaluationId|subjectId` → the closed grids of that copy. */
  grids: Map<string, ClosedGrid[]>
  /** `instanceId|subjectId` → the closed reconciliation. */
  reconciliations: Map<string, Reconciliation>
  /** learnerId → criterionId → status. */
  selfAssessed: Map<string, Map<string, 'todo' | 'in_progress' | 'achieved'>>
  blocs: { id: string; title: string; example: boolean; competencyIds: string[] }[]
  deliberations: Map<string, typeof deliberations.$inferSelect>
}

async function load(examSessionId: string, learnerId: string | null, db: DbHandle): Promise<Material | null> {
  const [session] = await db
    .select({ scale: examSessions.gradingScale, rule: examSessions.competencyRule, min: examSessions.competencyRuleMin })
    .from(examSessions)
    .where(eq(examSessions.id, examSessionId))
  if (!session) return null
  const rule: CompetencyRule = session.rule === 'at-least' ? { rule: 'at-least', min: session.min ?? 1 } : { rule: 'all' }

  const learners = (
    await db
      .select({ id: users.id, name: users.name })
      .from(enrollments)
      .innerJoin(users, eq(users.id, enrollments.learnerId))
      .where(and(eq(enrollments.examSessionId, examSessionId), learnerId === null ? undefined : eq(enrollments.learnerId, learnerId)))
  ).sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1))

  const instances = new Map(
    (
      await db
        .select({ id: evaluationInstances.id, evaluationId: evaluationInstances.evaluationId, doubleMarking: evaluationInstances.doubleMarking })
        .from(evaluationInstances)
        .where(eq(evaluationInstances.examSessionId, examSessionId))
    ).map((i) => [i.evaluationId, { id: i.id, doubleMarking: i.doubleMarking }]),
  )

  const memberships = await db
    .select({ learnerId: groupMembers.learnerId, groupId: groups.id, evaluationId: groups.evaluationId })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(and(eq(groups.examSessionId, examSessionId), learnerId === null ? undefined : eq(groupMembers.learnerId, learnerId)))
  const groupOf = new Map<string, Map<string, string>>()
  for (const m of memberships) {
    const byEvaluation = groupOf.get(m.learnerId) ?? new Map<string, string>()
    byEvaluation.set(m.evaluationId, m.groupId)
    groupOf.set(m.learnerId, byEvaluation)
  }

  // The closed grids of the session (for one learner: of their copies, their group's cells limited to the shared rows and their own).
  const scope =
    learnerId === null ? sql`true` : sql`(ja.learner_id = ${learnerId} or ja.group_id in (select group_id from group_members where learner_id = ${learnerId}))`
  const cellScope = learnerId === null ? sql`true` : sql`ge.learner_id in ('', ${learnerId})`
  const gradingRows = await queryRows<{
    gradingId: string
    assignmentId: string
    evaluationId: string
    subjectId: string
    jurorName: string
    lead: number | boolean
    closedAt: number | null
  }>(
    db,
    sql`select g.id as "gradingId", ja.id as "assignmentId", ja.evaluation_id as "evaluationId", coalesce(ja.learner_id, ja.group_id) as "subjectId",
        u.name as "jurorName", ja.lead as lead, ${epochMs(sql`g.closed_at`)} as "closedAt"
      from juror_assignments ja
      join gradings g on g.assignment_id = ja.id
      join users u on u.id = ja.juror_id
      where ja.exam_session_id = ${examSessionId} and g.status = 'closed' and ${scope}`,
  )
  const entryRows = await queryRows<{
    gradingId: string
    criterionId: string
    part: string
    learnerId: string
    level: string | null
    comment: string
    /** JSON text from SQLite; PostgreSQL's jsonb comes parsed. */
    evidence: string | unknown[]
  }>(
    db,
    sql`select ge.grading_id as "gradingId", ge.criterion_id as "criterionId", ge.part as part, ge.learner_id as "learnerId", ge.level as level,
        ge.comment as comment, ge.evidence as evidence
      from juror_assignments ja
      join gradings g on g.assignment_id = ja.id
      join grade_entries ge on ge.grading_id = g.id
      where ja.exam_session_id = ${examSessionId} and g.status = 'closed' and ${scope} and ${cellScope}`,
  )
  const overrideRows = await queryRows<{ gradingId: string; competencyId: string; learnerId: string; result: CompetencyResult; justification: string }>(
    db,
    sql`select co.grading_id as "gradingId", co.competency_id as "competencyId", co.learner_id as "learnerId", co.result as result, co.justification as justification
      from juror_assignments ja
      join gradings g on g.assignment_id = ja.id
      join competency_overrides co on co.grading_id = g.id
      where ja.exam_session_id = ${examSessionId} and g.status = 'closed' and co.result is not null and ${scope}
        and ${learnerId === null ? sql`true` : sql`co.learner_id in ('', ${learnerId})`}`,
  )
  const byGrading = new Map<string, ClosedGrid>()
  const grids = new Map<string, ClosedGrid[]>()
  for (const r of gradingRows) {
    const grid: ClosedGrid = {
      assignmentId: r.assignmentId,
      jurorName: r.jurorName,
      lead: Boolean(r.lead),
      closedAt: r.closedAt ?? 0,
      cells: new Map(),
      overrides: new Map(),
    }
    byGrading.set(r.gradingId, grid)
    const key = copyKey(r.evaluationId, r.subjectId)
    grids.set(key, [...(grids.get(key) ?? []), grid])
  }
  for (const e of entryRows) {
    byGrading
      .get(e.gradingId)
      ?.cells.set(cellKey(e.criterionId, e.part, e.learnerId), { level: e.level, comment: e.comment, evidence: parseEvidence(e.evidence) })
  }
  for (const o of overrideRows) {
    byGrading.get(o.gradingId)?.overrides.set(`${o.competencyId}|${o.learnerId}`, { result: o.result, justification: o.justification })
  }

  // Closed reconciliations of the session's instances, with their agreed levels.
  const reconciliationRows = await queryRows<{ id: string; instanceId: string; subjectId: string; leadAssignmentId: string }>(
    db,
    sql`select r.id as id, r.instance_id as "instanceId", r.subject_id as "subjectId", r.lead_assignment_id as "leadAssignmentId"
      from reconciliations r join evaluation_instances ei on ei.id = r.instance_id
      where ei.exam_session_id = ${examSessionId} and r.status = 'closed'
        and ${learnerId === null ? sql`true` : sql`(r.subject_id = ${learnerId} or r.subject_id in (select group_id from group_members where learner_id = ${learnerId}))`}`,
  )
  const reconciledRows = reconciliationRows.length
    ? await queryRows<{ reconciliationId: string; criterionId: string; part: string; learnerId: string; level: string; comment: string }>(
        db,
        sql`select re.reconciliation_id as "reconciliationId", re.criterion_id as "criterionId", re.part as part, re.learner_id as "learnerId",
            re.level as level, re.comment as comment
          from reconciliations r join evaluation_instances ei on ei.id = r.instance_id
          join reconciled_entries re on re.reconciliation_id = r.id
          where ei.exam_session_id = ${examSessionId} and r.status = 'closed'
            and ${learnerId === null ? sql`true` : sql`re.learner_id in ('', ${learnerId})`}`,
      )
    : []
  const reconciliations = new Map<string, Reconciliation>()
  const byReconciliation = new Map<string, Reconciliation>()
  for (const r of reconciliationRows) {
    const rec: Reconciliation = { leadAssignmentId: r.leadAssignmentId, cells: new Map() }
    byReconciliation.set(r.id, rec)
    reconciliations.set(`${r.instanceId}|${r.subjectId}`, rec)
  }
  for (const e of reconciledRows) {
    byReconciliation.get(e.reconciliationId)?.cells.set(cellKey(e.criterionId, e.part, e.learnerId), { level: e.level, comment: e.comment, evidence: [] })
  }

  const selfAssessed = new Map<string, Map<string, 'todo' | 'in_progress' | 'achieved'>>()
  for (const s of await db
    .select({ learnerId: selfAssessments.learnerId, criterionId: selfAssessments.criterionId, status: selfAssessments.status })
    .from(selfAssessments)
    .where(and(eq(selfAssessments.examSessionId, examSessionId), learnerId === null ? undefined : eq(selfAssessments.learnerId, learnerId)))) {
    const byCriterion = selfAssessed.get(s.learnerId) ?? new Map()
    byCriterion.set(s.criterionId, s.status)
    selfAssessed.set(s.learnerId, byCriterion)
  }

  const blocs = await sessionBlocs(examSessionId, db)

  const deliberationRows = await db
    .select()
    .from(deliberations)
    .where(and(eq(deliberations.examSessionId, examSessionId), learnerId === null ? undefined : eq(deliberations.learnerId, learnerId)))

  return {
    scale: session.scale,
    rule,
    learners,
    instances,
    groupOf,
    grids,
    reconciliations,
    selfAssessed,
    blocs,
    deliberations: new Map(deliberationRows.map((d) => [d.learnerId, d])),
  }
}

function parseEvidence(json: string | unknown[]): GradeEvidence[] {
  try {
    const value: unknown = typeof json === 'string' ? JSON.parse(json) : json
    return Array.isArray(value) ? (value as GradeEvidence[]) : []
  } catch {
    return []
  }
}

/** A session's blocs, by position, each with its competencies in référentiel order (two queries). */
export async function sessionBlocs(
  examSessionId: string,
  db: DbHandle = getDb(),
): Promise<{ id: string; title: string; example: boolean; competencyIds: string[] }[]> {
  const rows = await db
    .select({ id: competencyBlocs.id, title: competencyBlocs.title, example: competencyBlocs.example })
    .from(competencyBlocs)
    .where(eq(competencyBlocs.examSessionId, examSessionId))
    .orderBy(asc(competencyBlocs.position), asc(competencyBlocs.createdAt))
  if (rows.length === 0) return []
  const members = await db
    .select({ blocId: blocCompetencies.blocId, competencyId: blocCompetencies.competencyId })
    .from(blocCompetencies)
    .where(
      inArray(
        blocCompetencies.blocId,
        rows.map((r) => r.id),
      ),
    )
  return rows.map((r) => ({
    ...r,
    competencyIds: members
      .filter((m) => m.blocId === r.id)
      .map((m) => m.competencyId)
      .sort((a, b) => (competencyRank.get(a) ?? 999) - (competencyRank.get(b) ?? 999)),
  }))
}

const sameEvidence = (a: GradeEvidence, b: GradeEvidence) => JSON.stringify(a) === JSON.stringify(b)

/**
 * The final cell of a double-marked copy, as reconciliation.server.ts finalCells
 * has it (read here in bulk): the agreed level and the lead's comment where the
 * jurors diverged, else the common level; with both jurors' evidence.
 */
function finalCell(key: string, rec: Reconciliation, lead: ClosedGrid | undefined, others: ClosedGrid[]): Cell | undefined {
  const sources = [lead, ...others].filter((g): g is ClosedGrid => Boolean(g)).map((g) => g.cells.get(key))
  const evidence: GradeEvidence[] = []
  for (const cell of sources) for (const e of cell?.evidence ?? []) if (!evidence.some((x) => sameEvidence(x, e))) evidence.push(e)
  const agreed = rec.cells.get(key)
  if (agreed) return { level: agreed.level, comment: agreed.comment || (sources.find((c) => c?.comment)?.comment ?? ''), evidence }
  // Where they agreed: the common level, the lead's comment (else the second juror's).
  const base = sources.find((c) => c?.level) ?? sources.find(Boolean)
  return base ? { level: base.level, comment: sources.find((c) => c?.comment)?.comment ?? '', evidence } : undefined
}

/** One competency of one learner: what judges it, and its result. */
function competencyOutcome(m: Material, learnerId: string, competencyId: string, evaluation: Evaluation | undefined): CompetencyOutcome {
  const selfOf = m.selfAssessed.get(learnerId)
  const rows = evaluation ? (rowsOf.get(evaluation.id) ?? []).filter((r) => r.competencyId === competencyId) : []
  const group = evaluation?.mode === 'group'
  const subjectId = !evaluation ? undefined : group ? m.groupOf.get(learnerId)?.get(evaluation.id) : learnerId
  const instance = evaluation ? m.instances.get(evaluation.id) : undefined
  const memberId = group ? learnerId : ''
  const overrideKey = `${competencyId}|${memberId}`

  // Which grid(s) judge the copy: the reconciled one of a double-marked copy (once closed), else the latest closed grid.
  let cellOf: ((key: string) => Cell | undefined) | null = null
  let source: CompetencySource | null = null
  const closed = evaluation && subjectId ? (m.grids.get(copyKey(evaluation.id, subjectId)) ?? []) : []
  if (evaluation && instance && subjectId) {
    if (instance.doubleMarking) {
      const rec = m.reconciliations.get(`${instance.id}|${subjectId}`)
      if (rec) {
        const lead = closed.find((g) => g.assignmentId === rec.leadAssignmentId)
        const others = closed.filter((g) => g !== lead)
        cellOf = (key) => finalCell(key, rec, lead, others)
        const override = lead?.overrides.get(overrideKey)
        source = {
          instanceId: instance.id,
          evaluationId: evaluation.id,
          evaluationTitle: evaluation.title,
          jurors: [lead, ...others].filter((g): g is ClosedGrid => Boolean(g)).map((g) => g.jurorName),
          reconciled: true,
          override: override ? { ...override, by: lead!.jurorName } : null,
        }
      }
    } else if (closed.length > 0) {
      const grid = [...closed].sort((a, b) => b.closedAt - a.closedAt)[0]!
      cellOf = (key) => grid.cells.get(key)
      const override = grid.overrides.get(overrideKey)
      source = {
        instanceId: instance.id,
        evaluationId: evaluation.id,
        evaluationTitle: evaluation.title,
        jurors: [grid.jurorName],
        reconciled: false,
        override: override ? { ...override, by: grid.jurorName } : null,
      }
    }
  }

  const levels = LEVELS[m.scale]
  const criteria: CriterionOutcome[] = rows.map((row) => {
    const cell = cellOf?.(cellKey(row.criterionId, row.part, row.scope === 'member' ? memberId : ''))
    const level = cell?.level ?? null
    const acquired = level === null ? null : criterionAcquired([level], m.scale)
    const selfAssessment = selfOf?.get(row.criterionId) ?? null
    return {
      criterionId: row.criterionId,
      part: row.part as GradePart,
      level,
      levelLabel: level ? (levels.get(level)?.label ?? level) : '',
      acquired,
      comment: cell?.comment ?? '',
      evidence: cell?.evidence ?? [],
      selfAssessment,
      gap: gapOf(selfAssessment, acquired),
    }
  })

  let result: CompetencyResult | null = null
  if (source) {
    const criterionIds = [...new Set(rows.map((r) => r.criterionId))]
    const derived = deriveCompetency(
      criterionIds.map((id) =>
        criterionAcquired(
          criteria.filter((c) => c.criterionId === id).map((c) => c.level),
          m.scale,
        ),
      ),
      m.rule,
    )
    result = source.override?.result ?? derived
  }
  return { competencyId, result, source, criteria }
}

/**
 * The gap between the candidate's self-assessment and the jury's judgement:
 * « over » when they said « achieved » and the jury did not find it acquired,
 * « under » when the jury found it acquired and they did not say « achieved ».
 * None without both a self-assessment and a level.
 */
export function gapOf(selfAssessment: 'todo' | 'in_progress' | 'achieved' | null, acquired: boolean | null): 'over' | 'under' | null {
  if (selfAssessment === null || acquired === null) return null
  if (selfAssessment === 'achieved' && !acquired) return 'over'
  if (selfAssessment !== 'achieved' && acquired) return 'under'
  return null
}

function candidateOf(m: Material, examSessionId: string, learner: { id: string; name: string }): CandidateResults {
  const competencies = COMPETENCIES.map((c) => competencyOutcome(m, learner.id, c.id, c.evaluation))
  const resultOf = new Map(competencies.map((c) => [c.competencyId, c.result]))
  const blocs: BlocOutcome[] = m.blocs.map((b) => ({
    blocId: b.id,
    title: b.title,
    example: b.example,
    competencyIds: b.competencyIds,
    proposed: proposeBloc(b.competencyIds.map((id) => resultOf.get(id) ?? null)),
  }))
  const d = m.deliberations.get(learner.id)
  return {
    examSessionId,
    learnerId: learner.id,
    name: learner.name,
    competencies,
    blocs,
    proposed: proposeOverall(blocs.map((b) => b.proposed)),
    deliberation: d
      ? { blocs: d.blocs, decision: d.decision, reason: d.reason, confirmedByName: d.confirmedByName, confirmedAt: d.confirmedAt.getTime() }
      : null,
  }
}

/** One enrolled learner's results for a session; null when the session does not exist or the learner is not enrolled in it. */
export async function candidateResults(examSessionId: string, learnerId: string, db: DbHandle = getDb()): Promise<CandidateResults | null> {
  const m = await load(examSessionId, learnerId, db)
  const learner = m?.learners[0]
  return m && learner ? candidateOf(m, examSessionId, learner) : null
}

/** Every enrolled learner's results, by name; empty for an unknown session. */
export async function sessionResults(examSessionId: string, db: DbHandle = getDb()): Promise<CandidateResults[]> {
  const m = await load(examSessionId, null, db)
  return m ? m.learners.map((l) => candidateOf(m, examSessionId, l)) : []
}
