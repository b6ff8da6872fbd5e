import Database from 'better-sqlite3'
import { eq } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest'
import type { HandInState } from '~/domain/hand-in'
import { setupTempDb } from '../../tests/unit/temp-db'

// A database of its own for this file, set before the services open it.
const { getDb, usesPostgres } = await setupTempDb('follow-up')
const schema = await import('#db/schema')
const { parisInstant } = await import('~/domain/hand-in')
const { STATE_CODES, stateOfCode } = await import('~/domain/follow-up')
const { addGroupMembers, enrollLearners } = await import('./dossier-provisioning.server')
const { draftSections, freezeSnapshot, handInSummaries } = await import('./submissions.server')
const { templatesById } = await import('./templates.server')
const { followUp, followUpWorkbook, FOLLOW_UP_PAGE_SIZE } = await import('./follow-up.server')

const at = (local: string) => {
  const d = parisInstant(local)
  if (!d) throw new Error(`bad local time ${local}`)
  return d
}
/** « Now » for every test: mid-March 2027, Paris time. */
const NOW = at('2027-03-15T12:00')

let counter = 0
async function person(name: string, role: 'learner' | 'juror' = 'learner') {
  const db = getDb()
  const email = `${fold(name).replace(/[^a-z]/g, '')}${++counter}@test.fr`
  const id = (await db.insert(schema.users).values({ email, name, passwordHash: 'x' }).returning())[0]!.id
  await db.insert(schema.userRoles).values({ userId: id, role })
  return { id, name, email }
}
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
type Person = Awaited<ReturnType<typeof person>>

async function newSession(name: string) {
  return (await getDb().insert(schema.examSessions).values({ name, startsOn: '2027-01-01', endsOn: '2027-12-31' }).returning())[0]!.id
}
async function instance(sessionId: string, evaluationId: string, due: string, cutoff: string, doubleMarking = false) {
  return (
    await getDb()
      .insert(schema.evaluationInstances)
      .values({ examSessionId: sessionId, evaluationId, dueAt: at(due), cutoffAt: at(cutoff), doubleMarking })
      .returning()
  )[0]!
}
type Instance = Awaited<ReturnType<typeof instance>>

async function mainDossier(sessionId: string, evaluationId: string, owner: { learnerId?: string; groupId?: string }) {
  const db = getDb()
  const rows = await db.select().from(schema.dossiers).where(eq(schema.dossiers.templateId, evaluationId))
  const d = rows.find((r) => r.examSessionId === sessionId && (owner.learnerId ? r.learnerId === owner.learnerId : r.groupId === owner.groupId))
  if (!d) throw new Error(`no dossier ${evaluationId}`)
  return d
}

/** A hand-in at `when`, frozen as the hand-in service does (the checks of the template are not the point here). */
async function handInAt(inst: Instance, dossierId: string, by: Person, when: string, timing: 'on-time' | 'late') {
  const dossier = (await getDb().select().from(schema.dossiers).where(eq(schema.dossiers.id, dossierId)))[0]!
  const template = templatesById.get(dossier.templateId)!
  await freezeSnapshot(getDb(), {
    dossierId,
    instanceId: inst.id,
    template,
    sections: await draftSections(template, dossierId),
    submittedBy: { id: by.id, name: by.name },
    submittedAt: at(when),
    timing,
    statement: 'Déclaration',
  })
}

/** A juror assigned to a copy (a learner or a group), their grid closed or not (or not started: `null`). */
async function assign(
  sessionId: string,
  juror: Person,
  evaluationId: string,
  target: { learnerId?: string; groupId?: string },
  grid: 'open' | 'closed' | null,
) {
  const db = getDb()
  const assignment = (
    await db
      .insert(schema.jurorAssignments)
      .values({ examSessionId: sessionId, jurorId: juror.id, evaluationId, learnerId: target.learnerId ?? null, groupId: target.groupId ?? null })
      .returning()
  )[0]!
  if (grid) await db.insert(schema.gradings).values({ assignmentId: assignment.id, status: grid, closedAt: grid === 'closed' ? NOW : null, updatedAt: NOW })
  return assignment
}

let sessionId = ''
const p: Record<string, Person> = {}
let juror1: Person
let juror2: Person
const groups: Record<string, string> = {}

