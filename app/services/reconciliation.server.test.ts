import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { GradePart } from '~/domain/grading'
import type { ConfrontationReady, ConfrontationView } from '~/domain/reconciliation-view'
import type { Role } from '~/domain/permissions'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb } = await setupTempDb('reconciliation')
const schema = await import('#db/schema')
const { learnerDossiers } = await import('./dossiers.server')
const { enrollLearners } = await import('./dossier-provisioning.server')
const { saveSection } = await import('./dossier-sections.server')
const { handIn, candidateCode } = await import('./submissions.server')
const { closeGrading, GradingError, gridOf, reopenGrading, saveCell } = await import('./grading.server')
const { GRID_CONFRONTED } = await import('./double-marking.server')
const {
  agreeLevel,
  closeReconciliation,
  confrontationOf,
  finalCells,
  gridDoubleMarking,
  jurorDoubleMarking,
  NOT_DIVERGENT,
  ONLY_LEAD,
  ReconciliationError,
  RECONCILIATION_CLOSED,
  reopenReconciliation,
  STALE_AGREED,
} = await import('./reconciliation.server')
const { authorizeAssignment } = await import('./jury-access.server')
const { sessionCookie, SESSION_TTL_MS } = await import('./session.server')
const route = await import('~/routes/api.jury.$assignmentId_.confrontation')

type User = { id: string; name: string; email: string; roles: Role[] }

let n = 0
async function person(roles: Role[], name: string): Promise<User> {
  const email = `${name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z]/g, '')}${++n}@test.fr`
  const id = (await getDb().insert(schema.users).values({ email, name, passwordHash: 'x' }).returning())[0]!.id
  for (const role of roles) await getDb().insert(schema.userRoles).values({ userId: id, role })
  return { id, name, email, roles }
}
const doc = (...texts: string[]) => ({ type: 'doc', content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) })
async function statusOf(f: () => Promise<unknown>): Promise<number> {
  try {
    await f()
  } catch (error) {
    if (error instanceof Response) return error.status
    if (error instanceof GradingError || error instanceof ReconciliationError) return error.status
    throw error
  }
  return 200
}
async function refusal(f: () => Promise<unknown>): Promise<{ status: number; message: string; current?: unknown }> {
  try {
    await f()
  } catch (error) {
    if (error instanceof GradingError || error instanceof ReconciliationError) return { status: error.status, message: error.message, current: error.current }
    if (error instanceof Response) return { status: error.status, message: '' }
    throw error
  }
  throw new Error('not refused')
}
const ready = (view: ConfrontationView): ConfrontationReady => {
  if (view.state !== 'ready') throw new Error('the confrontation is not open')
  return view
}

let sessionId = ''
const DUE = new Date('2027-03-01T17:00:00Z')
const BEFORE = new Date('2027-02-20T10:00:00Z')
const people = {} as Record<'zoe' | 'mael' | 'lead' | 'second' | 'third' | 'stranger' | 'admin', User>
const ids = { lead: '', second: '', third: '', alone: '', single: '', instance: '', singleInstance: '' }
let code = ''
let rows: { criterionId: string; part: GradePart }[] = []

const assign = async (jurorId: string, evaluationId: string, learnerId: string, lead = false) =>
  (await getDb().insert(schema.jurorAssignments).values({ examSessionId: sessionId, jurorId, evaluationId, learnerId, lead }).returning())[0]!.id

