import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { and, eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// A database of its own for this file, set before anything opens it.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-seed-'))
process.env.DATABASE_URL = path.join(dir, 'test.db')
const { getDb, closeDb } = await import('#db/client')
const schema = await import('#db/schema')
const { seed, DEMO_DOMAIN } = await import('./seed')
const { DEADLINE_OFFSETS, DEMO_CONTENT, DEMO_GRADINGS, EXTENSION, HANDED_IN_GROUP, HANDED_IN_INDIVIDUAL } = await import('./seed-jury')
const { parisLocal } = await import('~/domain/hand-in')
const { valueSchema } = await import('~/kinds/schemas')
const { templatesById } = await import('~/services/templates.server')
const { referentiel } = await import('#templates/referentiel')
const { loadSnapshot, snapshotFile, verifySnapshot } = await import('~/services/submissions.server')

// A fixed « today »: 3 December 2026, 10 h in Paris.
const NOW = new Date('2026-12-03T09:00:00Z')
const idOf = async (local: string) =>
  (
    await getDb()
      .select({ id: schema.users.id })
      .from(schema.users)
      .where(eq(schema.users.email, `${local}@${DEMO_DOMAIN}`))
  )[0]!.id

let first: Awaited<ReturnType<typeof seed>>
beforeAll(async () => {
  first = await seed({ learners: 9, now: NOW })
}, 60_000)
afterAll(async () => {
  await closeDb()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('demo seed: deadlines and hand-ins', () => {
  it('dates every épreuve in Paris time, some past and some ahead, cut-off three days after the deadline; anonymous for the cas pratiques', async () => {
    const rows = await getDb().select().from(schema.evaluationInstances)
    expect(rows).toHaveLength(referentiel.evaluations.length)
    for (const evaluation of referentiel.evaluations) {
      const row = rows.find((r) => r.evaluationId === evaluation.id)!
      expect(row.anonymous, evaluation.id).toBe(evaluation.type === 'cas-pratique')
      // 18 h Paris, whatever the season.
      expect(parisLocal(row.dueAt).slice(11), evaluation.id).toBe('18:00')
      expect(row.cutoffAt.getTime() - row.dueAt.getTime()).toBeGreaterThanOrEqual(3 * 86_400_000 - 3_600_000)
      expect(row.dueAt.getTime() < NOW.getTime(), evaluation.id).toBe(DEADLINE_OFFSETS[evaluation.id]! < 0)
    }
    expect(rows.some((r) => r.anonymous && r.cutoffAt < NOW)).toBe(true)
    expect(rows.some((r) => r.anonymous && r.dueAt > NOW)).toBe(true)
  })

  it('grants one extension, with its reason, past the instance’s cut-off', async () => {
    const [extension] = await getDb().select().from(schema.deadlineExtensions)
    expect(extension?.reason).toBe(EXTENSION.reason)
    const instance = (await getDb().select().from(schema.evaluationInstances).where(eq(schema.evaluationInstances.id, extension!.instanceId)))[0]!
    expect(instance.cutoffAt < NOW && extension!.dueAt > NOW).toBe(true)
  })

  it('writes content each section’s schema accepts', () => {
    for (const [templateId, content] of Object.entries(DEMO_CONTENT)) {
      const template = templatesById.get(templateId)!
      for (const i of [0, 1, 2]) {
        for (const [sectionId, value] of Object.entries(content(i))) {
          const section = template.sections.find((s) => s.id === sectionId)
          expect(section, `${templateId}/${sectionId}`).toBeDefined()
          const parsed = valueSchema(section!.field).safeParse(value)
          expect(parsed.success ? [] : parsed.error.issues.map((x) => x.message), `${templateId}/${sectionId}`).toEqual([])
        }
      }
    }
  })

  it('hands in copies of the past épreuves only, each snapshot intact, some late', async () => {
    const db = getDb()
    const rows = await db
      .select({
        id: schema.submissions.id,
        timing: schema.submissions.timing,
        evaluationId: schema.evaluationInstances.evaluationId,
        dueAt: schema.evaluationInstances.dueAt,
      })
      .from(schema.submissions)
      .innerJoin(schema.evaluationInstances, eq(schema.evaluationInstances.id, schema.submissions.instanceId))
    expect(rows.length).toBe(first.jury.submissions)
    expect(new Set(rows.map((r) => r.evaluationId))).toEqual(new Set([...HANDED_IN_INDIVIDUAL, HANDED_IN_GROUP]))
    expect(rows.filter((r) => r.timing === 'late').length).toBeGreaterThan(0)
    for (const r of rows) expect((await verifySnapshot(r.id)).ok).toBe(true)
  })

  it('gives jure1 copies to grade on first login: an anonymous cas pratique (with an image), a fiche, a group and its REX', async () => {
    const db = getDb()
    const juror = await idOf('jure1')
    const assignments = await db.select().from(schema.jurorAssignments).where(eq(schema.jurorAssignments.jurorId, juror))
    const handedIn = async (evaluationId: string) =>
      await db
        .select({
          id: schema.submissions.id,
          templateId: schema.submissions.templateId,
          learnerId: schema.dossiers.learnerId,
          groupId: schema.dossiers.groupId,
        })
        .from(schema.submissions)
        .innerJoin(schema.dossiers, eq(schema.dossiers.id, schema.submissions.dossierId))
        .where(eq(schema.dossiers.evaluationId, evaluationId))
    const mine = async (evaluationId: string) => {
      const targets = new Set(assignments.filter((a) => a.evaluationId === evaluationId).flatMap((a) => [a.learnerId, a.groupId]))
      return (await handedIn(evaluationId)).filter((s) => targets.has(s.learnerId) || targets.has(s.groupId))
    }
    expect((await mine('cas-pratique-a3')).length).toBeGreaterThanOrEqual(3)
    expect((await mine('fiche-veille')).length).toBeGreaterThanOrEqual(3)
    expect((await mine(HANDED_IN_GROUP)).filter((s) => s.groupId).length).toBeGreaterThanOrEqual(1)
    // The REX of the members of jure1's groups.
    const groupIds = assignments.filter((a) => a.evaluationId === HANDED_IN_GROUP).map((a) => a.groupId!)
    const members = await db.select().from(schema.groupMembers).where(inArray(schema.groupMembers.groupId, groupIds))
    const rex = (await handedIn(HANDED_IN_GROUP)).filter((s) => s.templateId === `${HANDED_IN_GROUP}-rex` && members.some((m) => m.learnerId === s.learnerId))
    expect(rex.length).toBeGreaterThanOrEqual(2)

    // Candidat1's anonymous cas pratique shows an image, copied into the snapshot.
    const zoe = await idOf('candidat1')
    const copy = (await handedIn('cas-pratique-a3')).find((s) => s.learnerId === zoe)!
    const snapshot = (await loadSnapshot(copy.id))!
    expect(snapshot.files).toHaveLength(1)
    const file = (await snapshotFile(copy.id, snapshot.files[0]!.uploadId))!
    expect(file.mime).toBe('image/png')
    expect([...file.bytes.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47])
    // Nothing handed in names a learner.
    const names = (await db.select({ name: schema.users.name }).from(schema.users)).map((u) => u.name)
    const text = JSON.stringify(snapshot.sections.map((s) => s.value))
    for (const name of names) for (const part of name.split(' ')) expect(text).not.toContain(part)
  })

  it('starts two of jure1’s grids through the grading service: one under way citing an item, one closed, each with its audit trail', async () => {
    const db = getDb()
    const rows = await db
      .select({
        id: schema.gradings.id,
        status: schema.gradings.status,
        jurorId: schema.jurorAssignments.jurorId,
        evaluationId: schema.jurorAssignments.evaluationId,
      })
      .from(schema.gradings)
      .innerJoin(schema.jurorAssignments, eq(schema.jurorAssignments.id, schema.gradings.assignmentId))
      // The copies of DEMO_GRADINGS (the deliberation's and the double marking's seeds close others).
      .where(
        and(
          inArray(schema.jurorAssignments.learnerId, [
            await idOf(`candidat${DEMO_GRADINGS.inProgress.learnerIndex + 1}`),
            await idOf(`candidat${DEMO_GRADINGS.closed.learnerIndex + 1}`),
          ]),
          inArray(schema.jurorAssignments.evaluationId, [DEMO_GRADINGS.inProgress.evaluationId, DEMO_GRADINGS.closed.evaluationId]),
        ),
      )
    expect(rows.map((r) => [r.evaluationId, r.status]).sort()).toEqual([
      [DEMO_GRADINGS.closed.evaluationId, 'closed'],
      [DEMO_GRADINGS.inProgress.evaluationId, 'open'],
    ])
    const jure1 = await idOf('jure1')
    expect(rows.every((r) => r.jurorId === jure1)).toBe(true)
    const open = rows.find((r) => r.status === 'open')!
    const entries = await db.select().from(schema.gradeEntries).where(eq(schema.gradeEntries.gradingId, open.id))
    expect(entries).toHaveLength(3)
    expect(entries.some((e) => e.evidence.length === 1 && e.evidence[0]!.kind === 'item')).toBe(true)
    const audit = await db.select().from(schema.gradeAudit)
    expect(audit.filter((a) => a.gradingId === open.id).length).toBeGreaterThanOrEqual(7)
    expect(audit.some((a) => a.action === 'close')).toBe(true)
    expect(first.gradings).toEqual({ gradings: 2, cells: expect.any(Number) })
  })

  it('leaves candidat1 dossiers to hand in, with deadlines ahead', async () => {
    const db = getDb()
    const zoe = await idOf('candidat1')
    const open = (
      await db
        .select({ id: schema.dossiers.id, evaluationId: schema.dossiers.evaluationId })
        .from(schema.dossiers)
        .innerJoin(
          schema.evaluationInstances,
          and(
            eq(schema.evaluationInstances.examSessionId, schema.dossiers.examSessionId),
            eq(schema.evaluationInstances.evaluationId, schema.dossiers.evaluationId),
          ),
        )
        .where(eq(schema.dossiers.learnerId, zoe))
    ).filter((d) => DEADLINE_OFFSETS[d.evaluationId]! > 0)
    expect(open.length).toBeGreaterThanOrEqual(5)
    const handedIn = await db
      .select({ id: schema.submissions.id })
      .from(schema.submissions)
      .where(
        inArray(
          schema.submissions.dossierId,
          open.map((d) => d.id),
        ),
      )
    expect(handedIn).toEqual([])
  })

  it('draws the themes of every serious-game group through the draw service, with a fixed seed, so that they can be handed in', async () => {
    const { missingThemes, currentDraw, verifyDraw } = await import('~/services/theme-draws.server')
    const { demoDrawSeed } = await import('./seed-draws')
    const groups = await getDb().select().from(schema.groups).where(eq(schema.groups.evaluationId, 'serious-game-a11'))
    expect(groups.length).toBe(3)
    expect(first.draws).toBe(groups.length)
    for (const group of groups) {
      const draw = (await currentDraw(group.id))!
      expect(draw).toMatchObject({ seed: demoDrawSeed(group.name), drawnByName: 'Hélène Dubreuil', drawnAt: NOW })
      expect(verifyDraw(draw)).toBe(true)
      expect(await missingThemes(group.id)).toEqual([])
    }
  })

  it('is idempotent: a second run replaces the demo session, its hand-ins and upload files', async () => {
    // A dossier image and an evidence file (the case files have their own folder, checked below).
    const uploads = () => fs.readdirSync(path.join(dir, 'uploads')).filter((name) => name !== 'case-materials')
    const caseFiles = () => fs.readdirSync(path.join(dir, 'uploads', 'case-materials'))
    expect(uploads()).toHaveLength(2)
    expect(caseFiles()).toHaveLength(1)
    const again = await seed({ learners: 9, now: NOW })
    expect(again.jury.submissions).toBe(first.jury.submissions)
    expect(await getDb().select().from(schema.submissions)).toHaveLength(first.jury.submissions)
    expect(await getDb().select().from(schema.evaluationInstances)).toHaveLength(referentiel.evaluations.length)
    expect(uploads()).toHaveLength(2)
    // The demo's case file is attached again, the previous one's bytes removed with its row.
    expect(caseFiles()).toHaveLength(1)
    expect(await getDb().select().from(schema.caseMaterialFiles)).toHaveLength(1)
  }, 60_000)
})

describe('demo seed: double marking', () => {
  it('double-marks the anonymous cas pratique: two jurors per copy, the copy’s own juror leading', async () => {
    const { DOUBLE_EVALUATION } = await import('./seed-double')
    const db = getDb()
    const instance = (await db.select().from(schema.evaluationInstances).where(eq(schema.evaluationInstances.evaluationId, DOUBLE_EVALUATION)))[0]!
    expect(instance).toMatchObject({ doubleMarking: true, anonymous: true })
    // Only that one.
    expect(await db.select().from(schema.evaluationInstances).where(eq(schema.evaluationInstances.doubleMarking, true))).toHaveLength(1)
    const assignments = await db.select().from(schema.jurorAssignments).where(eq(schema.jurorAssignments.evaluationId, DOUBLE_EVALUATION))
    for (let i = 0; i < 9; i++) {
      const learnerId = await idOf(`candidat${i + 1}`)
      const mine = assignments.filter((a) => a.learnerId === learnerId)
      expect(mine.map((a) => a.jurorId).sort(), `candidat${i + 1}`).toEqual([await idOf('jure1'), await idOf('jure2')].sort())
      expect(mine.find((a) => a.lead)?.jurorId, `candidat${i + 1}`).toBe(await idOf(i % 2 === 0 ? 'jure1' : 'jure2'))
      expect(mine.filter((a) => a.lead)).toHaveLength(1)
    }
    expect(first.double).toEqual({ doubleMarked: 9, closedGrids: 9, reconciled: 3, toReconcile: 1 })
  })

  it('gives jure1 a confrontation to do on first login, and reconciled copies for the deliberation', async () => {
    const { DEMO_DOUBLE, DOUBLE_EVALUATION } = await import('./seed-double')
    const { confrontationOf, finalCells, jurorDoubleMarking } = await import('~/services/reconciliation.server')
    const db = getDb()
    const jure1 = { id: await idOf('jure1'), name: 'Benoît Lemaître', email: `jure1@${DEMO_DOMAIN}`, roles: ['juror' as const] }
    const instance = (await db.select().from(schema.evaluationInstances).where(eq(schema.evaluationInstances.evaluationId, DOUBLE_EVALUATION)))[0]!
    const assignmentOf = async (learnerIndex: number) =>
      (
        await db
          .select()
          .from(schema.jurorAssignments)
          .where(
            and(
              eq(schema.jurorAssignments.jurorId, jure1.id),
              eq(schema.jurorAssignments.evaluationId, DOUBLE_EVALUATION),
              eq(schema.jurorAssignments.learnerId, await idOf(`candidat${learnerIndex + 1}`)),
            ),
          )
      )[0]!.id
    const ids: string[] = []
    for (const i of [DEMO_DOUBLE.toReconcile, ...DEMO_DOUBLE.reconciled, DEMO_DOUBLE.secondOnly]) ids.push(await assignmentOf(i))
    const states = await jurorDoubleMarking(jure1.id, ids)
    expect(states.get(await assignmentOf(DEMO_DOUBLE.toReconcile))).toEqual({ state: 'to-reconcile', lead: true, ownClosed: true, otherClosed: true })
    for (const i of DEMO_DOUBLE.reconciled) expect(states.get(await assignmentOf(i))?.state, `candidat${i + 1}`).toBe('reconciled')
    expect(states.get(await assignmentOf(DEMO_DOUBLE.secondOnly))).toEqual({ state: 'grading', lead: false, ownClosed: true, otherClosed: false })

    // The reconciled copies: every level final, some reconciled, as the deliberation planned (candidat3 misses C3.2-3).
    const closed = await db.select().from(schema.reconciliations).where(eq(schema.reconciliations.status, 'closed'))
    expect(closed).toHaveLength(DEMO_DOUBLE.reconciled.length)
    const cells = (await finalCells(instance.id, await idOf('candidat3')))!
    expect(cells.every((c) => c.level !== null)).toBe(true)
    expect(cells.filter((c) => c.reconciled).length).toBeGreaterThanOrEqual(2)
    expect(cells.filter((c) => c.level === 'non-acquis').map((c) => c.criterionId)).toEqual(['C3.2-3'])
    expect(await finalCells(instance.id, await idOf(`candidat${DEMO_DOUBLE.toReconcile + 1}`))).toBeNull()
    const audit = await db.select({ action: schema.gradeAudit.action }).from(schema.gradeAudit)
    expect(audit.filter((a) => a.action === 'reconcile-close')).toHaveLength(DEMO_DOUBLE.reconciled.length)
    expect(audit.filter((a) => a.action === 'reconcile').length).toBeGreaterThanOrEqual(2 * DEMO_DOUBLE.reconciled.length)

    // jure1's confrontation: divergent criteria, both comments side by side, no candidate named.
    const view = await confrontationOf(jure1, await assignmentOf(DEMO_DOUBLE.toReconcile))
    if (view.state !== 'ready') throw new Error('the confrontation should be open')
    expect(view.viewerIsLead).toBe(true)
    expect(view.divergent.length).toBeGreaterThanOrEqual(2)
    expect(view.divergent.some((c) => c.lead.comment && c.second.comment && c.lead.comment !== c.second.comment)).toBe(true)
    expect(view.divergent.some((c) => c.lead.evidence.length > 0)).toBe(true)
    const text = JSON.stringify(view)
    for (let i = 1; i <= 9; i++) {
      const learner = (
        await db
          .select()
          .from(schema.users)
          .where(eq(schema.users.id, await idOf(`candidat${i}`)))
      )[0]!
      for (const secret of [learner.email, learner.name, ...learner.name.split(' ')]) expect(text).not.toContain(secret)
    }
  })
})

describe('demo seed: deliberation', () => {
  const sessionOf = async () => (await getDb().select().from(schema.examSessions).where(eq(schema.examSessions.name, 'Session de démonstration')))[0]!

  it('groups every competency of the référentiel in one example bloc, named after its activities; jure1 presides', async () => {
    const { EXAMPLE_BLOCS } = await import('./seed-deliberation')
    const session = await sessionOf()
    expect(session.presidentId).toBe(await idOf('jure1'))
    const blocs = await getDb().select().from(schema.competencyBlocs).where(eq(schema.competencyBlocs.examSessionId, session.id))
    expect(blocs).toHaveLength(EXAMPLE_BLOCS.length)
    expect(blocs.every((b) => b.example && /^Bloc \d — .+ \(A\d+ (à|et) A\d+\)$/.test(b.title))).toBe(true)
    const members = await getDb().select().from(schema.blocCompetencies).where(eq(schema.blocCompetencies.examSessionId, session.id))
    const all = referentiel.activities.flatMap((a) => a.competencies.map((c) => c.id))
    expect(members.map((m) => m.competencyId).sort()).toEqual([...all].sort())
    expect(EXAMPLE_BLOCS.flatMap((b) => b.activities)).toEqual(referentiel.activities.map((a) => a.id))
  })

  it('leaves the session ready to deliberate: three candidates with closed grids, some competencies acquired, some not, one deliberated', async () => {
    const { DELIBERATION_CANDIDATES } = await import('./seed-deliberation')
    const { sessionResults } = await import('~/services/results.server')
    const session = await sessionOf()
    const results = await sessionResults(session.id)
    const graded = results.filter((r) => r.competencies.some((c) => c.source !== null))
    expect(graded.length).toBeGreaterThanOrEqual(3)
    const outcomes = graded.flatMap((r) => r.competencies.map((c) => c.result))
    expect(outcomes).toContain('acquired')
    expect(outcomes).toContain('not-acquired')
    // The first bloc is acquired for one candidate at least, and not for another.
    expect(new Set(graded.map((r) => r.blocs[0]!.proposed))).toEqual(new Set(['acquired', 'not-acquired']))
    const confirmed = results.filter((r) => r.deliberation)
    expect(confirmed.map((r) => r.name)).toEqual(
      DELIBERATION_CANDIDATES.filter((c) => c.confirm).map((c) => `${['Zoé Lefèvre', 'Maël Dupré', 'Anaïs Bénard', 'Noé Château'][c.learnerIndex]}`),
    )
    expect(confirmed[0]!.deliberation).toMatchObject({ confirmedByName: 'Benoît Lemaître', decision: confirmed[0]!.proposed })
    expect(results.length - confirmed.length).toBeGreaterThan(confirmed.length)
    // Cited evidence reaches the results.
    expect(graded.some((r) => r.competencies.some((c) => c.criteria.some((k) => k.evidence.length > 0)))).toBe(true)
  })
})
