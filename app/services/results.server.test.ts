import Database from 'better-sqlite3'
import { eq } from 'drizzle-orm'
import pg from 'pg'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { GradePart } from '~/domain/grading'
import type { Role } from '~/domain/permissions'
import type { CandidateResults } from '~/domain/results-view'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb, usesPostgres } = await setupTempDb('results')
const schema = await import('#db/schema')
const { learnerDossiers } = await import('./dossiers.server')
const { addGroupMembers, enrollLearners } = await import('./dossier-provisioning.server')
const { saveSection } = await import('./dossier-sections.server')
const { handIn } = await import('./submissions.server')
const { closeGrading, gridOf, reopenGrading, saveCell, saveOverride } = await import('./grading.server')
const { candidateResults, gapOf, sessionResults } = await import('./results.server')
const { referentiel } = await import('./referentiel.server')
const { finalCells } = await import('./reconciliation.server')

type User = { id: string; name: string; email: string; roles: Role[] }

let n = 0
async function person(roles: Role[], name: string): Promise<User> {
  const email = `p${++n}@test.fr`
  const id = (await getDb().insert(schema.users).values({ email, name, passwordHash: 'x' }).returning())[0]!.id
  for (const role of roles) await getDb().insert(schema.userRoles).values({ userId: id, role })
  return { id, name, email, roles }
}
const doc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })

let sessionId = ''
let casSubmission = ''
const DUE = new Date('2027-03-01T17:00:00Z')
const BEFORE = new Date('2027-02-20T10:00:00Z')
const people = {} as Record<'zoe' | 'mael' | 'anais' | 'j1' | 'j2', User>
const ids = { veille: '', group: '', casLead: '', casSecond: '', anaisVeille: '', groupId: '', casInstance: '', blocA: '', blocB: '' }

const assign = async (jurorId: string, evaluationId: string, target: { learnerId?: string; groupId?: string }, lead = false) =>
  (
    await getDb()
      .insert(schema.jurorAssignments)
      .values({ examSessionId: sessionId, jurorId, evaluationId, lead, ...target })
      .returning()
  )[0]!.id

/** Grades every row of a grid: `level(criterionId, part, learnerId)` says which level (default acquis). */
async function gradeAll(juror: User, assignmentId: string, level: (criterionId: string, part: GradePart, learnerId: string) => string = () => 'acquis') {
  const view = await gridOf(juror, assignmentId)
  const targets = view.members.length ? view.members.map((m) => m.id) : ['']
  for (const row of view.rows) {
    for (const learnerId of row.scope === 'member' ? targets : ['']) {
      await saveCell(juror, assignmentId, {
        criterionId: row.criterionId,
        part: row.part,
        learnerId,
        baseVersion: 0,
        level: level(row.criterionId, row.part, learnerId),
        comment: `Commentaire ${row.criterionId}`,
      })
    }
  }
}

