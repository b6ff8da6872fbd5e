/**
 * Double marking: the confrontation of a copy's two grids and the levels the
 * lead juror agrees where they diverge.
 *
 * ——— For other services (stable) ———
 *
 *   finalCells(instanceId, subjectId): FinalCell[] | null
 *
 * The FINAL level of every cell (criterion × part × member) of one copy —
 * `subjectId` is the learner (individual épreuve) or the group —, in grid
 * order, one cell per row of the grid (a group's oral and REX rows once per
 * member, `learnerId` the member's id; '' for the whole copy):
 * - double-marked instance: null until the copy's reconciliation is CLOSED;
 *   then the agreed level and the lead juror's comment where the two grids
 *   diverged (`reconciled: true`), the common level where they agreed (with
 *   the lead's comment, else the second juror's);
 * - other instances: the copy's closed grid (the latest closed, if several
 *   jurors closed one), null while none is closed.
 * Competency overrides are not cells: read them from the grid(s).
 * No access check: the caller decides who may read.
 *
 * ——— The confrontation ———
 *
 * For a copy of an instance with `doubleMarking`, two jurorAssignments of the
 * same target, one `lead` (see double-marking.server.ts for the pair and the
 * rule that freezes the two grids once confronted). Each juror grades in the
 * ordinary grid (grading.server.ts), which only ever reads its own juror's
 * rows. Once both grids are closed, the first visit of either juror to the
 * confrontation creates the reconciliation (leadAssignmentId: the lead's
 * assignment); it lists the divergent cells side by side with both comments
 * and cited evidence, and the agreeing ones. The lead records an agreed level
 * and comment per divergent cell (optimistic `version`: 409 with the stored
 * value on a stale baseVersion), closes the reconciliation (refused while a
 * divergent cell has no agreed level) and may reopen it; the other juror
 * reads. Every step goes to grade_audit under the lead's grading
 * ('reconcile', 'reconcile-close', 'reconcile-reopen').
 */
import { and, eq, inArray } from 'drizzle-orm'
import { GRADING_SCALES, gridRows, type GradeEvidence, type GradePart } from '~/domain/grading'
import type { AuditEntry } from '~/domain/grading-view'
import type {
  AgreedLevel,
  CitedEvidence,
  ConfrontationAnswer,
  ConfrontationReady,
  ConfrontationView,
  ConfrontedCell,
  CopyDoubleMarking,
  GridDoubleMarking,
  JurorCell,
} from '~/domain/reconciliation-view'
import type { SessionUser } from './auth.server'
import { getDb, schema, type DbHandle, transaction } from './db.server'
import {
  copyAssignments,
  doubleMarkingStates,
  pairFrom,
  pairGradings,
  pairOf,
  reconciliationOf,
  reopenLock,
  type CopyPair,
  type Grading,
  type Reconciliation,
} from './double-marking.server'
import { appendAudit, auditOf, contextOf, entriesOf, PART_WORDS, type Entry, type GridContext } from './grading.server'
import type { AgreeOp, ConfrontationOpInput } from './reconciliation-input.server'
import { authorizeAssignment, copyLabel, groupMembersOf, targetHandIns, type AssignmentAccess } from './jury-access.server'
import { referentiel, referentielIndex } from './referentiel.server'
import { dossierTemplates, templatesById } from './templates.server'

const { gradings, reconciliations, reconciledEntries, evaluationInstances, users } = schema

const NBSP = '\u00a0'
const PART_WITH_ARTICLE: Record<GradePart, string> = { written: 'l’écrit', oral: 'l’oral', rex: 'le REX' }

export const NOT_DOUBLE_MARKED = 'Cette copie n’est pas en double correction.'
export const ONLY_LEAD = 'Seul·e le ou la juré·e principal·e de cette copie enregistre les niveaux retenus et clôt la confrontation.'
export const NOT_BOTH_CLOSED = 'Les deux grilles ne sont pas encore closes : la confrontation s’ouvrira quand les deux juré·es auront clos la leur.'
export const RECONCILIATION_CLOSED = 'La confrontation est close : rouvrez-la pour modifier un niveau retenu.'
export const STALE_AGREED = 'Ce niveau retenu a été modifié entre-temps, dans un autre onglet.'
export const NOT_DIVERGENT = 'Les deux corrections s’accordent sur ce critère : il n’y a rien à confronter.'

