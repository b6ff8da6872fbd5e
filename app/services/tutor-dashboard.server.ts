import { eq, sql, type SQL } from 'drizzle-orm'
import { progressOf, type Status } from '~/domain/self-assessment'
import { epochMs, getDb, groupConcat, inList, schema, queryRows } from './db.server'
import { RAPPORT_TYPE } from '~/domain/referentiel'
import { referentiel, referentielIndex } from './referentiel.server'
import { dossierTemplates } from './templates.server'

const { users, examSessions, tutorAssignments } = schema

/** Learners per page: 15 × up to 21 dossiers keeps a page light (see npm run bench:review). */
export const PAGE_SIZE = 15
export const DASHBOARD_SORTS = ['name', 'activity', 'requests', 'comments'] as const
export type DashboardSort = (typeof DASHBOARD_SORTS)[number]
export const DASHBOARD_FILTERS = ['all', 'review', 'comments'] as const
export type DashboardFilter = (typeof DASHBOARD_FILTERS)[number]
export type SortDirection = 'asc' | 'desc'

/** The direction a sort starts in: names A→Z, everything else the most first. */
export const DEFAULT_DIRECTION: Record<DashboardSort, SortDirection> = { name: 'asc', activity: 'desc', requests: 'desc', comments: 'desc' }

export type DashboardOptions = {
  /** Part of a name or an e-mail address; case and accents ignored. */
  q?: string
  /** `review`: learners with an open review request; `comments`: with open comment threads. */
  filter?: DashboardFilter
  /** An exam session id; empty for every session. */
  session?: string
  sort?: DashboardSort
  dir?: SortDirection
  /** 1-based; clamped to the pages there are. */
  page?: number
}

/** One dossier of a learner, as the dashboard shows it. Times are epoch milliseconds. */
export type DashboardDossier = {
  id: string
  templateId: string
  /** The learner's self-assessment over the criteria the template's sections serve. */
  achieved: number
  inProgress: number
  criteria: number
  /** Latest save of any of its sections. */
  lastActivity: number | null
  /** When the open review round was requested; null when none is open. */
  requestedAt: number | null
  openComments: number
}

export type DashboardRow = {
  learnerId: string
  name: string
  email: string
  sessionId: string
  sessionName: string
  lastActivity: number | null
  /** How many of their dossiers have an open review request. */
  openRequests: number
  openComments: number
  dossiers: DashboardDossier[]
}

/** Templates in the order of the learner's home: by épreuve type, then référentiel order, the main dossier before the REX. */
const TEMPLATE_RANK = new Map(
  referentiel.epreuveTypes
    .flatMap((type) => referentiel.evaluations.filter((e) => e.type === type.id))
    .flatMap((e) => dossierTemplates.filter((t) => t.evaluationId === e.id).sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'main' ? -1 : 1)))
    .map((t, i) => [t.id, i]),
)
const rankOf = (templateId: string) => TEMPLATE_RANK.get(templateId) ?? TEMPLATE_RANK.size

const TYPE_SHORT: Record<string, string> = { 'mise-en-situation': 'MSP', 'serious-game': 'Serious game', 'cas-pratique': 'Cas pratique' }

/**
 * A label short enough for a cell of the dashboard, where a learner's 21
 * dossiers sit side by side: « MSP A2 », « REX A2 », « Cas pratique A3 »,
 * « Fiche Veille », « Projet A9 » (the activity the épreuve evaluates).
 */
function shortLabel(template: (typeof dossierTemplates)[number]): string {
  const evaluation = referentielIndex.evaluations.get(template.evaluationId)
  if (!evaluation) return template.title
  const activity = referentielIndex.competencies.get(evaluation.competencyIds[0] ?? '')?.activityId ?? ''
  if (template.kind === 'rex') return `REX ${activity}`
  const quoted = /«\s*(.+?)\s*»/.exec(evaluation.title)?.[1]
  if (evaluation.type === RAPPORT_TYPE) return quoted ? `Fiche ${quoted}` : `Projet ${activity}`
  return `${TYPE_SHORT[evaluation.type] ?? evaluation.title} ${activity}`
}