beforeAll(async () => {
  const db = getDb()
  people.zoe = await person(['learner'], 'Zoé Lefèvre')
  people.mael = await person(['learner'], 'Maël Dupré')
  people.anais = await person(['learner'], 'Anaïs Bénard')
  people.j1 = await person(['juror'], 'Benoît Lemaître')
  people.j2 = await person(['juror'], 'Chloé Aubertin')
  sessionId = (await db.insert(schema.examSessions).values({ name: 'Session 2027', startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning())[0]!.id
  const { zoe, mael, anais, j1, j2 } = people
  await enrollLearners(db, sessionId, [zoe.id, mael.id, anais.id])
  for (const [evaluationId, doubleMarking] of [
    ['fiche-veille', false],
    ['msp-a2', false],
    ['cas-pratique-a3', true],
  ] as const) {
    const row = (
      await db
        .insert(schema.evaluationInstances)
        .values({ examSessionId: sessionId, evaluationId, dueAt: DUE, cutoffAt: new Date(DUE.getTime() + 86_400_000), anonymous: false, doubleMarking })
        .returning()
    )[0]!
    if (evaluationId === 'cas-pratique-a3') ids.casInstance = row.id
  }
  ids.groupId = (await db.insert(schema.groups).values({ examSessionId: sessionId, evaluationId: 'msp-a2', name: 'Groupe 1' }).returning())[0]!.id
  await addGroupMembers(db, ids.groupId, [zoe.id, mael.id])

  ids.veille = await assign(j1.id, 'fiche-veille', { learnerId: zoe.id })
  ids.anaisVeille = await assign(j1.id, 'fiche-veille', { learnerId: anais.id })
  ids.group = await assign(j1.id, 'msp-a2', { groupId: ids.groupId })
  ids.casLead = await assign(j1.id, 'cas-pratique-a3', { learnerId: zoe.id }, true)
  ids.casSecond = await assign(j2.id, 'cas-pratique-a3', { learnerId: zoe.id })

  const dossierOf = async (who: User, templateId: string) => (await learnerDossiers(who.id, sessionId)).find((d) => d.templateId === templateId)!
  const write = async (dossierId: string, author: User, sectionId: string, text: string) =>
    expect((await saveSection({ dossierId, sectionId, baseVersion: 0, content: doc(text) as never, authorId: author.id })).ok).toBe(true)
  for (const who of [zoe, anais]) {
    const veille = await dossierOf(who, 'fiche-veille')
    await write(veille.id, who, 'contexte', 'Veille sur le marché des boissons sans alcool.')
    await handIn(who, veille.id, { confirmed: true, now: BEFORE })
  }
  const cas = await dossierOf(zoe, 'cas-pratique-a3')
  await write(cas.id, zoe, 'inclusion', 'Étiquettes en corps 14.')
  await handIn(zoe, cas.id, { confirmed: true, now: BEFORE })
  const msp = await dossierOf(zoe, 'msp-a2')
  await write(msp.id, mael, 'contexte', 'Une brasserie artisanale lance une bière sans alcool.')
  await handIn(mael, msp.id, { confirmed: true, now: BEFORE })

  // Zoé's fiche veille: all acquired but C1.2-2; C1.3 overridden to « not acquired ».
  await gradeAll(j1, ids.veille, (c) => (c === 'C1.2-2' ? 'non-acquis' : 'acquis'))
  await saveOverride(j1, ids.veille, {
    competencyId: 'C1.3',
    learnerId: '',
    result: 'not-acquired',
    justification: 'Oral trop court pour juger.',
    baseVersion: 0,
  })
  await closeGrading(j1, ids.veille)
  // Anaïs's grid is under way (open): it judges nothing yet.
  await gradeAll(j1, ids.anaisVeille)

  // The group: the written work acquired; Maël's oral of C2.1-4 not.
  await gradeAll(j1, ids.group, (c, part, learnerId) => (c === 'C2.1-4' && part === 'oral' && learnerId === mael.id ? 'non-acquis' : 'acquis'))
  await closeGrading(j1, ids.group)

  // Double marking: both jurors close; they diverge on C3.1-1 (j2: non acquis) and C3.2-1 (j1: non acquis).
  await gradeAll(j1, ids.casLead, (c) => (c === 'C3.2-1' ? 'non-acquis' : 'acquis'))
  await gradeAll(j2, ids.casSecond, (c) => (c === 'C3.1-1' ? 'non-acquis' : 'acquis'))
  casSubmission = (await gridOf(j2, ids.casSecond)).snapshots[0]!.submissionId
  await saveCell(j2, ids.casSecond, {
    criterionId: 'C3.1-2',
    part: 'written',
    learnerId: '',
    baseVersion: 1,
    evidence: [{ kind: 'item', submissionId: casSubmission, sectionId: 'cible', itemId: 'ligne-1', label: 'Cœur de cible' }],
  })
  await closeGrading(j1, ids.casLead)
  await closeGrading(j2, ids.casSecond)

  // Zoé's self-assessment.
  const now = new Date()
  await db.insert(schema.selfAssessments).values([
    { learnerId: zoe.id, examSessionId: sessionId, criterionId: 'C1.2-2', status: 'achieved', updatedAt: now },
    { learnerId: zoe.id, examSessionId: sessionId, criterionId: 'C1.1-1', status: 'in_progress', updatedAt: now },
    { learnerId: zoe.id, examSessionId: sessionId, criterionId: 'C1.1-2', status: 'achieved', updatedAt: now },
    { learnerId: mael.id, examSessionId: sessionId, criterionId: 'C1.1-1', status: 'achieved', updatedAt: now },
  ])
})

const setSession = async (values: Partial<typeof schema.examSessions.$inferInsert>) =>
  await getDb().update(schema.examSessions).set(values).where(eq(schema.examSessions.id, sessionId))
beforeEach(async () => {
  await setSession({ gradingScale: 'binary', competencyRule: 'all', competencyRuleMin: null })
  await getDb().delete(schema.competencyBlocs).where(eq(schema.competencyBlocs.examSessionId, sessionId))
  await getDb().delete(schema.deliberations).where(eq(schema.deliberations.examSessionId, sessionId))
  await getDb().delete(schema.reconciliations)
})

const of = (r: CandidateResults | null, competencyId: string) => r!.competencies.find((c) => c.competencyId === competencyId)!

/** Closes a reconciliation of Zoé's cas pratique, led by j1, agreeing on these levels. */
async function reconcile(status: 'open' | 'closed', agreed: { criterionId: string; level: string; comment: string }[]) {
  const db = getDb()
  const now = new Date()
  const rec = (
    await db
      .insert(schema.reconciliations)
      .values({
        instanceId: ids.casInstance,
        subjectId: people.zoe.id,
        leadAssignmentId: ids.casLead,
        status,
        closedAt: status === 'closed' ? now : null,
        updatedAt: now,
      })
      .returning()
  )[0]!
  if (agreed.length)
    await db
      .insert(schema.reconciledEntries)
      .values(agreed.map((a) => ({ reconciliationId: rec.id, part: 'written' as const, learnerId: '', updatedAt: now, ...a })))
}

describe('a candidate’s competencies', () => {
  it('lists the 51 competencies of the référentiel, in its order', async () => {
    const r = (await candidateResults(sessionId, people.zoe.id))!
    const all = referentiel.activities.flatMap((a) => a.competencies.map((c) => c.id))
    expect(all).toHaveLength(51)
    expect(r.competencies.map((c) => c.competencyId)).toEqual(all)
    expect(r).toMatchObject({ examSessionId: sessionId, learnerId: people.zoe.id, name: 'Zoé Lefèvre' })
  })

  it('derives a result from the closed grid, with its source, levels, comments and the juror’s override', async () => {
    const r = await candidateResults(sessionId, people.zoe.id)
    expect(of(r, 'C1.1')).toMatchObject({
      result: 'acquired',
      source: { evaluationId: 'fiche-veille', jurors: ['Benoît Lemaître'], reconciled: false, override: null },
    })
    expect(of(r, 'C1.1').source!.evaluationTitle).toBe(referentiel.evaluations.find((e) => e.id === 'fiche-veille')!.title)
    expect(of(r, 'C1.2').result).toBe('not-acquired')
    expect(of(r, 'C1.2').criteria.find((c) => c.criterionId === 'C1.2-2')).toMatchObject({
      level: 'non-acquis',
      levelLabel: 'Non acquis',
      acquired: false,
      comment: 'Commentaire C1.2-2',
    })
    // C1.3 is derived acquired, overridden to not acquired, with its justification.
    expect(of(r, 'C1.3')).toMatchObject({
      result: 'not-acquired',
      source: { override: { result: 'not-acquired', justification: 'Oral trop court pour juger.', by: 'Benoît Lemaître' } },
    })
    // A criterion judged on two parts shows both.
    expect(
      of(r, 'C1.3')
        .criteria.filter((c) => c.criterionId === 'C1.3-5')
        .map((c) => c.part),
    ).toEqual(['written', 'oral'])
  })

  it('follows the session’s rule and scale', async () => {
    await setSession({ competencyRule: 'at-least', competencyRuleMin: 2 })
    expect(of(await candidateResults(sessionId, people.zoe.id), 'C1.2').result).toBe('acquired')
  })

  it('leaves a competency without a result while no closed grid judges it (open grid, no grid)', async () => {
    const anais = await candidateResults(sessionId, people.anais.id)
    expect(of(anais, 'C1.1')).toMatchObject({ result: null, source: null })
    expect(of(anais, 'C1.1').criteria.every((c) => c.level === null && c.levelLabel === '' && c.acquired === null)).toBe(true)
    // Once closed, it counts; reopened, it no longer does.
    await closeGrading(people.j1, ids.anaisVeille)
    expect(of(await candidateResults(sessionId, people.anais.id), 'C1.1').result).toBe('acquired')
    await reopenGrading(people.j1, ids.anaisVeille)
    expect(of(await candidateResults(sessionId, people.anais.id), 'C1.1').result).toBeNull()
    const zoe = await candidateResults(sessionId, people.zoe.id)
    expect(of(zoe, 'C4.1')).toMatchObject({ result: null, source: null })
    expect(of(zoe, 'C4.1').criteria.length).toBeGreaterThan(0)
  })

  it('judges a group member on the group’s written rows and on their own oral and REX rows', async () => {
    const zoe = await candidateResults(sessionId, people.zoe.id)
    const mael = await candidateResults(sessionId, people.mael.id)
    expect(of(zoe, 'C2.1').result).toBe('acquired')
    expect(of(mael, 'C2.1').result).toBe('not-acquired')
    expect(of(mael, 'C2.2').result).toBe('acquired')
    expect(of(mael, 'C2.1').criteria.find((c) => c.criterionId === 'C2.1-4' && c.part === 'oral')).toMatchObject({ level: 'non-acquis' })
    expect(of(zoe, 'C2.1').source).toMatchObject({ evaluationId: 'msp-a2', jurors: ['Benoît Lemaître'] })
    // Anaïs is in no group: nothing judges her on the MSP.
    expect(of(await candidateResults(sessionId, people.anais.id), 'C2.1').result).toBeNull()
  })
})

describe('double marking', () => {
  it('gives no result until the reconciliation is closed', async () => {
    expect(of(await candidateResults(sessionId, people.zoe.id), 'C3.1')).toMatchObject({ result: null, source: null })
    await reconcile('open', [{ criterionId: 'C3.1-1', level: 'acquis', comment: 'Accord après échange.' }])
    expect(of(await candidateResults(sessionId, people.zoe.id), 'C3.1').result).toBeNull()
  })

  it('takes the agreed levels where the jurors diverged, the common level elsewhere, both jurors’ evidence', async () => {
    await reconcile('closed', [
      { criterionId: 'C3.1-1', level: 'acquis', comment: 'Accord après échange.' },
      { criterionId: 'C3.2-1', level: 'non-acquis', comment: 'Cible secondaire non chiffrée.' },
    ])
    const r = await candidateResults(sessionId, people.zoe.id)
    expect(of(r, 'C3.1')).toMatchObject({ result: 'acquired', source: { reconciled: true, jurors: ['Benoît Lemaître', 'Chloé Aubertin'] } })
    expect(of(r, 'C3.1').criteria[0]).toMatchObject({ criterionId: 'C3.1-1', level: 'acquis', comment: 'Accord après échange.' })
    expect(of(r, 'C3.1').criteria[1]!.evidence).toEqual([
      { kind: 'item', submissionId: casSubmission, sectionId: 'cible', itemId: 'ligne-1', label: 'Cœur de cible' },
    ])
    expect(of(r, 'C3.2').result).toBe('not-acquired')
    expect(of(r, 'C3.3').result).toBe('acquired')
  })

  it('agrees with reconciliation.server.ts finalCells on every cell', async () => {
    await reconcile('closed', [
      { criterionId: 'C3.1-1', level: 'acquis', comment: 'Accord après échange.' },
      { criterionId: 'C3.2-1', level: 'non-acquis', comment: 'Cible secondaire non chiffrée.' },
    ])
    const final = (await finalCells(ids.casInstance, people.zoe.id))!
    const ours = (await candidateResults(sessionId, people.zoe.id))!.competencies.flatMap((c) => c.criteria).filter((c) => c.criterionId.startsWith('C3.'))
    expect(ours.map((c) => [c.criterionId, c.part, c.level, c.comment])).toEqual(final.map((c) => [c.criterionId, c.part, c.level, c.comment]))
  })
})

describe('self-assessment beside the jury’s levels', () => {
  it('marks over- and under-estimation', async () => {
    const r = await candidateResults(sessionId, people.zoe.id)
    const c = (id: string) => r!.competencies.flatMap((x) => x.criteria).find((x) => x.criterionId === id)!
    expect(c('C1.2-2')).toMatchObject({ selfAssessment: 'achieved', acquired: false, gap: 'over' })
    expect(c('C1.1-1')).toMatchObject({ selfAssessment: 'in_progress', acquired: true, gap: 'under' })
    expect(c('C1.1-2')).toMatchObject({ selfAssessment: 'achieved', acquired: true, gap: null })
    expect(c('C1.1-3')).toMatchObject({ selfAssessment: null, gap: null })
    // Maël said « achieved » on C1.1-1, which nothing judges yet: no gap; his own statuses only.
    const mael = await candidateResults(sessionId, people.mael.id)
    expect(of(mael, 'C1.1').criteria[0]).toMatchObject({ selfAssessment: 'achieved', acquired: null, gap: null })
    expect(of(mael, 'C1.2').criteria.every((x) => x.selfAssessment === null)).toBe(true)
  })

  it('gapOf', () => {
    expect(gapOf('achieved', false)).toBe('over')
    expect(gapOf('todo', true)).toBe('under')
    expect(gapOf('in_progress', false)).toBeNull()
    expect(gapOf(null, true)).toBeNull()
    expect(gapOf('achieved', null)).toBeNull()
  })
})

describe('blocs, proposals and the deliberation', () => {
  async function blocs() {
    const db = getDb()
    const mk = async (title: string, position: number, competencyIds: string[]) => {
      const id = (
        await db
          .insert(schema.competencyBlocs)
          .values({ examSessionId: sessionId, title, position, example: position === 1 })
          .returning()
      )[0]!.id
      await db.insert(schema.blocCompetencies).values(competencyIds.map((competencyId) => ({ blocId: id, examSessionId: sessionId, competencyId })))
      return id
    }
    ids.blocB = await mk('Bloc 2 — Analyse', 2, ['C2.2', 'C2.1'])
    ids.blocA = await mk('Bloc 1 — Veille', 1, ['C1.1'])
  }

  it('proposes each bloc and the overall decision from the results', async () => {
    await blocs()
    const zoe = (await candidateResults(sessionId, people.zoe.id))!
    expect(zoe.blocs).toEqual([
      { blocId: ids.blocA, title: 'Bloc 1 — Veille', example: true, competencyIds: ['C1.1'], proposed: 'acquired' },
      { blocId: ids.blocB, title: 'Bloc 2 — Analyse', example: false, competencyIds: ['C2.1', 'C2.2'], proposed: 'acquired' },
    ])
    expect(zoe.proposed).toBe('complete')
    const mael = (await candidateResults(sessionId, people.mael.id))!
    expect(mael.blocs.map((b) => b.proposed)).toEqual(['not-acquired', 'not-acquired'])
    expect(mael.proposed).toBe('deferred')
    expect(zoe.deliberation).toBeNull()
  })

  it('carries the confirmed deliberation', async () => {
    await blocs()
    const at = new Date('2027-06-20T14:00:00Z')
    await getDb()
      .insert(schema.deliberations)
      .values({
        examSessionId: sessionId,
        learnerId: people.mael.id,
        blocs: [{ blocId: ids.blocA, proposed: 'not-acquired', decision: 'acquired', reason: 'Rattrapage oral concluant.' }],
        proposed: 'deferred',
        decision: 'partial',
        confirmedBy: people.j1.id,
        confirmedByName: 'Benoît Lemaître',
        confirmedAt: at,
      })
    expect((await candidateResults(sessionId, people.mael.id))!.deliberation).toEqual({
      blocs: [{ blocId: ids.blocA, proposed: 'not-acquired', decision: 'acquired', reason: 'Rattrapage oral concluant.' }],
      decision: 'partial',
      reason: '',
      confirmedByName: 'Benoît Lemaître',
      confirmedAt: at.getTime(),
    })
  })
})

describe('the whole session', () => {
  it('gives every enrolled learner by name, each as candidateResults does', async () => {
    await reconcile('closed', [{ criterionId: 'C3.1-1', level: 'acquis', comment: '' }])
    const all = await sessionResults(sessionId)
    expect(all.map((r) => r.name)).toEqual(['Anaïs Bénard', 'Maël Dupré', 'Zoé Lefèvre'])
    for (const r of all) expect(r).toEqual(await candidateResults(sessionId, r.learnerId))
  })

  it('answers null or nothing for an unknown session or a learner not enrolled', async () => {
    expect(await sessionResults('inconnue')).toEqual([])
    expect(await candidateResults('inconnue', people.zoe.id)).toBeNull()
    expect(await candidateResults(sessionId, people.j1.id)).toBeNull()
  })

  it('reads a fixed number of queries whatever the cohort', async () => {
    const db = getDb()
    const count = async () => {
      // On SQLite every query runs a better-sqlite3 statement (prepared once, then reused), and every statement shares one
      // prototype; on PostgreSQL every query is a node-postgres client's query (the pool's too): count the runs.
      let proto: Record<string, (...a: unknown[]) => unknown>
      let methods: string[]
      if (usesPostgres()) {
        proto = pg.Client.prototype as unknown as typeof proto
        methods = ['query']
      } else {
        const memory = new Database(':memory:')
        proto = Object.getPrototypeOf(memory.prepare('select 1')) as typeof proto
        memory.close()
        methods = ['all', 'get', 'run']
      }
      const originals = Object.fromEntries(methods.map((method) => [method, proto[method]!]))
      let calls = 0
      for (const method of methods) {
        const original = originals[method]!
        proto[method] = function (this: unknown, ...a: unknown[]) {
          calls++
          return original.apply(this, a)
        }
      }
      try {
        await sessionResults(sessionId)
      } finally {
        Object.assign(proto, originals)
      }
      return calls
    }
    const before = await count()
    expect(before).toBeGreaterThan(5)
    const extra: User[] = []
    for (let i = 0; i < 5; i++) extra.push(await person(['learner'], `Élève ${i}`))
    await enrollLearners(
      db,
      sessionId,
      extra.map((p) => p.id),
    )
    for (const p of extra) await assign(people.j1.id, 'fiche-veille', { learnerId: p.id })
    expect(await count()).toBe(before)
    expect(await sessionResults(sessionId)).toHaveLength(8)
  })
})