/** A refused write, with a French message; a 409 carries the value stored now. Nothing was written. */
export class ReconciliationError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 409,
    readonly current: { agreed?: AgreedLevel | null } = {},
  ) {
    super(message)
    this.name = 'ReconciliationError'
  }
}

// ——— Reading ———

const cellKey = (criterionId: string, part: string, learnerId: string) => `${criterionId}|${part}|${learnerId}`

type Loaded = {
  access: AssignmentAccess
  pair: CopyPair
  ctx: GridContext
  names: { lead: string; second: string }
}

/** The viewer's own assignment of a double-marked copy: 403 / 404 as the grid; 404 when the copy is not double-marked (or not for this juror). */
async function load(user: SessionUser, assignmentId: string, db: DbHandle): Promise<Loaded> {
  const access = await authorizeAssignment(user, assignmentId)
  const pair = await pairOf(access.assignment, access.instance, db)
  if (!pair) throw new Response(NOT_DOUBLE_MARKED, { status: 404 })
  const ctx = await contextOf(access, db)
  const people = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, [pair.lead.jurorId, pair.second.jurorId]))
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? 'Juré·e'
  return { access, pair, ctx, names: { lead: nameOf(pair.lead.jurorId), second: nameOf(pair.second.jurorId) } }
}

const bothClosed = (g: { lead?: Grading; second?: Grading }) => g.lead?.status === 'closed' && g.second?.status === 'closed'

/** The reconciliation of a pair, created once both grids are closed (in the caller's IMMEDIATE transaction). */
async function ensureReconciliation(tx: DbHandle, pair: CopyPair, now: Date): Promise<Reconciliation | undefined> {
  const existing = await reconciliationOf(pair.instance.id, pair.subjectId, tx)
  if (existing) return existing
  if (!bothClosed(await pairGradings(pair, tx))) return undefined
  await tx
    .insert(reconciliations)
    .values({ instanceId: pair.instance.id, subjectId: pair.subjectId, leadAssignmentId: pair.lead.id, updatedAt: now })
    .onConflictDoNothing()
  return await reconciliationOf(pair.instance.id, pair.subjectId, tx)
}

