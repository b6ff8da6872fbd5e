/**
 * Hand-in (« Déposer »): a learner confirms the statement and hands in, sees
 * the fingerprint, checks it and downloads the snapshot as Word; a new
 * hand-in adds a row to the history; a group member sees who handed in; a
 * fiche Event with one event is blocked with the référentiel's list. Axe on
 * the hand-in page, screenshots at three widths, who may reach it.
 */
import fs from 'node:fs'
import type { APIRequestContext, Page } from '@playwright/test'
import { and, eq } from 'drizzle-orm'
import * as schema from '../../db/schema'
import { createGroup, createLearner, createTutorFor, dossierIdOf, e2eDb, expect, expectNoAxeViolations, loginAs, sessionCookieFor, test } from './fixtures'

const DAY = 24 * 60 * 60 * 1000

/**
 * The demo session's instance of `evaluationId` (created if the seed has none
 * yet), and, for each learner, an extension far in the future, so that the
 * test does not depend on the seed's dates.
 */
async function openWindowFor(evaluationId: string, learners: { id: string; examSessionId: string }[]) {
  const db = e2eDb()
  const examSessionId = learners[0]!.examSessionId
  await db
    .insert(schema.evaluationInstances)
    .values({ examSessionId, evaluationId, dueAt: new Date(Date.now() + 30 * DAY), cutoffAt: new Date(Date.now() + 32 * DAY) })
    .onConflictDoNothing()
  const instance = (
    await db
      .select()
      .from(schema.evaluationInstances)
      .where(and(eq(schema.evaluationInstances.examSessionId, examSessionId), eq(schema.evaluationInstances.evaluationId, evaluationId)))
  )[0]!
  for (const l of learners)
    await db
      .insert(schema.deadlineExtensions)
      .values({
        instanceId: instance.id,
        learnerId: l.id,
        dueAt: new Date(Date.now() + 60 * DAY),
        cutoffAt: new Date(Date.now() + 61 * DAY),
        reason: 'Tiers temps accordé par l’école',
      })
      .onConflictDoNothing()
  return instance
}

const submissionsOf = async (dossierId: string) => await e2eDb().select().from(schema.submissions).where(eq(schema.submissions.dossierId, dossierId))

async function saveSection(request: APIRequestContext, cookie: string, dossierId: string, sectionId: string, content: unknown) {
  const [current] = await e2eDb()
    .select()
    .from(schema.dossierSections)
    .where(and(eq(schema.dossierSections.dossierId, dossierId), eq(schema.dossierSections.sectionId, sectionId)))
  const res = await request.post(`/api/dossiers/${dossierId}/sections/${sectionId}`, {
    headers: { Cookie: cookie },
    data: { baseVersion: current?.version ?? 0, content },
  })
  expect(res.status(), await res.text()).toBe(200)
}

/** Screenshots at 320, 390 and 1366 px, with no sideways scroll at any width. */
async function screenshots(page: Page, name: string) {
  for (const width of [320, 390, 1366]) {
    await page.setViewportSize({ width, height: 900 })
    await page.screenshot({ path: `test-results/screenshots/${name}-${width}.png`, fullPage: true })
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow, `sideways scroll at ${width} px`).toBeLessThanOrEqual(0)
  }
  await page.setViewportSize({ width: 1280, height: 900 })
}

const doc = (...paragraphs: string[]) => ({ type: 'doc', content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) })

