/**
 * Double marking, end to end: two jurors grade the same anonymous copy
 * independently — neither sees the other's levels or comments, on the page
 * or in its data request, until both grids are closed —, then the lead juror
 * records the agreed levels with the keyboard and closes the confrontation
 * (after a confirmation), the steps go to the audit trail, and the second
 * juror reads it all without being able to change it. Fresh data: a new
 * learner of the demo session hands in the double-marked cas pratique
 * (db/seed-double.ts), graded by two new jurors.
 */
import type { APIRequestContext, Page } from '@playwright/test'
import { and, eq } from 'drizzle-orm'
import * as schema from '../../db/schema'
import { BASE_URL, createLearner, e2eDb, expect, expectNoAxeViolations, loginAs, sessionCookieFor, test } from './fixtures'

const EVALUATION = 'cas-pratique-a3'
const DAY = 86_400_000
const LEAD_SAYS = 'Avis du principal : la cible est chiffrée et justifiée.'
const SECOND_SAYS = 'Avis du second : la taille des cibles n’est pas reliée aux chiffres.'

const ctx = { learner: { id: '', email: '', name: '' }, lead: { id: '', email: '', assignment: '' }, second: { id: '', email: '', assignment: '' }, code: '' }

async function newJuror(label: string) {
  const db = e2eDb()
  const email = `jure-double-${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@test.local`
  const user = (
    await db
      .insert(schema.users)
      .values({ email, name: `Juré ${label}`, passwordHash: 'x' })
      .returning()
  )[0]!
  await db.insert(schema.userRoles).values({ userId: user.id, role: 'juror' })
  return { id: user.id, email }
}

test.beforeAll(async ({ request }: { request: APIRequestContext }) => {
  const db = e2eDb()
  const learner = await createLearner('double')
  ctx.learner = { id: learner.id, email: learner.email, name: 'Élève double' }
  const instance = (
    await db
      .select()
      .from(schema.evaluationInstances)
      .where(and(eq(schema.evaluationInstances.examSessionId, learner.examSessionId), eq(schema.evaluationInstances.evaluationId, EVALUATION)))
  )[0]!
  expect(instance.doubleMarking, 'the demo seed double-marks the cas pratique A3').toBe(true)
  expect(instance.anonymous).toBe(true)
  // Whatever the seed's dates: an extension lets this learner hand in now.
  await db.insert(schema.deadlineExtensions).values({
    instanceId: instance.id,
    learnerId: learner.id,
    dueAt: new Date(Date.now() + 7 * DAY),
    cutoffAt: new Date(Date.now() + 10 * DAY),
    reason: 'Tiers temps',
  })
  const lead = await newJuror('principal')
  const second = await newJuror('second')
  const assign = async (jurorId: string, lead: boolean) =>
    (
      await db
        .insert(schema.jurorAssignments)
        .values({ examSessionId: learner.examSessionId, jurorId, evaluationId: EVALUATION, learnerId: learner.id, lead })
        .returning()
    )[0]!.id
  ctx.lead = { ...lead, assignment: await assign(lead.id, true) }
  ctx.second = { ...second, assignment: await assign(second.id, false) }

  const dossierId = (
    await db
      .select({ id: schema.dossiers.id })
      .from(schema.dossiers)
      .where(and(eq(schema.dossiers.learnerId, learner.id), eq(schema.dossiers.templateId, EVALUATION)))
  )[0]!.id
  const cookie = await sessionCookieFor(learner.email)
  const content = {
    type: 'doc',
    content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Étiquettes en corps 14, contraste renforcé, recharge sans parfum.' }] }],
  }
  const save = await request.post(`/api/dossiers/${dossierId}/sections/inclusion`, { headers: { Cookie: cookie }, data: { baseVersion: 0, content } })
  expect(save.status(), await save.text()).toBe(200)
  const handIn = await request.post(`/dossiers/${dossierId}/depot`, {
    headers: { Cookie: cookie, Origin: BASE_URL },
    form: { intent: 'hand-in', confirmed: 'on' },
    maxRedirects: 0,
  })
  expect(handIn.status(), await handIn.text()).toBeLessThan(400)
  ctx.code = (
    await db
      .select({ code: schema.candidateCodes.code })
      .from(schema.candidateCodes)
      .where(and(eq(schema.candidateCodes.instanceId, instance.id), eq(schema.candidateCodes.subjectId, learner.id)))
  )[0]!.code
})

