/**
 * Assignments of a session, end to end, on an exam session of its own: the
 * admin gives a learner a tutor (who then sees them on /tuteur), a juror to a
 * learner's fiche de veille (who sees the copy on /jury once it is handed
 * in), distributes the double-marked cas pratique in pairs, and is warned
 * when a tutor grades their own candidate. Accessibility and narrow screens
 * are checked on the page.
 */
import type { Page } from '@playwright/test'
import { and, eq } from 'drizzle-orm'
import * as schema from '../../db/schema'
import { enrollLearners } from '../../app/services/dossier-provisioning.server'
import { BASE_URL, e2eDb, expect, expectNoAxeViolations, loginAs, sessionCookieFor, test } from './fixtures'

test.describe.configure({ mode: 'serial' })

const DAY = 86_400_000
const ctx = {
  sessionId: '',
  one: { id: '', email: '', name: '' },
  two: { id: '', email: '', name: '' },
  tutor: { id: '', email: '', name: '' },
  juror1: { id: '', email: '', name: '' },
  juror2: { id: '', email: '', name: '' },
}

async function account(label: string, name: string, role: 'learner' | 'tutor' | 'juror', stamp: string) {
  const email = `affect-${label}-${stamp}@test.local`
  const user = (await e2eDb().insert(schema.users).values({ email, name, passwordHash: 'x' }).returning())[0]!
  await e2eDb().insert(schema.userRoles).values({ userId: user.id, role })
  return { id: user.id, email, name }
}

