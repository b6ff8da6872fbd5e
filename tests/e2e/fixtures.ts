import AxeBuilder from '@axe-core/playwright'
import { test as base, expect, type Locator, type Page } from '@playwright/test'
import { and, eq, isNull } from 'drizzle-orm'
import { openAppDatabase } from '../../db/client'
import * as schema from '../../db/schema'
import { DEMO_DOMAIN, DEMO_PASSWORD } from '../../db/seed'
import type { Role } from '../../app/domain/permissions'
import { addGroupMembers, enrollLearners } from '../../app/services/dossier-provisioning.server'
import { E2E_DATABASE, E2E_PORT, E2E_SECRET } from './env'

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

let connection: ReturnType<typeof openAppDatabase> | undefined
/** The e2e server's database, opened beside it (SQLite's WAL allows both; on PostgreSQL, a pool of its own). */
export function e2eDb() {
  connection ??= openAppDatabase(E2E_DATABASE)
  return connection.db
}

export async function userIdByEmail(email: string): Promise<string> {
  const [row] = await e2eDb().select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email))
  if (!row) throw new Error(`No user ${email} in the e2e database`)
  return row.id
}

/** Creates a login session directly in the database and returns its `Cookie` header value. */
export async function sessionCookieFor(email: string): Promise<string> {
  const session = (
    await e2eDb()
      .insert(schema.loginSessions)
      .values({ userId: await userIdByEmail(email), expiresAt: new Date(Date.now() + SESSION_TTL_MS) })
      .returning()
  )[0]!
  const header = await sessionCookie.serialize(session.id)
  return header.split(';')[0]!
}

/** Logs a page's browser context in as a demo role (or any e-mail), without going through the form. */
export async function loginAs(page: Page, who: Role | { email: string }) {
  const email = typeof who === 'string' ? DEMO_ACCOUNTS[who].email : who.email
  const [name, value] = (await sessionCookieFor(email)).split(/=(.*)/s) as [string, string]
  await page.context().addCookies([{ name, value, domain: 'localhost', path: '/', httpOnly: true, sameSite: 'Lax' }])
}

/** Runs axe on the current page: zero violations allowed. */
export async function expectNoAxeViolations(page: Page) {
  // The live page: editors stay disabled until the page is hydrated.
  await page.waitForFunction(() => !document.querySelector('fieldset.field-kind[disabled], fieldset.until-hydrated[disabled]'))
  const results = await new AxeBuilder({ page }).analyze()
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(summary, 'axe violations').toEqual([])
}

const DEMO_SESSION = 'Session de démonstration'

/** A new learner enrolled in the demo session (which creates their dossiers, as in the app), so tests do not share work. */
export async function createLearner(label: string) {
  const db = e2eDb()
  const email = `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@test.local`
  const user = (
    await db
      .insert(schema.users)
      .values({ email, name: `Élève ${label}`, passwordHash: 'x' })
      .returning()
  )[0]!
  await db.insert(schema.userRoles).values({ userId: user.id, role: 'learner' })
  const session = (await db.select().from(schema.examSessions).where(eq(schema.examSessions.name, DEMO_SESSION)))[0]!
  await enrollLearners(db, session.id, [user.id])
  return { id: user.id, email, examSessionId: session.id }
}

/** A new tutor assigned, in the demo session, to these learners. */
export async function createTutorFor(label: string, learners: { id: string; examSessionId: string }[]) {
  const db = e2eDb()
  const email = `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@test.local`
  const user = (
    await db
      .insert(schema.users)
      .values({ email, name: `Tuteur ${label}`, passwordHash: 'x' })
      .returning()
  )[0]!
  await db.insert(schema.userRoles).values({ userId: user.id, role: 'tutor' })
  if (learners.length)
    await db.insert(schema.tutorAssignments).values(learners.map((l) => ({ examSessionId: l.examSessionId, tutorId: user.id, learnerId: l.id })))
  return { id: user.id, email }
}