const row = (page: Page, criterionId: string) => page.locator(`[data-row="${criterionId}|written|"]`)
const cell = (page: Page, criterionId: string) => page.locator(`[data-cell="${criterionId}|written|"]`)

async function gridReady(page: Page) {
  await page.waitForFunction(() => !document.querySelector('fieldset.until-hydrated[disabled]'))
}
async function expectSaved(page: Page) {
  await expect(page.locator('.jury-status .save-status')).toHaveText(/^Enregistré/)
}

/** Presses Tab until `target` has focus; fails after `max` presses. */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, max = 200) {
  const handle = await target.elementHandle()
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate((el) => document.activeElement === el, handle)) return
  }
  throw new Error(`Tab never reached ${String(target)}`)
}

async function noSidewaysScroll(page: Page) {
  for (const width of [320, 1366]) {
    await page.setViewportSize({ width, height: 900 })
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow, `sideways scroll at ${width} px`).toBeLessThanOrEqual(0)
  }
}

/** Grades criteria in the grid, as a juror does (closing is a separate step). */
async function grade(page: Page, assignmentId: string, grades: { criterionId: string; level: 'Acquis' | 'Non acquis'; comment?: string }[]) {
  await page.goto(`/jury/copies/${assignmentId}`)
  await gridReady(page)
  for (const g of grades) {
    await row(page, g.criterionId).getByRole('radio', { name: g.level, exact: true }).check()
    await expectSaved(page)
    if (g.comment) {
      await row(page, g.criterionId)
        .getByRole('textbox', { name: /Commentaire/ })
        .fill(g.comment)
      await row(page, g.criterionId)
        .getByRole('textbox', { name: /Commentaire/ })
        .blur()
      await expectSaved(page)
    }
  }
}
async function closeGrid(page: Page) {
  await page.getByRole('button', { name: 'Clore la grille' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Clore la grille' }).click()
  await expect(page.getByText('Grille close', { exact: true })).toBeVisible()
}

/** The single-fetch data of a page, as the browser asks for it on client navigation. */
async function dataOf(page: Page, path: string): Promise<string> {
  const res = await page.request.get(`${path}.data`)
  return res.text()
}

test('two jurors grade the same copy blind, then the lead reconciles with the keyboard and the second reads it', async ({ browser }) => {
  test.setTimeout(240_000)
  const contexts = await Promise.all([browser.newContext(), browser.newContext()])
  const [lead, second] = (await Promise.all(contexts.map((c) => c.newPage()))) as [Page, Page]
  await loginAs(lead, { email: ctx.lead.email })
  await loginAs(second, { email: ctx.second.email })
  const leadUrl = `/jury/copies/${ctx.lead.assignment}`
  const secondUrl = `/jury/copies/${ctx.second.assignment}`

  // The list says « Double correction ».
  await lead.goto('/jury')
  const instance = lead.getByRole('region', { name: /Cas pratique professionnel \(C3\.1/ })
  await expect(instance.getByRole('row', { name: new RegExp(ctx.code) })).toContainText('Double correction')

  // Each grades on their own: they diverge on C3.1-1 (levels) and C3.2-1 (the second gives no level); agree on C3.1-2.
  await grade(lead, ctx.lead.assignment, [
    { criterionId: 'C3.1-1', level: 'Acquis', comment: LEAD_SAYS },
    { criterionId: 'C3.1-2', level: 'Acquis' },
    { criterionId: 'C3.2-1', level: 'Acquis' },
  ])
  await expect(lead.getByText(/Vous corrigez cette copie sans voir la grille de Juré second/)).toBeVisible()
  await grade(second, ctx.second.assignment, [
    { criterionId: 'C3.1-1', level: 'Non acquis', comment: SECOND_SAYS },
    { criterionId: 'C3.1-2', level: 'Acquis' },
  ])

  // Neither sees the other's grid: not on the grid page, not in its data, not on the confrontation page (409, who still has to close).
  for (const [page, url, secret, own] of [
    [lead, leadUrl, SECOND_SAYS, LEAD_SAYS],
    [second, secondUrl, LEAD_SAYS, SECOND_SAYS],
  ] as const) {
    await page.goto(url)
    await gridReady(page)
    expect(await page.content()).not.toContain(secret)
    // The data request is the real one: it carries the juror's own comment, never the other's.
    const data = await dataOf(page, url)
    expect(data).toContain(own)
    expect(data).not.toContain(secret)
    const res = await page.goto(`${url}/confrontation`)
    expect(res?.status()).toBe(409)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confrontation des deux corrections')
    await expect(page.getByRole('heading', { name: 'La confrontation n’est pas encore ouverte' })).toBeVisible()
    await expect(page.getByText(/Votre grille\s:\spas encore close/)).toBeVisible()
    expect(await page.content()).not.toContain(secret)
    const waiting = await dataOf(page, `${url}/confrontation`)
    expect(waiting).toContain('waiting')
    expect(waiting).not.toContain(secret)
    expect(waiting).not.toContain(own)
    await expectNoAxeViolations(page)
  }
  // The lead closes first: the second is told, and still sees nothing of the lead's grid.
  await lead.goto(leadUrl)
  await gridReady(lead)
  await closeGrid(lead)
  await second.goto(`${secondUrl}/confrontation`)
  await expect(second.getByText(/La grille de Juré principal\s:\sclose/)).toBeVisible()
  expect(await second.content()).not.toContain(LEAD_SAYS)
  const stillWaiting = await dataOf(second, `${secondUrl}/confrontation`)
  expect(stillWaiting).toContain('waiting')
  expect(stillWaiting).not.toContain(LEAD_SAYS)
  await second.goto(secondUrl)
  await gridReady(second)
  await closeGrid(second)

  // Both closed: « À confronter », opened from the list with the keyboard.
  await lead.goto('/jury')
  const copyRow = lead.getByRole('region', { name: /Cas pratique professionnel \(C3\.1/ }).getByRole('row', { name: new RegExp(ctx.code) })
  await expect(copyRow).toContainText('À confronter')
  const open = copyRow.getByRole('link', { name: /Confronter les deux corrections/ })
  await tabTo(lead, open)
  await lead.keyboard.press('Enter')
  await expect(lead).toHaveURL(`${leadUrl}/confrontation`)
  await expect(lead).toHaveTitle(`Copie ${ctx.code} — Confrontation des deux corrections — Atelier`)
  await gridReady(lead)
  await expect(lead.getByRole('heading', { name: 'Critères divergents (2)' })).toBeVisible()
  await expect(cell(lead, 'C3.1-1')).toContainText(LEAD_SAYS)
  await expect(cell(lead, 'C3.1-1')).toContainText(SECOND_SAYS)
  await expect(cell(lead, 'C3.2-1')).toContainText('Aucun niveau')
  await expect(lead.getByRole('heading', { name: /Critères concordants/ })).toBeVisible()
  // Anonymous: the candidate code only.
  const html = await lead.content()
  expect(html).toContain(ctx.code)
  for (const secret of [ctx.learner.name, ctx.learner.email]) expect(html).not.toContain(secret)
  await expectNoAxeViolations(lead)

  // Confronted: the grids stay closed.
  await lead.goto(leadUrl)
  await gridReady(lead)
  await expect(lead.getByText(/ont été confrontées\s: elles ne peuvent plus être rouvertes/)).toBeVisible()
  await expect(lead.getByRole('button', { name: 'Rouvrir la grille' })).toHaveCount(0)
  await lead.goBack()
  await gridReady(lead)

  // The lead records C3.1-1 with the keyboard.
  const first = cell(lead, 'C3.1-1')
  const nonAcquis = first.getByRole('radio', { name: 'Non acquis' })
  await tabTo(lead, first.getByRole('radio', { name: 'Acquis', exact: true }))
  await lead.keyboard.press('ArrowRight')
  await expect(nonAcquis).toBeChecked()
  await lead.keyboard.press('Tab')
  await expect(first.getByRole('textbox', { name: /Commentaire de la confrontation/ })).toBeFocused()
  await lead.keyboard.type('Après échange : les chiffres ne sont pas exploités.')
  await lead.keyboard.press('Tab')
  await expect(first.getByRole('button', { name: /Enregistrer le niveau retenu/ })).toBeFocused()
  await lead.keyboard.press('Enter')
  await expect(first.getByRole('status')).toHaveText(/Niveau retenu enregistré\s: Non acquis\./)

  // Closing with a divergent criterion left: refused, in French.
  const close = lead.getByRole('button', { name: 'Clore la confrontation' })
  await tabTo(lead, close)
  await lead.keyboard.press('Enter')
  await expect(lead.locator('.jury-close [role="alert"]')).toHaveText(/1\scritère divergent n’a pas encore de niveau retenu/)

  // C3.2-1 (no level from the second juror): Acquis, then closing after the confirmation.
  const other = cell(lead, 'C3.2-1')
  await tabTo(lead, other.getByRole('radio', { name: 'Acquis', exact: true }))
  await lead.keyboard.press('Space')
  await lead.keyboard.press('Tab')
  await lead.keyboard.type('Le critère est traité dans la partie « cible ».')
  await lead.keyboard.press('Tab')
  await lead.keyboard.press('Enter')
  await expect(other.getByRole('status')).toHaveText(/Niveau retenu enregistré\s: Acquis\./)
  await tabTo(lead, close)
  await lead.keyboard.press('Enter')
  const dialog = lead.getByRole('dialog')
  await expect(dialog).toContainText(`Clore la confrontation de la copie ${ctx.code}`)
  await expect(dialog.getByRole('button', { name: 'Annuler' })).toBeFocused()
  await lead.keyboard.press('Tab')
  await expect(dialog.getByRole('button', { name: 'Clore la confrontation' })).toBeFocused()
  await lead.keyboard.press('Enter')
  await expect(lead.locator('.confront__status [role="status"]')).toContainText('Confrontation close')
  await expect(lead.getByRole('button', { name: 'Rouvrir la confrontation' })).toBeFocused()

  // The audit trail shows the steps, under the lead juror's name.
  const audit = lead.getByRole('region', { name: 'Historique de la confrontation' })
  await expect(audit.getByRole('listitem')).toHaveCount(3)
  await expect(audit).toContainText(/Niveau retenu après confrontation pour C3\.1-1 \(écrit\)\s: aucun niveau → Non acquis/)
  await expect(audit).toContainText(/Niveau retenu après confrontation pour C3\.2-1 \(écrit\)\s: aucun niveau → Acquis/)
  await expect(audit).toContainText('Confrontation des deux grilles close')
  await expect(audit).toContainText('Juré principal')
  const stored = (
    await e2eDb()
      .select({ action: schema.gradeAudit.action })
      .from(schema.gradeAudit)
      .innerJoin(schema.gradings, eq(schema.gradings.id, schema.gradeAudit.gradingId))
      .where(eq(schema.gradings.assignmentId, ctx.lead.assignment))
  )
    .map((r) => r.action)
    .filter((a) => a.startsWith('reconcile'))
  expect(stored).toEqual(['reconcile', 'reconcile', 'reconcile-close'])
  await expectNoAxeViolations(lead)
  await noSidewaysScroll(lead)

  // The second juror reads it: both corrections, the agreed levels, nothing to change.
  await second.goto(`${secondUrl}/confrontation`)
  await gridReady(second)
  await expect(second.getByText(/Lecture seule\s: Juré principal/)).toBeVisible()
  await expect(cell(second, 'C3.1-1')).toContainText(/Niveau retenu\s: Non acquis — Après échange/)
  const page = second.locator('.confront')
  await expect(page.getByRole('radio')).toHaveCount(0)
  await expect(page.getByRole('textbox')).toHaveCount(0)
  await expect(page.getByRole('button', { name: /Enregistrer|Clore|Rouvrir/ })).toHaveCount(0)
  const refused = await second.request.post(`/api/jury/${ctx.second.assignment}/confrontation`, { headers: { Origin: BASE_URL }, data: { op: 'reopen' } })
  expect(refused.status()).toBe(403)
  await expectNoAxeViolations(second)
  await noSidewaysScroll(second)
  await second.setViewportSize({ width: 320, height: 900 })
  await expectNoAxeViolations(second)
  await second.goto('/jury')
  await expect(second.getByRole('row', { name: new RegExp(ctx.code) })).toContainText('Confrontée')
  await noSidewaysScroll(second)
  await Promise.all(contexts.map((c) => c.close()))
})
