import Database from 'better-sqlite3'
import pg from 'pg'
import { beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb, usesPostgres } = await setupTempDb('dashboard')
const schema = await import('#db/schema')
const { learnerDossiers } = await import('./dossiers.server')
const { addGroupMembers, enrollLearners } = await import('./dossier-provisioning.server')
const { templatesById } = await import('./templates.server')
const { tutorDashboard, DOSSIER_LABELS, PAGE_SIZE } = await import('./tutor-dashboard.server')

const ids = { tutor: '', otherTutor: '', zoe: '', mael: '', anais: '', stranger: '', s: '', s2: '' }
const dossier = { zoeVeille: '', zoeUx: '', group: '', maelVeille: '', anaisVeille: '' }
const DAY = 24 * 3600_000
const now = Date.now()

beforeAll(async () => {
  const db = getDb()
  const user = async (name: string, email: string) => (await db.insert(schema.users).values({ email, name, passwordHash: 'x' }).returning())[0]!.id
  ids.tutor = await user('Tuteur', 'tuteur@test.fr')
  ids.otherTutor = await user('Autre tuteur', 'autre@test.fr')
  ids.zoe = await user('Zoé Lefèvre', 'zoe@test.fr')
  ids.mael = await user('Maël Dupré', 'mael@test.fr')
  ids.anais = await user('Anaïs Bénard', 'anais.b@test.fr')
  ids.stranger = await user('Inconnu Hors', 'inconnu@test.fr')
  const session = async (name: string, startsOn: string) =>
    (await db.insert(schema.examSessions).values({ name, startsOn, endsOn: '2027-06-30' }).returning())[0]!.id
  ids.s = await session('Session A', '2026-09-01')
  ids.s2 = await session('Session B', '2027-01-01')
  await enrollLearners(db, ids.s, [ids.zoe, ids.mael, ids.anais, ids.stranger])
  await enrollLearners(db, ids.s2, [ids.zoe])
  // Zoé and the stranger share a group: its dossier is Zoé's too.
  const group = (await db.insert(schema.groups).values({ examSessionId: ids.s, evaluationId: 'msp-a2', name: 'G' }).returning())[0]!.id
  await addGroupMembers(db, group, [ids.zoe, ids.stranger])
  await db.insert(schema.tutorAssignments).values([
    { examSessionId: ids.s, tutorId: ids.tutor, learnerId: ids.zoe },
    { examSessionId: ids.s2, tutorId: ids.tutor, learnerId: ids.zoe },
    { examSessionId: ids.s, tutorId: ids.tutor, learnerId: ids.mael },
    { examSessionId: ids.s, tutorId: ids.tutor, learnerId: ids.anais },
    { examSessionId: ids.s, tutorId: ids.otherTutor, learnerId: ids.stranger },
  ])
  const find = async (learnerId: string, templateId: string) => (await learnerDossiers(learnerId, ids.s)).find((d) => d.templateId === templateId)!.id
  dossier.zoeVeille = await find(ids.zoe, 'fiche-veille')
  dossier.zoeUx = await find(ids.zoe, 'fiche-ux')
  dossier.group = await find(ids.zoe, 'msp-a2')
  dossier.maelVeille = await find(ids.mael, 'fiche-veille')
  dossier.anaisVeille = await find(ids.anais, 'fiche-veille')

  const section = async (dossierId: string, sectionId: string, at: number) =>
    await db.insert(schema.dossierSections).values({ dossierId, sectionId, content: { type: 'doc' } as never, version: 1, updatedAt: new Date(at) })
  await section(dossier.zoeVeille, 'a', now - 3 * DAY)
  await section(dossier.zoeVeille, 'b', now - 2 * DAY)
  await section(dossier.group, 'a', now - DAY)
  await section(dossier.maelVeille, 'a', now - 10 * DAY)

  const round = async (dossierId: string, at: number, closed: boolean) =>
    await db.insert(schema.reviewRounds).values({ dossierId, requestedBy: ids.zoe, requestedAt: new Date(at), closedAt: closed ? new Date(at + DAY) : null })
  await round(dossier.zoeVeille, now - 20 * DAY, true)
  await round(dossier.zoeVeille, now - 2 * DAY, false)
  await round(dossier.maelVeille, now - 5 * DAY, true)
  await round(dossier.group, now - DAY, false)

  const threads = async (dossierId: string, open: number, resolved: number) => {
    for (let i = 0; i < open + resolved; i++) {
      await db
        .insert(schema.commentThreads)
        .values({ dossierId, target: 'section', sectionId: 'a', authorId: ids.tutor, status: i < open ? 'open' : 'resolved' })
    }
  }
  await threads(dossier.zoeVeille, 2, 3)
  await threads(dossier.group, 1, 0)
  await threads(dossier.maelVeille, 4, 1)
  await threads(dossier.anaisVeille, 0, 2)

  // Zoé: two criteria of the « Veille » template achieved, one in progress, one todo.
  const veille = [...new Set(templatesById.get('fiche-veille')!.sections.flatMap((s) => s.criteria))]
  const status = async (criterionId: string, s: 'todo' | 'in_progress' | 'achieved') =>
    await db.insert(schema.selfAssessments).values({ learnerId: ids.zoe, examSessionId: ids.s, criterionId, status: s, updatedAt: new Date() })
  await status(veille[0]!, 'achieved')
  await status(veille[1]!, 'achieved')
  await status(veille[2]!, 'in_progress')
  await status(veille[3]!, 'todo')
})

