/**
 * Review rounds: the learner asks for a review, the tutor sees what changed
 * since the last closed round (rich text as a word diff, a table through its
 * kind's sentences) and closes the round with a summary; both see the list.
 * Keyboard-only paths, axe on both pages, and who may do what.
 */
import type { APIRequestContext, Locator, Page } from '@playwright/test'
import { eq } from 'drizzle-orm'
import * as schema from '../../db/schema'
import { createLearner, dossierIdOf, e2eDb, expect, expectNoAxeViolations, loginAs, sessionCookieFor, test } from './fixtures'

/** A tutor of its own; assigned to `learner` in their session, or to nobody. */
async function createTutor(label: string, learner?: { id: string; examSessionId: string }) {
  const db = e2eDb()
  const email = `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@test.local`
  const user = (
    await db
      .insert(schema.users)
      .values({ email, name: `Tuteur ${label}`, passwordHash: 'x' })
      .returning()
  )[0]!
  await db.insert(schema.userRoles).values({ userId: user.id, role: 'tutor' })
  if (learner) await db.insert(schema.tutorAssignments).values({ examSessionId: learner.examSessionId, tutorId: user.id, learnerId: learner.id })
  return { id: user.id, email }
}

const doc = (...paragraphs: string[]) => ({ type: 'doc', content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) })
const row = (besoin: string) => ({ rows: [{ id: 'row-revue-0001', cells: { theme: 'Marché', besoin, nature: 'Quantitatif' } }] })

/** Saves sections through the autosave API, as the editor does. */
async function saveAll(request: APIRequestContext, cookie: string, dossierId: string, contents: Record<string, unknown>) {
  for (const [sectionId, content] of Object.entries(contents)) {
    const row = await e2eDb().select().from(schema.dossierSections).where(eq(schema.dossierSections.dossierId, dossierId))
    const baseVersion = row.find((r) => r.sectionId === sectionId)?.version ?? 0
    const res = await request.post(`/api/dossiers/${dossierId}/sections/${sectionId}`, { headers: { Cookie: cookie }, data: { baseVersion, content } })
    expect(res.status(), await res.text()).toBe(200)
  }
}

