/**
 * The jury's grading: a juror's copies by evaluation instance, one copy's grid
 * (the frozen snapshots, the criteria, the competencies they lead to, the
 * audit trail) and the writes to it. Every read and write is scoped to the
 * juror's own assignment (jury-access.server.ts decides it in its query); a
 * grid saves cell by cell with optimistic locking (`version`), and every
 * change is appended to `grade_audit`, which triggers keep append-only.
 *
 * Anonymous instances: the views carry the candidate code, never a name or an
 * e-mail of the candidate (labels, snapshot owners, audit sentences).
 */
import { withoutAttachmentNames } from '~/domain/attachments'
import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import type { Evaluation } from '#templates/referentiel.schema'
import {
  criterionAcquired,
  deriveCompetency,
  GRADING_SCALES,
  gridRows,
  ruleLabel,
  type CompetencyResult,
  type CompetencyRule,
  type GradeEvidence,
  type GradePart,
  type GradingScaleId,
  type GradingState,
  type GridRow,
} from '~/domain/grading'
import type { AuditEntry, CompetencyView, CopySummary, GridCell, GridView, InstanceCopies, SnapshotView } from '~/domain/grading-view'
import { competencyRange } from '~/domain/referentiel'
import type { SessionUser } from './auth.server'
import { epochMs, getDb, jsonEach, schema, type DbHandle, queryRows, transaction } from './db.server'
import { reopenLock } from './double-marking.server'
import type { CellOp, GridOpInput, OverrideOp } from './grading-input.server'
import { authorizeAssignment, copyLabel, groupMembersOf, targetHandIns, type AssignmentAccess, type HandIn } from './jury-access.server'
import { referentiel, referentielIndex } from './referentiel.server'
import { candidateCode } from './submissions.server'
import { dossierTemplates, templatesById } from './templates.server'

const { jurorAssignments, examSessions, gradings, gradeEntries, competencyOverrides, gradeAudit, submissionSections } = schema

const NBSP = '\u00a0'
const quote = (s: string) => `«${NBSP}${s}${NBSP}»`

// ——— The juror's list ———

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true })
const evaluationRank = new Map(referentiel.evaluations.map((e, i) => [e.id, i]))

type InstanceRow = {
  examSessionId: string
  evaluationId: string
  assignments: number
  instanceId: string
  dueAt: number
  /** SQLite gives 1/0, PostgreSQL true/false (as for every condition read raw below). */
  anonymous: number | boolean
  sessionName: string
  startsOn: string
  handedIn: number | boolean
}
type CopyRow = {
  assignmentId: string
  examSessionId: string
  evaluationId: string
  groupId: string | null
  learnerId: string | null
  at: number
  timing: string
  anonymous: number | boolean
  code: string | null
  learnerName: string | null
  groupName: string | null
  status: string | null
  started: number | boolean
}

/**
 * A juror's copies, grouped by evaluation instance (référentiel order, then
 * session). Three queries whatever their number, each scoped by the juror:
 * (1) the juror's instances with their number of assignments and whether
 * anything was handed in for them; (2) the copies handed in — the latest
 * hand-in of each target (the learner's dossiers of the evaluation; a
 * group's dossier and its members' REX) with the grid's state and the
 * label's parts (candidate code, or name); (3) the members of those groups.
 * A target with nothing handed in is only counted (`waiting`), never loaded.
 * An assignment whose session has no instance of the evaluation (no
 * deadline: nothing can be handed in) is left out.
 */