beforeAll(async () => {
  const db = getDb()
  juror1 = await person('Jules Juré', 'juror')
  juror2 = await person('Judith Jurée', 'juror')
  // Created out of order: the list is sorted in French (« Élodie » among the E, not after « Zoé »).
  for (const name of ['Zoé Zeller', 'Élodie Martin', 'Chloé Petit', 'Anaïs Bénard', 'Denis Roux', 'Bruno Leclerc']) p[name.split(' ')[0]!] = await person(name)
  sessionId = await newSession('Session suivi')
  await enrollLearners(
    db,
    sessionId,
    Object.values(p).map((l) => l.id),
  )
  // Past the deadline, before the cut-off (overdue window) — past the cut-off — ahead — past the cut-off (group épreuve).
  const a3 = await instance(sessionId, 'cas-pratique-a3', '2027-03-10T18:00', '2027-03-20T18:00')
  const veille = await instance(sessionId, 'fiche-veille', '2027-03-01T18:00', '2027-03-05T18:00')
  const a10 = await instance(sessionId, 'cas-pratique-a10', '2027-04-01T18:00', '2027-04-05T18:00', true)
  const msp = await instance(sessionId, 'msp-a2', '2027-03-12T18:00', '2027-03-14T18:00')
  const own = async (l: Person, evaluationId: string) => (await mainDossier(sessionId, evaluationId, { learnerId: l.id })).id

  // Anaïs: A3 on time; Veille nothing (cut-off passed); A10 nothing yet.
  await handInAt(a3, await own(p.Anaïs!, 'cas-pratique-a3'), p.Anaïs!, '2027-03-09T10:00', 'on-time')
  // Bruno: A3 late; Veille on time and graded by its one juror.
  await handInAt(a3, await own(p.Bruno!, 'cas-pratique-a3'), p.Bruno!, '2027-03-11T09:00', 'late')
  await handInAt(veille, await own(p.Bruno!, 'fiche-veille'), p.Bruno!, '2027-02-28T09:00', 'on-time')
  await assign(sessionId, juror1, 'fiche-veille', { learnerId: p.Bruno!.id }, 'closed')
  // Chloé: A3 nothing (deadline passed, cut-off not); A10 double-marked, both grids closed, reconciliation closed.
  await handInAt(a10, await own(p.Chloé!, 'cas-pratique-a10'), p.Chloé!, '2027-03-14T09:00', 'on-time')
  const lead = await assign(sessionId, juror1, 'cas-pratique-a10', { learnerId: p.Chloé!.id }, 'closed')
  await assign(sessionId, juror2, 'cas-pratique-a10', { learnerId: p.Chloé!.id }, 'closed')
  await db
    .insert(schema.reconciliations)
    .values({ instanceId: a10.id, subjectId: p.Chloé!.id, leadAssignmentId: lead.id, status: 'closed', closedAt: NOW, updatedAt: NOW })
  // Denis: A3 nothing but an extension (deadline not passed for him); A10 double-marked, one grid of two closed.
  await db
    .insert(schema.deadlineExtensions)
    .values({ instanceId: a3.id, learnerId: p.Denis!.id, dueAt: at('2027-03-20T18:00'), cutoffAt: at('2027-03-25T18:00'), reason: 'Hospitalisation' })
  await handInAt(a10, await own(p.Denis!, 'cas-pratique-a10'), p.Denis!, '2027-03-14T10:00', 'on-time')
  await assign(sessionId, juror1, 'cas-pratique-a10', { learnerId: p.Denis!.id }, 'closed')
  await assign(sessionId, juror2, 'cas-pratique-a10', { learnerId: p.Denis!.id }, 'open')
  // Élodie: A3 on time, then again late (the latest counts); Veille handed in, one grid closed, one not started.
  await handInAt(a3, await own(p.Élodie!, 'cas-pratique-a3'), p.Élodie!, '2027-03-09T08:00', 'on-time')
  await handInAt(a3, await own(p.Élodie!, 'cas-pratique-a3'), p.Élodie!, '2027-03-12T08:00', 'late')
  await handInAt(veille, await own(p.Élodie!, 'fiche-veille'), p.Élodie!, '2027-03-01T08:00', 'on-time')
  await assign(sessionId, juror1, 'fiche-veille', { learnerId: p.Élodie!.id }, 'closed')
  await assign(sessionId, juror2, 'fiche-veille', { learnerId: p.Élodie!.id }, null)
  // Zoé: A3 nothing, no extension → overdue; Veille nothing → missed.

  // MSP A2, a group épreuve: « Groupe 1 » (Anaïs, Bruno) handed in and graded; « Groupe 2 » (Chloé, Denis) nothing,
  // but Denis's extension carries the group past the cut-off; « Groupe 3 » (Zoé) nothing, cut-off passed; Élodie in no group.
  const group = async (name: string, members: Person[]) => {
    const id = (await db.insert(schema.groups).values({ examSessionId: sessionId, evaluationId: 'msp-a2', name }).returning())[0]!.id
    await addGroupMembers(
      db,
      id,
      members.map((m) => m.id),
    )
    groups[name] = id
    return id
  }
  // Olivier is in Groupe 1 but not enrolled in this session: never counted nor listed.
  const g1 = await group('Groupe 1', [p.Anaïs!, p.Bruno!, await person('Olivier Dehors')])
  await group('Groupe 2', [p.Chloé!, p.Denis!])
  await group('Groupe 3', [p.Zoé!])
  await handInAt(msp, (await mainDossier(sessionId, 'msp-a2', { groupId: g1 })).id, p.Bruno!, '2027-03-12T17:00', 'on-time')
  await assign(sessionId, juror1, 'msp-a2', { groupId: g1 }, 'closed')
  await db
    .insert(schema.deadlineExtensions)
    .values({ instanceId: msp.id, learnerId: p.Denis!.id, dueAt: at('2027-03-14T18:00'), cutoffAt: at('2027-03-20T18:00'), reason: 'Stage' })
  // A member's REX is not the group's work: handed in, it changes nothing.
  await handInAt(msp, (await mainDossier(sessionId, 'msp-a2-rex', { learnerId: p.Zoé!.id })).id, p.Zoé!, '2027-03-12T10:00', 'on-time')
})