/** Presses Tab until `target` has the focus (keyboard only), failing after `max` presses. */
async function tabTo(page: Page, target: Locator, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${target}`)
}

/** Nothing of the page's content (the site header aside) reaches past the window's right edge. */
async function noSideways(page: Page, what: string) {
  const past = await page.evaluate(() =>
    [...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5).map((e) => `${e.tagName}.${e.className}`),
  )
  expect(past, what).toEqual([])
}

const spaces = (s: string) => s.replace(/ /g, '[\\s\\u00a0\\u202f]')
const roundsOf = async (dossierId: string) => await e2eDb().select().from(schema.reviewRounds).where(eq(schema.reviewRounds.dossierId, dossierId))

test('a learner asks for reviews, the tutor reads what changed word by word and closes each round; keyboard only for the first', async ({
  page,
  browser,
  request,
}) => {
  // Two users, seven pages, five axe runs: slow on a busy machine.
  test.setTimeout(240_000)
  const learner = await createLearner('relecture')
  const tutor = await createTutor('relecture', learner)
  const dossierId = await dossierIdOf(learner.email, 'fiche-veille')
  const learnerCookie = await sessionCookieFor(learner.email)
  const listUrl = `/dossiers/${dossierId}/relectures`

  // The learner: no round yet, asks for one with the keyboard only.
  await saveAll(request, learnerCookie, dossierId, {
    contexte: doc('Le salon attire des exposants régionaux.', 'Un second paragraphe qui ne change pas.'),
    besoins: row('Taille du marché'),
  })
  await loginAs(page, learner)
  await page.goto(listUrl)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Relectures')
  await expect(page.getByText('Aucune relecture close pour l’instant')).toBeVisible()
  await expect(page.getByRole('link', { name: 'Retour au dossier' })).toHaveAttribute('href', `/dossiers/${dossierId}`)
  await expectNoAxeViolations(page)
  const message = page.getByLabel('Message pour votre tuteur ou tutrice (facultatif)')
  await tabTo(page, message)
  await page.keyboard.type('Pouvez-vous relire le contexte ?')
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: 'Envoyer la demande' })).toBeFocused()
  await page.keyboard.press('Enter')
  const current = page.getByRole('region', { name: 'Relecture en cours' })
  await expect(current).toContainText('Pouvez-vous relire le contexte ?')
  await expect(current).toContainText('Élève relecture')
  // The form is gone, and the focus is on the new round rather than lost.
  await expect(message).toHaveCount(0)
  await expect(current.getByRole('heading', { level: 3 })).toBeFocused()
  await expectNoAxeViolations(page)
  const [first] = await roundsOf(dossierId)
  expect(first).toMatchObject({ message: 'Pouvez-vous relire le contexte ?', closedAt: null })
  // Told to the tutor.
  const told = await e2eDb().select().from(schema.notifications).where(eq(schema.notifications.userId, tutor.id))
  expect(told).toEqual([expect.objectContaining({ type: 'review-request', roundId: first!.id })])

  // A second request while one is open is refused, in French.
  const again = await request.post(listUrl, { headers: { Cookie: learnerCookie }, form: { message: 'Encore' } })
  expect(again.status()).toBe(409)
  expect(await again.text()).toContain('Une relecture est déjà demandée pour ce dossier.')
  expect(await roundsOf(dossierId)).toHaveLength(1)

  // The tutor: everything is new in a first round; closes it with the keyboard only.
  const tutorContext = await browser.newContext()
  const tutorPage = await tutorContext.newPage()
  await loginAs(tutorPage, tutor)
  await tutorPage.goto(listUrl)
  await tutorPage.getByRole('link', { name: /^Voir les changements et clore la relecture/ }).click()
  await expect(tutorPage).toHaveURL(`${listUrl}/${first!.id}`)
  await expect(tutorPage.locator('ins', { hasText: 'Le salon attire des exposants régionaux.' })).toBeVisible()
  await expect(tutorPage.getByText('Depuis le début du dossier')).toBeVisible()
  await tabTo(tutorPage, tutorPage.getByRole('link', { name: 'Aller à la synthèse' }))
  await tutorPage.keyboard.press('Enter')
  await tabTo(tutorPage, tutorPage.getByLabel('Synthèse pour le ou la candidat·e'))
  await tutorPage.keyboard.type('Bon début : précisez la cible.')
  await tutorPage.keyboard.press('Tab')
  await expect(tutorPage.getByRole('button', { name: 'Clore la relecture' })).toBeFocused()
  await tutorPage.keyboard.press('Enter')
  await expect(tutorPage.getByRole('status').filter({ hasText: 'La relecture est close.' })).toBeVisible()
  await expect(tutorPage.getByRole('region', { name: 'Synthèse' })).toContainText('Bon début : précisez la cible.')
  await expect(tutorPage.getByRole('button', { name: 'Clore la relecture' })).toHaveCount(0)

  // The learner edits a word and a table cell, and asks again: allowed now that the first round is closed.
  await saveAll(request, learnerCookie, dossierId, {
    contexte: doc('Le salon attire des exposants nationaux.', 'Un second paragraphe qui ne change pas.'),
    besoins: row('Part de marché'),
  })
  await page.reload()
  await expect(page.getByRole('region', { name: 'Relectures closes' })).toContainText('Bon début : précisez la cible.')
  await page.getByLabel('Message pour votre tuteur ou tutrice (facultatif)').fill('Deuxième version')
  await page.getByRole('button', { name: 'Envoyer la demande' }).click()
  await expect(page.getByRole('region', { name: 'Relecture en cours' })).toContainText('Deuxième version')
  const second = (await roundsOf(dossierId)).find((r) => r.closedAt === null)!

  // The tutor sees the changes since the first round: the word diff and the table's sentence.
  await tutorPage.goto(listUrl)
  const open = tutorPage.getByRole('region', { name: 'Relecture en cours' })
  await expect(open).toContainText('Deuxième version')
  await open.getByRole('link', { name: /^Voir les changements et clore la relecture/ }).click()
  await expect(tutorPage).toHaveURL(`${listUrl}/${second.id}`)
  const contexte = tutorPage.getByRole('region', { name: 'Contexte professionnel' })
  await expect(contexte.locator('ins')).toHaveText(/nationaux/)
  await expect(contexte.locator('del')).toHaveText(/régionaux/)
  await expect(contexte.locator('ins')).toHaveCount(1)
  await expect(contexte.locator('del')).toHaveCount(1)
  // Marked for screen readers, not by colour alone.
  await expect(contexte.locator('ins .visually-hidden').first()).toHaveText(/ajouté/)
  await expect(contexte.locator('del')).toHaveCSS('text-decoration-line', 'line-through')
  await expect(contexte.getByRole('link', { name: /Commenter dans le dossier/ })).toHaveAttribute('href', `/dossiers/${dossierId}#section-contexte`)
  const besoins = tutorPage.getByRole('region', { name: 'Besoins d’information' })
  await expect(besoins).toContainText(new RegExp(spaces('Ligne 1 — Marché : Besoin d’information : Taille du marché → Part de marché.')))
  await expect(tutorPage.getByRole('listitem').filter({ hasText: 'Analyse des données' })).toContainText('Inchangée')
  await expect(tutorPage.getByText(/Depuis la relecture close le/)).toBeVisible()
  await expectNoAxeViolations(tutorPage)

  // Closing needs a summary: a French error, nothing closed.
  await tutorPage.getByRole('button', { name: 'Clore la relecture' }).click()
  await expect(tutorPage.getByRole('alert')).toHaveText('Écrivez la synthèse de la relecture avant de la clore.')
  await expect(tutorPage.getByLabel('Synthèse pour le ou la candidat·e')).toBeFocused()
  expect((await roundsOf(dossierId)).find((r) => r.id === second.id)?.closedAt).toBeNull()
  await tutorPage.getByLabel('Synthèse pour le ou la candidat·e').fill('Le contexte est plus juste.\nReste à chiffrer les besoins.')
  await tutorPage.getByRole('button', { name: 'Clore la relecture' }).click()
  await expect(tutorPage.getByRole('region', { name: 'Synthèse' })).toContainText('Reste à chiffrer les besoins.')
  await expect(tutorPage.getByRole('region', { name: 'Synthèse' })).toContainText('Tuteur relecture')
  await expectNoAxeViolations(tutorPage)

  // The learner sees both rounds with their summaries, newest first, and is told.
  await page.reload()
  const closed = page.getByRole('region', { name: 'Relectures closes' }).getByRole('article')
  await expect(closed).toHaveCount(2)
  await expect(closed.first()).toContainText('Reste à chiffrer les besoins.')
  await expect(closed.first()).toContainText('Aucun commentaire')
  await expect(closed.nth(1)).toContainText('Bon début : précisez la cible.')
  await expectNoAxeViolations(page)
  const learnerTold = await e2eDb().select().from(schema.notifications).where(eq(schema.notifications.userId, learner.id))
  expect(learnerTold.filter((n) => n.type === 'round-closed').map((n) => n.roundId)).toEqual(expect.arrayContaining([first!.id, second.id]))
  // The learner may read a round but not close it.
  await page.goto(`${listUrl}/${second.id}`)
  await expect(page.getByRole('region', { name: 'Synthèse' })).toBeVisible()
  await expect(page.getByLabel('Synthèse pour le ou la candidat·e')).toHaveCount(0)
  await tutorContext.close()
})