export async function jurorCopies(jurorId: string): Promise<InstanceCopies[]> {
  const db = getDb()
  const instanceRows = await queryRows<InstanceRow>(
    db,
    sql`select ja.exam_session_id as "examSessionId", ja.evaluation_id as "evaluationId", ja.n as assignments, ei.id as "instanceId",
        ${epochMs(sql`ei.due_at`)} as "dueAt", (ei.anonymous and ei.anonymity_lifted_at is null) as anonymous, es.name as "sessionName",
        es.starts_on as "startsOn", exists (select 1 from submissions s where s.instance_id = ei.id) as "handedIn"
      from (select exam_session_id, evaluation_id, count(*) as n from juror_assignments where juror_id = ${jurorId} group by exam_session_id, evaluation_id) ja
      join evaluation_instances ei on ei.exam_session_id = ja.exam_session_id and ei.evaluation_id = ja.evaluation_id
      join exam_sessions es on es.id = ja.exam_session_id`,
  )
  const keyOf = (r: { examSessionId: string; evaluationId: string }) => `${r.examSessionId} ${r.evaluationId}`
  const instances = new Map<string, InstanceCopies & { rank: number; startsOn: string }>()
  for (const r of instanceRows) {
    const evaluation = referentielIndex.evaluations.get(r.evaluationId)
    if (!evaluation) continue
    instances.set(keyOf(r), {
      instanceId: r.instanceId,
      evaluationId: r.evaluationId,
      title: evaluation.title,
      range: competencyRange(evaluation),
      mode: evaluation.mode,
      // Group épreuves are never marked anonymously; none is once the admin lifted anonymity after deliberation.
      anonymous: Boolean(r.anonymous) && evaluation.mode === 'individual',
      sessionName: r.sessionName,
      dueAt: r.dueAt,
      copies: [],
      waiting: r.assignments,
      rank: evaluationRank.get(r.evaluationId) ?? 0,
      startsOn: r.startsOn,
    })
  }

  // Only the instances something was handed in for are searched for copies.
  const handedIn = instanceRows.filter((r) => r.handedIn)
  const open = handedIn.map(keyOf)
  // [evaluationId, templateId] of the templates of those evaluations.
  const evaluations = new Set(handedIn.map((r) => r.evaluationId))
  const templates = dossierTemplates.filter((t) => evaluations.has(t.evaluationId)).map((t) => [t.evaluationId, t.id])
  // `cross join` fixes SQLite's join order; its conditions go in `where` (PostgreSQL takes no `on` after a cross join).
  // The latest hand-in of each assignment is the first of its row_number() window.
  const copies =
    open.length === 0
      ? []
      : await queryRows<CopyRow>(
          db,
          sql`with t(evaluation_id, template_id) as materialized (select value ->> 0, value ->> 1 from ${jsonEach(templates, 'json')}),
          open(k) as materialized (select value from ${jsonEach(open)}),
          mine as materialized (select id, exam_session_id, evaluation_id, learner_id, group_id from juror_assignments
            where juror_id = ${jurorId} and exam_session_id || ' ' || evaluation_id in (select k from open)),
          latest as (select y.assignment_id, y.submitted_at as at, y.timing from (
            select x.assignment_id, x.submitted_at, x.timing, row_number() over (partition by x.assignment_id order by x.submitted_at desc) as n from (
              select ja.id as assignment_id, s.submitted_at, s.timing from mine ja
                cross join t
                cross join dossiers d
                cross join submissions s
                where ja.learner_id is not null and t.evaluation_id = ja.evaluation_id
                  and d.exam_session_id = ja.exam_session_id and d.template_id = t.template_id and d.learner_id = ja.learner_id and s.dossier_id = d.id
              union all
              select ja.id, s.submitted_at, s.timing from mine ja
                cross join dossiers d
                cross join submissions s
                where ja.group_id is not null and d.group_id = ja.group_id and d.evaluation_id = ja.evaluation_id and s.dossier_id = d.id
              union all
              select ja.id, s.submitted_at, s.timing from mine ja
                cross join group_members gm
                cross join t
                cross join dossiers d
                cross join submissions s
                where ja.group_id is not null and gm.group_id = ja.group_id and t.evaluation_id = ja.evaluation_id
                  and d.exam_session_id = ja.exam_session_id and d.template_id = t.template_id and d.learner_id = gm.learner_id and s.dossier_id = d.id
            ) x
          ) y where y.n = 1)
          select ja.id as "assignmentId", ja.exam_session_id as "examSessionId", ja.evaluation_id as "evaluationId", ja.group_id as "groupId",
            ja.learner_id as "learnerId", ${epochMs(sql`l.at`)} as at, l.timing as timing, (ei.anonymous and ei.anonymity_lifted_at is null) as anonymous,
            case when ei.anonymous and ei.anonymity_lifted_at is null and ja.group_id is null then cc.code end as code,
            -- No name is read for an anonymous copy (until anonymity is lifted after deliberation).
            case when ei.anonymous and ei.anonymity_lifted_at is null and ja.group_id is null then null else u.name end as "learnerName",
            g.name as "groupName", gr.status as status,
            (exists (select 1 from grade_entries ge where ge.grading_id = gr.id and (ge.level is not null or ge.comment <> '' or ge.evidence <> '[]'))
              or exists (select 1 from competency_overrides co where co.grading_id = gr.id and co.result is not null)) as started
          from latest l
          cross join juror_assignments ja
          join evaluation_instances ei on ei.exam_session_id = ja.exam_session_id and ei.evaluation_id = ja.evaluation_id
          left join users u on u.id = ja.learner_id
          left join groups g on g.id = ja.group_id
          left join gradings gr on gr.assignment_id = ja.id
          left join candidate_codes cc on cc.instance_id = ei.id and cc.subject_id = ja.learner_id
          where ja.id = l.assignment_id and ja.juror_id = ${jurorId}`,
        )

  // The members of the groups handed in, reached from the juror's own assignments.
  const membersOf = new Map<string, string[]>()
  const groupCopies = copies.filter((c) => c.groupId).map((c) => c.assignmentId)
  if (groupCopies.length > 0) {
    const members = await queryRows<{ groupId: string; name: string }>(
      db,
      sql`select gm.group_id as "groupId", u.name as name from ${jsonEach(groupCopies)} a
        cross join juror_assignments ja
        cross join group_members gm
        cross join users u
        where ja.id = a.value and gm.group_id = ja.group_id and u.id = gm.learner_id and ja.juror_id = ${jurorId}`,
    )
    for (const m of members.sort((x, y) => collator.compare(x.name, y.name))) membersOf.set(m.groupId, [...(membersOf.get(m.groupId) ?? []), m.name])
  }

  for (const c of copies) {
    const instance = instances.get(keyOf(c))
    if (!instance) continue
    instance.waiting--
    const anonymous = Boolean(c.anonymous) && c.groupId === null
    const label = anonymous
      ? // Codes are written at hand-in: only a copy handed in before codes existed gets one here.
        (c.code ?? (await candidateCode(instance.instanceId, c.learnerId ?? '')))
      : c.groupId
        ? (c.groupName ?? '')
        : (c.learnerName ?? '')
    const state: GradingState = c.status === 'closed' ? 'done' : c.started ? 'in-progress' : 'todo'
    instance.copies.push({
      assignmentId: c.assignmentId,
      label,
      members: c.groupId ? (membersOf.get(c.groupId) ?? []) : [],
      state,
      submittedAt: c.at,
      late: c.timing === 'late',
    } satisfies CopySummary)
  }
  return [...instances.values()]
    .sort((a, b) => a.rank - b.rank || a.startsOn.localeCompare(b.startsOn) || collator.compare(a.sessionName, b.sessionName))
    .map(({ rank: _rank, startsOn: _startsOn, ...instance }) => {
      instance.copies.sort((a, b) => collator.compare(a.label, b.label) || (a.assignmentId < b.assignmentId ? -1 : 1))
      return instance
    })
}