/** The state of a candidate (first name) on an evaluation, as the full list shows it. */
async function stateOf(first: string, evaluationId: string) {
  const data = (await followUp(sessionId, {}, { now: NOW, all: true }))!
  const row = data.rows.find((r) => r.id === p[first]!.id)!
  return stateOfCode(row.states[data.shown.indexOf(evaluationId)]!)
}

describe('followUp: one state per candidate and instance', () => {
  it('is null for an unknown session', async () => {
    expect(await followUp('inconnue')).toBeNull()
  })

  it('tells a draft, an on-time and a late hand-in, an overdue and a missed one, a graded and a reconciled copy', async () => {
    expect(await stateOf('Anaïs', 'cas-pratique-a3')).toBe('submitted')
    expect(await stateOf('Bruno', 'cas-pratique-a3')).toBe('late')
    expect(await stateOf('Élodie', 'cas-pratique-a3')).toBe('late') // the latest hand-in counts
    expect(await stateOf('Chloé', 'cas-pratique-a3')).toBe('overdue') // deadline passed, cut-off not
    expect(await stateOf('Zoé', 'cas-pratique-a3')).toBe('overdue')
    expect(await stateOf('Denis', 'cas-pratique-a3')).toBe('draft') // his extension: his deadline is ahead
    expect(await stateOf('Anaïs', 'fiche-veille')).toBe('missed') // cut-off passed, nothing handed in
    expect(await stateOf('Bruno', 'fiche-veille')).toBe('graded') // its one juror closed the grid
    expect(await stateOf('Élodie', 'fiche-veille')).toBe('submitted') // one grid of two closed, the other not started
    expect(await stateOf('Chloé', 'cas-pratique-a10')).toBe('reconciled')
    expect(await stateOf('Denis', 'cas-pratique-a10')).toBe('submitted') // double marking: one grid still open
    expect(await stateOf('Anaïs', 'cas-pratique-a10')).toBe('draft')
    // No instance (no deadline yet): a draft, never late.
    expect(await stateOf('Zoé', 'projet-com-a14')).toBe('draft')
  })

  it('counts a group épreuve per candidate through their group’s dossier, with a member’s extension for the whole group', async () => {
    expect(await stateOf('Anaïs', 'msp-a2')).toBe('graded')
    expect(await stateOf('Bruno', 'msp-a2')).toBe('graded')
    expect(await stateOf('Chloé', 'msp-a2')).toBe('overdue') // Denis's extension: the cut-off is not passed for Groupe 2
    expect(await stateOf('Denis', 'msp-a2')).toBe('overdue')
    expect(await stateOf('Zoé', 'msp-a2')).toBe('missed') // her REX handed in is not the group's work
    expect(await stateOf('Élodie', 'msp-a2')).toBe('no-group')
    const data = (await followUp(sessionId, {}, { now: NOW, all: true }))!
    const row = data.rows.find((r) => r.id === p.Chloé!.id)!
    expect(row.groups[data.shown.indexOf('msp-a2')]).toBe('Groupe 2')
    expect(row.groups[data.shown.indexOf('cas-pratique-a3')]).toBe('')
  })

  it('agrees with handInSummaries, the hand-in’s own states, on every dossier', async () => {
    const data = (await followUp(sessionId, {}, { now: NOW, all: true }))!
    const dossiers = await getDb().select().from(schema.dossiers).where(eq(schema.dossiers.examSessionId, sessionId))
    const summaries = await handInSummaries(
      dossiers.filter((d) => d.templateId === d.evaluationId),
      NOW,
    )
    const expected: Record<string, HandInState> = {
      draft: 'draft',
      overdue: 'draft',
      missed: 'refused',
      submitted: 'submitted',
      late: 'late',
      graded: 'graded',
      reconciled: 'graded',
    }
    let compared = 0
    for (const row of data.rows) {
      data.shown.forEach((evaluationId, i) => {
        const state = stateOfCode(row.states[i]!)
        if (state === 'no-group') return
        const groupId = row.groups[i] ? groups[row.groups[i]!] : undefined
        const dossier = dossiers.find((d) => d.templateId === evaluationId && (groupId ? d.groupId === groupId : d.learnerId === row.id && d.groupId === null))!
        expect(summaries.get(dossier.id)?.state, `${row.name}, ${evaluationId}`).toBe(expected[state])
        compared++
      })
    }
    // Every cell but the « sans groupe » ones: Élodie's MSP A2, and everyone's four group épreuves without groups yet.
    expect(compared).toBe(6 * 17 - 1 - 6 * 4)
  })

  it('counts every candidate once per instance, in their state', async () => {
    const data = (await followUp(sessionId, {}, { now: NOW }))!
    const column = (id: string) => data.columns.find((c) => c.evaluationId === id)!.counts
    expect(column('cas-pratique-a3')).toEqual({ 'no-group': 0, draft: 1, overdue: 2, missed: 0, submitted: 1, late: 2, graded: 0, reconciled: 0 })
    expect(column('fiche-veille')).toEqual({ 'no-group': 0, draft: 0, overdue: 0, missed: 4, submitted: 1, late: 0, graded: 1, reconciled: 0 })
    expect(column('cas-pratique-a10')).toEqual({ 'no-group': 0, draft: 4, overdue: 0, missed: 0, submitted: 1, late: 0, graded: 0, reconciled: 1 })
    expect(column('msp-a2')).toEqual({ 'no-group': 1, draft: 0, overdue: 2, missed: 1, submitted: 0, late: 0, graded: 2, reconciled: 0 })
    for (const c of data.columns) expect(Object.values(c.counts).reduce((a, b) => a + b, 0)).toBe(6)
    expect(data.candidates).toBe(6)
  })

  it('counts what the rows show: every column’s counts are its letters in the full list', async () => {
    const data = (await followUp(sessionId, {}, { now: NOW, all: true }))!
    data.columns.forEach((column, c) => {
      const letters = data.rows.map((r) => r.states[c]!)
      for (const state of Object.keys(STATE_CODES) as (keyof typeof STATE_CODES)[])
        expect(letters.filter((l) => l === STATE_CODES[state]).length, `${column.evaluationId} ${state}`).toBe(column.counts[state])
    })
  })

  it('orders the instances by deadline, those without one last', async () => {
    const data = (await followUp(sessionId, {}, { now: NOW }))!
    expect(data.columns.slice(0, 4).map((c) => c.evaluationId)).toEqual(['fiche-veille', 'cas-pratique-a3', 'msp-a2', 'cas-pratique-a10'])
    expect(data.columns).toHaveLength(17)
    expect(data.columns[0]).toMatchObject({ label: 'Fiche Veille', group: false, dueAt: at('2027-03-01T18:00').getTime() })
    expect(data.columns[4]!.dueAt).toBeNull()
  })
})