/** A new group of these learners for a group épreuve of the demo session, with its dossier and their REX. */
export async function createGroup(evaluationId: string, learners: { id: string; examSessionId: string }[]) {
  const db = e2eDb()
  const group = (
    await db
      .insert(schema.groups)
      .values({ examSessionId: learners[0]!.examSessionId, evaluationId, name: `Groupe test ${Date.now()}` })
      .returning()
  )[0]!
  await addGroupMembers(
    db,
    group.id,
    learners.map((l) => l.id),
  )
  return group.id
}

export const BASE_URL = `http://localhost:${E2E_PORT}`

/** The id of one of a learner's dossiers (their own, or their group's). */
export async function dossierIdOf(email: string, evaluationId: string, kind: 'main' | 'rex' = 'main'): Promise<string> {
  const learnerId = await userIdByEmail(email)
  const db = e2eDb()
  const templateId = kind === 'rex' ? `${evaluationId}-rex` : evaluationId
  const [own] = await db
    .select({ id: schema.dossiers.id })
    .from(schema.dossiers)
    .where(and(eq(schema.dossiers.learnerId, learnerId), eq(schema.dossiers.templateId, templateId)))
  if (own) return own.id
  const [viaGroup] = await db
    .select({ id: schema.dossiers.id })
    .from(schema.dossiers)
    .innerJoin(schema.groupMembers, eq(schema.groupMembers.groupId, schema.dossiers.groupId))
    .where(and(eq(schema.groupMembers.learnerId, learnerId), eq(schema.dossiers.templateId, templateId), isNull(schema.dossiers.learnerId)))
  if (!viaGroup) throw new Error(`no ${templateId} dossier for ${email}`)
  return viaGroup.id
}

export async function sectionRow(dossierId: string, sectionId: string) {
  return (
    await e2eDb()
      .select()
      .from(schema.dossierSections)
      .where(and(eq(schema.dossierSections.dossierId, dossierId), eq(schema.dossierSections.sectionId, sectionId)))
  )[0]
}

export async function revisionTexts(dossierId: string, sectionId: string): Promise<string[]> {
  return (
    await e2eDb()
      .select({ content: schema.dossierRevisions.content })
      .from(schema.dossierRevisions)
      .where(and(eq(schema.dossierRevisions.dossierId, dossierId), eq(schema.dossierRevisions.sectionId, sectionId)))
  ).map((r) => JSON.stringify(r.content))
}

export const test = base
export { expect }

/** Opens a section of the dossier page (sections are closed until opened, except those with open comments). */
export async function openSection(page: Page, sectionId: string) {
  const toggle = page.locator(`[id="section-${sectionId}"] .section-toggle`)
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click()
  await expect(toggle).toHaveAttribute('aria-expanded', 'true')
}

/**
 * A data grid's cells by row (from 0) and column header, and how a user types
 * into one (double-click, type, Enter) or picks in one (a choice column).
 */
export async function gridOf(page: Page, grid: Locator) {
  const headers = await grid.getByRole('columnheader').allTextContents()
  const cell = (row: number, column: string) =>
    grid
      .locator('tbody tr')
      .nth(row)
      .locator('td')
      .nth(headers.indexOf(column) - 1)
  const fill = async (row: number, column: string, text: string) => {
    await cell(row, column).dblclick()
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.type(text)
    await page.keyboard.press('Enter')
  }
  const pick = async (row: number, column: string, label: string) => {
    await cell(row, column).dblclick()
    await grid.getByLabel(`${column}, ligne ${row + 1}`).selectOption({ label })
    await page.keyboard.press('Enter')
  }
  return { cell, fill, pick }
}

/** Screenshots the page at each width (test-results/screenshots/<name>-<width>.png) and fails if anything pokes out sideways, naming what. */
export async function noSidewaysScroll(page: Page, name: string, widths = [320, 390, 1366]) {
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 })
    await page.screenshot({ path: `test-results/screenshots/${name}-${width}.png`, fullPage: true })
    const overflow = await page.evaluate(() => {
      const width = document.documentElement.clientWidth
      const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > width + 0.5)
      return { by: document.documentElement.scrollWidth - width, wide: wide.slice(0, 3).map((e) => `${e.tagName}.${e.className}`) }
    })
    expect(overflow.by, `sideways scroll at ${width} px (${overflow.wide.join(', ')})`).toBeLessThanOrEqual(0)
  }
  await page.setViewportSize({ width: 1280, height: 900 })
}
