/**
 * An admin's settings of an exam session for hand-in and grading
 * (/admin/sessions/:sessionId), on a session of its own so that no other
 * spec's deadlines move.
 */
import { and, eq } from 'drizzle-orm'
import type { Locator, Page } from '@playwright/test'
import * as schema from '../../db/schema'
import { enrollLearners } from '../../app/services/dossier-provisioning.server'
import { DEMO_ACCOUNTS, e2eDb, expect, expectNoAxeViolations, loginAs, test } from './fixtures'

type Learner = { id: string; name: string; email: string }
const ctx = { sessionId: '', sessionName: '', learners: [] as Learner[] }

test.beforeAll(async () => {
  const db = e2eDb()
  const stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`
  ctx.sessionName = `Session réglages ${stamp}`
  ctx.sessionId = (await db.insert(schema.examSessions).values({ name: ctx.sessionName, startsOn: '2027-01-11', endsOn: '2027-06-30' }).returning())[0]!.id
  ctx.learners = []
  for (const [i, name] of ['Inès Fabre', 'Noé Girard', 'Maëlle Roux'].entries()) {
    const email = `reglages-${i}-${stamp}@test.local`
    const id = (await db.insert(schema.users).values({ email, name, passwordHash: 'x' }).returning())[0]!.id
    await db.insert(schema.userRoles).values({ userId: id, role: 'learner' })
    ctx.learners.push({ id, name, email })
  }
  await enrollLearners(
    db,
    ctx.sessionId,
    ctx.learners.map((l) => l.id),
  )
})

const instanceOf = async (evaluationId: string) =>
  (
    await e2eDb()
      .select()
      .from(schema.evaluationInstances)
      .where(and(eq(schema.evaluationInstances.examSessionId, ctx.sessionId), eq(schema.evaluationInstances.evaluationId, evaluationId)))
  )[0]
const extensionsOf = async (instanceId: string) =>
  await e2eDb().select().from(schema.deadlineExtensions).where(eq(schema.deadlineExtensions.instanceId, instanceId))
const card = (page: Page, evaluationId: string) => page.locator(`#epreuve-${evaluationId}`)
const settingsUrl = () => `/admin/sessions/${ctx.sessionId}`

/**
 * Types « YYYY-MM-DDTHH:mm » into a datetime-local field with the keyboard.
 * Chromium lays the field out in its own interface language, not the page's:
 * a first pass finds whether the day or the month comes first.
 */
async function typeDateTime(page: Page, input: Locator, local: string) {
  const [, y, m, d, hh, mm] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local)!
  const type = async (first: string, second: string, year: string, time: string) => {
    // Focus lands on the first part of the field (a field that already has focus keeps its current part).
    await input.evaluate((el) => el.blur())
    await input.focus()
    await page.keyboard.type(first + second)
    await page.keyboard.type(year)
    // The year takes up to six digits: move on to the hour by hand.
    await page.keyboard.press('ArrowRight')
    await page.keyboard.type(time)
  }
  await type('01', '02', '2030', '1000')
  const dayFirst = (await input.inputValue()).startsWith('2030-02-01')
  await (dayFirst ? type(d!, m!, y!, `${hh}${mm}`) : type(m!, d!, y!, `${hh}${mm}`))
  await expect(input).toHaveValue(local)
}

/** Tabs out of a datetime-local field: each of its parts is a tab stop, and how many there are depends on the browser's language (AM/PM). */
async function tabOut(page: Page, input: Locator) {
  for (let i = 0; i < 8 && (await input.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab')
}

test('an admin sets the grading rule, a deadline in Paris time and an extension, with French errors that keep what was typed', async ({ page }) => {
  test.setTimeout(240_000)
  await loginAs(page, 'admin')
  await page.goto('/admin')
  const sessionCard = page.locator('.card', { hasText: ctx.sessionName })
  await sessionCard.getByRole('link', { name: /Dépôts et notation/ }).click()
  await expect(page).toHaveURL(settingsUrl())
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dépôts et notation')
  await expect(page.getByText(/en heure de Paris/)).toBeVisible()
  await expect(page.locator('.exam-settings__evaluations > li')).toHaveCount(17)
  await expectNoAxeViolations(page)

  // Grading: « at least N » without a valid N is refused, and the choice is kept.
  const grading = page.locator('#form-grading')
  await grading.getByLabel(/Quatre niveaux/).check()
  await grading.getByLabel('Quand au moins un nombre donné de ses critères sont acquis').check()
  await grading.getByLabel('Nombre minimal de critères acquis').fill('0')
  await grading.getByRole('button', { name: 'Enregistrer la notation' }).click()
  await expect(grading.getByText('Indiquez un nombre entier de critères entre 1 et 6.')).toBeVisible()
  await expect(grading.getByLabel('Nombre minimal de critères acquis')).toBeFocused()
  await expect(grading.getByLabel(/Quatre niveaux/)).toBeChecked()
  await expectNoAxeViolations(page)
  await grading.getByLabel('Nombre minimal de critères acquis').fill('2')
  await grading.getByRole('button', { name: 'Enregistrer la notation' }).click()
  await expect(grading.getByRole('status')).toHaveText('La notation de la session a été enregistrée.')
  const session = (await e2eDb().select().from(schema.examSessions).where(eq(schema.examSessions.id, ctx.sessionId)))[0]!
  expect(session).toMatchObject({ gradingScale: 'four', competencyRule: 'at-least', competencyRuleMin: 2 })

  // A deadline: a cut-off before it is refused; the typed times stay.
  const veille = card(page, 'fiche-veille')
  await expect(veille.getByText('Dates non fixées')).toBeVisible()
  await veille.getByLabel('Date limite de dépôt').fill('2027-03-29T18:00')
  await veille.getByLabel('Clôture des dépôts').fill('2027-03-29T17:00')
  await veille.getByRole('button', { name: /Fixer les dates/ }).click()
  await expect(veille.getByText('La clôture ne peut pas précéder la date limite', { exact: false })).toBeVisible()
  await expect(veille.getByLabel('Clôture des dépôts')).toBeFocused()
  await expect(veille.getByLabel('Date limite de dépôt')).toHaveValue('2027-03-29T18:00')
  expect(await instanceOf('fiche-veille')).toBeUndefined()

  await veille.getByLabel('Clôture des dépôts').fill('2027-03-31T18:00')
  await veille.getByRole('button', { name: /Fixer les dates/ }).click()
  await expect(veille.getByRole('status')).toHaveText('Les dates de l’épreuve ont été fixées.')
  // Paris time: the day after the change to summer time, 18:00 in Paris is 16:00 UTC.
  const instance = (await instanceOf('fiche-veille'))!
  expect(instance.dueAt.toISOString()).toBe('2027-03-29T16:00:00.000Z')
  expect(instance.cutoffAt.toISOString()).toBe('2027-03-31T16:00:00.000Z')
  await expect(veille).toContainText('Date limite le 29 mars 2027 à 18\u00a0h\u00a000, clôture le 31 mars 2027 à 18\u00a0h\u00a000.')
  await expect(veille).toContainText('Aucun dépôt pour l’instant.')

  // The time of the oral: whole minutes or nothing; the learners' oral support compares their plan with it.
  const oral = veille.getByLabel('Durée de l’oral (min)')
  await oral.fill('12,5')
  await veille.getByRole('button', { name: /Enregistrer les dates/ }).click()
  await expect(veille.getByText('Indiquez la durée de l’oral en minutes entières, de 1 à 240, ou laissez le champ vide.')).toBeVisible()
  await expect(oral).toHaveValue('12,5')
  await oral.fill('10')
  await veille.getByRole('button', { name: /Enregistrer les dates/ }).click()
  await expect(veille.getByRole('status')).toHaveText('Les dates de l’épreuve ont été modifiées.')
  await expect(veille.getByText('Oral de 10\u00a0min')).toBeVisible()
  expect((await instanceOf('fiche-veille'))!.oralMinutes).toBe(10)
  await expect(card(page, 'cas-pratique-a3').getByLabel('Durée de l’oral (min)')).toHaveCount(0)
  const candidate = ctx.learners[0]!
  const dossier = (
    await e2eDb()
      .select()
      .from(schema.dossiers)
      .where(and(eq(schema.dossiers.learnerId, candidate.id), eq(schema.dossiers.templateId, 'fiche-veille')))
  )[0]!
  await loginAs(page, candidate)
  const part = (id: string, minutes: number) => ({ id, title: `Partie ${id}`, message: 'm', minutes, speakers: [], notes: '', visuals: [] })
  const saved = await page.request.post(`/api/dossiers/${dossier.id}/sections/support-oral`, {
    data: { baseVersion: 0, content: { parts: [part('partie-1', 7), part('partie-2', 5)], questions: [], rehearsals: [] } },
  })
  expect(saved.ok()).toBe(true)
  await page.goto(`/dossiers/${dossier.id}/sections/support-oral`)
  await expect(page.locator('#section-support-oral .hints')).toContainText('L’oral dure 12\u00a0min pour 10\u00a0min prévues\u00a0: 2\u00a0min de trop.')
  await loginAs(page, 'admin')
  await page.goto(settingsUrl())

  // A group épreuve cannot be marked anonymously.
  const msp = card(page, 'msp-a2')
  await expect(msp.getByLabel('Correction anonyme')).toBeDisabled()
  await expect(msp.getByText('Épreuve de groupe avec un oral devant le jury\u00a0: jamais anonyme.')).toBeVisible()

  // An extension: the reason is mandatory, and nothing typed is lost.
  const [ines] = ctx.learners
  await veille.getByText('Accorder un report').click()
  const grant = veille.locator('#form-extension-fiche-veille')
  await grant.getByLabel('Candidat·e').fill(`${ines!.name} (${ines!.email})`)
  await grant.getByLabel('Nouvelle date limite').fill('2027-04-05T12:00')
  await grant.getByLabel('Nouvelle clôture').fill('2027-04-05T12:00')
  await grant.getByRole('button', { name: 'Accorder le report' }).click()
  await expect(grant.getByText('Indiquez le motif du report.')).toBeVisible()
  await expect(grant.getByLabel('Motif (obligatoire)')).toBeFocused()
  await expect(grant.getByLabel('Candidat·e')).toHaveValue(`${ines!.name} (${ines!.email})`)
  await expect(grant.getByLabel('Nouvelle date limite')).toHaveValue('2027-04-05T12:00')
  expect(await extensionsOf(instance.id)).toEqual([])
  await expectNoAxeViolations(page)

  await grant.getByLabel('Motif (obligatoire)').fill('Hospitalisation (certificat reçu)')
  await grant.getByRole('button', { name: 'Accorder le report' }).click()
  await expect(veille.getByRole('status')).toHaveText(`Report accordé à ${ines!.name}.`)
  const item = veille.locator('.exam-settings__extension', { hasText: ines!.name })
  await expect(item).toContainText('5 avril 2027 à 12\u00a0h\u00a000')
  await expect(item).toContainText('Hospitalisation (certificat reçu)')
  await expect(item).toContainText(`par ${DEMO_ACCOUNTS.admin.name}, le`)
  const [stored] = await extensionsOf(instance.id)
  expect(stored).toMatchObject({ learnerId: ines!.id, reason: 'Hospitalisation (certificat reçu)' })
  expect(stored!.dueAt.toISOString()).toBe('2027-04-05T10:00:00.000Z')
  await expectNoAxeViolations(page)

  // Removing asks first; « Annuler » keeps it.
  await item.getByRole('button', { name: `Retirer le report de ${ines!.name}` }).click()
  const dialog = page.getByRole('dialog', { name: 'Confirmer' })
  await expect(dialog).toContainText(`Retirer le report de ${ines!.name}`)
  await expectNoAxeViolations(page)
  await dialog.getByRole('button', { name: 'Annuler' }).click()
  await expect(dialog).toBeHidden()
  expect(await extensionsOf(instance.id)).toHaveLength(1)
  await item.getByRole('button', { name: `Retirer le report de ${ines!.name}` }).click()
  await dialog.getByRole('button', { name: 'Retirer le report' }).click()
  await expect(veille.getByRole('status')).toHaveText('Le report a été retiré.')
  await expect(veille.locator('.exam-settings__extension')).toHaveCount(0)
  expect(await extensionsOf(instance.id)).toEqual([])
})

test('the keyboard alone sets a deadline, grants an extension and removes it', async ({ page }) => {
  test.setTimeout(240_000)
  await loginAs(page, 'admin')
  await page.goto(settingsUrl())
  const cas = card(page, 'cas-pratique-a3')
  // From the table of contents to the épreuve.
  const tocLink = page.getByRole('navigation', { name: 'Aller à une épreuve' }).getByRole('link', { name: /Cas pratique professionnel \(C3\.1 à C3\.3\)/ })
  await tocLink.focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/#epreuve-cas-pratique-a3$/)

  // A written-only épreuve is anonymous by default.
  await expect(cas.getByLabel('Correction anonyme')).toBeChecked()
  await typeDateTime(page, cas.getByLabel('Date limite de dépôt'), '2027-06-15T18:00')
  await typeDateTime(page, cas.getByLabel('Clôture des dépôts'), '2027-06-17T18:00')
  await tabOut(page, cas.getByLabel('Clôture des dépôts'))
  await expect(cas.getByLabel('Correction anonyme')).toBeFocused()
  // Double marking, with the space bar.
  await page.keyboard.press('Tab')
  await expect(cas.getByLabel('Double correction')).toBeFocused()
  await expect(cas.getByLabel('Double correction')).not.toBeChecked()
  await page.keyboard.press('Space')
  await expect(cas.getByLabel('Double correction')).toBeChecked()
  await page.keyboard.press('Tab')
  await expect(cas.getByRole('button', { name: /Fixer les dates/ })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(cas.getByRole('status')).toHaveText('Les dates de l’épreuve ont été fixées.')
  await expect(cas.getByRole('status')).toBeFocused()
  expect(await instanceOf('cas-pratique-a3')).toMatchObject({ anonymous: true, doubleMarking: true })
  // No juror is assigned in this session: the page says so.
  await expect(cas.getByText(/^Double correction\s:\saucune copie attribuée pour l’instant\.$/)).toBeVisible()

  // The grant form opens from its summary.
  const summary = cas.getByText('Accorder un report')
  await summary.focus()
  await page.keyboard.press('Enter')
  const noe = ctx.learners[1]!
  const learner = cas.getByLabel('Candidat·e')
  await page.keyboard.press('Tab')
  await expect(learner).toBeFocused()
  await page.keyboard.type(noe.email)
  // The dates start from the épreuve's.
  await expect(cas.getByLabel('Nouvelle date limite')).toHaveValue('2027-06-15T18:00')
  await typeDateTime(page, cas.getByLabel('Nouvelle date limite'), '2027-06-16T18:00')
  await typeDateTime(page, cas.getByLabel('Nouvelle clôture'), '2027-06-18T18:00')
  await tabOut(page, cas.getByLabel('Nouvelle clôture'))
  await expect(cas.getByLabel('Motif (obligatoire)')).toBeFocused()
  await page.keyboard.type('Tiers temps')
  await page.keyboard.press('Tab')
  await expect(cas.getByRole('button', { name: 'Accorder le report' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(cas.getByRole('status')).toHaveText(`Report accordé à ${noe.name}.`)
  await expect(cas.getByRole('status')).toBeFocused()
  await expect(cas.locator('.exam-settings__extension')).toContainText('16 juin 2027 à 18\u00a0h\u00a000')

  // Removal: the button, then the dialog's confirm button.
  const remove = cas.getByRole('button', { name: `Retirer le report de ${noe.name}` })
  await remove.focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Confirmer' })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Annuler' })).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(dialog.getByRole('button', { name: 'Retirer le report' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(cas.getByRole('status')).toHaveText('Le report a été retiré.')
  await expect(cas.getByRole('status')).toBeFocused()
  expect(await extensionsOf((await instanceOf('cas-pratique-a3'))!.id)).toEqual([])
  await expectNoAxeViolations(page)
})

test('a learner, a tutor and a juror are refused the page; an unknown session is not found', async ({ page }) => {
  for (const role of ['learner', 'tutor', 'juror'] as const) {
    await page.context().clearCookies()
    await loginAs(page, role)
    const response = await page.goto(settingsUrl())
    expect(response?.status(), role).toBe(403)
  }
  await page.context().clearCookies()
  await loginAs(page, 'admin')
  const response = await page.goto('/admin/sessions/inconnue')
  expect(response?.status()).toBe(404)
})

test('the settings page fits 320, 390 and 1366 px without sideways scrolling', async ({ page }) => {
  test.setTimeout(240_000)
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  const shot = (name: string) => `test-results/screenshots/exam-settings-${name}.png`
  // Something to show: dates and an extension on the MSP A2.
  const db = e2eDb()
  const existing = await instanceOf('msp-a2')
  const instanceId =
    existing?.id ??
    (
      await db
        .insert(schema.evaluationInstances)
        .values({ examSessionId: ctx.sessionId, evaluationId: 'msp-a2', dueAt: new Date('2027-05-20T16:00:00Z'), cutoffAt: new Date('2027-05-21T16:00:00Z') })
        .returning()
    )[0]!.id
  if ((await extensionsOf(instanceId)).length === 0) {
    await db.insert(schema.deadlineExtensions).values({
      instanceId,
      learnerId: ctx.learners[2]!.id,
      dueAt: new Date('2027-05-27T16:00:00Z'),
      cutoffAt: new Date('2027-05-28T16:00:00Z'),
      reason: 'Stage à l’étranger jusqu’au 25 mai',
      grantedBy: null,
    })
  }
  await loginAs(page, 'admin')
  for (const width of [320, 390, 1366]) {
    await page.setViewportSize({ width, height: 900 })
    await page.goto(settingsUrl())
    expect(await overflow(), `page ${width}`).toBeLessThanOrEqual(0)
    await page.evaluate(() => window.scrollTo(0, 0))
    await page.screenshot({ path: shot(`top-${width}`) })
    await page.locator('#form-grading').screenshot({ path: shot(`grading-${width}`) })
    const msp = card(page, 'msp-a2')
    await msp.getByText('Accorder un report').click()
    expect(await overflow(), `grant ${width}`).toBeLessThanOrEqual(0)
    await msp.screenshot({ path: shot(`msp-${width}`) })
  }
  await page.goto('/admin')
  await page.screenshot({ path: shot('admin-home-1366') })
})
