import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '~/domain/permissions'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb } = await setupTempDb('agreement')
const schema = await import('#db/schema')
const { sessionAgreement } = await import('./agreement.server')
const { AGREEMENT_SHEETS, NOTHING_COMPARED } = await import('./exports/agreement-xlsx.server')
const { sessionCookie, SESSION_TTL_MS } = await import('./session.server')
const page = await import('~/routes/admin.sessions.$sessionId_.accord')
const workbookRoute = await import('~/routes/admin.sessions.$sessionId_.accord[.]xlsx')

type Level = 'acquis' | 'non-acquis' | null
type Part = 'written' | 'oral' | 'rex'

const person = async (name: string, role: Role) => {
  const email = `${name.toLowerCase().replace(/[^a-z]/g, '')}@test.fr`
  const id = (await getDb().insert(schema.users).values({ email, name, passwordHash: 'x' }).returning())[0]!.id
  await getDb().insert(schema.userRoles).values({ userId: id, role })
  return id
}

const people = {} as Record<'benoit' | 'chloe' | 'aurelie' | 'admin' | 'zoe' | 'mael' | 'anais' | 'yanis', string>
let sessionId = ''
let emptySessionId = ''
let plainSessionId = ''
let orderSessionId = ''
const DUE = new Date('2027-03-01T17:00:00Z')
let clock = 0

async function instance(examSessionId: string, evaluationId: string, doubleMarking: boolean) {
  await getDb().insert(schema.evaluationInstances).values({ examSessionId, evaluationId, dueAt: DUE, cutoffAt: DUE, doubleMarking })
}

/** A juror's grid on a copy, with its cells: [criterionId, level] on the written part, or [criterionId, level, part, learnerId]. */
async function grid(
  examSessionId: string,
  jurorId: string,
  evaluationId: string,
  target: { learnerId?: string; groupId?: string },
  status: 'open' | 'closed',
  cells: [string, Level, Part?, string?][],
  lead = false,
) {
  const db = getDb()
  // Assignments made one after the other (the order decides the « first » juror when none is the lead).
  const createdAt = new Date(DUE.getTime() + ++clock * 1000)
  const assignmentId = (
    await db
      .insert(schema.jurorAssignments)
      .values({ examSessionId, jurorId, evaluationId, ...target, lead, createdAt })
      .returning()
  )[0]!.id
  const gradingId = (
    await db
      .insert(schema.gradings)
      .values({ assignmentId, status, closedAt: status === 'closed' ? createdAt : null, updatedAt: createdAt })
      .returning()
  )[0]!.id
  for (const [criterionId, level, part = 'written', learnerId = ''] of cells)
    await db.insert(schema.gradeEntries).values({ gradingId, criterionId, part, learnerId, level, updatedAt: createdAt })
}

const A = 'acquis' as const
const N = 'non-acquis' as const