test('the summary typed is kept when the round was closed meanwhile', async ({ page, request }) => {
  const learner = await createLearner('relecture-conflit')
  const tutor = await createTutor('relecture-conflit', learner)
  const dossierId = await dossierIdOf(learner.email, 'fiche-veille')
  const listUrl = `/dossiers/${dossierId}/relectures`
  expect((await request.post(listUrl, { headers: { Cookie: await sessionCookieFor(learner.email) }, form: { message: '' } })).status()).toBe(200)
  const round = (await roundsOf(dossierId))[0]!
  await loginAs(page, tutor)
  await page.goto(`${listUrl}/${round.id}`)
  await page.getByLabel('Synthèse pour le ou la candidat·e').fill('Une longue synthèse à ne pas perdre.')
  // Closed from elsewhere (another tab) before this one is sent.
  const elsewhere = await request.post(`${listUrl}/${round.id}`, {
    headers: { Cookie: await sessionCookieFor(tutor.email) },
    form: { summary: 'Première' },
    maxRedirects: 0,
  })
  expect(elsewhere.status()).toBe(302)
  await page.getByRole('button', { name: 'Clore la relecture' }).click()
  await expect(page.getByRole('alert')).toHaveText('Cette relecture est déjà close.')
  await expect(page.getByLabel('Synthèse pour le ou la candidat·e')).toHaveValue('Une longue synthèse à ne pas perdre.')
})