// ——— One grid ———

export type Grading = typeof gradings.$inferSelect
export type Entry = typeof gradeEntries.$inferSelect
type Override = typeof competencyOverrides.$inferSelect
type AuditRow = typeof gradeAudit.$inferSelect

/** What a grid needs besides its rows in the database: the évaluation, its rows, the session's scale and rule, the members. */
export type GridContext = {
  access: AssignmentAccess
  evaluation: Evaluation
  rows: GridRow[]
  scale: GradingScaleId
  rule: CompetencyRule
  /** A group's members (never an anonymous copy); empty for an individual épreuve. */
  members: { id: string; label: string }[]
}

export async function contextOf(access: AssignmentAccess, db: DbHandle = getDb()): Promise<GridContext> {
  const evaluation = referentielIndex.evaluations.get(access.assignment.evaluationId)
  if (!evaluation) throw new Response('Cette épreuve n’existe pas dans le référentiel.', { status: 404 })
  const [session] = await db
    .select({ scale: examSessions.gradingScale, rule: examSessions.competencyRule, min: examSessions.competencyRuleMin })
    .from(examSessions)
    .where(eq(examSessions.id, access.assignment.examSessionId))
  const rule: CompetencyRule = session?.rule === 'at-least' ? { rule: 'at-least', min: session.min ?? 1 } : { rule: 'all' }
  const members = access.assignment.groupId ? (await groupMembersOf(access.assignment.groupId)).map((m) => ({ id: m.id, label: m.name })) : []
  return { access, evaluation, rows: gridRows(referentiel, evaluation, dossierTemplates), scale: session?.scale ?? 'binary', rule, members }
}

async function gradingOf(assignmentId: string, db: DbHandle): Promise<Grading | undefined> {
  return (await db.select().from(gradings).where(eq(gradings.assignmentId, assignmentId)))[0]
}

const cellOf = (e: Entry): GridCell => ({
  criterionId: e.criterionId,
  part: e.part,
  learnerId: e.learnerId,
  level: e.level,
  comment: e.comment,
  evidence: e.evidence,
  version: e.version,
})
const emptyCell = (criterionId: string, part: GradePart, learnerId: string): GridCell => ({
  criterionId,
  part,
  learnerId,
  level: null,
  comment: '',
  evidence: [],
  version: 0,
})
const cellKey = (criterionId: string, part: string, learnerId: string) => `${criterionId}|${part}|${learnerId}`

/**
 * Each competency's result, derived from its criteria by the session's rule:
 * once for an individual target (learnerId ''), once per member of a group
 * (the group's shared written rows and that member's oral and REX rows),
 * with the jury's override when there is one.
 */