beforeAll(async () => {
  const db = getDb()
  people.benoit = await person('Benoît Lemaître', 'juror')
  people.chloe = await person('Chloé Aubertin', 'juror')
  people.aurelie = await person('Aurélie Vasseur', 'juror')
  people.admin = await person('Hélène Dubreuil', 'admin')
  people.zoe = await person('Zoé Lefèvre', 'learner')
  people.mael = await person('Maël Dupré', 'learner')
  people.anais = await person('Anaïs Bénard', 'learner')
  people.yanis = await person('Yanis Morel', 'learner')
  const session = async (name: string) =>
    (await db.insert(schema.examSessions).values({ name, startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning())[0]!.id
  sessionId = await session('Session 2027')
  emptySessionId = await session('Session sans copie close')
  plainSessionId = await session('Session sans double correction')
  const { benoit, chloe, aurelie, zoe, mael, anais, yanis } = people

  await instance(sessionId, 'cas-pratique-a3', true)
  await instance(sessionId, 'msp-a2', true)
  // Single marking: two closed grids all the same, never compared.
  await instance(sessionId, 'fiche-veille', false)

  // Cas pratique A3, three criteria X = C3.1-1, Y = C3.1-2, Z = C3.2-1 (lead juror's level first):
  //        Zoé (Benoît / Chloé)   Maël (Benoît / Chloé)   Anaïs (Chloé / Aurélie)
  //   X    A / A                  A / A                   A / N
  //   Y    A / N                  N / A                   A / A
  //   Z    N / N                  A / A                   A / A
  await grid(
    sessionId,
    benoit,
    'cas-pratique-a3',
    { learnerId: zoe },
    'closed',
    [
      ['C3.1-1', A],
      ['C3.1-2', A],
      ['C3.2-1', N],
      ['C3.2-2', A],
      ['C3.3-1', N],
    ],
    true,
  )
  // Chloé left C3.2-2 without a level and never graded C3.3-1: neither is compared.
  await grid(sessionId, chloe, 'cas-pratique-a3', { learnerId: zoe }, 'closed', [
    ['C3.1-1', A],
    ['C3.1-2', N],
    ['C3.2-1', N],
    ['C3.2-2', null],
  ])
  await grid(
    sessionId,
    benoit,
    'cas-pratique-a3',
    { learnerId: mael },
    'closed',
    [
      ['C3.1-1', A],
      ['C3.1-2', N],
      ['C3.2-1', A],
    ],
    true,
  )
  await grid(sessionId, chloe, 'cas-pratique-a3', { learnerId: mael }, 'closed', [
    ['C3.1-1', A],
    ['C3.1-2', A],
    ['C3.2-1', A],
  ])
  // Anaïs: Chloé leads; Aurélie comes first by name in their pair.
  await grid(sessionId, aurelie, 'cas-pratique-a3', { learnerId: anais }, 'closed', [
    ['C3.1-1', N],
    ['C3.1-2', A],
    ['C3.2-1', A],
  ])
  await grid(
    sessionId,
    chloe,
    'cas-pratique-a3',
    { learnerId: anais },
    'closed',
    [
      ['C3.1-1', A],
      ['C3.1-2', A],
      ['C3.2-1', A],
    ],
    true,
  )
  // Yanis: Chloé's grid is still open — not compared, whatever it says.
  await grid(
    sessionId,
    benoit,
    'cas-pratique-a3',
    { learnerId: yanis },
    'closed',
    [
      ['C3.1-1', N],
      ['C3.1-2', N],
      ['C3.2-1', N],
    ],
    true,
  )
  await grid(sessionId, chloe, 'cas-pratique-a3', { learnerId: yanis }, 'open', [
    ['C3.1-1', A],
    ['C3.1-2', A],
    ['C3.2-1', A],
  ])

  // MSP A2, a group of Zoé and Maël: W = C2.1-1 on the shared written work, O = C2.2-1 at the oral, per member.
  const groupId = (await db.insert(schema.groups).values({ examSessionId: sessionId, evaluationId: 'msp-a2', name: 'Groupe 1' }).returning())[0]!.id
  const group = { groupId }
  await grid(
    sessionId,
    benoit,
    'msp-a2',
    group,
    'closed',
    [
      ['C2.1-1', A],
      ['C2.2-1', A, 'oral', zoe],
      ['C2.2-1', N, 'oral', mael],
    ],
    true,
  )
  await grid(sessionId, chloe, 'msp-a2', group, 'closed', [
    ['C2.1-1', A],
    ['C2.2-1', A, 'oral', zoe],
    ['C2.2-1', N, 'oral', mael],
  ])

  await grid(sessionId, benoit, 'fiche-veille', { learnerId: zoe }, 'closed', [['C1.1-1', A]])
  await grid(sessionId, chloe, 'fiche-veille', { learnerId: zoe }, 'closed', [['C1.1-1', N]])

  // Another session, double-marked too, on the same criteria: never mixed in.
  await instance(emptySessionId, 'cas-pratique-a3', true)
  await grid(emptySessionId, benoit, 'cas-pratique-a3', { learnerId: zoe }, 'closed', [['C3.1-1', N]], true)
  await grid(emptySessionId, chloe, 'cas-pratique-a3', { learnerId: zoe }, 'open', [['C3.1-1', A]])
  await instance(plainSessionId, 'cas-pratique-a3', false)

  // Benoît leads on Zoé's copy, Chloé on Maël's: the instance reads lead against second, the pair Benoît against Chloé.
  orderSessionId = await session('Session des rôles')
  await instance(orderSessionId, 'cas-pratique-a3', true)
  await grid(
    orderSessionId,
    benoit,
    'cas-pratique-a3',
    { learnerId: zoe },
    'closed',
    [
      ['C3.1-1', A],
      ['C3.1-2', A],
    ],
    true,
  )
  await grid(orderSessionId, chloe, 'cas-pratique-a3', { learnerId: zoe }, 'closed', [
    ['C3.1-1', A],
    ['C3.1-2', N],
  ])
  await grid(
    orderSessionId,
    chloe,
    'cas-pratique-a3',
    { learnerId: mael },
    'closed',
    [
      ['C3.1-1', N],
      ['C3.1-2', N],
    ],
    true,
  )
  await grid(orderSessionId, benoit, 'cas-pratique-a3', { learnerId: mael }, 'closed', [
    ['C3.1-1', N],
    ['C3.1-2', A],
  ])
})

describe('sessionAgreement', () => {
  it('compares, per criterion, the levels both jurors gave in closed grids, lowest agreement first', async () => {
    const report = (await sessionAgreement(sessionId))!
    const rows = report.criteria.map((c) => ({
      id: c.criterionId,
      n: c.figures.n,
      agreements: c.figures.agreements,
      kappa: c.figures.kappa,
      band: c.figures.band,
    }))
    expect(rows).toEqual([
      // Y: (A,N) (N,A) (A,A): A = 1 of 3; lead A 2, N 1; second N 1, A 2 → S = 2·2 + 1·1 = 5; κ = (3·1 − 5)/(9 − 5) = −0,5.
      { id: 'C3.1-2', n: 3, agreements: 1, kappa: -0.5, band: 'poor' },
      // X: (A,A) (A,A) (A,N): A = 2; lead A 3; second A 2, N 1 → S = 3·2 = 6; κ = (6 − 6)/(9 − 6) = 0.
      { id: 'C3.1-1', n: 3, agreements: 2, kappa: 0, band: 'slight' },
      // Z: all agree, both levels used → κ = 1; O (oral, per member: Zoé A/A, Maël N/N) too, on fewer levels: after Z.
      { id: 'C3.2-1', n: 3, agreements: 3, kappa: 1, band: 'almost-perfect' },
      { id: 'C2.2-1', n: 2, agreements: 2, kappa: 1, band: 'almost-perfect' },
      // W: one level, the same → κ not computable (100 % agreement): last.
      { id: 'C2.1-1', n: 1, agreements: 1, kappa: null, band: null },
    ])
    const y = report.criteria[0]!
    expect(y.figures.observed).toBeCloseTo(1 / 3, 12)
    expect(y.figures.expected).toBeCloseTo(5 / 9, 12)
    expect(y).toMatchObject({
      text: 'Le choix des sources, externes ou internes, est adapté par rapport à la cible retenue',
      competencyId: 'C3.1',
      evaluationId: 'cas-pratique-a3',
    })
    expect(y.evaluationTitle).toMatch(/^Cas pratique/)
    // Single marking (fiche-veille) and the open grid (Yanis) are left out: C1.1-1 never appears, X has 3 levels, not 4.
    expect(report.criteria.map((c) => c.criterionId)).not.toContain('C1.1-1')
  })

  it('sums up each double-marked instance, its lead juror first', async () => {
    const { instances, overall } = (await sessionAgreement(sessionId))!
    expect(instances.map((i) => i.evaluationId)).toEqual(['msp-a2', 'cas-pratique-a3'])
    const cas = instances.find((i) => i.evaluationId === 'cas-pratique-a3')!
    // 4 copies assigned, Yanis's not compared. 9 levels, 6 identical.
    // Lead: Zoé A A N, Maël A N A, Anaïs (Chloé) A A A → A 7, N 2; second: A N N, A A A, N A A → A 6, N 3.
    // S = 7·6 + 2·3 = 48 → pₑ = 48/81; κ = (9·6 − 48)/(81 − 48) = 6/33 = 2/11.
    expect(cas).toMatchObject({ copies: 4, compared: 3, figures: { n: 9, agreements: 6, band: 'slight' } })
    expect(cas.figures!.observed).toBeCloseTo(2 / 3, 12)
    expect(cas.figures!.expected).toBeCloseTo(48 / 81, 12)
    expect(cas.figures!.kappa).toBeCloseTo(2 / 11, 12)
    // MSP: W A/A, O Zoé A/A, O Maël N/N → S = 2·2 + 1·1 = 5, κ = (9 − 5)/(9 − 5) = 1.
    const msp = instances.find((i) => i.evaluationId === 'msp-a2')!
    expect(msp).toMatchObject({ copies: 1, compared: 1, range: 'C2.1 à C2.4', figures: { n: 3, agreements: 3, kappa: 1, band: 'almost-perfect' } })
    // Both: 12 levels, 9 identical; lead A 9, N 3; second A 8, N 4 → S = 72 + 12 = 84; κ = (12·9 − 84)/(144 − 84) = 24/60 = 0,4.
    expect(overall).toMatchObject({ n: 12, agreements: 9, observed: 0.75, expected: 84 / 144, kappa: 0.4, band: 'fair' })
  })

  it('sums up each pair of jurors, by names', async () => {
    const { pairs } = (await sessionAgreement(sessionId))!
    expect(pairs.map((p) => [p.jurors.map((j) => j.name), p.compared, p.figures.n, p.figures.agreements, p.figures.kappa, p.figures.band])).toEqual([
      // Aurélie (N A A) and Chloé (A A A) on Anaïs: A = 2; A 2, N 1 against A 3 → S = 6; κ = (6 − 6)/(9 − 6) = 0.
      [['Aurélie Vasseur', 'Chloé Aubertin'], 1, 3, 2, 0, 'slight'],
      // Benoît and Chloé on Zoé, Maël and the group: 9 levels, 7 identical; Benoît A 6, N 3; Chloé A 6, N 3
      // → S = 36 + 9 = 45; κ = (9·7 − 45)/(81 − 45) = 0,5.
      [['Benoît Lemaître', 'Chloé Aubertin'], 3, 9, 7, 0.5, 'moderate'],
    ])
  })

  it('reads the instance as lead juror against second juror, and the pair as one juror against the other', async () => {
    const report = (await sessionAgreement(orderSessionId))!
    // Lead first: Benoît's levels on Zoé (A A), Chloé's on Maël (N N) → a = A A N N; second: b = A N (Chloé) N A (Benoît).
    // A = 2; both A 2, N 2 → S = 4 + 4 = 8 → κ = (4·2 − 8)/(16 − 8) = 0.
    // Pair, Benoît first: a = A A (Zoé) N A (Maël) → A 3, N 1; Chloé: A N (Zoé) N N (Maël) → A 1, N 3.
    // S = 3·1 + 1·3 = 6, A = 2 → κ = (4·2 − 6)/(16 − 6) = 0,2.
    expect(report.instances[0]!.figures).toMatchObject({ n: 4, agreements: 2, expected: 0.5, kappa: 0 })
    expect(report.pairs).toHaveLength(1)
    expect(report.pairs[0]!.figures).toMatchObject({ n: 4, agreements: 2, expected: 6 / 16, kappa: 0.2 })
  })

  it('has nothing to compare while no double-marked copy has both grids closed, and never reads another session', async () => {
    const empty = (await sessionAgreement(emptySessionId))!
    expect(empty.instances).toMatchObject([{ evaluationId: 'cas-pratique-a3', copies: 1, compared: 0, figures: null }])
    expect([empty.pairs, empty.criteria, empty.overall]).toEqual([[], [], null])
    const plain = (await sessionAgreement(plainSessionId))!
    expect([plain.instances, plain.pairs, plain.criteria, plain.overall]).toEqual([[], [], [], null])
    expect(await sessionAgreement('inconnue')).toBeNull()
  })
})

describe('routes /admin/sessions/:sessionId/accord(.xlsx)', () => {
  const context = { cspNonce: '', clientIp: '' }
  const cookieFor = async (userId: string) => {
    const session = (
      await getDb()
        .insert(schema.loginSessions)
        .values({ userId, expiresAt: new Date(Date.now() + SESSION_TTL_MS) })
        .returning()
    )[0]!
    return (await sessionCookie.serialize(session.id)).split(';')[0]!
  }
  /** The status a loader ends with (a thrown Response's included). */
  async function call(loader: (args: never) => Promise<unknown>, userId: string | null, id: string): Promise<Response> {
    const headers: Record<string, string> = userId ? { Cookie: await cookieFor(userId) } : {}
    const request = new Request(`http://localhost/admin/sessions/${id}/accord`, { headers })
    try {
      const result = await loader({ request, params: { sessionId: id }, context } as never)
      return result instanceof Response ? result : Response.json(result)
    } catch (error) {
      if (error instanceof Response) return error
      throw error
    }
  }

  it('are for admins only: 403 for jurors (even the session’s) and learners, the login page when anonymous, 404 for an unknown session', async () => {
    for (const loader of [page.loader, workbookRoute.loader]) {
      expect((await call(loader, people.admin, sessionId)).status).toBe(200)
      expect((await call(loader, people.admin, 'inconnue')).status).toBe(404)
      expect((await call(loader, people.benoit, sessionId)).status).toBe(403)
      expect((await call(loader, people.zoe, sessionId)).status).toBe(403)
      const anonymous = await call(loader, null, sessionId)
      expect(anonymous.status).toBe(302)
      expect(anonymous.headers.get('Location')).toMatch(/^\/connexion/)
    }
  })

  it('exports the same figures to Excel: Critères lowest first, Épreuves with their total, Paires, formatted and frozen', async () => {
    const response = await call(workbookRoute.loader, people.admin, sessionId)
    expect(response.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(decodeURIComponent(response.headers.get('Content-Disposition')!)).toContain('Accord entre correcteurs — Session 2027.xlsx')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await response.arrayBuffer())
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      AGREEMENT_SHEETS.criteria,
      AGREEMENT_SHEETS.instances,
      AGREEMENT_SHEETS.pairs,
      AGREEMENT_SHEETS.guide,
    ])

    const criteria = workbook.getWorksheet(AGREEMENT_SHEETS.criteria)!
    expect(criteria.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(criteria.getRow(1).getCell(1).font?.bold).toBe(true)
    expect(criteria.getColumn(1).values.slice(2)).toEqual(['C3.1-2', 'C3.1-1', 'C3.2-1', 'C2.2-1', 'C2.1-1'])
    const y = criteria.getRow(2)
    expect([y.getCell(5).value, y.getCell(6).value, y.getCell(9).value, y.getCell(10).value]).toEqual([3, 1, -0.5, 'Désaccord'])
    expect(y.getCell(7).value).toBeCloseTo(1 / 3, 12)
    expect([y.getCell(7).numFmt, y.getCell(8).numFmt, y.getCell(9).numFmt]).toEqual(['0 %', '0 %', '0.00'])
    // W: no kappa, said in words.
    expect([criteria.getRow(6).getCell(9).value, criteria.getRow(6).getCell(10).value]).toEqual([null, 'Non calculable'])

    const instances = workbook.getWorksheet(AGREEMENT_SHEETS.instances)!
    expect(instances.getColumn(1).values.slice(2)).toEqual([
      'Mise en situation professionnelle reconstituée',
      expect.stringMatching(/^Cas pratique/),
      'Ensemble des épreuves',
    ])
    const total = instances.getRow(4)
    expect([total.getCell(3).value, total.getCell(4).value, total.getCell(5).value, total.getCell(6).value]).toEqual([5, 4, 12, 9])
    expect([total.getCell(9).value, total.getCell(10).value]).toEqual([0.4, 'Accord passable'])

    const pairs = workbook.getWorksheet(AGREEMENT_SHEETS.pairs)!
    expect(pairs.getRow(3).values).toEqual([undefined, 'Benoît Lemaître', 'Chloé Aubertin', 3, 9, 7, 7 / 9, 45 / 81, 0.5, 'Accord modéré'])
  })

  it('exports an empty session with a sentence, not blank sheets', async () => {
    const response = await call(workbookRoute.loader, people.admin, emptySessionId)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await response.arrayBuffer())
    expect(workbook.getWorksheet(AGREEMENT_SHEETS.criteria)!.getCell('A2').value).toBe(NOTHING_COMPARED)
    expect(workbook.getWorksheet(AGREEMENT_SHEETS.pairs)!.getCell('A2').value).toBe(NOTHING_COMPARED)
    expect(workbook.getWorksheet(AGREEMENT_SHEETS.instances)!.getCell('J2').value).toBe('Rien à comparer')
  })
})