const excerpt = (s: string, max = 90) => {
  const flat = s.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

/** Evidence as the confrontation shows it: the quoted words or the item's label, and the section of the copy it comes from. */
async function evidenceReader(l: Loaded, db: DbHandle): Promise<(e: GradeEvidence) => CitedEvidence> {
  const handIns = new Map((await targetHandIns(l.access.assignment, db)).map((h) => [h.id, h]))
  return (e) => {
    const handIn = handIns.get(e.submissionId)
    const template = handIn ? templatesById.get(handIn.templateId) : undefined
    const section = template?.sections.find((s) => s.id === e.sectionId)
    const owner = handIn?.learnerId && l.access.assignment.groupId ? l.ctx.members.find((m) => m.id === handIn.learnerId)?.label : undefined
    const where = [template?.title, owner, section?.title].filter(Boolean).join(' — ')
    return { label: e.kind === 'passage' ? `«${NBSP}${excerpt(e.selectors[0]?.exact ?? '')}${NBSP}»` : e.label, where }
  }
}

/** Every cell of the grid (rows × members), in grid order. */
function gridCells(ctx: Pick<GridContext, 'rows' | 'members'>) {
  return ctx.rows.flatMap((row) =>
    (row.scope === 'member' ? ctx.members.map((m) => m.id) : ['']).map((learnerId) => ({ row, learnerId, key: cellKey(row.criterionId, row.part, learnerId) })),
  )
}

const entriesByKey = (entries: readonly Entry[]) => new Map(entries.map((e) => [cellKey(e.criterionId, e.part, e.learnerId), e]))

type AgreedRow = typeof reconciledEntries.$inferSelect
const agreedOf = (e: AgreedRow): AgreedLevel => ({ level: e.level, comment: e.comment, version: e.version })

async function agreedRows(reconciliationId: string, db: DbHandle): Promise<Map<string, AgreedRow>> {
  return new Map(
    (await db.select().from(reconciledEntries).where(eq(reconciledEntries.reconciliationId, reconciliationId))).map((e) => [
      cellKey(e.criterionId, e.part, e.learnerId),
      e,
    ]),
  )
}

/** The divergent cells' keys of two grids: levels that differ, or a level on one side only. */
function divergentKeys(ctx: Pick<GridContext, 'rows' | 'members'>, lead: readonly Entry[], second: readonly Entry[]): Set<string> {
  const a = entriesByKey(lead)
  const b = entriesByKey(second)
  return new Set(gridCells(ctx).flatMap(({ key }) => ((a.get(key)?.level ?? null) !== (b.get(key)?.level ?? null) ? [key] : [])))
}

/** The confrontation's steps: the lead juror's audit trail, confrontation entries only. */
async function confrontationAudit(leadGradingId: string, ctx: GridContext, db: DbHandle): Promise<AuditEntry[]> {
  return (await auditOf(leadGradingId, ctx, db)).filter((e) => e.action === 'reconcile' || e.action === 'reconcile-close' || e.action === 'reconcile-reopen')
}

/**
 * The confrontation of a copy for one of its two jurors (`assignmentId`: the
 * viewer's own assignment; 403 for anyone else, 404 unknown or not
 * double-marked). While both grids are not closed: who still has to close
 * theirs, and nothing of either grid. Then both grids side by side; the
 * first such visit creates the reconciliation (which freezes the two grids).
 */
export async function confrontationOf(user: SessionUser, assignmentId: string, now = new Date()): Promise<ConfrontationView> {
  const db = getDb()
  const l = await load(user, assignmentId, db)
  const { access, pair, ctx, names } = l
  const header = {
    assignmentId: access.assignment.id,
    evaluationTitle: ctx.evaluation.title,
    anonymous: access.anonymous,
    label: await copyLabel(access),
    leadName: names.lead,
    secondName: names.second,
  }
  const own = access.assignment.id === pair.lead.id ? 'lead' : 'second'
  // Created (in a write transaction) only on the first visit once both grids are closed.
  const grids = await pairGradings(pair, db)
  const reconciliation =
    (await reconciliationOf(pair.instance.id, pair.subjectId, db)) ??
    (bothClosed(grids) ? await transaction(db, async (tx) => await ensureReconciliation(tx, pair, now)) : undefined)
  if (!reconciliation) {
    return {
      ...header,
      state: 'waiting',
      viewerIsLead: own === 'lead',
      ownClosed: grids[own]?.status === 'closed',
      otherClosed: grids[own === 'lead' ? 'second' : 'lead']?.status === 'closed',
      otherName: own === 'lead' ? names.second : names.lead,
    }
  }
  return { ...header, ...(await readyView(l, reconciliation, db)) }
}

type ReadyBody = Omit<ConfrontationReady, 'assignmentId' | 'evaluationTitle' | 'anonymous' | 'label' | 'leadName' | 'secondName'>

async function readyView(l: Loaded, reconciliation: Reconciliation, db: DbHandle): Promise<ReadyBody> {
  const { pair, ctx } = l
  const leadId = reconciliation.leadAssignmentId
  const secondId = leadId === pair.lead.id ? pair.second.id : pair.lead.id
  const grids = await db
    .select()
    .from(gradings)
    .where(inArray(gradings.assignmentId, [leadId, secondId]))
  const leadGrading = grids.find((g) => g.assignmentId === leadId)
  const secondGrading = grids.find((g) => g.assignmentId === secondId)
  const leadEntries = (await entriesOf(leadGrading?.id, db)).entries
  const secondEntries = (await entriesOf(secondGrading?.id, db)).entries
  const a = entriesByKey(leadEntries)
  const b = entriesByKey(secondEntries)
  const agreed = await agreedRows(reconciliation.id, db)
  const read = await evidenceReader(l, db)
  const side = (e: Entry | undefined): JurorCell => ({ level: e?.level ?? null, comment: e?.comment ?? '', evidence: (e?.evidence ?? []).map(read) })
  const divergent: ConfrontedCell[] = []
  const agreeing: ConfrontedCell[] = []
  for (const { row, learnerId, key } of gridCells(ctx)) {
    const lead = side(a.get(key))
    const second = side(b.get(key))
    const differs = lead.level !== second.level
    const stored = agreed.get(key)
    const cell: ConfrontedCell = {
      criterionId: row.criterionId,
      criterionText: referentielIndex.competencies.get(row.competencyId)?.criteria.find((c) => c.id === row.criterionId)?.text ?? '',
      competencyId: row.competencyId,
      part: row.part,
      learnerId,
      memberLabel: learnerId ? (ctx.members.find((m) => m.id === learnerId)?.label ?? null) : null,
      lead,
      second,
      agreed: differs && stored ? agreedOf(stored) : null,
    }
    ;(differs ? divergent : agreeing).push(cell)
  }
  return {
    state: 'ready',
    viewerIsLead: l.access.assignment.id === leadId,
    status: reconciliation.status,
    closedAt: reconciliation.closedAt?.getTime() ?? null,
    levels: GRADING_SCALES[ctx.scale].levels,
    divergent,
    agreeing,
    audit: leadGrading ? await confrontationAudit(leadGrading.id, ctx, db) : [],
  }
}

// ——— Writing (the lead juror only) ———

type Writable = { l: Loaded; reconciliation: Reconciliation; leadGrading: Grading; divergent: Set<string> }

/** In the caller's transaction: the lead's own copy, both grids closed, the reconciliation (created if need be). */
async function writable(tx: DbHandle, l: Loaded, now: Date): Promise<Writable> {
  const reconciliation = await ensureReconciliation(tx, l.pair, now)
  if (!reconciliation) throw new ReconciliationError(NOT_BOTH_CLOSED, 400)
  if (reconciliation.leadAssignmentId !== l.access.assignment.id) throw new ReconciliationError(ONLY_LEAD, 403)
  const secondId = reconciliation.leadAssignmentId === l.pair.lead.id ? l.pair.second.id : l.pair.lead.id
  const grids = await tx
    .select()
    .from(gradings)
    .where(inArray(gradings.assignmentId, [reconciliation.leadAssignmentId, secondId]))
  const leadGrading = grids.find((g) => g.assignmentId === reconciliation.leadAssignmentId)!
  const secondGrading = grids.find((g) => g.assignmentId === secondId)
  const divergent = divergentKeys(l.ctx, (await entriesOf(leadGrading.id, tx)).entries, (await entriesOf(secondGrading?.id, tx)).entries)
  return { l, reconciliation, leadGrading, divergent }
}

async function answerOf(w: Writable, tx: DbHandle, agreed?: ConfrontationAnswer['agreed']): Promise<ConfrontationAnswer> {
  const rec = (await reconciliationOf(w.l.pair.instance.id, w.l.pair.subjectId, tx))!
  return {
    status: rec.status,
    closedAt: rec.closedAt?.getTime() ?? null,
    audit: await confrontationAudit(w.leadGrading.id, w.l.ctx, tx),
    ...(agreed ? { agreed } : {}),
  }
}

/**
 * Records the agreed level and comment of a divergent cell if it is still at
 * `op.baseVersion` (0: none yet), with a 'reconcile' audit entry (before: the
 * previous agreed level or null; after: { level, comment }).
 */
export async function agreeLevel(user: SessionUser, assignmentId: string, op: Omit<AgreeOp, 'op'>, now = new Date()): Promise<ConfrontationAnswer> {
  const db = getDb()
  const l = await load(user, assignmentId, db)
  const levels = GRADING_SCALES[l.ctx.scale].levels
  if (!levels.some((v) => v.id === op.level))
    throw new ReconciliationError(`Ce niveau n’existe pas sur l’échelle de la session (${levels.map((v) => v.label).join(', ')}).`, 400)
  const comment = op.comment.trim()
  return await transaction(db, async (tx) => {
    const w = await writable(tx, l, now)
    if (w.reconciliation.status === 'closed') throw new ReconciliationError(RECONCILIATION_CLOSED, 400)
    const key = cellKey(op.criterionId, op.part, op.learnerId)
    if (!l.ctx.rows.some((r) => r.criterionId === op.criterionId && r.part === op.part))
      throw new ReconciliationError(`Le critère ${op.criterionId} n’est pas noté sur ${PART_WITH_ARTICLE[op.part]} dans cette grille.`, 400)
    if (!w.divergent.has(key)) throw new ReconciliationError(NOT_DIVERGENT, 400)
    const where = and(
      eq(reconciledEntries.reconciliationId, w.reconciliation.id),
      eq(reconciledEntries.criterionId, op.criterionId),
      eq(reconciledEntries.part, op.part),
      eq(reconciledEntries.learnerId, op.learnerId),
    )
    const [existing] = await tx.select().from(reconciledEntries).where(where)
    const current = existing ? agreedOf(existing) : null
    if (op.baseVersion !== (current?.version ?? 0)) throw new ReconciliationError(STALE_AGREED, 409, { agreed: current })
    const at = { criterionId: op.criterionId, part: op.part as GradePart, learnerId: op.learnerId }
    if (current && current.level === op.level && current.comment === comment) return await answerOf(w, tx, { ...at, ...current })
    const version = (current?.version ?? 0) + 1
    if (existing) {
      await tx.update(reconciledEntries).set({ level: op.level, comment, version, updatedAt: now }).where(where)
    } else {
      await tx.insert(reconciledEntries).values({ reconciliationId: w.reconciliation.id, ...at, level: op.level, comment, version, updatedAt: now })
    }
    await tx.update(reconciliations).set({ updatedAt: now }).where(eq(reconciliations.id, w.reconciliation.id))
    await appendAudit(tx, w.leadGrading, user, now, [
      {
        action: 'reconcile',
        criterionId: op.criterionId,
        part: op.part,
        learnerId: op.learnerId || null,
        before: current?.level ?? null,
        after: { level: op.level, comment },
      },
    ])
    return await answerOf(w, tx, { ...at, level: op.level, comment, version })
  })
}

/** A cell as the grid names it: « C3.1-2 (écrit) », « C2.1-4 (oral, Zoé Lefèvre) ». */
function cellName(ctx: GridContext, key: string): string {
  const [criterionId, part, learnerId] = key.split('|') as [string, GradePart, string]
  const member = learnerId ? ctx.members.find((m) => m.id === learnerId)?.label : undefined
  return `${criterionId} (${PART_WORDS[part]}${member ? `, ${member}` : ''})`
}

/** Closes the reconciliation: refused while a divergent cell has no agreed level. Closing a closed one changes nothing. */
export async function closeReconciliation(user: SessionUser, assignmentId: string, now = new Date()): Promise<ConfrontationAnswer> {
  const db = getDb()
  const l = await load(user, assignmentId, db)
  return await transaction(db, async (tx) => {
    const w = await writable(tx, l, now)
    if (w.reconciliation.status === 'closed') return await answerOf(w, tx)
    const agreed = await agreedRows(w.reconciliation.id, tx)
    const missing = [...w.divergent].filter((key) => !agreed.has(key))
    if (missing.length > 0) {
      const names = missing.map((key) => cellName(l.ctx, key))
      const shown = names.length > 5 ? `${names.slice(0, 5).join(', ')}…` : names.join(', ')
      throw new ReconciliationError(
        missing.length === 1
          ? `Un critère divergent n’a pas encore de niveau retenu : ${shown}. Enregistrez-le avant de clore la confrontation.`
          : `${missing.length} critères divergents n’ont pas encore de niveau retenu : ${shown}. Enregistrez-les avant de clore la confrontation.`,
        400,
      )
    }
    await tx.update(reconciliations).set({ status: 'closed', closedAt: now, updatedAt: now }).where(eq(reconciliations.id, w.reconciliation.id))
    await appendAudit(tx, w.leadGrading, user, now, [{ action: 'reconcile-close', before: 'open', after: 'closed' }])
    return await answerOf(w, tx)
  })
}

/** Reopens a closed reconciliation, so that the lead can change an agreed level. Reopening an open one changes nothing. */
export async function reopenReconciliation(user: SessionUser, assignmentId: string, now = new Date()): Promise<ConfrontationAnswer> {
  const db = getDb()
  const l = await load(user, assignmentId, db)
  return await transaction(db, async (tx) => {
    const w = await writable(tx, l, now)
    if (w.reconciliation.status === 'open') return await answerOf(w, tx)
    await tx.update(reconciliations).set({ status: 'open', closedAt: null, updatedAt: now }).where(eq(reconciliations.id, w.reconciliation.id))
    await appendAudit(tx, w.leadGrading, user, now, [{ action: 'reconcile-reopen', before: 'closed', after: 'open' }])
    return await answerOf(w, tx)
  })
}

/** One write of the confrontation API. Throws a Response (403, 404) or a ReconciliationError (400, 403, 409). */
export async function applyConfrontationOp(user: SessionUser, assignmentId: string, op: ConfrontationOpInput, now = new Date()): Promise<ConfrontationAnswer> {
  switch (op.op) {
    case 'agree':
      return await agreeLevel(user, assignmentId, op, now)
    case 'close':
      return await closeReconciliation(user, assignmentId, now)
    case 'reopen':
      return await reopenReconciliation(user, assignmentId, now)
  }
}

// ——— For the jury's screens ———

/** The double-marking state of some of a juror's copies (their list), by assignment id; copies not double-marked are absent. */
export async function jurorDoubleMarking(jurorId: string, assignmentIds: readonly string[]): Promise<Map<string, CopyDoubleMarking>> {
  return await doubleMarkingStates(jurorId, assignmentIds)
}

/** For the juror of `assignmentId` (the caller has authorized it): null when the copy is not double-marked. */
export async function gridDoubleMarking(access: AssignmentAccess): Promise<GridDoubleMarking | null> {
  const state = (await doubleMarkingStates(access.user.id, [access.assignment.id])).get(access.assignment.id)
  if (!state) return null
  const db = getDb()
  const pair = await pairOf(access.assignment, access.instance, db)
  const otherId = pair ? (pair.lead.id === access.assignment.id ? pair.second.jurorId : pair.lead.jurorId) : null
  const otherName = otherId ? ((await db.select({ name: users.name }).from(users).where(eq(users.id, otherId)))[0]?.name ?? null) : null
  return { ...state, otherName, reopenLocked: await reopenLock(access.assignment, access.instance, db) }
}

// ——— Final levels, for the results ———

export type FinalCell = {
  criterionId: string
  part: GradePart
  /** '' for the whole copy; a member's id for a group's oral or REX rows. */
  learnerId: string
  level: string | null
  comment: string
  /** True where the two jurors diverged and the lead recorded the agreed level. */
  reconciled: boolean
}

/** See the top of this file. */
export async function finalCells(instanceId: string, subjectId: string): Promise<FinalCell[] | null> {
  const db = getDb()
  const [instance] = await db.select().from(evaluationInstances).where(eq(evaluationInstances.id, instanceId))
  const evaluation = instance ? referentielIndex.evaluations.get(instance.evaluationId) : undefined
  if (!instance || !evaluation) return null
  const group = evaluation.mode === 'group'
  const assignments = await copyAssignments(
    { examSessionId: instance.examSessionId, evaluationId: instance.evaluationId, learnerId: group ? null : subjectId, groupId: group ? subjectId : null },
    db,
  )
  const ctx = {
    rows: gridRows(referentiel, evaluation, dossierTemplates),
    members: group ? (await groupMembersOf(subjectId)).map((m) => ({ id: m.id, label: m.name })) : [],
  }
  const closedOf = async (ids: string[]) =>
    await db
      .select()
      .from(gradings)
      .where(and(inArray(gradings.assignmentId, ids), eq(gradings.status, 'closed')))

  if (!instance.doubleMarking) {
    const latest = (await closedOf(assignments.map((a) => a.id))).sort((x, y) => (y.closedAt?.getTime() ?? 0) - (x.closedAt?.getTime() ?? 0))[0]
    if (!latest) return null
    const cells = entriesByKey((await entriesOf(latest.id, db)).entries)
    return gridCells(ctx).map(({ row, learnerId, key }) => ({
      criterionId: row.criterionId,
      part: row.part,
      learnerId,
      level: cells.get(key)?.level ?? null,
      comment: cells.get(key)?.comment ?? '',
      reconciled: false,
    }))
  }

  const pair = pairFrom(assignments)
  const reconciliation = pair ? await reconciliationOf(instance.id, subjectId, db) : undefined
  if (!pair || reconciliation?.status !== 'closed') return null
  const secondId = reconciliation.leadAssignmentId === pair.lead.id ? pair.second.id : pair.lead.id
  const grids = await closedOf([reconciliation.leadAssignmentId, secondId])
  const a = entriesByKey((await entriesOf(grids.find((g) => g.assignmentId === reconciliation.leadAssignmentId)?.id, db)).entries)
  const b = entriesByKey((await entriesOf(grids.find((g) => g.assignmentId === secondId)?.id, db)).entries)
  const agreed = await agreedRows(reconciliation.id, db)
  return gridCells(ctx).map(({ row, learnerId, key }) => {
    const lead = a.get(key)
    const second = b.get(key)
    const differs = (lead?.level ?? null) !== (second?.level ?? null)
    const base = { criterionId: row.criterionId, part: row.part, learnerId }
    if (!differs) return { ...base, level: lead?.level ?? null, comment: lead?.comment || second?.comment || '', reconciled: false }
    const chosen = agreed.get(key)
    return { ...base, level: chosen?.level ?? null, comment: chosen?.comment ?? '', reconciled: true }
  })
}