function competencyViews(ctx: GridContext, entries: readonly Entry[], overrides: readonly Override[]): CompetencyView[] {
  const levels = new Map(entries.map((e) => [cellKey(e.criterionId, e.part, e.learnerId), e.level]))
  const overrideOf = new Map(overrides.map((o) => [`${o.competencyId}|${o.learnerId}`, o]))
  const learners = ctx.evaluation.mode === 'group' ? ctx.members.map((m) => m.id) : ['']
  return ctx.evaluation.competencyIds.flatMap((competencyId) => {
    const rows = ctx.rows.filter((r) => r.competencyId === competencyId)
    const criteria = [...new Set(rows.map((r) => r.criterionId))]
    const text = referentielIndex.competencies.get(competencyId)?.text ?? ''
    return learners.map((learnerId): CompetencyView => {
      const results = criteria.map((criterionId) =>
        criterionAcquired(
          rows.filter((r) => r.criterionId === criterionId).map((r) => levels.get(cellKey(criterionId, r.part, r.scope === 'member' ? learnerId : '')) ?? null),
          ctx.scale,
        ),
      )
      const o = overrideOf.get(`${competencyId}|${learnerId}`)
      return {
        competencyId,
        text,
        learnerId,
        derived: deriveCompetency(results, ctx.rule),
        override: o?.result ? { result: o.result, justification: o.justification, version: o.version } : null,
      }
    })
  })
}

// Audit sentences, written when read (from the stored before/after), so that they name members and levels as the grid does.

export const PART_WORDS: Record<GradePart, string> = { written: 'écrit', oral: 'oral', rex: 'REX' }
const RESULT_WORDS: Record<CompetencyResult, string> = { acquired: 'Acquise', 'not-acquired': 'Non acquise' }

export function levelLabel(level: unknown, scale: GradingScaleId): string {
  if (typeof level !== 'string') return 'aucun niveau'
  const found =
    GRADING_SCALES[scale].levels.find((l) => l.id === level) ??
    Object.values(GRADING_SCALES)
      .flatMap((s) => s.levels)
      .find((l) => l.id === level)
  return found?.label ?? level
}