test.beforeAll(async () => {
  const db = e2eDb()
  const stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`
  const suffix = stamp.slice(-6)
  ctx.sessionId = (
    await db
      .insert(schema.examSessions)
      .values({ name: `Session affectations ${suffix}`, startsOn: '2027-01-04', endsOn: '2027-06-30' })
      .returning()
  )[0]!.id
  for (const [evaluationId, doubleMarking] of [
    ['fiche-veille', false],
    ['cas-pratique-a3', true],
  ] as const)
    await db
      .insert(schema.evaluationInstances)
      .values({ examSessionId: ctx.sessionId, evaluationId, dueAt: new Date(Date.now() + 7 * DAY), cutoffAt: new Date(Date.now() + 10 * DAY), doubleMarking })
  ctx.one = await account('un', `Élève affectée ${suffix}`, 'learner', stamp)
  ctx.two = await account('deux', `Élève bis ${suffix}`, 'learner', stamp)
  await enrollLearners(db, ctx.sessionId, [ctx.one.id, ctx.two.id])
  ctx.tutor = await account('tuteur', `Tuteur affect ${suffix}`, 'tutor', stamp)
  ctx.juror1 = await account('jure1', `Jurée Alpha ${suffix}`, 'juror', stamp)
  ctx.juror2 = await account('jure2', `Juré Bêta ${suffix}`, 'juror', stamp)
})

const pageUrl = () => `/admin/sessions/${ctx.sessionId}/affectations`
const epreuve = (page: Page, evaluationId: string) => page.locator(`article:has(#epreuve-${evaluationId})`)
async function openCopies(page: Page, evaluationId: string) {
  const details = epreuve(page, evaluationId).locator('details.assign__copies')
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click()
  return details
}
async function hydrated(page: Page) {
  await page.waitForFunction(() => Boolean((window as unknown as { __remixContext?: unknown }).__remixContext))
  await page.waitForLoadState('networkidle')
}

test('the admin gives a learner a tutor, who then sees them on /tuteur', async ({ page, browser }) => {
  await loginAs(page, 'admin')
  const missing = await page.goto(`/admin/sessions/inconnue/affectations`)
  expect(missing?.status()).toBe(404)
  await page.goto(pageUrl())
  await expect(page.getByRole('heading', { level: 1, name: 'Affectations' })).toBeVisible()
  await hydrated(page)
  await expectNoAxeViolations(page)

  const form = page.locator('#form-tutor')
  await form.getByLabel('Tuteur·rice').selectOption(ctx.tutor.id)
  await form.getByLabel(ctx.one.name).check()
  await form.getByRole('button', { name: 'Confier les candidat·es cochés' }).click()
  const message = page.locator('#tutor-message')
  await expect(message).toContainText(`${ctx.tutor.name} suit désormais 1\u00a0candidat·e de plus.`)
  await expect(message).toBeFocused()
  const card = page.locator('.assign__tutors > li', { has: page.getByRole('heading', { name: ctx.tutor.name }) })
  await expect(card.getByRole('list', { name: `Candidat·es suivi·es par ${ctx.tutor.name}` })).toContainText(ctx.one.name)

  const tutorContext = await browser.newContext({ baseURL: BASE_URL })
  const tutorPage = await tutorContext.newPage()
  await loginAs(tutorPage, { email: ctx.tutor.email })
  await tutorPage.goto('/tuteur')
  await expect(tutorPage.getByText(ctx.one.name)).toBeVisible()
  await expect(tutorPage.getByText(ctx.two.name)).toHaveCount(0)
  await tutorContext.close()
})

test('a juror set on a fiche de veille sees the copy once handed in', async ({ page, browser, request }) => {
  await loginAs(page, 'admin')
  await page.goto(pageUrl())
  await hydrated(page)
  const fiche = epreuve(page, 'fiche-veille')
  await expect(fiche).toContainText('2\u00a0copies · 0\u00a0attribuées · 2\u00a0sans juré·e')
  await openCopies(page, 'fiche-veille')
  await fiche.getByLabel(`Juré·e de ${ctx.one.name}`).selectOption(ctx.juror1.id)
  await fiche.getByRole('button', { name: `Enregistrer les juré·es de ${ctx.one.name}` }).click()
  const message = page.locator(`#jurors-fiche-veille-${ctx.one.id}-message`)
  await expect(message).toContainText(`${ctx.juror1.name} corrige la copie de ${ctx.one.name}`)
  await expect(message).toBeFocused()
  await expect(fiche.getByRole('row', { name: new RegExp(ctx.one.name) })).toContainText(ctx.juror1.name)
  await expect(fiche).toContainText('1\u00a0attribuée · 1\u00a0sans juré·e')

  // The learner hands the fiche in through the app's own form post.
  const db = e2eDb()
  const dossierId = (
    await db
      .select({ id: schema.dossiers.id })
      .from(schema.dossiers)
      .where(and(eq(schema.dossiers.learnerId, ctx.one.id), eq(schema.dossiers.examSessionId, ctx.sessionId), eq(schema.dossiers.templateId, 'fiche-veille')))
  )[0]!.id
  const cookie = await sessionCookieFor(ctx.one.email)
  const content = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Une enseigne de cosmétiques bio suit ses concurrents.' }] }] }
  const save = await request.post(`/api/dossiers/${dossierId}/sections/contexte`, { headers: { Cookie: cookie }, data: { baseVersion: 0, content } })
  expect(save.status(), await save.text()).toBe(200)
  const handIn = await request.post(`/dossiers/${dossierId}/depot`, {
    headers: { Cookie: cookie, Origin: BASE_URL },
    form: { intent: 'hand-in', confirmed: 'on' },
    maxRedirects: 0,
  })
  expect(handIn.status(), await handIn.text()).toBeLessThan(400)

  const jurorContext = await browser.newContext({ baseURL: BASE_URL })
  const jurorPage = await jurorContext.newPage()
  await loginAs(jurorPage, { email: ctx.juror1.email })
  await jurorPage.goto('/jury')
  await expect(jurorPage.getByText(ctx.one.name).first()).toBeVisible()
  await expect(jurorPage.getByText(ctx.two.name)).toHaveCount(0)
  await jurorContext.close()
})

test('the double-marked cas pratique is distributed in pairs', async ({ page }) => {
  await loginAs(page, 'admin')
  await page.goto(pageUrl())
  await hydrated(page)
  const cas = epreuve(page, 'cas-pratique-a3')
  await expect(cas).toContainText('Double correction')
  await cas.getByLabel(ctx.juror1.name).check()
  // One juror is not enough for pairs: refused, with the reason.
  await cas.getByRole('button', { name: /Répartir les copies non attribuées/ }).click()
  await expect(page.locator('#bulk-cas-pratique-a3-message')).toContainText('cochez au moins deux juré·es')
  await expect(page.locator('#bulk-cas-pratique-a3-message')).toBeFocused()
  await cas.getByLabel(ctx.juror1.name).check()
  await cas.getByLabel(ctx.juror2.name).check()
  await cas.getByRole('button', { name: /Répartir les copies non attribuées/ }).click()
  const dialog = page.getByRole('dialog', { name: 'Confirmer' })
  await expect(dialog).toContainText('Répartir 2\u00a0copies sans juré·e')
  await dialog.getByRole('button', { name: 'Répartir les copies' }).click()
  const message = page.locator('#bulk-cas-pratique-a3-message')
  await expect(message).toContainText('2\u00a0copies réparties')
  // Each juror gets both copies (lead of one, second of the other), in the order of the checkboxes (by name).
  await expect(message).toContainText(`${ctx.juror2.name} 2\u00a0copies, ${ctx.juror1.name} 2\u00a0copies`)
  await expect(message).toBeFocused()
  await openCopies(page, 'cas-pratique-a3')
  // Sorted by name, the learners' pairs alternate their lead.
  const rows = cas.locator('tbody tr')
  await expect(rows).toHaveCount(2)
  const leads = await cas.locator('tbody tr .assign__jurors li:first-child').allTextContents()
  expect(leads.map((t) => t.replace(/\s+/g, ' ').trim()).sort()).toEqual([`${ctx.juror1.name} (principal·e)`, `${ctx.juror2.name} (principal·e)`].sort())
  await expect(cas).toContainText('2\u00a0attribuées · 0\u00a0sans juré·e')
  const pairs = await casAssignments()
  expect(pairs).toHaveLength(4)
})

async function casAssignments() {
  return await e2eDb()
    .select()
    .from(schema.jurorAssignments)
    .where(and(eq(schema.jurorAssignments.examSessionId, ctx.sessionId), eq(schema.jurorAssignments.evaluationId, 'cas-pratique-a3')))
}

test('a tutor who grades their own candidate is flagged; the page holds at 320 and 1366 px', async ({ page }) => {
  await e2eDb().insert(schema.userRoles).values({ userId: ctx.tutor.id, role: 'juror' }).onConflictDoNothing()
  await loginAs(page, 'admin')
  await page.goto(pageUrl())
  await hydrated(page)
  const cas = epreuve(page, 'cas-pratique-a3')
  await openCopies(page, 'cas-pratique-a3')
  await cas.getByLabel(`Juré·e principal·e de ${ctx.one.name}`).selectOption(ctx.tutor.id)
  await cas.getByLabel(`Second·e juré·e de ${ctx.one.name}`).selectOption(ctx.juror2.id)
  await cas.getByRole('button', { name: `Enregistrer les juré·es de ${ctx.one.name}` }).click()
  const message = page.locator(`#jurors-cas-pratique-a3-${ctx.one.id}-message`)
  await expect(message).toContainText(`${ctx.tutor.name} (principal·e) et ${ctx.juror2.name} corrigent la copie de ${ctx.one.name}`)
  await expect(message).toContainText(`Attention\u00a0: ${ctx.tutor.name} corrige la copie de ${ctx.one.name}`)
  const conflicts = page.getByRole('region', { name: /copie corrigée par le tuteur ou la tutrice/ })
  await expect(conflicts).toContainText(`${ctx.tutor.name} corrige la copie de ${ctx.one.name} pour «\u00a0Cas pratique professionnel\u00a0»`)
  await expectNoAxeViolations(page)

  await openCopies(page, 'fiche-veille')
  for (const width of [320, 1366]) {
    await page.setViewportSize({ width, height: 900 })
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow, `sideways scroll at ${width}px`).toBeLessThanOrEqual(0)
    await page.screenshot({ path: `test-results/screenshots/assignments-${width}.png`, fullPage: true })
  }
})

test('removing a tutoring asks first, then lifts the warning', async ({ page }) => {
  await loginAs(page, 'admin')
  await page.goto(pageUrl())
  await hydrated(page)
  await page.getByRole('button', { name: `Retirer ${ctx.one.name} de ${ctx.tutor.name}` }).click()
  const dialog = page.getByRole('dialog', { name: 'Confirmer' })
  await expect(dialog).toContainText(`${ctx.tutor.name} ne suivra plus ${ctx.one.name}`)
  await dialog.getByRole('button', { name: 'Annuler' }).click()
  await expect(page.getByRole('list', { name: `Candidat·es suivi·es par ${ctx.tutor.name}` })).toContainText(ctx.one.name)
  await page.getByRole('button', { name: `Retirer ${ctx.one.name} de ${ctx.tutor.name}` }).click()
  await dialog.getByRole('button', { name: 'Retirer le tutorat' }).click()
  const message = page.locator('#page-message')
  await expect(message).toHaveText(`${ctx.tutor.name} ne suit plus ${ctx.one.name}.`)
  await expect(message).toBeFocused()
  await expect(page.getByRole('list', { name: `Candidat·es suivi·es par ${ctx.tutor.name}` })).toHaveCount(0)
  await expect(page.getByRole('region', { name: /corrigée par le tuteur ou la tutrice/ })).toHaveCount(0)
})

test('a large épreuve shows its copies 50 at a time', async ({ page }) => {
  const db = e2eDb()
  const stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`
  const sessionId = (
    await db
      .insert(schema.examSessions)
      .values({ name: `Session nombreuse ${stamp.slice(-6)}`, startsOn: '2027-01-04', endsOn: '2027-06-30' })
      .returning()
  )[0]!.id
  await db
    .insert(schema.evaluationInstances)
    .values({ examSessionId: sessionId, evaluationId: 'fiche-veille', dueAt: new Date(Date.now() + 7 * DAY), cutoffAt: new Date(Date.now() + 10 * DAY) })
  const learners = []
  for (let i = 0; i < 51; i++) learners.push(await account(`n${i}`, `Élève n° ${String(i + 1).padStart(2, '0')}`, 'learner', stamp))
  await enrollLearners(
    db,
    sessionId,
    learners.map((l) => l.id),
  )
  await loginAs(page, 'admin')
  await page.goto(`/admin/sessions/${sessionId}/affectations`)
  const fiche = epreuve(page, 'fiche-veille')
  await expect(fiche).toContainText('51\u00a0copies')
  await expect(fiche.locator('details.assign__copies')).not.toHaveAttribute('open')
  await hydrated(page)
  await openCopies(page, 'fiche-veille')
  await expect(fiche.locator('tbody tr')).toHaveCount(50)
  await expect(fiche.getByRole('navigation')).toContainText('Page 1 sur 2')
  await fiche.getByRole('link', { name: 'Page suivante' }).click()
  await expect(page).toHaveURL(/copies-fiche-veille=2/)
  await expect(fiche.locator('tbody tr')).toHaveCount(1)
  await expect(fiche.locator('tbody tr')).toContainText('Élève n° 51')
  await expect(fiche.getByRole('navigation')).toContainText('Page 2 sur 2')
})
