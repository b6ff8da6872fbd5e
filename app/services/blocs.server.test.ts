import { eq } from 'drizzle-orm'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Role } from '~/domain/permissions'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb } = await setupTempDb('blocs')
const schema = await import('#db/schema')
const blocs = await import('./blocs.server')
const { applyBlocsForm, BlocsError, BlocsFormSchema, blocsSettings, createBloc, deleteBloc, moveBloc, renameBloc, setBlocCompetencies, setPresident } = blocs

let n = 0
function person(roles: Role[], name: string) {
  const id = getDb()
    .insert(schema.users)
    .values({ email: `b${++n}@test.fr`, name, passwordHash: 'x' })
    .returning()
    .get().id
  for (const role of roles) getDb().insert(schema.userRoles).values({ userId: id, role }).run()
  return { id, name }
}
function refusal(f: () => unknown) {
  try {
    f()
  } catch (error) {
    if (error instanceof BlocsError) return { status: error.status, message: error.message, field: error.field }
    throw error
  }
  throw new Error('not refused')
}

let sessionId = ''
let otherSession = ''
const people = {} as Record<'juror' | 'juror2' | 'learner' | 'tutor', { id: string; name: string }>

beforeAll(() => {
  const db = getDb()
  people.juror = person(['juror'], 'Benoît Lemaître')
  people.juror2 = person(['juror', 'tutor'], 'Chloé Aubertin')
  people.learner = person(['learner'], 'Zoé Lefèvre')
  people.tutor = person(['tutor'], 'Étienne Garnier')
  sessionId = db.insert(schema.examSessions).values({ name: 'Session 2027', startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning().get().id
  otherSession = db.insert(schema.examSessions).values({ name: 'Autre session', startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning().get().id
})
beforeEach(() => {
  const db = getDb()
  db.delete(schema.competencyBlocs).run()
  db.delete(schema.deliberations).run()
  db.update(schema.examSessions).set({ presidentId: null, resultsPublishedAt: null }).run()
})

const titles = () => blocsSettings(sessionId)!.blocs.map((b) => b.title)

describe('blocs', () => {
  it('creates blocs in order, renames, reorders and deletes them', () => {
    const a = createBloc(sessionId, '  Bloc A  ')
    const b = createBloc(sessionId, 'Bloc B')
    createBloc(sessionId, 'Bloc C')
    expect(titles()).toEqual(['Bloc A', 'Bloc B', 'Bloc C'])
    moveBloc(sessionId, b.id, 'up')
    expect(titles()).toEqual(['Bloc B', 'Bloc A', 'Bloc C'])
    moveBloc(sessionId, b.id, 'up')
    expect(titles()).toEqual(['Bloc B', 'Bloc A', 'Bloc C'])
    moveBloc(sessionId, a.id, 'down')
    expect(titles()).toEqual(['Bloc B', 'Bloc C', 'Bloc A'])
    renameBloc(sessionId, a.id, 'Bloc 1 — Veille')
    expect(titles()).toEqual(['Bloc B', 'Bloc C', 'Bloc 1 — Veille'])
    setBlocCompetencies(sessionId, a.id, ['C1.1', 'C1.2'])
    expect(deleteBloc(sessionId, a.id)).toEqual({ title: 'Bloc 1 — Veille', competencies: 2 })
    expect(titles()).toEqual(['Bloc B', 'Bloc C'])
    expect(blocsSettings(sessionId)!.unassigned).toHaveLength(51)
  })

  it('refuses an empty or duplicate title, and a bloc of another session', () => {
    const a = createBloc(sessionId, 'Bloc A')
    expect(refusal(() => createBloc(sessionId, '   '))).toMatchObject({ status: 400, field: 'title', message: 'Donnez un titre au bloc.' })
    expect(refusal(() => createBloc(sessionId, 'bloc a'))).toMatchObject({ status: 409, field: 'title' })
    expect(refusal(() => renameBloc(otherSession, a.id, 'X'))).toMatchObject({ status: 404 })
    expect(refusal(() => deleteBloc(otherSession, a.id))).toMatchObject({ status: 404 })
    expect(refusal(() => createBloc('inconnue', 'X'))).toMatchObject({ status: 404 })
    expect(titles()).toEqual(['Bloc A'])
  })

  it('puts each competency in one bloc at most: checking it in another bloc moves it', () => {
    const a = createBloc(sessionId, 'Bloc A')
    const b = createBloc(sessionId, 'Bloc B')
    expect(setBlocCompetencies(sessionId, a.id, ['C1.2', 'C1.1', 'C1.1'])).toEqual({ count: 2, moved: 0 })
    expect(setBlocCompetencies(sessionId, b.id, ['C1.2', 'C2.1'])).toEqual({ count: 2, moved: 1 })
    const s = blocsSettings(sessionId)!
    expect(s.blocs.map((x) => x.competencyIds)).toEqual([['C1.1'], ['C1.2', 'C2.1']])
    expect(s.unassigned).toHaveLength(48)
    expect(s.unassigned.slice(0, 3)).toEqual(['C1.3', 'C2.2', 'C2.3'])
    expect(refusal(() => setBlocCompetencies(sessionId, a.id, ['C99.9']))).toMatchObject({ status: 400 })
    setBlocCompetencies(sessionId, a.id, [])
    expect(blocsSettings(sessionId)!.blocs[0]!.competencyIds).toEqual([])
  })

  it('an example bloc the admin changes is no longer an example', () => {
    const id = getDb().insert(schema.competencyBlocs).values({ examSessionId: sessionId, title: 'Exemple', position: 1, example: true }).returning().get().id
    setBlocCompetencies(sessionId, id, [])
    expect(blocsSettings(sessionId)!.blocs[0]!.example).toBe(true)
    setBlocCompetencies(sessionId, id, ['C1.1'])
    expect(blocsSettings(sessionId)!.blocs[0]!.example).toBe(false)
  })

  it('locks the blocs once a deliberation is confirmed', () => {
    const a = createBloc(sessionId, 'Bloc A')
    getDb()
      .insert(schema.deliberations)
      .values({
        examSessionId: sessionId,
        learnerId: people.learner.id,
        proposed: 'deferred',
        decision: 'deferred',
        confirmedBy: people.juror.id,
        confirmedByName: people.juror.name,
        confirmedAt: new Date(),
      })
      .run()
    for (const f of [
      () => createBloc(sessionId, 'Bloc B'),
      () => renameBloc(sessionId, a.id, 'X'),
      () => moveBloc(sessionId, a.id, 'down'),
      () => deleteBloc(sessionId, a.id),
      () => setBlocCompetencies(sessionId, a.id, ['C1.1']),
    ])
      expect(refusal(f)).toMatchObject({ status: 409, message: blocs.BLOCS_LOCKED })
    expect(blocsSettings(sessionId)!.confirmed).toBe(1)
    // Another session's blocs are not locked.
    expect(createBloc(otherSession, 'Bloc B').title).toBe('Bloc B')
  })
})

describe('the jury president', () => {
  it('is a user with the juror role, listed by name', () => {
    expect(blocsSettings(sessionId)!.jurors.map((j) => j.name)).toEqual(['Benoît Lemaître', 'Chloé Aubertin'])
    expect(setPresident(sessionId, people.juror.id)).toBe('Benoît Lemaître préside désormais le jury de la session.')
    expect(blocsSettings(sessionId)!.session.presidentId).toBe(people.juror.id)
    for (const who of [people.learner, people.tutor])
      expect(refusal(() => setPresident(sessionId, who.id))).toMatchObject({ status: 400, field: 'presidentId' })
    expect(blocsSettings(sessionId)!.session.presidentId).toBe(people.juror.id)
    setPresident(sessionId, null)
    expect(blocsSettings(sessionId)!.session.presidentId).toBeNull()
  })

  it('cannot change once the results are published', () => {
    getDb().update(schema.examSessions).set({ resultsPublishedAt: new Date() }).where(eq(schema.examSessions.id, sessionId)).run()
    expect(refusal(() => setPresident(sessionId, people.juror.id))).toMatchObject({ status: 409, message: blocs.PUBLISHED })
  })
})

describe('the form', () => {
  it('parses each intent and says what was done', () => {
    const parse = (v: Record<string, unknown>) => BlocsFormSchema.parse(v)
    expect(applyBlocsForm(sessionId, parse({ intent: 'create', title: 'Bloc A' }))).toBe('Le bloc «\u00a0Bloc A\u00a0» a été ajouté.')
    const id = blocsSettings(sessionId)!.blocs[0]!.id
    expect(applyBlocsForm(sessionId, parse({ intent: 'competencies', blocId: id, competencyIds: ['C1.1', 'C1.2'] }))).toBe(
      'Le bloc contient désormais 2 compétences.',
    )
    expect(applyBlocsForm(sessionId, parse({ intent: 'delete', blocId: id }))).toMatch(/ses 2 compétences sont désormais sans bloc/)
    expect(BlocsFormSchema.safeParse({ intent: 'create', title: '' }).success).toBe(false)
    expect(BlocsFormSchema.safeParse({ intent: 'move', blocId: id, direction: 'left' }).success).toBe(false)
  })
})