function excerpt(s: string, max = 80): string {
  const flat = s.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

const evidenceName = (e: GradeEvidence) => (e.kind === 'passage' ? excerpt(e.selectors[0]?.exact ?? '', 60) : excerpt(e.label, 60))
const evidenceId = (e: GradeEvidence) =>
  e.kind === 'passage' ? `p:${e.submissionId}:${e.sectionId}:${JSON.stringify(e.selectors)}` : `i:${e.submissionId}:${e.sectionId}:${e.itemId}`

function auditText(row: AuditRow, ctx: GridContext): string {
  const member = row.learnerId ? ctx.members.find((m) => m.id === row.learnerId)?.label : undefined
  const where = `${row.criterionId ?? ''} (${row.part ? PART_WORDS[row.part] : ''}${member ? `, ${member}` : ''})`
  switch (row.action) {
    case 'level':
      return `Niveau de ${where}${NBSP}: ${levelLabel(row.before, ctx.scale)} → ${levelLabel(row.after, ctx.scale)}`
    case 'comment': {
      const before = typeof row.before === 'string' ? row.before : ''
      const after = typeof row.after === 'string' ? row.after : ''
      if (!after.trim()) return `Commentaire de ${where} supprimé`
      return `Commentaire de ${where} ${before.trim() ? 'modifié' : 'ajouté'}${NBSP}: ${quote(excerpt(after))}`
    }
    case 'evidence': {
      const before = Array.isArray(row.before) ? (row.before as GradeEvidence[]) : []
      const after = Array.isArray(row.after) ? (row.after as GradeEvidence[]) : []
      const had = new Set(before.map(evidenceId))
      const has = new Set(after.map(evidenceId))
      const changes = [
        ...after.filter((e) => !had.has(evidenceId(e))).map((e) => `ajout de ${quote(evidenceName(e))}`),
        ...before.filter((e) => !has.has(evidenceId(e))).map((e) => `retrait de ${quote(evidenceName(e))}`),
      ]
      return changes.length ? `Preuves de ${where}${NBSP}: ${changes.join(', ')}` : `Preuves de ${where} réordonnées`
    }
    case 'override': {
      const who = `Compétence ${row.competencyId ?? ''}${member ? ` (${member})` : ''}`
      const after = row.after as { result: CompetencyResult | null; justification: string } | null
      const justification = after?.justification ? ` — justification${NBSP}: ${after.justification}` : ''
      return after?.result
        ? `${who}${NBSP}: décision du jury ${quote(RESULT_WORDS[after.result])}${justification}`
        : `${who}${NBSP}: décision du jury retirée, le résultat calculé s’applique${justification}`
    }
    case 'close':
      return 'Grille close'
    case 'reopen':
      return 'Grille rouverte'
    case 'reconcile': {
      const after = row.after as { level: string; comment: string } | null
      const comment = after?.comment ? ` — ${quote(excerpt(after.comment))}` : ''
      return `Niveau retenu après confrontation pour ${where}${NBSP}: ${levelLabel(row.before, ctx.scale)} → ${levelLabel(after?.level ?? null, ctx.scale)}${comment}`
    }
    case 'reconcile-close':
      return 'Confrontation des deux grilles close'
    case 'reconcile-reopen':
      return 'Confrontation des deux grilles rouverte'
  }
}

export async function auditOf(gradingId: string | undefined, ctx: GridContext, db: DbHandle): Promise<AuditEntry[]> {
  if (!gradingId) return []
  return (await db.select().from(gradeAudit).where(eq(gradeAudit.gradingId, gradingId)).orderBy(desc(gradeAudit.id))).map((row) => ({
    id: row.id,
    at: row.at.getTime(),
    actorName: row.actorName,
    action: row.action,
    text: auditText(row, ctx),
  }))
}

export async function entriesOf(gradingId: string | undefined, db: DbHandle) {
  if (!gradingId) return { entries: [] as Entry[], overrides: [] as Override[] }
  return {
    entries: await db.select().from(gradeEntries).where(eq(gradeEntries.gradingId, gradingId)),
    overrides: await db.select().from(competencyOverrides).where(eq(competencyOverrides.gradingId, gradingId)),
  }
}

/**
 * The latest hand-in of each of the target's dossiers as the grid shows it:
 * the group's (or the learner's) first, then each member's REX named after
 * its author, in the members' order. Sections in one query.
 */
async function latestSnapshots(access: AssignmentAccess, ctx: GridContext, db: DbHandle): Promise<SnapshotView[]> {
  const latest = new Map<string, HandIn>()
  for (const h of await targetHandIns(access.assignment, db)) if (!latest.has(h.dossierId)) latest.set(h.dossierId, h)
  if (latest.size === 0) return []
  const rank = (h: HandIn) => (h.learnerId === null ? -1 : ctx.members.findIndex((m) => m.id === h.learnerId))
  const chosen = [...latest.values()].sort(
    (a, b) => rank(a) - rank(b) || (templatesById.get(a.templateId)?.kind === 'rex' ? 1 : 0) - (templatesById.get(b.templateId)?.kind === 'rex' ? 1 : 0),
  )
  const rows = await db
    .select({ submissionId: submissionSections.submissionId, sectionId: submissionSections.sectionId, content: submissionSections.content })
    .from(submissionSections)
    .where(
      inArray(
        submissionSections.submissionId,
        chosen.map((h) => h.id),
      ),
    )
  return chosen.flatMap((h): SnapshotView[] => {
    const template = templatesById.get(h.templateId)
    if (!template) return []
    const content = new Map(rows.filter((r) => r.submissionId === h.id).map((r) => [r.sectionId, r.content]))
    const owner = template.kind === 'rex' && access.assignment.groupId && h.learnerId ? (ctx.members.find((m) => m.id === h.learnerId)?.label ?? null) : null
    return [
      {
        submissionId: h.id,
        title: template.title,
        kind: template.kind,
        owner,
        submittedAt: h.submittedAt,
        late: h.timing === 'late',
        fingerprint: h.fingerprint,
        // In template order; a section the snapshot lacks (never expected) is left out.
        // An anonymous copy's files go by « piece-jointe-1.pdf »: a file name may name its author.
        sections: template.sections
          .filter((s) => content.has(s.id))
          .map((section) => ({ section, value: access.anonymous ? withoutAttachmentNames(content.get(section.id)!) : content.get(section.id)! })),
      },
    ]
  })
}

/**
 * One copy's grid for its juror: 403 for anyone else (and for a user without
 * the juror role), 404 for an unknown assignment. The snapshots are the
 * latest hand-in of each of the target's dossiers (a group's dossier, then
 * each member's REX, named after its author).
 */
export async function gridOf(user: SessionUser, assignmentId: string): Promise<GridView> {
  const access = await authorizeAssignment(user, assignmentId)
  const db = getDb()
  const ctx = await contextOf(access, db)
  const grading = await gradingOf(access.assignment.id, db)
  const { entries, overrides } = await entriesOf(grading?.id, db)
  const label = await copyLabel(access)
  const snapshots = await latestSnapshots(access, ctx, db)
  return {
    assignmentId: access.assignment.id,
    instanceId: access.instance?.id ?? '',
    evaluationId: ctx.evaluation.id,
    evaluationTitle: ctx.evaluation.title,
    anonymous: access.anonymous,
    label,
    members: ctx.members,
    status: grading?.status ?? 'open',
    closedAt: grading?.closedAt?.getTime() ?? null,
    levels: GRADING_SCALES[ctx.scale].levels,
    ruleLabel: ruleLabel(ctx.rule),
    rows: ctx.rows.map((r) => ({
      ...r,
      criterionText: referentielIndex.competencies.get(r.competencyId)?.criteria.find((c) => c.id === r.criterionId)?.text ?? '',
    })),
    cells: entries.map(cellOf),
    competencies: competencyViews(ctx, entries, overrides),
    snapshots,
    audit: await auditOf(grading?.id, ctx, db),
  }
}

// ——— Writes ———

export const CLOSED = 'Cette grille est close : rouvrez-la pour la modifier.'
export const NOTHING_HANDED_IN = 'Rien n’a encore été déposé pour cette copie : elle se note une fois déposée.'
export const STALE_CELL = 'Cette note a été modifiée entre-temps, dans un autre onglet ou par un autre juré.'
export const STALE_OVERRIDE = 'Cette décision a été modifiée entre-temps, dans un autre onglet ou par un autre juré.'

export type StoredOverride = { result: CompetencyResult | null; justification: string; version: number }

/** A refused write, with a French message; a 409 carries the value stored now. Nothing was written. */
export class GradingError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 409,
    readonly current: { cell?: GridCell; override?: StoredOverride | null } = {},
  ) {
    super(message)
    this.name = 'GradingError'
  }
}

