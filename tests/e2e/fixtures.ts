import AxeBuilder from '@axe-core/playwright'
import { test as base, expect, type Page } from '@playwright/test'
import { eq } from 'drizzle-orm'
import { openDatabase } from '../../db/client'
import * as schema from '../../db/schema'
import { DEMO_DOMAIN, DEMO_PASSWORD } from '../../db/seed'
import type { Role } from '../../app/domain/permissions'
import { E2E_DATABASE, E2E_SECRET } from './env'

process.env.SESSION_SECRET = E2E_SECRET
const { sessionCookie, SESSION_TTL_MS } = await import('../../app/services/session.server')

export { DEMO_PASSWORD }

/** One demo account per role, as seeded by `npm run db:seed`. */
export const DEMO_ACCOUNTS: Record<Role, { email: string; name: string; home: string; heading: RegExp }> = {
  learner: { email: `candidat1@${DEMO_DOMAIN}`, name: 'Zoé Lefèvre', home: '/candidat', heading: /Bonjour Zoé/ },
  tutor: { email: `tuteur1@${DEMO_DOMAIN}`, name: 'Étienne Garnier', home: '/tuteur', heading: /Mes candidat·es/ },
  juror: { email: `jure1@${DEMO_DOMAIN}`, name: 'Benoît Lemaître', home: '/jury', heading: /Mes évaluations/ },
  admin: { email: `admin@${DEMO_DOMAIN}`, name: 'Hélène Dubreuil', home: '/admin', heading: /Sessions d’examen/ },
}

let connection: ReturnType<typeof openDatabase> | undefined
/** The e2e server's database, opened beside it (WAL allows both). */
export function e2eDb() {
  connection ??= openDatabase(E2E_DATABASE)
  return connection.db
}

export function userIdByEmail(email: string): string {
  const row = e2eDb().select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email)).get()
  if (!row) throw new Error(`No user ${email} in the e2e database`)
  return row.id
}

/** Creates a login session directly in the database and returns its `Cookie` header value. */
export async function sessionCookieFor(email: string): Promise<string> {
  const session = e2eDb()
    .insert(schema.loginSessions)
    .values({ userId: userIdByEmail(email), expiresAt: new Date(Date.now() + SESSION_TTL_MS) })
    .returning()
    .get()
  const header = await sessionCookie.serialize(session.id)
  return header.split(';')[0]!
}

/** Logs a page's browser context in as a demo role, without going through the form. */
export async function loginAs(page: Page, role: Role) {
  const [name, value] = (await sessionCookieFor(DEMO_ACCOUNTS[role].email)).split(/=(.*)/s) as [string, string]
  await page.context().addCookies([{ name, value, domain: 'localhost', path: '/', httpOnly: true, sameSite: 'Lax' }])
}

/** Runs axe on the current page: zero violations allowed. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze()
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(summary, 'axe violations').toEqual([])
}

export const test = base
export { expect }
