import { eq } from 'drizzle-orm'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Role } from '~/domain/permissions'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb } = await setupTempDb('blocs')
const schema = await import('#db/schema')
const blocs = await import('./blocs.server')
const { applyBlocsForm, BlocsError, BlocsFormSchema, blocsSettings, createBloc, deleteBloc, moveBloc, renameBloc, setBlocCompetencies, setPresident } = blocs

let n = 0
async function person(roles: Role[], name: string) {
  const id = (
    await getDb()
      .insert(schema.users)
      .values({ email: `b${++n}@test.fr`, name, passwordHash: 'x' })
      .returning()
  )[0]!.id
  for (const role of roles) await getDb().insert(schema.userRoles).values({ userId: id, role })
  return { id, name }
}
async function refusal(f: () => Promise<unknown>) {
  try {
    await f()
  } catch (error) {
    if (error instanceof BlocsError) return { status: error.status, message: error.message, field: error.field }
    throw error
  }
  throw new Error('not refused')
}

let sessionId = ''
let otherSession = ''
const people = {} as Record<'juror' | 'juror2' | 'learner' | 'tutor', { id: string; name: string }>

beforeAll(async () => {
  const db = getDb()
  people.juror = await person(['juror'], 'Benoît Lemaître')
  people.juror2 = await person(['juror', 'tutor'], 'Chloé Aubertin')
  people.learner = await person(['learner'], 'Zoé Lefèvre')
  people.tutor = await person(['tutor'], 'Étienne Garnier')
  sessionId = (await db.insert(schema.examSessions).values({ name: 'Session 2027', startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning())[0]!.id
  otherSession = (await db.insert(schema.examSessions).values({ name: 'Autre session', startsOn: '2027-01-01', endsOn: '2027-06-30' }).returning())[0]!.id
})
beforeEach(async () => {
  const db = getDb()
  await db.delete(schema.competencyBlocs)
  await db.delete(schema.deliberations)
  await db.update(schema.examSessions).set({ presidentId: null, resultsPublishedAt: null })
})

const titles = async () => (await blocsSettings(sessionId))!.blocs.map((b) => b.title)

describe('blocs', () => {
  it('creates blocs in order, renames, reorders and deletes them', async () => {
    const a = await createBloc(sessionId, '  Bloc A  ')
    const b = await createBloc(sessionId, 'Bloc B')
    await createBloc(sessionId, 'Bloc C')
    expect(await titles()).toEqual(['Bloc A', 'Bloc B', 'Bloc C'])
    await moveBloc(sessionId, b.id, 'up')
    expect(await titles()).toEqual(['Bloc B', 'Bloc A', 'Bloc C'])
    await moveBloc(sessionId, b.id, 'up')
    expect(await titles()).toEqual(['Bloc B', 'Bloc A', 'Bloc C'])
    await moveBloc(sessionId, a.id, 'down')
    expect(await titles()).toEqual(['Bloc B', 'Bloc C', 'Bloc A'])
    await renameBloc(sessionId, a.id, 'Bloc 1 — Veille')
    expect(await titles()).toEqual(['Bloc B', 'Bloc C', 'Bloc 1 — Veille'])
    await setBlocCompetencies(sessionId, a.id, ['C1.1', 'C1.2'])
    expect(await deleteBloc(sessionId, a.id)).toEqual({ title: 'Bloc 1 — Veille', competencies: 2 })
    expect(await titles()).toEqual(['Bloc B', 'Bloc C'])
    expect((await blocsSettings(sessionId))!.unassigned).toHaveLength(51)
  })

  it('refuses an empty or duplicate title, and a bloc of another session', async () => {
    const a = await createBloc(sessionId, 'Bloc A')
    expect(await refusal(() => createBloc(sessionId, '   '))).toMatchObject({ status: 400, field: 'title', message: 'Donnez un titre au bloc.' })
    expect(await refusal(() => createBloc(sessionId, 'bloc a'))).toMatchObject({ status: 409, field: 'title' })
    expect(await refusal(() => renameBloc(otherSession, a.id, 'X'))).toMatchObject({ status: 404 })
    expect(await refusal(() => deleteBloc(otherSession, a.id))).toMatchObject({ status: 404 })
    expect(await refusal(() => createBloc('inconnue', 'X'))).toMatchObject({ status: 404 })
    expect(await titles()).toEqual(['Bloc A'])
  })

  it('puts each competency in one bloc at most: checking it in another bloc moves it', async () => {
    const a = await createBloc(sessionId, 'Bloc A')
    const b = await createBloc(sessionId, 'Bloc B')
    expect(await setBlocCompetencies(sessionId, a.id, ['C1.2', 'C1.1', 'C1.1'])).toEqual({ count: 2, moved: 0 })
    expect(await setBlocCompetencies(sessionId, b.id, ['C1.2', 'C2.1'])).toEqual({ count: 2, moved: 1 })
    const s = (await blocsSettings(sessionId))!
    expect(s.blocs.map((x) => x.competencyIds)).toEqual([['C1.1'], ['C1.2', 'C2.1']])
    expect(s.unassigned).toHaveLength(48)
    expect(s.unassigned.slice(0, 3)).toEqual(['C1.3', 'C2.2', 'C2.3'])
    expect(await refusal(() => setBlocCompetencies(sessionId, a.id, ['C99.9']))).toMatchObject({ status: 400 })
    await setBlocCompetencies(sessionId, a.id, [])
    expect((await blocsSettings(sessionId))!.blocs[0]!.competencyIds).toEqual([])
  })

  it('an example bloc the admin changes is no longer an example', async () => {
    const id = (await getDb().insert(schema.competencyBlocs).values({ examSessionId: sessionId, title: 'Exemple', position: 1, example: true }).returning())[0]!
      .id
    await setBlocCompetencies(sessionId, id, [])
    expect((await blocsSettings(sessionId))!.blocs[0]!.example).toBe(true)
    await setBlocCompetencies(sessionId, id, ['C1.1'])
    expect((await blocsSettings(sessionId))!.blocs[0]!.example).toBe(false)
  })

  it('locks the blocs once a deliberation is confirmed', async () => {
    const a = await createBloc(sessionId, 'Bloc A')
    await getDb().insert(schema.deliberations).values({
      examSessionId: sessionId,
      learnerId: people.learner.id,
      proposed: 'deferred',
      decision: 'deferred',
      confirmedBy: people.juror.id,
      confirmedByName: people.juror.name,
      confirmedAt: new Date(),
    })
    for (const f of [
      () => createBloc(sessionId, 'Bloc B'),
      () => renameBloc(sessionId, a.id, 'X'),
      () => moveBloc(sessionId, a.id, 'down'),
      () => deleteBloc(sessionId, a.id),
      () => setBlocCompetencies(sessionId, a.id, ['C1.1']),
    ])
      expect(await refusal(f)).toMatchObject({ status: 409, message: blocs.BLOCS_LOCKED })
    expect((await blocsSettings(sessionId))!.confirmed).toBe(1)
    // Another session's blocs are not locked.
    expect((await createBloc(otherSession, 'Bloc B')).title).toBe('Bloc B')
  })
})

describe('the jury president', () => {
  it('is a user with the juror role, listed by name', async () => {
    expect((await blocsSettings(sessionId))!.jurors.map((j) => j.name)).toEqual(['Benoît Lemaître', 'Chloé Aubertin'])
    expect(await setPresident(sessionId, people.juror.id)).toBe('Benoît Lemaître préside désormais le jury de la session.')
    expect((await blocsSettings(sessionId))!.session.presidentId).toBe(people.juror.id)
    for (const who of [people.learner, people.tutor])
      expect(await refusal(() => setPresident(sessionId, who.id))).toMatchObject({ status: 400, field: 'presidentId' })
    expect((await blocsSettings(sessionId))!.session.presidentId).toBe(people.juror.id)
    await setPresident(sessionId, null)
    expect((await blocsSettings(sessionId))!.session.presidentId).toBeNull()
  })

  it('cannot change once the results are published', async () => {
    await getDb().update(schema.examSessions).set({ resultsPublishedAt: new Date() }).where(eq(schema.examSessions.id, sessionId))
    expect(await refusal(() => setPresident(sessionId, people.juror.id))).toMatchObject({ status: 409, message: blocs.PUBLISHED })
  })
})

describe('the form', () => {
  it('parses each intent and says what was done', async () => {
    const parse = (v: Record<string, unknown>) => BlocsFormSchema.parse(v)
    expect(await applyBlocsForm(sessionId, parse({ intent: 'create', title: 'Bloc A' }))).toBe('Le bloc «\u00a0Bloc A\u00a0» a été ajouté.')
    const id = (await blocsSettings(sessionId))!.blocs[0]!.id
    expect(await applyBlocsForm(sessionId, parse({ intent: 'competencies', blocId: id, competencyIds: ['C1.1', 'C1.2'] }))).toBe(
      'Le bloc contient désormais 2 compétences.',
    )
    expect(await applyBlocsForm(sessionId, parse({ intent: 'delete', blocId: id }))).toMatch(/ses 2 compétences sont désormais sans bloc/)
    expect(BlocsFormSchema.safeParse({ intent: 'create', title: '' }).success).toBe(false)
    expect(BlocsFormSchema.safeParse({ intent: 'move', blocId: id, direction: 'left' }).success).toBe(false)
  })
})
