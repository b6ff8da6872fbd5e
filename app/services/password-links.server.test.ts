import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { NO_PASSWORD, PASSWORD_LINK_DAYS } from '~/domain/cohort-import'
import { setupTempDb } from '../../tests/unit/temp-db'

const { getDb } = await setupTempDb('links')
const schema = await import('#db/schema')
const { createPasswordLink, findPasswordLink, hashToken, passwordLinkPath, redeemPasswordLink, PASSWORD_LINK_MESSAGES } =
  await import('./password-links.server')
const { verifyPassword } = await import('./password.server')
const { login } = await import('./auth.server')

let n = 0
async function learner() {
  const user = (
    await getDb()
      .insert(schema.users)
      .values({ email: `l${++n}@test.fr`, name: `Anaïs N’Diaye ${n}`, passwordHash: NO_PASSWORD })
      .returning()
  )[0]!
  await getDb().insert(schema.userRoles).values({ userId: user.id, role: 'learner' })
  return user
}
const now = new Date('2027-03-01T10:00:00Z')
const DAY = 24 * 60 * 60 * 1000
const link = async (userId: string, at = now) => await createPasswordLink(getDb(), { userId, purpose: 'welcome', createdBy: null, now: at })

describe('password links', () => {
  it('stores only the SHA-256 of a random base64url token, valid PASSWORD_LINK_DAYS days', async () => {
    const user = await learner()
    const a = await link(user.id)
    const b = await link(user.id)
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(a.token).not.toBe(b.token)
    expect(a.expiresAt).toBe(now.getTime() + PASSWORD_LINK_DAYS * DAY)
    const rows = await getDb().select().from(schema.passwordLinks).where(eq(schema.passwordLinks.userId, user.id))
    expect(rows.map((r) => r.tokenHash).sort()).toEqual([hashToken(a.token), hashToken(b.token)].sort())
    expect(rows.map((r) => r.tokenHash)).not.toContain(a.token)
    expect(hashToken(a.token)).toMatch(/^[0-9a-f]{64}$/)
    expect(passwordLinkPath(a.token)).toBe(`/mot-de-passe/${a.token}`)
  })

  it('finds the owner of a valid link, and says why another cannot be used', async () => {
    const user = await learner()
    const { token, expiresAt } = await link(user.id)
    expect(await findPasswordLink(token, now)).toEqual({ ok: true, userId: user.id, name: user.name, email: user.email, purpose: 'welcome', expiresAt })
    expect(await findPasswordLink(token, new Date(expiresAt))).toEqual({ ok: false, reason: 'expired', message: PASSWORD_LINK_MESSAGES.expired })
    expect(await findPasswordLink('x'.repeat(43), now)).toMatchObject({ ok: false, reason: 'unknown' })
    expect(await findPasswordLink('not a token', now)).toMatchObject({ ok: false, reason: 'unknown' })
  })

  it('sets the password once, invalidates the other links and revokes the sessions', async () => {
    const user = await learner()
    const first = await link(user.id)
    const second = await link(user.id)
    await getDb()
      .insert(schema.loginSessions)
      .values({ userId: user.id, expiresAt: new Date(Date.now() + DAY) })
    expect(await verifyPassword('n’importe quoi', NO_PASSWORD)).toBe(false)

    expect(await redeemPasswordLink(second.token, 'court', now)).toEqual({
      ok: false,
      reason: 'password',
      message: 'Le mot de passe doit compter au moins 10 caractères.',
    })
    expect(await redeemPasswordLink(second.token, 'Un mot de passe sûr', now)).toEqual({ ok: true, userId: user.id, email: user.email })

    const stored = (await getDb().select().from(schema.users).where(eq(schema.users.id, user.id)))[0]!
    expect(await verifyPassword('Un mot de passe sûr', stored.passwordHash)).toBe(true)
    expect(await getDb().select().from(schema.loginSessions).where(eq(schema.loginSessions.userId, user.id))).toEqual([])
    expect(await findPasswordLink(second.token, now)).toMatchObject({ ok: false, reason: 'used' })
    expect(await findPasswordLink(first.token, now)).toMatchObject({ ok: false, reason: 'used' })
    expect(await redeemPasswordLink(second.token, 'Un autre mot de passe', now)).toMatchObject({ ok: false, reason: 'used' })
    expect(await redeemPasswordLink(first.token, 'Un autre mot de passe', now)).toMatchObject({ ok: false, reason: 'used' })
    const again = (await getDb().select().from(schema.users).where(eq(schema.users.id, user.id)))[0]!
    expect(again.passwordHash).toBe(stored.passwordHash)
    expect((await login(user.email, 'Un mot de passe sûr')).ok).toBe(true)
  })

  it('refuses an expired link and leaves the account unusable', async () => {
    const user = await learner()
    const { token } = await link(user.id, new Date(now.getTime() - (PASSWORD_LINK_DAYS + 1) * DAY))
    expect(await redeemPasswordLink(token, 'Un mot de passe sûr', now)).toEqual({ ok: false, reason: 'expired', message: PASSWORD_LINK_MESSAGES.expired })
    expect((await getDb().select().from(schema.users).where(eq(schema.users.id, user.id)))[0]!.passwordHash).toBe(NO_PASSWORD)
    expect((await login(user.email, NO_PASSWORD)).ok).toBe(false)
  })
})