/** What every write answers: the written cell (cells only), the competencies and audit trail as they now are, the grid's status. */
export type GridAnswer = { cell?: GridCell; competencies: CompetencyView[]; audit: AuditEntry[]; status: 'open' | 'closed' }

/** The grid row of the assignment, created on the first write; scoped by the juror in the query. */
async function ensureGrading(tx: DbHandle, access: AssignmentAccess, now: Date): Promise<Grading> {
  await tx.insert(gradings).values({ assignmentId: access.assignment.id, updatedAt: now }).onConflictDoNothing()
  const [row] = await tx
    .select({ grading: gradings })
    .from(gradings)
    .innerJoin(jurorAssignments, eq(jurorAssignments.id, gradings.assignmentId))
    .where(and(eq(gradings.assignmentId, access.assignment.id), eq(jurorAssignments.jurorId, access.user.id)))
  if (!row) throw new Response('Cette copie est attribuée à un·e autre juré·e.', { status: 403 })
  return row.grading
}

async function answerOf(ctx: GridContext, grading: Grading, db: DbHandle, cell?: GridCell): Promise<GridAnswer> {
  const { entries, overrides } = await entriesOf(grading.id, db)
  return {
    ...(cell ? { cell } : {}),
    competencies: competencyViews(ctx, entries, overrides),
    audit: await auditOf(grading.id, ctx, db),
    status: grading.status,
  }
}

export type AuditInput = Omit<typeof gradeAudit.$inferInsert, 'id' | 'gradingId' | 'actorId' | 'actorName' | 'at'>

export async function appendAudit(tx: DbHandle, grading: Grading, user: SessionUser, now: Date, entries: AuditInput[]) {
  if (entries.length === 0) return
  await tx.insert(gradeAudit).values(entries.map((e) => ({ ...e, gradingId: grading.id, actorId: user.id, actorName: user.name, at: now })))
  await tx.update(gradings).set({ updatedAt: now }).where(eq(gradings.id, grading.id))
}

/**
 * Runs one write of the jury API for the juror of `assignmentId`, in one
 * IMMEDIATE transaction. Throws a Response (403, 404) when the copy is not
 * theirs, a GradingError (400, 409) when the write is refused.
 */
export async function applyGridOp(user: SessionUser, assignmentId: string, op: GridOpInput, now = new Date()): Promise<GridAnswer> {
  switch (op.op) {
    case 'cell':
      return await saveCell(user, assignmentId, op, now)
    case 'override':
      return await saveOverride(user, assignmentId, op, now)
    case 'close':
      return await closeGrading(user, assignmentId, now)
    case 'reopen':
      return await reopenGrading(user, assignmentId, now)
  }
}

/** Checks common to every write but reopening: the juror's own copy, handed in. */
async function writable(user: SessionUser, assignmentId: string, db: DbHandle) {
  const access = await authorizeAssignment(user, assignmentId)
  const handedIn = await targetHandIns(access.assignment, db)
  if (handedIn.length === 0) throw new GradingError(NOTHING_HANDED_IN, 400)
  return { access, ctx: await contextOf(access, db), handedIn }
}