test('only the dossier’s people read rounds; only its learners ask, only its tutor closes', async ({ request }) => {
  const learner = await createLearner('relecture-acces')
  const tutor = await createTutor('relecture-acces', learner)
  const stranger = await createTutor('relecture-etranger')
  const dossierId = await dossierIdOf(learner.email, 'fiche-veille')
  const listUrl = `/dossiers/${dossierId}/relectures`
  const as = async (email: string) => ({ Cookie: await sessionCookieFor(email) })
  const [learnerH, tutorH, strangerH] = await Promise.all([as(learner.email), as(tutor.email), as(stranger.email)])

  expect((await request.post(listUrl, { headers: learnerH, form: { message: 'x'.repeat(2_001) } })).status()).toBe(400)
  expect((await request.post(listUrl, { headers: learnerH, form: { message: '' } })).status()).toBe(200)
  const roundUrl = `${listUrl}/${(await roundsOf(dossierId))[0]!.id}`

  for (const url of [listUrl, roundUrl]) {
    expect((await request.get(url, { headers: learnerH })).status(), url).toBe(200)
    expect((await request.get(url, { headers: tutorH })).status(), url).toBe(200)
    expect((await request.get(url, { headers: strangerH })).status(), url).toBe(403)
    expect((await request.get(url, { maxRedirects: 0 })).status(), url).toBe(302)
  }
  expect((await request.get(`${listUrl}/inconnue`, { headers: learnerH })).status()).toBe(404)
  // Asking is the learners'; closing is the assigned tutor's.
  expect((await request.post(listUrl, { headers: tutorH, form: { message: '' } })).status()).toBe(403)
  expect((await request.post(listUrl, { headers: strangerH, form: { message: '' } })).status()).toBe(403)
  expect((await request.post(roundUrl, { headers: learnerH, form: { summary: 'Je me relis seul.' } })).status()).toBe(403)
  expect((await request.post(roundUrl, { headers: strangerH, form: { summary: 'Intrus' } })).status()).toBe(403)
  expect((await roundsOf(dossierId))[0]).toMatchObject({ closedAt: null, summary: null })
  expect((await request.post(roundUrl, { headers: tutorH, form: { summary: '' } })).status()).toBe(400)
  expect((await request.post(roundUrl, { headers: tutorH, form: { summary: 'Vu.' }, maxRedirects: 0 })).status()).toBe(302)
  expect((await roundsOf(dossierId))[0]).toMatchObject({ closedBy: tutor.id, summary: 'Vu.' })
  expect((await request.post(roundUrl, { headers: tutorH, form: { summary: 'Encore' } })).status()).toBe(409)
})

test('screens at 320, 390 and 1366 pixels wide never scroll sideways', async ({ page, request }) => {
  const learner = await createLearner('relecture-ecrans')
  const tutor = await createTutor('relecture-ecrans', learner)
  const dossierId = await dossierIdOf(learner.email, 'fiche-veille')
  const cookie = await sessionCookieFor(learner.email)
  const listUrl = `/dossiers/${dossierId}/relectures`
  const long = 'Une phrase assez longue pour remplir la largeur de l’écran et voir comment le texte se replie. '
  // The learner's page before any round: the empty state and the form.
  await loginAs(page, learner)
  for (const width of [320, 390, 1366]) {
    await page.setViewportSize({ width, height: 900 })
    await page.goto(listUrl)
    await noSideways(page, `learner at ${width}`)
    await page.screenshot({ path: `test-results/screenshots/relectures-candidat-${width}.png`, fullPage: true })
  }
  await page.context().clearCookies()
  await saveAll(request, cookie, dossierId, {
    contexte: doc(long + 'Premier.', 'Deuxième.', 'Troisième.', 'Quatrième.', 'Cinquième.'),
    besoins: row('Taille du marché'),
  })
  expect((await request.post(listUrl, { headers: { Cookie: cookie }, form: { message: 'Premier envoi.' } })).status()).toBe(200)
  const first = (await roundsOf(dossierId))[0]!
  const tutorCookie = await sessionCookieFor(tutor.email)
  expect(
    (await request.post(`${listUrl}/${first.id}`, { headers: { Cookie: tutorCookie }, form: { summary: 'Bien.\nÀ compléter.' }, maxRedirects: 0 })).status(),
  ).toBe(302)
  await saveAll(request, cookie, dossierId, {
    contexte: doc(long + 'Premier modifié.', 'Deuxième.', 'Troisième.', 'Quatrième.', 'Cinquième changé.'),
    besoins: row('Part'),
  })
  expect((await request.post(listUrl, { headers: { Cookie: cookie }, form: { message: 'Un message '.repeat(30) } })).status()).toBe(200)
  const second = (await roundsOf(dossierId)).find((r) => r.closedAt === null)!

  await loginAs(page, tutor)
  for (const width of [320, 390, 1366]) {
    await page.setViewportSize({ width, height: 900 })
    for (const [name, url] of [
      ['liste', listUrl],
      ['relecture', `${listUrl}/${second.id}`],
    ] as const) {
      await page.goto(url)
      await noSideways(page, `${name} at ${width}`)
      await page.screenshot({ path: `test-results/screenshots/relectures-${name}-${width}.png`, fullPage: true })
    }
  }
})