describe('followUp: filters', () => {
  const names = async (filters: Parameters<typeof followUp>[1]) => (await followUp(sessionId, filters, { now: NOW }))!.rows.map((r) => r.name.split(' ')[0])

  it('lists everyone by name in French order', async () => {
    expect(await names({})).toEqual(['Anaïs', 'Bruno', 'Chloé', 'Denis', 'Élodie', 'Zoé'])
  })

  it('searches names without case or accents, and e-mail addresses', async () => {
    expect(await names({ q: 'ELODIE' })).toEqual(['Élodie'])
    expect(await names({ q: 'bénard' })).toEqual(['Anaïs'])
    expect(await names({ q: p.Zoé!.email })).toEqual(['Zoé'])
    expect(await names({ q: 'personne' })).toEqual([])
  })

  it('keeps the candidates in a state on at least one épreuve, or on the chosen one', async () => {
    expect(await names({ category: 'reconciled' })).toEqual(['Chloé'])
    expect(await names({ category: 'graded' })).toEqual(['Anaïs', 'Bruno'])
    expect(await names({ category: 'no-group', evaluationId: 'msp-a2' })).toEqual(['Élodie'])
    // No group formed yet in the other group épreuves: everyone is without a group there.
    expect(await names({ category: 'no-group' })).toHaveLength(6)
    // Late: handed in late, or nothing handed in past the deadline (overdue or missed).
    expect(await names({ category: 'late' })).toEqual(['Anaïs', 'Bruno', 'Chloé', 'Denis', 'Élodie', 'Zoé'])
    expect(await names({ category: 'late', evaluationId: 'cas-pratique-a3' })).toEqual(['Bruno', 'Chloé', 'Élodie', 'Zoé'])
    expect(await names({ category: 'draft', evaluationId: 'cas-pratique-a3' })).toEqual(['Denis'])
    expect(await names({ category: 'handed-in', evaluationId: 'fiche-veille' })).toEqual(['Élodie'])
  })

  it('shows only the chosen épreuve’s column', async () => {
    const data = (await followUp(sessionId, { evaluationId: 'msp-a2' }, { now: NOW }))!
    expect(data.shown).toEqual(['msp-a2'])
    expect(data.rows.map((r) => r.states).join('')).toBe(
      [STATE_CODES.graded, STATE_CODES.graded, STATE_CODES.overdue, STATE_CODES.overdue, STATE_CODES['no-group'], STATE_CODES.missed].join(''),
    )
    expect(data.rows[0]!.groups).toEqual(['Groupe 1'])
    // An unknown evaluation is ignored: every column.
    expect((await followUp(sessionId, { evaluationId: 'inconnue' }, { now: NOW }))!.shown).toHaveLength(17)
  })

  it('keeps a group’s members, by its exact name without case', async () => {
    expect(await names({ group: 'groupe 2' })).toEqual(['Chloé', 'Denis'])
    expect(await names({ group: 'Groupe', evaluationId: 'msp-a2' })).toEqual([])
    expect(await names({ group: 'Groupe 1', evaluationId: 'cas-pratique-a3' })).toEqual([])
    expect(await names({ group: 'Groupe 2', category: 'late', q: 'denis' })).toEqual(['Denis'])
  })
})