const sameEvidence = (a: readonly GradeEvidence[], b: readonly GradeEvidence[]) => JSON.stringify(a) === JSON.stringify(b)

/**
 * Saves what `op` changes of one cell (level, comment, evidence) if the cell
 * is still at `op.baseVersion` (0: never saved), with one audit entry per
 * changed field. The row must be a row of the grid, for the whole target
 * ('') or for a member of the group; the level one of the session's scale;
 * the evidence taken from the target's own hand-ins.
 */
export async function saveCell(user: SessionUser, assignmentId: string, op: Omit<CellOp, 'op'>, now = new Date()): Promise<GridAnswer> {
  const db = getDb()
  const { access, ctx, handedIn } = await writable(user, assignmentId, db)
  const row = ctx.rows.find((r) => r.criterionId === op.criterionId && r.part === op.part)
  if (!row) throw new GradingError(`Le critère ${op.criterionId} n’est pas noté sur ${partWithArticle(op.part)} dans cette grille.`, 400)
  if (row.scope === 'target' && op.learnerId !== '')
    throw new GradingError(`Le critère ${op.criterionId} (${PART_WORDS[op.part]}) se note pour toute la copie, pas par candidat·e.`, 400)
  if (row.scope === 'member' && !ctx.members.some((m) => m.id === op.learnerId))
    throw new GradingError(`Le critère ${op.criterionId} (${PART_WORDS[op.part]}) se note pour chaque membre du groupe : choisissez un membre du groupe.`, 400)
  const levels = GRADING_SCALES[ctx.scale].levels
  if (op.level != null && !levels.some((l) => l.id === op.level))
    throw new GradingError(`Ce niveau n’existe pas sur l’échelle de la session (${levels.map((l) => l.label).join(', ')}).`, 400)
  const evidence = op.evidence as GradeEvidence[] | undefined
  if (evidence) {
    const templateOf = new Map(handedIn.map((s) => [s.id, s.templateId]))
    const cited = evidence.every((e) => {
      const templateId = templateOf.get(e.submissionId)
      return templateId !== undefined && Boolean(templatesById.get(templateId)?.sections.some((s) => s.id === e.sectionId))
    })
    if (!cited) throw new GradingError('Une preuve citée ne vient pas de cette copie : citez-la de nouveau depuis la copie affichée.', 400)
  }

  return await transaction(db, async (tx) => {
    const grading = await ensureGrading(tx, access, now)
    if (grading.status === 'closed') throw new GradingError(CLOSED, 400)
    const key = and(
      eq(gradeEntries.gradingId, grading.id),
      eq(gradeEntries.criterionId, op.criterionId),
      eq(gradeEntries.part, op.part),
      eq(gradeEntries.learnerId, op.learnerId),
    )
    const [existing] = await tx.select().from(gradeEntries).where(key)
    const current = existing ? cellOf(existing) : emptyCell(op.criterionId, op.part, op.learnerId)
    if (op.baseVersion !== current.version) throw new GradingError(STALE_CELL, 409, { cell: current })

    const next = {
      level: op.level !== undefined ? op.level : current.level,
      comment: op.comment ?? current.comment,
      evidence: evidence ?? current.evidence,
    }
    const where = { criterionId: op.criterionId, part: op.part, learnerId: op.learnerId || null }
    const audit: AuditInput[] = []
    if (next.level !== current.level) audit.push({ ...where, action: 'level', before: current.level, after: next.level })
    if (next.comment !== current.comment) audit.push({ ...where, action: 'comment', before: current.comment, after: next.comment })
    if (!sameEvidence(next.evidence, current.evidence)) audit.push({ ...where, action: 'evidence', before: current.evidence, after: next.evidence })
    if (audit.length === 0) return await answerOf(ctx, grading, tx, current)

    const version = current.version + 1
    if (existing) {
      await tx
        .update(gradeEntries)
        .set({ ...next, version, updatedAt: now })
        .where(and(key, eq(gradeEntries.version, current.version)))
    } else {
      await tx
        .insert(gradeEntries)
        .values({ gradingId: grading.id, criterionId: op.criterionId, part: op.part, learnerId: op.learnerId, ...next, version, updatedAt: now })
    }
    await appendAudit(tx, grading, user, now, audit)
    return await answerOf(ctx, grading, tx, { ...current, ...next, version })
  })
}

const partWithArticle = (part: GradePart) => ({ written: 'l’écrit', oral: 'l’oral', rex: 'le REX' })[part]

/**
 * The jury's decision on a competency (for the target, or for one member of
 * a group), replacing its derived result; `result` null withdraws it. A
 * decision needs a justification (checked by the input schema). Locked on
 * `version`; a withdrawn decision reads as none, so 0 is also accepted then.
 */
