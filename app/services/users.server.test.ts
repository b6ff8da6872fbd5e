import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '~/domain/permissions'
import { setupTempDb } from '../../tests/unit/temp-db'

process.env.SESSION_SECRET ??= 'users-test-secret'
const { getDb } = await setupTempDb('users')
const schema = await import('#db/schema')
const { searchUsers, setAccountActive, USERS_PAGE_SIZE } = await import('./users.server')
const { getUser, login, DEACTIVATED } = await import('./auth.server')
const { hashPassword } = await import('./password.server')

const PASSWORD = 'Un mot de passe solide 2026'
let sessionId = ''
const ids: Record<string, string> = {}

async function person(key: string, name: string, email: string, roles: Role[], passwordHash = 'x') {
  const id = (await getDb().insert(schema.users).values({ email, name, passwordHash }).returning())[0]!.id
  for (const role of roles) await getDb().insert(schema.userRoles).values({ userId: id, role })
  ids[key] = id
  return id
}

beforeAll(async () => {
  const db = getDb()
  sessionId = (await db.insert(schema.examSessions).values({ name: 'Session test', startsOn: '2026-09-01', endsOn: '2027-06-30' }).returning())[0]!.id
  const hash = await hashPassword(PASSWORD)
  await person('zoe', 'Zoé Lefèvre', 'zoe@test.fr', ['learner'], hash)
  await person('mael', 'Maël Dupré', 'mael@test.fr', ['learner'])
  await person('tutor', 'Étienne Garnier', 'etienne@test.fr', ['tutor'])
  await person('juror', 'Benoît 100%_sûr', 'benoit@test.fr', ['juror', 'tutor'])
  await db.insert(schema.enrollments).values({ examSessionId: sessionId, learnerId: ids.zoe! })
  await db.insert(schema.tutorAssignments).values({ examSessionId: sessionId, tutorId: ids.tutor!, learnerId: ids.zoe! })
  // Enough learners for three pages.
  for (let i = 0; i < USERS_PAGE_SIZE * 2 + 5; i++) await person(`l${i}`, `Candidat ${String(i).padStart(3, '0')}`, `c${i}@test.fr`, ['learner'])
})

const all = { q: '', role: null, sessionId: null, state: null, page: 1 } as const
const names = (r: Awaited<ReturnType<typeof searchUsers>>) => r.rows.map((u) => u.name)

describe('searchUsers', () => {
  it('pages by name, and clamps the page to the pages there are', async () => {
    const first = await searchUsers(all)
    expect(first.total).toBe(USERS_PAGE_SIZE * 2 + 9)
    expect(first.pages).toBe(3)
    expect(first.rows).toHaveLength(USERS_PAGE_SIZE)
    expect(first.rows[0]!.name).toBe('Benoît 100%_sûr')
    const last = await searchUsers({ ...all, page: 99 })
    expect(last.page).toBe(3)
    expect(last.rows).toHaveLength(9)
    expect((await searchUsers({ ...all, page: -4 })).page).toBe(1)
  })

  it('searches the name and the e-mail, whatever the case, with % and _ taken literally', async () => {
    expect(names(await searchUsers({ ...all, q: 'lefèvre' }))).toEqual(['Zoé Lefèvre'])
    expect(names(await searchUsers({ ...all, q: 'ETIENNE@' }))).toEqual(['Étienne Garnier'])
    expect(names(await searchUsers({ ...all, q: '100%_' }))).toEqual(['Benoît 100%_sûr'])
    expect((await searchUsers({ ...all, q: '%' })).total).toBe(1)
  })

  it('filters by role, by session (its learners, tutors and jurors) and by state', async () => {
    expect(names(await searchUsers({ ...all, role: 'tutor' }))).toEqual(['Benoît 100%_sûr', 'Étienne Garnier'])
    expect(names(await searchUsers({ ...all, sessionId }))).toEqual(['Étienne Garnier', 'Zoé Lefèvre'])
    expect(names(await searchUsers({ ...all, sessionId, role: 'learner' }))).toEqual(['Zoé Lefèvre'])
    expect((await searchUsers({ ...all, sessionId: 'inconnue' })).total).toBe(0)
    expect((await searchUsers({ ...all, state: 'inactive' })).total).toBe(0)
  })
})

describe('setAccountActive', () => {
  it('deactivates: the sessions end at once, the login is refused with the right password only, the work stays', async () => {
    const ok = await login('zoe@test.fr', PASSWORD)
    expect(ok.ok).toBe(true)
    const cookie = ok.ok ? ok.cookie.split(';')[0]! : ''
    const request = () => new Request('http://localhost/', { headers: { Cookie: cookie } })
    expect((await getUser(request()))?.id).toBe(ids.zoe)

    expect(await setAccountActive(ids.zoe!, false)).toBe(true)
    expect(await setAccountActive(ids.zoe!, false)).toBe(false)
    expect(await getUser(request())).toBeNull()
    expect(await getDb().select().from(schema.loginSessions).where(eq(schema.loginSessions.userId, ids.zoe!))).toEqual([])
    expect(await getDb().select().from(schema.enrollments).where(eq(schema.enrollments.learnerId, ids.zoe!))).toHaveLength(1)
    expect(await login('zoe@test.fr', PASSWORD)).toMatchObject({ ok: false, status: 401, message: DEACTIVATED })
    // A wrong password says nothing of the account's state.
    expect(await login('zoe@test.fr', 'pas le bon')).toMatchObject({ ok: false, message: 'Adresse e-mail ou mot de passe incorrect.' })
    expect(names(await searchUsers({ ...all, state: 'inactive' }))).toEqual(['Zoé Lefèvre'])

    expect(await setAccountActive(ids.zoe!, true)).toBe(true)
    expect((await login('zoe@test.fr', PASSWORD)).ok).toBe(true)
    expect((await searchUsers({ ...all, state: 'inactive' })).total).toBe(0)
  })
})