/**
 * Spies on every query run on the database: on SQLite, the runs of better-sqlite3's statements (prepared or reused:
 * they share one prototype, the connection's included); on PostgreSQL, node-postgres's client queries.
 */
function querySpies(): MockInstance[] {
  if (usesPostgres()) return [vi.spyOn(pg.Client.prototype, 'query')]
  const memory = new Database(':memory:')
  const proto = Object.getPrototypeOf(memory.prepare('select 1')) as Database.Statement
  memory.close()
  return [vi.spyOn(proto, 'all'), vi.spyOn(proto, 'get'), vi.spyOn(proto, 'run'), vi.spyOn(proto, 'iterate')]
}

describe('followUp: pages and queries', () => {
  let bigSession = ''
  let spies: MockInstance[] = []
  const queries = () => spies.reduce((n, spy) => n + spy.mock.calls.length, 0)
  const clear = () => spies.forEach((spy) => spy.mockClear())

  beforeAll(async () => {
    const db = getDb()
    bigSession = await newSession('Grande session')
    const ids: string[] = []
    for (let i = 0; i < 120; i++) ids.push((await person(`Candidat ${String(i + 1).padStart(3, '0')}`)).id)
    await enrollLearners(db, bigSession, ids)
    await instance(bigSession, 'cas-pratique-a3', '2027-03-10T18:00', '2027-03-20T18:00')
    spies = querySpies()
  })
  afterAll(() => {
    for (const spy of spies) spy.mockRestore()
  })

  it('pages 25 at a time, the page clamped to the pages there are', async () => {
    const first = (await followUp(bigSession, {}, { now: NOW }))!
    expect(FOLLOW_UP_PAGE_SIZE).toBe(25)
    expect(first).toMatchObject({ total: 120, candidates: 120, page: 1, pages: 5 })
    expect(first.rows).toHaveLength(25)
    expect(first.rows[0]!.name).toBe('Candidat 001')
    const last = (await followUp(bigSession, { page: 5 }, { now: NOW }))!
    expect(last.rows.map((r) => r.name)).toEqual(Array.from({ length: 20 }, (_, i) => `Candidat ${101 + i}`))
    expect((await followUp(bigSession, { page: 99 }, { now: NOW }))!.page).toBe(5)
    expect((await followUp(bigSession, { page: 0 }, { now: NOW }))!.page).toBe(1)
    expect((await followUp(bigSession, {}, { now: NOW, all: true }))!.rows).toHaveLength(120)
    // Every row is a state per column: 17 letters.
    expect(first.rows[0]!.states).toHaveLength(17)
    expect(first.rows[0]!.states[first.shown.indexOf('cas-pratique-a3')]).toBe(STATE_CODES.overdue)
  })

  it('reads the same few statements whatever the cohort and the page (no query per candidate)', async () => {
    clear()
    await followUp(sessionId, {}, { now: NOW })
    const small = queries()
    clear()
    await followUp(bigSession, { page: 2, q: 'candidat', category: 'late' }, { now: NOW })
    expect(queries()).toBe(small)
    // Session, instances, learners, groups, hand-ins, the owners of dossiers not seen yet, grids, reconciliations, extensions.
    expect(small).toBeLessThanOrEqual(9)
    expect(small).toBeGreaterThanOrEqual(7)
  })
})

