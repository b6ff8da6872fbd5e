import { beforeAll, describe, expect, it } from 'vitest'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb } = await setupTempDb('throttle')
const schema = await import('#db/schema')
const { hashPassword } = await import('./password.server')
const { login } = await import('./auth.server')
const { ACCOUNT_MAX_FAILURES, checkLoginThrottle, PAIR_FREE_FAILURES, pairDelayMs } = await import('./login-throttle.server')

const PASSWORD = 'le-bon-mot-de-passe'
const A = '203.0.113.1'
const B = '198.51.100.7'

async function createUser(email: string) {
  const db = getDb()
  const user = (
    await db
      .insert(schema.users)
      .values({ email, name: email, passwordHash: await hashPassword(PASSWORD) })
      .returning()
  )[0]!
  await db.insert(schema.userRoles).values({ userId: user.id, role: 'learner' })
}

/** A failed attempt recorded at a given time (the service stamps real attempts with the current time). */
async function failAt(email: string, ip: string, at: number) {
  await getDb()
    .insert(schema.loginAttempts)
    .values({ email, ip, succeeded: false, createdAt: new Date(at) })
}

beforeAll(() => void getDb())

// Each login spends a full scrypt hash: slow when the whole suite runs in parallel.
describe('login throttling', { timeout: 30_000 }, () => {
  it('failures from one address do not block the same account from another address', async () => {
    await createUser('pair@test.fr')
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) expect(await login('pair@test.fr', `faux-${i}`, A)).toMatchObject({ ok: false, status: 401 })
    const fromA = await login('pair@test.fr', PASSWORD, A)
    expect(fromA).toMatchObject({ ok: false, status: 429 })
    expect(fromA.ok ? '' : fromA.message).toMatch(/réessayez dans 1\u00a0minute\.$/)
    expect(await login('pair@test.fr', PASSWORD, B)).toMatchObject({ ok: true })
  })

  it('the delay for one address and one account doubles with each further failure, up to a cap', async () => {
    expect(pairDelayMs(PAIR_FREE_FAILURES - 1)).toBe(0)
    expect([5, 6, 7, 8].map((n) => pairDelayMs(n) / 60_000)).toEqual([1, 2, 4, 8])
    expect(pairDelayMs(9)).toBe(15 * 60_000)
    expect(pairDelayMs(50)).toBe(15 * 60_000)

    const email = 'grow@test.fr'
    let now = Date.now() - 60 * 60_000
    for (let i = 0; i < 5; i++) await failAt(email, A, now)
    expect(await checkLoginThrottle(email, A, now + 1_000)).toEqual({ blocked: true, retryInMinutes: 1 })
    expect(await checkLoginThrottle(email, A, now + 61_000)).toEqual({ blocked: false })
    now += 61_000
    await failAt(email, A, now)
    expect(await checkLoginThrottle(email, A, now + 1_000)).toEqual({ blocked: true, retryInMinutes: 2 })
    expect(await checkLoginThrottle(email, A, now + 121_000)).toEqual({ blocked: false })
    now += 121_000
    await failAt(email, A, now)
    expect(await checkLoginThrottle(email, A, now + 1_000)).toEqual({ blocked: true, retryInMinutes: 4 })
    expect(await checkLoginThrottle(email, B, now + 1_000)).toEqual({ blocked: false })
  })

  it('a success from an address clears that address’s count', async () => {
    await createUser('reset@test.fr')
    for (let i = 0; i < PAIR_FREE_FAILURES - 1; i++) await login('reset@test.fr', 'faux', A)
    expect(await login('reset@test.fr', PASSWORD, A)).toMatchObject({ ok: true })
    for (let i = 0; i < PAIR_FREE_FAILURES - 1; i++) await login('reset@test.fr', 'faux', A)
    expect(await login('reset@test.fr', PASSWORD, A)).toMatchObject({ ok: true })
  })

  it('many addresses together hit a per-account ceiling set high above what one address may try', async () => {
    expect(ACCOUNT_MAX_FAILURES).toBeGreaterThanOrEqual(20 * PAIR_FREE_FAILURES)
    const email = 'spray@test.fr'
    const now = Date.now()
    for (let i = 0; i < ACCOUNT_MAX_FAILURES - 1; i++) await failAt(email, `10.0.${Math.floor(i / 250)}.${i % 250}`, now - 60_000)
    expect(await checkLoginThrottle(email, B, now)).toEqual({ blocked: false })
    await failAt(email, '10.9.9.9', now - 60_000)
    expect(await checkLoginThrottle(email, B, now)).toMatchObject({ blocked: true })
    expect(await checkLoginThrottle(email, B, now + 15 * 60_000)).toEqual({ blocked: false })
  })
})