export async function saveOverride(user: SessionUser, assignmentId: string, op: Omit<OverrideOp, 'op'>, now = new Date()): Promise<GridAnswer> {
  const db = getDb()
  const { access, ctx } = await writable(user, assignmentId, db)
  if (!ctx.evaluation.competencyIds.includes(op.competencyId))
    throw new GradingError(`La compétence ${op.competencyId} n’est pas évaluée dans cette épreuve.`, 400)
  const group = ctx.evaluation.mode === 'group'
  if (group ? !ctx.members.some((m) => m.id === op.learnerId) : op.learnerId !== '')
    throw new GradingError(
      group ? 'Dans une épreuve de groupe, la décision porte sur un membre du groupe : choisissez-le.' : 'La décision porte sur toute la copie.',
      400,
    )

  return await transaction(db, async (tx) => {
    const grading = await ensureGrading(tx, access, now)
    if (grading.status === 'closed') throw new GradingError(CLOSED, 400)
    const key = and(
      eq(competencyOverrides.gradingId, grading.id),
      eq(competencyOverrides.competencyId, op.competencyId),
      eq(competencyOverrides.learnerId, op.learnerId),
    )
    const [existing] = await tx.select().from(competencyOverrides).where(key)
    const stored: StoredOverride | null = existing ? { result: existing.result, justification: existing.justification, version: existing.version } : null
    const fresh = op.baseVersion === (existing?.version ?? 0) || (op.baseVersion === 0 && existing?.result === null)
    if (!fresh) throw new GradingError(STALE_OVERRIDE, 409, { override: stored })

    const justification = op.justification
    const unchanged = existing ? existing.result === op.result && existing.justification === justification : op.result === null
    if (unchanged) return await answerOf(ctx, grading, tx)
    const version = (existing?.version ?? 0) + 1
    if (existing) {
      await tx.update(competencyOverrides).set({ result: op.result, justification, version, updatedAt: now }).where(key)
    } else {
      await tx
        .insert(competencyOverrides)
        .values({ gradingId: grading.id, competencyId: op.competencyId, learnerId: op.learnerId, result: op.result, justification, version, updatedAt: now })
    }
    await appendAudit(tx, grading, user, now, [
      {
        action: 'override',
        competencyId: op.competencyId,
        learnerId: op.learnerId || null,
        before: existing?.result ? { result: existing.result, justification: existing.justification } : null,
        after: { result: op.result, justification },
      },
    ])
    return await answerOf(ctx, grading, tx)
  })
}

/** Closes the juror's grid (once done): no edit until it is reopened. Closing a closed grid changes nothing. */
export async function closeGrading(user: SessionUser, assignmentId: string, now = new Date()): Promise<GridAnswer> {
  const db = getDb()
  const { access, ctx } = await writable(user, assignmentId, db)
  return await transaction(db, async (tx) => {
    const grading = await ensureGrading(tx, access, now)
    if (grading.status === 'closed') return await answerOf(ctx, grading, tx)
    await tx.update(gradings).set({ status: 'closed', closedAt: now, updatedAt: now }).where(eq(gradings.id, grading.id))
    await appendAudit(tx, grading, user, now, [{ action: 'close', before: 'open', after: 'closed' }])
    return await answerOf(ctx, { ...grading, status: 'closed', closedAt: now }, tx)
  })
}

/**
 * Reopens a closed grid for edits. Reopening an open grid changes nothing.
 * A grid of a double-marked copy whose two grids were confronted stays
 * closed (double-marking.server.ts: 400).
 */
export async function reopenGrading(user: SessionUser, assignmentId: string, now = new Date()): Promise<GridAnswer> {
  const db = getDb()
  const access = await authorizeAssignment(user, assignmentId)
  const ctx = await contextOf(access, db)
  return await transaction(db, async (tx) => {
    const existing = await gradingOf(access.assignment.id, tx)
    if (!existing) return { competencies: competencyViews(ctx, [], []), audit: [], status: 'open' }
    const grading = await ensureGrading(tx, access, now)
    if (grading.status === 'open') return await answerOf(ctx, grading, tx)
    const locked = await reopenLock(access.assignment, access.instance, tx)
    if (locked) throw new GradingError(locked, 400)
    await tx.update(gradings).set({ status: 'open', closedAt: null, updatedAt: now }).where(eq(gradings.id, grading.id))
    await appendAudit(tx, grading, user, now, [{ action: 'reopen', before: 'closed', after: 'open' }])
    return await answerOf(ctx, { ...grading, status: 'open', closedAt: null }, tx)
  })
}