describe('followUpWorkbook', () => {
  it('writes the filtered candidates (every page), the counts per épreuve and the legend', async () => {
    const data = (await followUp(sessionId, { category: 'late', evaluationId: 'cas-pratique-a3' }, { now: NOW, all: true }))!
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await followUpWorkbook(data)) as unknown as ExcelJS.Buffer)
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Candidats', 'Épreuves', 'Légende'])
    const sheet = workbook.getWorksheet('Candidats')!
    expect(sheet.getRow(1).values).toEqual([undefined, 'Nom', 'Adresse e-mail', 'Cas pratique A3'])
    expect(sheet.getRow(2).values).toEqual([undefined, 'Bruno Leclerc', p.Bruno!.email, 'Rendu en retard'])
    expect(sheet.getRow(3).getCell(3).value).toBe('En retard')
    expect(sheet.rowCount).toBe(5)
    const summary = workbook.getWorksheet('Épreuves')!
    expect(summary.getRow(1).values).toEqual([
      undefined,
      'Épreuve',
      'Intitulé',
      'Date limite (heure de Paris)',
      'Clôture des dépôts',
      'Brouillon',
      'Rendu',
      'En retard',
      'Corrigé',
      'Concilié',
      'Sans groupe',
      'dont rendus en retard',
      'dont non rendus',
      'Candidat·es',
    ])
    const a3 = summary.getRow(3).values as unknown[]
    expect(a3.slice(1, 3)).toEqual(['Cas pratique A3', expect.any(String)])
    expect(a3[3]).toBe('10 mars 2027 à 18\u00a0h\u00a000')
    expect(a3.slice(5)).toEqual([1, 1, 4, 0, 0, 0, 2, 2, 6])
    const msp = summary.getRow(4).values as unknown[]
    expect(msp.slice(5)).toEqual([0, 0, 3, 2, 0, 1, 0, 3, 6])
  })

  it('writes every column without an épreuve filter, with the groups of the group épreuves', async () => {
    const data = (await followUp(sessionId, {}, { now: NOW, all: true }))!
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await followUpWorkbook(data)) as unknown as ExcelJS.Buffer)
    const sheet = workbook.getWorksheet('Candidats')!
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    expect(header).toHaveLength(2 + 17 + 5)
    expect(header.slice(-5)).toEqual(['Groupe – MSP A2', 'Groupe – MSP A4', 'Groupe – MSP A5', 'Groupe – MSP A6', 'Groupe – Serious game A11'])
    expect(sheet.getRow(2).getCell(header.indexOf('Groupe – MSP A2') + 1).value).toBe('Groupe 1')
    expect(sheet.getRow(2).getCell(header.indexOf('MSP A2') + 1).value).toBe('Corrigé')
  })
})