beforeAll(async () => {
  const db = getDb()
  people.zoe = await person(['learner'], 'Zoé Lefèvre')
  people.mael = await person(['learner'], 'Maël Dupré')
  people.lead = await person(['juror'], 'Benoît Lemaître')
  people.second = await person(['juror'], 'Chloé Aubertin')
  people.third = await person(['juror'], 'Damien Roche')
  people.stranger = await person(['juror'], 'Élise Marchand')
  people.admin = await person(['admin'], 'Hélène Dubreuil')
  sessionId = (await db.insert(schema.examSessions).values({ name: 'Session 2027', startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning())[0]!.id
  await enrollLearners(db, sessionId, [people.zoe.id, people.mael.id])
  ids.instance = (
    await db
      .insert(schema.evaluationInstances)
      .values({ examSessionId: sessionId, evaluationId: 'cas-pratique-a3', dueAt: DUE, cutoffAt: DUE, anonymous: true, doubleMarking: true })
      .returning()
  )[0]!.id
  ids.singleInstance = (
    await db
      .insert(schema.evaluationInstances)
      .values({ examSessionId: sessionId, evaluationId: 'fiche-veille', dueAt: DUE, cutoffAt: DUE, anonymous: false })
      .returning()
  )[0]!.id
  // Zoé's cas pratique: two jurors, then a third assigned later (not part of the pair). Maël's: one juror so far.
  ids.lead = await assign(people.lead.id, 'cas-pratique-a3', people.zoe.id, true)
  ids.second = await assign(people.second.id, 'cas-pratique-a3', people.zoe.id)
  ids.third = await assign(people.third.id, 'cas-pratique-a3', people.zoe.id)
  ids.alone = await assign(people.lead.id, 'cas-pratique-a3', people.mael.id, true)
  ids.single = await assign(people.lead.id, 'fiche-veille', people.zoe.id)
  // The third was assigned after the pair: same millisecond possible, so make the order explicit.
  await db
    .update(schema.jurorAssignments)
    .set({ createdAt: new Date(Date.now() + 60_000) })
    .where(eq(schema.jurorAssignments.id, ids.third))

  const dossierOf = async (who: User, templateId: string) => (await learnerDossiers(who.id, sessionId)).find((d) => d.templateId === templateId)!
  for (const [who, templateId, sectionId, text] of [
    [people.zoe, 'cas-pratique-a3', 'inclusion', 'Étiquettes en corps 14 et recharge sans parfum.'],
    [people.mael, 'cas-pratique-a3', 'inclusion', 'Une gamme pensée pour les malvoyants.'],
    [people.zoe, 'fiche-veille', 'contexte', 'Veille sur les boissons sans alcool.'],
  ] as const) {
    const dossier = await dossierOf(who, templateId)
    expect((await saveSection({ dossierId: dossier.id, sectionId, baseVersion: 0, content: doc(text) as never, authorId: who.id })).ok).toBe(true)
    await handIn(who, dossier.id, { confirmed: true, now: BEFORE })
  }
  code = await candidateCode(ids.instance, people.zoe.id)
  rows = (await gridOf(people.lead, ids.lead)).rows.filter((r) => r.scope === 'target')
})

/** Grades every row of a grid: `levels[i]` for row i (undefined: 'acquis'; null: no level). */
async function gradeAll(user: User, assignmentId: string, levels: Record<number, string | null>, comment = (i: number) => `Commentaire ${i}`) {
  for (const [i, row] of rows.entries()) {
    const level = i in levels ? levels[i]! : 'acquis'
    const current = (await gridOf(user, assignmentId)).cells.find((c) => c.criterionId === row.criterionId && c.part === row.part)
    await saveCell(user, assignmentId, {
      criterionId: row.criterionId,
      part: row.part,
      learnerId: '',
      baseVersion: current?.version ?? 0,
      level,
      comment: comment(i),
    })
  }
}
const reconciliationRow = async () =>
  (
    await getDb()
      .select()
      .from(schema.reconciliations)
      .where(and(eq(schema.reconciliations.instanceId, ids.instance), eq(schema.reconciliations.subjectId, people.zoe.id)))
  )[0]

describe('independent grading', () => {
  it('gives each juror their own grid only: neither sees the other’s levels, comments or evidence before both are closed', async () => {
    await saveCell(people.lead, ids.lead, {
      criterionId: rows[0]!.criterionId,
      part: rows[0]!.part,
      learnerId: '',
      baseVersion: 0,
      level: 'acquis',
      comment: 'SECRET-DU-PRINCIPAL',
    })
    await saveCell(people.second, ids.second, {
      criterionId: rows[0]!.criterionId,
      part: rows[0]!.part,
      learnerId: '',
      baseVersion: 0,
      level: 'non-acquis',
      comment: 'SECRET-DU-SECOND',
    })
    const leadView = JSON.stringify(await gridOf(people.lead, ids.lead))
    const secondView = JSON.stringify(await gridOf(people.second, ids.second))
    expect(leadView).toContain('SECRET-DU-PRINCIPAL')
    expect(leadView).not.toContain('SECRET-DU-SECOND')
    expect(secondView).toContain('SECRET-DU-SECOND')
    expect(secondView).not.toContain('SECRET-DU-PRINCIPAL')
    // Each grid on the other juror's assignment: refused.
    expect(await statusOf(() => gridOf(people.lead, ids.second))).toBe(403)
    expect(await statusOf(() => gridOf(people.second, ids.lead))).toBe(403)
  })

  it('keeps the confrontation waiting until both grids are closed: who still has to close, nothing of either grid, no reconciliation yet', async () => {
    const waiting = await confrontationOf(people.second, ids.second)
    expect(waiting).toMatchObject({ state: 'waiting', viewerIsLead: false, ownClosed: false, otherClosed: false, otherName: 'Benoît Lemaître', label: code })
    await gradeAll(people.lead, ids.lead, {})
    await closeGrading(people.lead, ids.lead)
    const stillWaiting = await confrontationOf(people.second, ids.second)
    expect(stillWaiting).toMatchObject({ state: 'waiting', ownClosed: false, otherClosed: true })
    expect(await confrontationOf(people.lead, ids.lead)).toMatchObject({ state: 'waiting', viewerIsLead: true, ownClosed: true, otherClosed: false })
    for (const view of [stillWaiting, await confrontationOf(people.lead, ids.lead)]) {
      const json = JSON.stringify(view)
      expect(json).not.toContain('SECRET')
      expect(json).not.toContain('Commentaire')
      expect(json).not.toContain(people.zoe.name)
    }
    expect(await reconciliationRow()).toBeUndefined()
    // Nothing revealed yet: the lead may still reopen and correct their grid.
    expect(await statusOf(() => reopenGrading(people.lead, ids.lead))).toBe(200)
    await closeGrading(people.lead, ids.lead)
  })

  it('is for the two jurors of the copy only: 403 for anyone else, 404 for an unknown copy, a third juror or a copy not double-marked', async () => {
    expect(await statusOf(() => confrontationOf(people.stranger, ids.lead))).toBe(403)
    expect(await statusOf(() => confrontationOf(people.second, ids.lead))).toBe(403)
    expect(await statusOf(() => confrontationOf(people.zoe, ids.lead))).toBe(403)
    expect(await statusOf(() => confrontationOf(people.admin, ids.lead))).toBe(403)
    expect(await statusOf(() => confrontationOf(people.lead, 'inconnue'))).toBe(404)
    expect(await statusOf(() => confrontationOf(people.third, ids.third))).toBe(404)
    expect(await statusOf(() => confrontationOf(people.lead, ids.single))).toBe(404)
    expect(await statusOf(() => confrontationOf(people.lead, ids.alone))).toBe(404)
  })

  it('says in the juror’s list where each double-marked copy stands', async () => {
    const states = await jurorDoubleMarking(people.lead.id, [ids.lead, ids.alone, ids.single])
    expect(states.get(ids.lead)).toEqual({ state: 'grading', lead: true, ownClosed: true, otherClosed: false })
    expect(states.get(ids.alone)).toMatchObject({ state: 'incomplete' })
    expect(states.has(ids.single)).toBe(false)
    expect((await jurorDoubleMarking(people.second.id, [ids.second])).get(ids.second)).toEqual({
      state: 'grading',
      lead: false,
      ownClosed: false,
      otherClosed: true,
    })
    // Another juror's assignment is never read.
    expect((await jurorDoubleMarking(people.second.id, [ids.lead])).size).toBe(0)
    expect((await jurorDoubleMarking(people.third.id, [ids.third])).size).toBe(0)
  })
})

describe('the confrontation', () => {
  it('opens once both grids are closed: divergent cells side by side with both comments, the agreeing ones apart, the reconciliation created', async () => {
    // Row 1: the second says « non acquis »; row 2: no level from the second. Row 0 agrees (both « acquis »).
    await gradeAll(people.second, ids.second, { 1: 'non-acquis', 2: null }, (i) => `Avis du second ${i}`)
    await closeGrading(people.second, ids.second)
    expect(await reconciliationRow()).toBeUndefined()
    const view = ready(await confrontationOf(people.second, ids.second))
    expect(await reconciliationRow()).toMatchObject({ leadAssignmentId: ids.lead, status: 'open' })
    expect(view).toMatchObject({ viewerIsLead: false, status: 'open', label: code, anonymous: true, leadName: 'Benoît Lemaître', secondName: 'Chloé Aubertin' })
    expect(view.divergent.map((c) => c.criterionId)).toEqual([rows[1]!.criterionId, rows[2]!.criterionId])
    expect(view.divergent[0]).toMatchObject({
      lead: { level: 'acquis', comment: 'Commentaire 1' },
      second: { level: 'non-acquis', comment: 'Avis du second 1' },
      agreed: null,
    })
    expect(view.divergent[1]).toMatchObject({ lead: { level: 'acquis' }, second: { level: null, comment: 'Avis du second 2' } })
    expect(view.agreeing).toHaveLength(rows.length - 2)
    expect(view.agreeing[0]).toMatchObject({ criterionId: rows[0]!.criterionId, lead: { level: 'acquis' }, second: { level: 'acquis' } })
    expect(view.divergent[0]!.criterionText.length).toBeGreaterThan(10)
    expect(JSON.stringify(view)).not.toContain(people.zoe.name)
    expect(ready(await confrontationOf(people.lead, ids.lead)).viewerIsLead).toBe(true)
  })

  it('shows cited evidence by its quoted words and where it is in the copy', async () => {
    // Evidence was cited before closing in a real grid; here the stored rows are read as they are.
    const grading = (await getDb().select().from(schema.gradings).where(eq(schema.gradings.assignmentId, ids.second)))[0]!
    const submission = (await getDb().select().from(schema.submissions).where(eq(schema.submissions.instanceId, ids.instance)))[0]!
    await getDb()
      .update(schema.gradeEntries)
      .set({
        evidence: [
          {
            kind: 'passage',
            submissionId: submission.id,
            sectionId: 'inclusion',
            selectors: [
              { type: 'TextQuoteSelector', exact: 'corps 14', prefix: 'en ', suffix: ' et' },
              { type: 'TextPositionSelector', start: 14, end: 22 },
            ],
          },
        ],
      })
      .where(and(eq(schema.gradeEntries.gradingId, grading.id), eq(schema.gradeEntries.criterionId, rows[1]!.criterionId)))
    const cell = ready(await confrontationOf(people.lead, ids.lead)).divergent[0]!
    expect(cell.second.evidence).toEqual([{ label: '«\u00a0corps 14\u00a0»', where: expect.stringMatching(/^Cas pratique.* — .+/) }])
  })

  it('keeps both grids closed for good once confronted', async () => {
    for (const [user, id] of [
      [people.lead, ids.lead],
      [people.second, ids.second],
    ] as const) {
      expect(await refusal(() => reopenGrading(user, id))).toMatchObject({ status: 400, message: GRID_CONFRONTED })
      expect(await gridDoubleMarking(await authorizeAssignment(user, id))).toMatchObject({ state: 'to-reconcile', reopenLocked: GRID_CONFRONTED })
    }
    expect((await gridDoubleMarking(await authorizeAssignment(people.lead, ids.lead)))?.otherName).toBe('Chloé Aubertin')
    expect(await gridDoubleMarking(await authorizeAssignment(people.lead, ids.single))).toBeNull()
    // The third juror's grid is an ordinary one.
    await saveCell(people.third, ids.third, { criterionId: rows[0]!.criterionId, part: rows[0]!.part, learnerId: '', baseVersion: 0, level: 'acquis' })
    await closeGrading(people.third, ids.third)
    expect(await statusOf(() => reopenGrading(people.third, ids.third))).toBe(200)
  })

  it('lets the lead record an agreed level with a comment, versioned and audited; refuses the other juror, agreeing cells, unknown levels and stale versions', async () => {
    const cell = { criterionId: rows[1]!.criterionId, part: rows[1]!.part, learnerId: '' }
    expect(await refusal(() => agreeLevel(people.second, ids.second, { ...cell, baseVersion: 0, level: 'acquis', comment: 'Accord.' }))).toMatchObject({
      status: 403,
      message: ONLY_LEAD,
    })
    const agreeing = { criterionId: rows[0]!.criterionId, part: rows[0]!.part, learnerId: '' }
    expect(await refusal(() => agreeLevel(people.lead, ids.lead, { ...agreeing, baseVersion: 0, level: 'acquis', comment: 'Accord.' }))).toMatchObject({
      status: 400,
      message: NOT_DIVERGENT,
    })
    expect((await refusal(() => agreeLevel(people.lead, ids.lead, { ...cell, baseVersion: 0, level: 'excellent', comment: 'Accord.' }))).status).toBe(400)

    const first = await agreeLevel(people.lead, ids.lead, { ...cell, baseVersion: 0, level: 'non-acquis', comment: 'Les sources ne sont pas datées.' })
    expect(first.agreed).toMatchObject({ level: 'non-acquis', version: 1 })
    expect(first.audit[0]).toMatchObject({ action: 'reconcile', actorName: 'Benoît Lemaître' })
    expect(first.audit[0]!.text).toMatch(
      /^Niveau retenu après confrontation pour C3\.1-2 \(écrit\)\s: aucun niveau → Non acquis — «\sLes sources ne sont pas datées\.\s»$/,
    )
    const stale = await refusal(() => agreeLevel(people.lead, ids.lead, { ...cell, baseVersion: 0, level: 'acquis', comment: 'Autre avis.' }))
    expect(stale).toMatchObject({ status: 409, message: STALE_AGREED, current: { agreed: { level: 'non-acquis', version: 1 } } })
    const second = await agreeLevel(people.lead, ids.lead, {
      ...cell,
      baseVersion: 1,
      level: 'acquis',
      comment: 'Finalement acquis : la source est citée plus loin.',
    })
    expect(second.agreed?.version).toBe(2)
    const audit = (
      await getDb()
        .select()
        .from(schema.gradeAudit)
        .innerJoin(schema.gradings, eq(schema.gradings.id, schema.gradeAudit.gradingId))
        .where(and(eq(schema.gradings.assignmentId, ids.lead), eq(schema.gradeAudit.action, 'reconcile')))
    ).map((r) => ({ before: r.grade_audit.before, after: r.grade_audit.after }))
    expect(audit).toEqual([
      { before: null, after: { level: 'non-acquis', comment: 'Les sources ne sont pas datées.' } },
      { before: 'non-acquis', after: { level: 'acquis', comment: 'Finalement acquis : la source est citée plus loin.' } },
    ])
    // The other juror reads it.
    expect(ready(await confrontationOf(people.second, ids.second)).divergent[0]!.agreed).toMatchObject({ level: 'acquis', version: 2 })
  })

  it('closes only once every divergent cell has an agreed level, then refuses edits until the lead reopens it', async () => {
    expect(await finalCells(ids.instance, people.zoe.id)).toBeNull()
    const missing = await refusal(() => closeReconciliation(people.lead, ids.lead))
    expect(missing.status).toBe(400)
    expect(missing.message).toBe(
      `Un critère divergent n’a pas encore de niveau retenu : ${rows[2]!.criterionId} (écrit). Enregistrez-le avant de clore la confrontation.`,
    )
    const cell = { criterionId: rows[2]!.criterionId, part: rows[2]!.part, learnerId: '' }
    await agreeLevel(people.lead, ids.lead, { ...cell, baseVersion: 0, level: 'acquis', comment: 'Critère traité dans la partie inclusion.' })
    expect((await refusal(() => closeReconciliation(people.second, ids.second))).status).toBe(403)
    const closed = await closeReconciliation(people.lead, ids.lead)
    expect(closed.status).toBe('closed')
    expect(closed.audit[0]).toMatchObject({ action: 'reconcile-close', text: 'Confrontation des deux grilles close' })
    expect(await refusal(() => agreeLevel(people.lead, ids.lead, { ...cell, baseVersion: 1, level: 'non-acquis', comment: 'Non.' }))).toMatchObject({
      status: 400,
      message: RECONCILIATION_CLOSED,
    })
    expect((await jurorDoubleMarking(people.second.id, [ids.second])).get(ids.second)?.state).toBe('reconciled')
    // Still frozen after closing: the grids stay closed.
    expect(await statusOf(() => reopenGrading(people.second, ids.second))).toBe(400)

    expect((await refusal(() => reopenReconciliation(people.second, ids.second))).status).toBe(403)
    const reopened = await reopenReconciliation(people.lead, ids.lead)
    expect(reopened.status).toBe('open')
    expect(reopened.audit.map((e) => e.action).slice(0, 2)).toEqual(['reconcile-reopen', 'reconcile-close'])
    expect(await finalCells(ids.instance, people.zoe.id)).toBeNull()
    await closeReconciliation(people.lead, ids.lead)
    // The lead's grid page shows the confrontation's steps in its history too.
    expect((await gridOf(people.lead, ids.lead)).audit.filter((e) => e.action.startsWith('reconcile'))).toHaveLength(6)
  })

  it('gives the final levels of a copy: agreed where the jurors diverged, common where they agreed; a single-marked copy’s closed grid', async () => {
    const cells = (await finalCells(ids.instance, people.zoe.id))!
    expect(cells).toHaveLength(rows.length)
    expect(cells[0]).toEqual({
      criterionId: rows[0]!.criterionId,
      part: rows[0]!.part,
      learnerId: '',
      level: 'acquis',
      comment: 'Commentaire 0',
      reconciled: false,
    })
    expect(cells[1]).toEqual({
      criterionId: rows[1]!.criterionId,
      part: rows[1]!.part,
      learnerId: '',
      level: 'acquis',
      comment: 'Finalement acquis : la source est citée plus loin.',
      reconciled: true,
    })
    expect(cells[2]).toMatchObject({ level: 'acquis', reconciled: true, comment: 'Critère traité dans la partie inclusion.' })
    expect(await finalCells(ids.instance, people.mael.id)).toBeNull()
    expect(await finalCells('inconnue', people.zoe.id)).toBeNull()
    // Single marking: the closed grid.
    expect(await finalCells(ids.singleInstance, people.zoe.id)).toBeNull()
    const veille = (await gridOf(people.lead, ids.single)).rows[0]!
    await saveCell(people.lead, ids.single, { criterionId: veille.criterionId, part: veille.part, learnerId: '', baseVersion: 0, level: 'non-acquis' })
    await closeGrading(people.lead, ids.single)
    expect((await finalCells(ids.singleInstance, people.zoe.id))![0]).toMatchObject({ criterionId: veille.criterionId, level: 'non-acquis', reconciled: false })
  })
})

describe('POST /api/jury/:assignmentId/confrontation', () => {
  const cookieFor = async (user: User) => {
    const session = (
      await getDb()
        .insert(schema.loginSessions)
        .values({ userId: user.id, expiresAt: new Date(Date.now() + SESSION_TTL_MS) })
        .returning()
    )[0]!
    return (await sessionCookie.serialize(session.id)).split(';')[0]!
  }
  const post = async (user: User, assignmentId: string, body: unknown) => {
    const request = new Request(`http://localhost/api/jury/${assignmentId}/confrontation`, {
      method: 'POST',
      headers: { Cookie: await cookieFor(user), 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
    const response = await route.action({ request, params: { assignmentId }, context: { cspNonce: '', clientIp: '' } })
    return { status: response.status, body: (await response.json()) as Record<string, unknown> }
  }

  it('answers the lead, refuses the others, and explains in French', async () => {
    const cell = { criterionId: rows[1]!.criterionId, part: rows[1]!.part, learnerId: '' }
    expect((await post(people.lead, ids.lead, { op: 'reopen' })).body).toMatchObject({ status: 'open' })
    const ok = await post(people.lead, ids.lead, { op: 'agree', ...cell, baseVersion: 2, level: 'non-acquis', comment: 'Retour au premier avis.' })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ status: 'open', agreed: { level: 'non-acquis', version: 3 } })
    const stale = await post(people.lead, ids.lead, { op: 'agree', ...cell, baseVersion: 2, level: 'acquis', comment: 'Encore.' })
    expect(stale.status).toBe(409)
    expect(stale.body.agreed).toMatchObject({ level: 'non-acquis', version: 3 })
    const blank = await post(people.lead, ids.lead, { op: 'agree', ...cell, baseVersion: 3, level: 'acquis', comment: '   ' })
    expect([blank.status, blank.body.message]).toEqual([
      400,
      'Expliquez en quelques mots le niveau retenu\u00a0: le commentaire de la confrontation est obligatoire.',
    ])
    expect((await post(people.second, ids.second, { op: 'close' })).status).toBe(403)
    expect((await post(people.second, ids.lead, { op: 'close' })).status).toBe(403)
    expect((await post(people.zoe, ids.lead, { op: 'close' })).status).toBe(403)
    expect((await post(people.lead, 'inconnue', { op: 'close' })).status).toBe(404)
    expect((await post(people.lead, ids.single, { op: 'close' })).status).toBe(404)
    const unknown = await post(people.lead, ids.lead, { op: 'pirate' })
    expect(unknown.status).toBe(400)
    expect(unknown.body.message).toMatch(/^Opération inconnue/)
    expect((await post(people.lead, ids.lead, '{pas du json')).status).toBe(400)
    expect((await post(people.lead, ids.lead, { op: 'close' })).body).toMatchObject({ status: 'closed' })
    const get = await route.loader({
      request: new Request('http://localhost/api/jury/x/confrontation'),
      params: { assignmentId: 'x' },
      context: { cspNonce: '', clientIp: '' },
    })
    expect(get.status).toBe(405)
  })
})