/** Every template, in the learner home's order, with its short label and its title. */
export const DOSSIER_LABELS = dossierTemplates.map((t) => ({ id: t.id, label: shortLabel(t), title: t.title })).sort((a, b) => rankOf(a.id) - rankOf(b.id))

/** The criteria each template's sections serve, once. */
const TEMPLATE_CRITERIA = new Map(dossierTemplates.map((t) => [t.id, [...new Set(t.sections.flatMap((s) => s.criteria))]]))

/**
 * The dossiers a tutor follows: for each of their assignments (learner × session),
 * the learner's own dossiers of that session and their groups' — the same
 * relation as the `tutor` one of dossier-access.server.ts — scoped to the tutor
 * in the query, and to `learnerIds` when given. A group dossier appears once
 * per assigned member.
 *
 * The group branch fixes its join order (`cross join`) and keeps the session
 * test off the index (`|| ''`, SQLite's `+x` that PostgreSQL lacks): without
 * statistics, SQLite otherwise reads every dossier of the session for each
 * assignment (1.8 s instead of 30 ms for 300 learners).
 */
function tutorDossiers(tutorId: string, learnerIds?: readonly string[]): SQL {
  const only = learnerIds ? sql` and ${inList(sql`ta.learner_id`, [...learnerIds])}` : sql``
  return sql`
    select ta.learner_id as "learnerId", ta.exam_session_id as "sessionId", d.id as "dossierId", d.template_id as "templateId"
    from tutor_assignments ta
    join dossiers d on d.exam_session_id = ta.exam_session_id and d.learner_id = ta.learner_id
    where ta.tutor_id = ${tutorId}${only}
    union all
    select ta.learner_id, ta.exam_session_id, d.id, d.template_id
    from tutor_assignments ta
    cross join group_members gm
    cross join dossiers d
    where ta.tutor_id = ${tutorId}${only} and gm.learner_id = ta.learner_id and d.group_id = gm.group_id
      and d.exam_session_id || '' = ta.exam_session_id`
}

type Totals = Pick<DashboardRow, 'lastActivity' | 'openRequests' | 'openComments'>
const rowKey = (r: { learnerId: string; sessionId: string }) => `${r.learnerId}|${r.sessionId}`

/** Each total of an assignment, over its dossiers (`m`), each dossier's figure read through an index on dossier_id. */
const TOTALS: Record<keyof Totals, SQL> = {
  lastActivity: sql`max((select max(${epochMs(sql`s.updated_at`)}) from dossier_sections s where s.dossier_id = m."dossierId"))`,
  openRequests: sql`sum(case when exists (select 1 from review_rounds r where r.dossier_id = m."dossierId" and r.closed_at is null) then 1 else 0 end)`,
  openComments: sql`sum((select count(*) from comment_threads t where t.dossier_id = m."dossierId" and t.status = 'open'))`,
}

/**
 * The totals the current sort and filter need (only those: each costs a pass
 * over every dossier of the tutor), for every assignment of the tutor, in one
 * grouped query.
 */
async function learnerTotals(tutorId: string, needed: readonly (keyof Totals)[]): Promise<Map<string, Partial<Totals>>> {
  const rows = await queryRows<{ learnerId: string; sessionId: string } & Partial<Totals>>(
    getDb(),
    sql`
    select m."learnerId", m."sessionId", ${sql.join(
      needed.map((k) => sql`${TOTALS[k]} as ${sql.identifier(k)}`),
      sql`, `,
    )}
    from (${tutorDossiers(tutorId)}) m
    group by m."learnerId", m."sessionId"`,
  )
  return new Map(rows.map((r) => [rowKey(r), r]))
}

/** The total each sort reads. */
const SORT_TOTAL = { name: null, activity: 'lastActivity', requests: 'openRequests', comments: 'openComments' } as const satisfies Record<
  DashboardSort,
  keyof Totals | null
>

/** Lower case without accents: « Zoé » is found by « zoe ». */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()