test('a learner hands in with the statement, sees and checks the fingerprint, and a new hand-in adds a row to the history', async ({ page, request }) => {
  test.setTimeout(180_000)
  const learner = await createLearner('depot')
  await openWindowFor('fiche-veille', [learner])
  const dossierId = await dossierIdOf(learner.email, 'fiche-veille')
  await saveSection(request, await sessionCookieFor(learner.email), dossierId, 'contexte', doc('Veille sur le marché du vélo à Lyon.'))

  // The dossier page says where it stands and leads to the hand-in page.
  await loginAs(page, learner)
  await page.goto(`/dossiers/${dossierId}`)
  const banner = page.getByTestId('hand-in-banner')
  await expect(banner).toContainText(/Brouillon — à déposer avant le \d{1,2} \S+ \d{4} à \d{1,2}\sh\s\d{2}/)
  await banner.getByRole('link', { name: 'Déposer le dossier' }).click()
  await expect(page).toHaveURL(`/dossiers/${dossierId}/depot`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Déposer le dossier')
  await expect(page.getByText('Prolongation accordée')).toBeVisible()
  await expect(page.getByText('Tiers temps accordé par l’école')).toBeVisible()
  await expect(page.getByText(/\(heure de Paris\)/).first()).toBeVisible()
  await expect(page.getByText('Aucun dépôt pour l’instant')).toBeVisible()
  await expectNoAxeViolations(page)

  // The statement must be confirmed: the browser holds the form until it is.
  const statement = page.getByRole('checkbox', { name: /Je certifie que ce travail est personnel/ })
  const submit = page.getByRole('button', { name: 'Déposer', exact: true })
  await submit.click()
  expect(await statement.evaluate((el: HTMLInputElement) => el.validity.valueMissing)).toBe(true)
  expect(await submissionsOf(dossierId)).toHaveLength(0)

  // Keyboard: tick the statement with the space bar and hand in with Enter.
  await statement.focus()
  await page.keyboard.press('Space')
  await expect(statement).toBeChecked()
  await submit.focus()
  await page.keyboard.press('Enter')
  const confirmation = page.locator('.hand-in-result .alert--success')
  await expect(confirmation).toContainText(/Dossier déposé le/)
  await expect.poll(async () => (await submissionsOf(dossierId)).length).toBe(1)
  const first = (await submissionsOf(dossierId))[0]!
  await expect(confirmation).toContainText(`Empreinte SHA-256 de ce dépôt\u00a0: ${first.fingerprint}`)
  await expect(page.locator('.hand-in-result')).toBeFocused()
  expect(first.submitterName).toBe('Élève depot')
  expect(first.timing).toBe('on-time')
  const history = page.locator('.hand-in-history > li')
  await expect(history).toHaveCount(1)
  await expect(history.first()).toContainText('Déposé par')
  await expect(history.first()).toContainText('Élève depot')
  await expect(history.first()).toContainText('À l’heure')
  await expect(history.first()).toContainText(first.fingerprint)

  // « Vérifier l’empreinte »: recomputed from what is stored.
  await history
    .first()
    .getByRole('button', { name: /Vérifier l’empreinte/ })
    .click()
  await expect(history.first().getByRole('status')).toContainText('Empreinte vérifiée')
  await expectNoAxeViolations(page)

  // The snapshot as Word, for its learner.
  const word = await page.request.get(`/dossiers/${dossierId}/depots/${first.id}.docx`)
  expect(word.status()).toBe(200)
  expect(word.headers()['content-type']).toContain('wordprocessingml')
  fs.mkdirSync('test-results/screenshots', { recursive: true })
  fs.writeFileSync('test-results/screenshots/hand-in-snapshot.docx', await word.body())

  // The draft stays editable; a new hand-in adds a snapshot and keeps the first.
  await saveSection(request, await sessionCookieFor(learner.email), dossierId, 'contexte', doc('Veille mise à jour après la relecture.'))
  await page.getByRole('checkbox', { name: /Je certifie/ }).check()
  await page.getByRole('button', { name: 'Déposer à nouveau' }).click()
  await expect(history).toHaveCount(2)
  const all = await submissionsOf(dossierId)
  expect(all).toHaveLength(2)
  expect(all.map((s) => s.fingerprint)).toContain(first.fingerprint)
  const second = all.find((s) => s.id !== first.id)!
  expect(second.fingerprint).not.toBe(first.fingerprint)
  await expect(history.first()).toContainText(second.fingerprint)
  await expect(history.nth(1)).toContainText(first.fingerprint)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dépôts du dossier')
  await expectNoAxeViolations(page)
  await screenshots(page, 'hand-in')

  // Back on the dossier and on the home page: « Déposé le … ».
  await page.goto(`/dossiers/${dossierId}`)
  await expect(banner).toContainText(/Déposé le \d{1,2} \S+ \d{4} à/)
  await expect(banner).toContainText(`${second.fingerprint.slice(0, 8)}…${second.fingerprint.slice(-4)}`)
  await expect(banner.getByRole('link', { name: 'Dépôts et empreintes' })).toHaveAttribute('href', `/dossiers/${dossierId}/depot`)
  await expectNoAxeViolations(page)
  for (const width of [320, 1366]) {
    await page.setViewportSize({ width, height: 700 })
    await page.screenshot({ path: `test-results/screenshots/hand-in-banner-${width}.png` })
  }
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.goto('/candidat')
  await expect(page.locator('#epreuve-fiche-veille .badge', { hasText: 'Déposé' })).toBeVisible()
})

test('a fiche Event with one event cannot be handed in: the référentiel’s list says what is missing', async ({ page, request }) => {
  const learner = await createLearner('depot-event')
  await openWindowFor('fiche-event', [learner])
  const dossierId = await dossierIdOf(learner.email, 'fiche-event')
  await saveSection(request, await sessionCookieFor(learner.email), dossierId, 'planning', {
    rows: [{ id: 'row-event-0001', cells: { evenement: 'Salon Vélo Lyon', format: 'Présentiel' } }],
  })
  await loginAs(page, learner)
  await page.goto(`/dossiers/${dossierId}/depot`)
  const problems = page.locator('.hand-in-problems > li')
  await expect(problems).toHaveCount(2)
  await expect(problems.nth(0)).toContainText('Planning des événements\u00a0: au moins 2 événements planifiés, 1 pour l’instant.')
  await expect(problems.nth(1)).toContainText('Planning des événements\u00a0: au moins 1 événement digital, 0 pour l’instant.')
  await expect(problems.first().getByRole('link', { name: /Compléter «\s?Planning des événements\s?»/ })).toHaveAttribute(
    'href',
    `/dossiers/${dossierId}#section-planning`,
  )
  const submit = page.getByRole('button', { name: 'Déposer', exact: true })
  await expect(submit).toBeDisabled()
  await expect(page.locator('#hand-in-why')).toHaveText('Dépôt impossible tant que les minimums ci-dessus ne sont pas atteints.')
  await expect(submit).toHaveAttribute('aria-describedby', 'hand-in-why')
  await expectNoAxeViolations(page)
  await screenshots(page, 'hand-in-blocked')

  // A second event, digital: the list empties and the button is enabled.
  await saveSection(request, await sessionCookieFor(learner.email), dossierId, 'planning', {
    rows: [
      { id: 'row-event-0001', cells: { evenement: 'Salon Vélo Lyon', format: 'Présentiel' } },
      { id: 'row-event-0002', cells: { evenement: 'Webinaire mobilité', format: 'Digital' } },
    ],
  })
  await page.reload()
  await expect(page.getByText('Les minimums fixés par le référentiel sont atteints.')).toBeVisible()
  await page.getByRole('checkbox', { name: /Je certifie/ }).check()
  await page.getByRole('button', { name: 'Déposer', exact: true }).click()
  await expect(page.locator('.hand-in-result .alert--success')).toContainText('Empreinte SHA-256')
  expect(await submissionsOf(dossierId)).toHaveLength(1)
})

test('in a group, every member sees who handed in and when', async ({ browser }) => {
  const [a, b] = [await createLearner('depot-ga'), await createLearner('depot-gb')]
  await createGroup('msp-a2', [a, b])
  await openWindowFor('msp-a2', [a, b])
  const dossierId = await dossierIdOf(a.email, 'msp-a2')

  const pageA = await browser.newPage()
  await loginAs(pageA, a)
  await pageA.goto(`/dossiers/${dossierId}/depot`)
  await pageA.getByRole('checkbox', { name: /au nom de mon groupe/ }).check()
  await pageA.getByRole('button', { name: 'Déposer', exact: true }).click()
  await expect(pageA.locator('.hand-in-result .alert--success')).toBeVisible()
  await pageA.close()

  const pageB = await browser.newPage()
  await loginAs(pageB, b)
  await pageB.goto(`/dossiers/${dossierId}/depot`)
  await expect(pageB.getByText('Chaque membre du groupe voit qui a déposé et quand.')).toBeVisible()
  const entry = pageB.locator('.hand-in-history > li').first()
  await expect(entry).toContainText('Élève depot-ga')
  await expect(entry).toContainText(/\d{1,2} \S+ \d{4} à \d{1,2}\sh\s\d{2} \(heure de Paris\)/)
  await pageB.goto(`/dossiers/${dossierId}`)
  await expect(pageB.getByTestId('hand-in-banner')).toContainText('Déposé le')
  await pageB.close()
})

test('only the learners of the dossier reach its hand-in page and its snapshots', async ({ request }) => {
  const owner = await createLearner('depot-owner')
  const other = await createLearner('depot-other')
  const tutor = await createTutorFor('depot-tutor', [owner])
  await openWindowFor('fiche-veille', [owner])
  const dossierId = await dossierIdOf(owner.email, 'fiche-veille')
  const db = e2eDb()
  const jurorId = (
    await db
      .insert(schema.users)
      .values({ email: `jure-depot-${Date.now()}@test.local`, name: 'Juré dépôt', passwordHash: 'x' })
      .returning()
  )[0]!
  await db.insert(schema.userRoles).values({ userId: jurorId.id, role: 'juror' })
  await db
    .insert(schema.jurorAssignments)
    .values({ examSessionId: owner.examSessionId, jurorId: jurorId.id, evaluationId: 'fiche-veille', learnerId: owner.id })

  const ownerCookie = await sessionCookieFor(owner.email)
  const page = `/dossiers/${dossierId}/depot`
  const status = async (url: string, cookie?: string) => (await request.get(url, { headers: cookie ? { Cookie: cookie } : {}, maxRedirects: 0 })).status()
  expect(await status(page, ownerCookie)).toBe(200)
  expect(await status(page)).toBe(302)
  for (const email of [other.email, tutor.email, jurorId.email, 'admin@ecole-demo.fr'])
    expect(await status(page, await sessionCookieFor(email)), email).toBe(403)

  // A snapshot, then its Word file: its learner only; an unknown or foreign id is 404.
  const reply = await request.post(page, { headers: { Cookie: ownerCookie }, form: { intent: 'hand-in', confirmed: 'on' } })
  expect(reply.status()).toBe(200)
  const submission = (await submissionsOf(dossierId))[0]!
  const word = `/dossiers/${dossierId}/depots/${submission.id}.docx`
  expect(await status(word, ownerCookie)).toBe(200)
  expect(await status(word)).toBe(302)
  for (const email of [other.email, tutor.email, jurorId.email, 'admin@ecole-demo.fr'])
    expect(await status(word, await sessionCookieFor(email)), email).toBe(403)
  const otherDossier = await dossierIdOf(other.email, 'fiche-veille')
  expect(await status(`/dossiers/${otherDossier}/depots/${submission.id}.docx`, await sessionCookieFor(other.email))).toBe(404)
  expect(await status(`/dossiers/${dossierId}/depots/00000000-0000-0000-0000-000000000000.docx`, ownerCookie)).toBe(404)

  // The statement is required by the server too; a tutor cannot hand in.
  const unconfirmed = await request.post(page, { headers: { Cookie: ownerCookie }, form: { intent: 'hand-in' } })
  expect(unconfirmed.status()).toBe(400)
  const byTutor = await request.post(page, { headers: { Cookie: await sessionCookieFor(tutor.email) }, form: { intent: 'hand-in', confirmed: 'on' } })
  expect(byTutor.status()).toBe(403)
  expect(await submissionsOf(dossierId)).toHaveLength(1)
})