const rowOf = (d: Awaited<ReturnType<typeof tutorDashboard>>, learnerId: string, sessionId = ids.s) =>
  d.rows.find((r) => r.learnerId === learnerId && r.sessionId === sessionId)

describe('tutorDashboard', () => {
  it('lists the tutor’s assignments only, one row per learner and session, by name', async () => {
    const d = await tutorDashboard(ids.tutor)
    expect(d.rows.map((r) => `${r.name} (${r.sessionName})`)).toEqual([
      'Anaïs Bénard (Session A)',
      'Maël Dupré (Session A)',
      'Zoé Lefèvre (Session A)',
      'Zoé Lefèvre (Session B)',
    ])
    expect(d.total).toBe(4)
    expect(d.sessions).toEqual([
      { id: ids.s, name: 'Session A' },
      { id: ids.s2, name: 'Session B' },
    ])
    expect((await tutorDashboard(ids.otherTutor)).rows.map((r) => r.name)).toEqual(['Inconnu Hors'])
    expect((await tutorDashboard(ids.zoe)).rows).toEqual([])
  })

  it('gives each learner their dossiers of that session, group ones included, in the order of the learner’s home', async () => {
    const zoe = rowOf(await tutorDashboard(ids.tutor), ids.zoe)!
    const expected = (await learnerDossiers(ids.zoe, ids.s)).map((d) => d.id)
    expect(zoe.dossiers.map((d) => d.id).sort()).toEqual(expected.sort())
    // Mise en situation first (its REX right after), the cas pratique, the rapport de compétences last.
    expect(zoe.dossiers.slice(0, 2).map((d) => d.templateId)).toEqual(['msp-a2', 'msp-a2-rex'])
    expect(zoe.dossiers.at(-1)!.templateId).toBe('projet-com-a14')
    expect(zoe.dossiers.findIndex((d) => d.templateId === 'cas-pratique-a3')).toBeLessThan(zoe.dossiers.findIndex((d) => d.templateId === 'fiche-veille'))
    // The other session's row has that session's dossiers only, and no group.
    const zoeB = rowOf(await tutorDashboard(ids.tutor), ids.zoe, ids.s2)!
    expect(zoeB.dossiers.map((d) => d.id).sort()).toEqual((await learnerDossiers(ids.zoe, ids.s2)).map((d) => d.id).sort())
    expect(zoeB.dossiers.some((d) => d.templateId === 'msp-a2')).toBe(false)
  })

  it('computes progress, last activity, the open request and open comments per dossier, and totals per learner', async () => {
    const zoe = rowOf(await tutorDashboard(ids.tutor), ids.zoe)!
    const veille = zoe.dossiers.find((d) => d.id === dossier.zoeVeille)!
    const criteria = new Set(templatesById.get('fiche-veille')!.sections.flatMap((s) => s.criteria)).size
    expect(veille).toMatchObject({ achieved: 2, inProgress: 1, criteria, openComments: 2, lastActivity: now - 2 * DAY, requestedAt: now - 2 * DAY })
    const ux = zoe.dossiers.find((d) => d.id === dossier.zoeUx)!
    expect(ux).toMatchObject({ achieved: 0, inProgress: 0, openComments: 0, lastActivity: null, requestedAt: null })
    expect(zoe).toMatchObject({ openRequests: 2, openComments: 3, lastActivity: now - DAY })
    // A closed round is no request.
    const mael = rowOf(await tutorDashboard(ids.tutor), ids.mael)!
    expect(mael).toMatchObject({ openRequests: 0, openComments: 4, lastActivity: now - 10 * DAY })
    // Resolved threads are not open comments.
    expect(rowOf(await tutorDashboard(ids.tutor), ids.anais)).toMatchObject({ openComments: 0, openRequests: 0, lastActivity: null })
  })

  it('counts the learners assigned, whatever the filter', async () => {
    expect((await tutorDashboard(ids.tutor, { q: 'zoé' })).learners).toBe(4)
    expect((await tutorDashboard(ids.otherTutor)).learners).toBe(1)
  })

  it('filters by name or e-mail ignoring case and accents, by request, by comments and by session', async () => {
    const names = async (o: Parameters<typeof tutorDashboard>[1]) => (await tutorDashboard(ids.tutor, o)).rows.map((r) => `${r.name}/${r.sessionName}`)
    expect(await names({ q: 'ZOE' })).toEqual(['Zoé Lefèvre/Session A', 'Zoé Lefèvre/Session B'])
    expect(await names({ q: 'benard' })).toEqual(['Anaïs Bénard/Session A'])
    expect(await names({ q: 'anais.b@' })).toEqual(['Anaïs Bénard/Session A'])
    expect(await names({ q: 'inconnu' })).toEqual([])
    expect(await names({ filter: 'review' })).toEqual(['Zoé Lefèvre/Session A'])
    expect(await names({ filter: 'comments' })).toEqual(['Maël Dupré/Session A', 'Zoé Lefèvre/Session A'])
    expect(await names({ session: ids.s2 })).toEqual(['Zoé Lefèvre/Session B'])
    expect(await tutorDashboard(ids.tutor, { q: 'personne' })).toMatchObject({ total: 0, page: 1, pages: 1, rows: [] })
  })

  it('sorts by open comments, open requests and last activity, both ways, learners without activity last', async () => {
    const names = async (o: Parameters<typeof tutorDashboard>[1]) => (await tutorDashboard(ids.tutor, { session: ids.s, ...o })).rows.map((r) => r.name)
    expect(await names({ sort: 'comments' })).toEqual(['Maël Dupré', 'Zoé Lefèvre', 'Anaïs Bénard'])
    expect(await names({ sort: 'comments', dir: 'asc' })).toEqual(['Anaïs Bénard', 'Zoé Lefèvre', 'Maël Dupré'])
    expect(await names({ sort: 'requests' })).toEqual(['Zoé Lefèvre', 'Anaïs Bénard', 'Maël Dupré'])
    expect(await names({ sort: 'activity' })).toEqual(['Zoé Lefèvre', 'Maël Dupré', 'Anaïs Bénard'])
    expect(await names({ sort: 'activity', dir: 'asc' })).toEqual(['Maël Dupré', 'Zoé Lefèvre', 'Anaïs Bénard'])
    expect(await names({ sort: 'name', dir: 'desc' })).toEqual(['Zoé Lefèvre', 'Maël Dupré', 'Anaïs Bénard'])
  })

  it('paginates by learner, the page clamped to the pages there are', async () => {
    const db = getDb()
    const tutor = (await db.insert(schema.users).values({ email: 'big@test.fr', name: 'Grand tuteur', passwordHash: 'x' }).returning())[0]!.id
    const learners: string[] = []
    for (let i = 0; i < PAGE_SIZE + 5; i++) {
      const email = `l${String(i).padStart(2, '0')}@test.fr`
      learners.push(
        (
          await db
            .insert(schema.users)
            .values({ email, name: `Élève ${String(i).padStart(2, '0')}`, passwordHash: 'x' })
            .returning()
        )[0]!.id,
      )
    }
    await enrollLearners(db, ids.s, learners)
    await db.insert(schema.tutorAssignments).values(learners.map((learnerId) => ({ examSessionId: ids.s, tutorId: tutor, learnerId })))
    const first = await tutorDashboard(tutor)
    expect(first).toMatchObject({ total: PAGE_SIZE + 5, page: 1, pages: 2 })
    expect(first.rows).toHaveLength(PAGE_SIZE)
    expect(first.rows[0]!.name).toBe('Élève 00')
    const second = await tutorDashboard(tutor, { page: 2 })
    expect(second.rows.map((r) => r.name)).toEqual(['Élève 15', 'Élève 16', 'Élève 17', 'Élève 18', 'Élève 19'])
    expect((await tutorDashboard(tutor, { page: 99 })).page).toBe(2)
    expect((await tutorDashboard(tutor, { page: 0 })).page).toBe(1)
  })

  // After the pagination test: its tutor has 30 learners with their dossiers.
  it('runs the same queries for 3 learners as for 30: none per learner or dossier', async () => {
    const bigTutor = (await getDb().select({ id: schema.tutorAssignments.tutorId }).from(schema.tutorAssignments))
      .map((r) => r.id)
      .find((id) => ![ids.tutor, ids.otherTutor].includes(id))!
    // On SQLite, every query runs a statement on the connection (prepared once, then reused): count the runs. Every
    // better-sqlite3 statement shares one prototype. On PostgreSQL, every query is a node-postgres client's.
    const runs: MockInstance[] = []
    if (usesPostgres()) runs.push(vi.spyOn(pg.Client.prototype, 'query'))
    else {
      const memory = new Database(':memory:')
      const proto = Object.getPrototypeOf(memory.prepare('select 1')) as Database.Statement
      memory.close()
      runs.push(vi.spyOn(proto, 'all'), vi.spyOn(proto, 'get'), vi.spyOn(proto, 'run'))
    }
    const queries = async (tutorId: string, options: Parameters<typeof tutorDashboard>[1]) => {
      for (const spy of runs) spy.mockClear()
      expect((await tutorDashboard(tutorId, options)).rows.length).toBeGreaterThan(0)
      return runs.reduce((n, spy) => n + spy.mock.calls.length, 0)
    }
    for (const options of [{}, { sort: 'comments' as const }, { sort: 'activity' as const, dir: 'asc' as const }, { q: 'e' }]) {
      expect(await queries(bigTutor, options), JSON.stringify(options)).toBe(await queries(ids.tutor, options))
    }
    // Sorting by name reads no totals: one query fewer.
    expect(await queries(ids.tutor, {})).toBe((await queries(ids.tutor, { sort: 'comments' })) - 1)
    for (const spy of runs) spy.mockRestore()
  })
})

describe('DOSSIER_LABELS', () => {
  it('gives every template a short label of its own, in the order of the learner’s home', () => {
    expect(DOSSIER_LABELS).toHaveLength(templatesById.size)
    expect(new Set(DOSSIER_LABELS.map((l) => l.label)).size).toBe(templatesById.size)
    expect(Math.max(...DOSSIER_LABELS.map((l) => l.label.length))).toBeLessThanOrEqual(20)
    expect(DOSSIER_LABELS.slice(0, 2).map((l) => l.label)).toEqual(['MSP A2', 'REX A2'])
    expect(DOSSIER_LABELS.map((l) => l.label)).toEqual(
      expect.arrayContaining(['Serious game A11', 'Cas pratique A3', 'Fiche Veille', 'Fiche Managériale', 'Projet A9']),
    )
    expect(DOSSIER_LABELS.find((l) => l.id === 'fiche-ux')?.title).toBe('Fiche de compétences « UX »')
  })
})