type Assignment = { learnerId: string; name: string; email: string; sessionId: string; sessionName: string }
const byName = (a: Assignment, b: Assignment) => a.name.localeCompare(b.name, 'fr') || a.sessionName.localeCompare(b.sessionName, 'fr')

/**
 * The tutor's dashboard: their assigned learners (one row per assignment,
 * i.e. learner × session), each with their dossiers of that session, the
 * learner's self-assessment progress, last activity, open review request and
 * open comment threads per dossier, and totals per learner; filtered, sorted,
 * then paginated by learner.
 *
 * Only what the page shows is read in detail: sorting by name and filtering by
 * name or session need the assignments alone; the other sorts and filters read
 * the totals of every assignment in one grouped query. Then the page's 15
 * learners get their dossiers and figures: one query per aggregate.
 */
export async function tutorDashboard(tutorId: string, options: DashboardOptions = {}) {
  const db = getDb()
  const assignments = await db
    .select({
      learnerId: users.id,
      name: users.name,
      email: users.email,
      sessionId: examSessions.id,
      sessionName: examSessions.name,
      startsOn: examSessions.startsOn,
    })
    .from(tutorAssignments)
    .innerJoin(users, eq(users.id, tutorAssignments.learnerId))
    .innerJoin(examSessions, eq(examSessions.id, tutorAssignments.examSessionId))
    .where(eq(tutorAssignments.tutorId, tutorId))
  const sessions = [...new Map(assignments.map((a) => [a.sessionId, { id: a.sessionId, name: a.sessionName, startsOn: a.startsOn }])).values()]
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn))
    .map(({ id, name }) => ({ id, name }))

  const filter = options.filter ?? 'all'
  const sort = options.sort ?? 'name'
  const needed = [...new Set([SORT_TOTAL[sort], filter === 'review' ? 'openRequests' : null, filter === 'comments' ? 'openComments' : null])].filter(
    (k): k is keyof Totals => k !== null,
  )
  const totals = needed.length ? await learnerTotals(tutorId, needed) : null
  const totalsOf = (a: Assignment) => totals?.get(rowKey(a))

  const q = fold(options.q?.trim() ?? '')
  const matching = assignments.filter(
    (a) =>
      (!q || fold(a.name).includes(q) || a.email.includes(q)) &&
      (!options.session || a.sessionId === options.session) &&
      (filter !== 'review' || (totalsOf(a)?.openRequests ?? 0) > 0) &&
      (filter !== 'comments' || (totalsOf(a)?.openComments ?? 0) > 0),
  )
  const sign = (options.dir ?? DEFAULT_DIRECTION[sort]) === 'asc' ? 1 : -1
  matching.sort((a, b) => {
    const k = SORT_TOTAL[sort]
    if (!k) return sign * byName(a, b)
    // A learner without dossiers has no row in the totals: no activity, no request, no comment.
    const [x, y] = [totalsOf(a)?.[k] ?? (k === 'lastActivity' ? null : 0), totalsOf(b)?.[k] ?? (k === 'lastActivity' ? null : 0)]
    // Learners without any activity come last, whichever the direction.
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1
    return sign * (x - y) || byName(a, b)
  })

  const total = matching.length
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const page = Math.min(Math.max(1, Math.floor(options.page ?? 1)), pages)
  const rows = await pageRows(tutorId, matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE))
  return { rows, total, page, pages, pageSize: PAGE_SIZE, sessions, learners: assignments.length }
}

/** The page's learners with their dossiers and every figure: one query for the dossiers, one per aggregate, one for self-assessment. */
async function pageRows(tutorId: string, page: Assignment[]): Promise<DashboardRow[]> {
  if (page.length === 0) return []
  const db = getDb()
  const learnerIds = [...new Set(page.map((a) => a.learnerId))]
  const links = await queryRows<{ learnerId: string; sessionId: string; dossierId: string; templateId: string }>(db, tutorDossiers(tutorId, learnerIds))
  // The ids come from the tutor-scoped query above.
  const inIds = inList(sql`dossier_id`, [...new Set(links.map((l) => l.dossierId))])
  const byDossier = (rows: { dossierId: string; value: number }[]) => new Map(rows.map((r) => [r.dossierId, r.value]))
  const lastActivity = byDossier(
    await queryRows<{ dossierId: string; value: number }>(
      db,
      sql`select dossier_id as "dossierId", max(${epochMs(sql`updated_at`)}) as value from dossier_sections where ${inIds} group by dossier_id`,
    ),
  )
  const requestedAt = byDossier(
    await queryRows(
      db,
      sql`select dossier_id as "dossierId", max(${epochMs(sql`requested_at`)}) as value from review_rounds where closed_at is null and ${inIds} group by dossier_id`,
    ),
  )
  const openComments = byDossier(
    await queryRows<{ dossierId: string; value: number }>(
      db,
      sql`select dossier_id as "dossierId", count(*) as value from comment_threads where status = 'open' and ${inIds} group by dossier_id`,
    ),
  )
  const statuses = await selfAssessmentsOf(tutorId, learnerIds)

  const dossiersOf = new Map<string, DashboardDossier[]>()
  for (const l of links) {
    const list = dossiersOf.get(rowKey(l)) ?? []
    const progress = progressOf(TEMPLATE_CRITERIA.get(l.templateId) ?? [], statuses.get(rowKey(l)) ?? new Map())
    list.push({
      id: l.dossierId,
      templateId: l.templateId,
      achieved: progress.achieved,
      inProgress: progress.inProgress,
      criteria: progress.total,
      lastActivity: lastActivity.get(l.dossierId) ?? null,
      requestedAt: requestedAt.get(l.dossierId) ?? null,
      openComments: openComments.get(l.dossierId) ?? 0,
    })
    dossiersOf.set(rowKey(l), list)
  }
  return page.map((a) => {
    const dossiers = (dossiersOf.get(rowKey(a)) ?? []).sort((x, y) => rankOf(x.templateId) - rankOf(y.templateId))
    let lastActivity: number | null = null
    for (const d of dossiers) if (d.lastActivity !== null && (lastActivity === null || d.lastActivity > lastActivity)) lastActivity = d.lastActivity
    return {
      learnerId: a.learnerId,
      name: a.name,
      email: a.email,
      sessionId: a.sessionId,
      sessionName: a.sessionName,
      lastActivity,
      openRequests: dossiers.filter((d) => d.requestedAt !== null).length,
      openComments: dossiers.reduce((n, d) => n + d.openComments, 0),
      dossiers,
    }
  })
}

/**
 * The learners' criteria marked « atteint » or « en cours », per assignment,
 * scoped to the tutor's assignments: one row per learner (the ids joined by
 * the database), not one per criterion.
 */
async function selfAssessmentsOf(tutorId: string, learnerIds: string[]) {
  const rows = await queryRows<{ learnerId: string; sessionId: string; achieved: string | null; inProgress: string | null }>(
    getDb(),
    sql`
    select sa.learner_id as "learnerId", sa.exam_session_id as "sessionId",
      ${groupConcat(sql`case when sa.status = 'achieved' then sa.criterion_id end`, ' ')} as achieved,
      ${groupConcat(sql`case when sa.status = 'in_progress' then sa.criterion_id end`, ' ')} as "inProgress"
    from tutor_assignments ta
    join self_assessments sa on sa.learner_id = ta.learner_id and sa.exam_session_id = ta.exam_session_id
    where ta.tutor_id = ${tutorId} and ${inList(sql`ta.learner_id`, learnerIds)} and sa.status <> 'todo'
    group by sa.learner_id, sa.exam_session_id`,
  )
  const byRow = new Map<string, Map<string, Status>>()
  for (const r of rows) {
    const map = new Map<string, Status>()
    for (const id of r.achieved?.split(' ') ?? []) map.set(id, 'achieved')
    for (const id of r.inProgress?.split(' ') ?? []) map.set(id, 'in_progress')
    byRow.set(rowKey(r), map)
  }
  return byRow
}
