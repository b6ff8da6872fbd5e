/**
 * The tutor dashboard (/tuteur) and the notifications (header count, /notifications).
 *
 * The demo tutor's own data is only read here: other specs run beside this one
 * and comment on the demo learner's dossiers (which notifies the demo tutor),
 * so counts are asserted on tutors and learners created by each test.
 */
import type { Locator, Page } from '@playwright/test'
import { and, eq } from 'drizzle-orm'
import * as schema from '../../db/schema'
import { DEMO_DOMAIN } from '../../db/seed'
import {
  createLearner,
  createTutorFor,
  DEMO_ACCOUNTS,
  dossierIdOf,
  e2eDb,
  expect,
  expectNoAxeViolations,
  loginAs,
  sessionCookieFor,
  test,
  userIdByEmail,
} from './fixtures'

const DEMO_TUTOR2 = `tuteur2@${DEMO_DOMAIN}`

/** The table row of one learner (its row header holds the name). */
const rowOf = (page: Page, name: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(name) }) })
/** The row headers, in the order shown. */
const learnerNames = (page: Page) => page.locator('tbody th .tdash__name').allTextContents()

async function ownDossier(learnerId: string, templateId: string) {
  return (
    await e2eDb()
      .select({ id: schema.dossiers.id })
      .from(schema.dossiers)
      .where(and(eq(schema.dossiers.learnerId, learnerId), eq(schema.dossiers.templateId, templateId)))
  )[0]!.id
}

/** Comment threads written directly: `open` open ones and `resolved` resolved ones, each with its first message. */
async function addThreads(dossierId: string, authorId: string, open: number, resolved = 0) {
  const db = e2eDb()
  for (let i = 0; i < open + resolved; i++) {
    const thread = (
      await db
        .insert(schema.commentThreads)
        .values({
          dossierId,
          target: 'section',
          sectionId: 'contexte',
          authorId,
          status: i < open ? 'open' : 'resolved',
          resolvedAt: i < open ? null : new Date(),
        })
        .returning()
    )[0]!
    await db.insert(schema.commentMessages).values({ threadId: thread.id, authorId, body: `Remarque ${i + 1} : précisez la source.` })
  }
}

/** No sideways scroll at the current width. */
async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  expect(overflow, 'sideways scroll (px)').toBeLessThanOrEqual(0)
}

/** Screenshots at 320, 390 and 1366 px (of the viewport, `focus` scrolled into it), and no sideways scroll at any. */
async function screenshots(page: Page, name: string, focus?: Locator) {
  for (const width of [320, 390, 1366]) {
    await page.setViewportSize({ width, height: 900 })
    if (focus) await focus.scrollIntoViewIfNeeded()
    await page.screenshot({ path: `test-results/screenshots/${name}-${width}.png` })
    await expectNoSidewaysScroll(page)
  }
  await page.setViewportSize({ width: 1280, height: 900 })
}

test('the demo tutor sees their learners and their dossiers; each cell opens its dossier; the filter finds a name', async ({ page }) => {
  await loginAs(page, 'tutor')
  await page.goto('/tuteur')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes candidat·es')
  // Tutor 1 follows the odd-numbered demo learners, not the even ones.
  for (const name of ['Zoé Lefèvre', 'Anaïs Bénard', 'Clémence Rivière']) await expect(rowOf(page, name)).toHaveCount(1)
  await expect(rowOf(page, 'Maël Dupré')).toHaveCount(0)

  const zoe = rowOf(page, DEMO_ACCOUNTS.learner.name)
  await expect(zoe.getByRole('link', { name: DEMO_ACCOUNTS.learner.email })).toBeVisible()
  // All her dossiers, her groups' included: 12 individual, 5 group, 4 REX.
  await expect(zoe.locator('.dchips > li')).toHaveCount(21)
  const veille = zoe.getByRole('link', { name: 'Fiche Veille', exact: true })
  const veilleId = await dossierIdOf(DEMO_ACCOUNTS.learner.email, 'fiche-veille')
  await expect(veille).toHaveAttribute('href', `/dossiers/${veilleId}`)
  await expect(zoe.locator('.dchips > li').filter({ has: page.getByRole('link', { name: 'Fiche Veille', exact: true }) })).toContainText(
    /^Fiche Veille \d+\/\d+ critères/,
  )
  const group = zoe.getByRole('link', { name: 'MSP A2', exact: true })
  await expect(group).toHaveAttribute('href', `/dossiers/${await dossierIdOf(DEMO_ACCOUNTS.learner.email, 'msp-a2')}`)
  await expectNoAxeViolations(page)
  await screenshots(page, 'tutor-dashboard')

  // The filter form is a GET form: the query is in the address.
  await page.getByLabel('Nom ou adresse e-mail').fill('anais')
  await page.getByRole('button', { name: 'Appliquer' }).click()
  await expect(page).toHaveURL(/[?&]q=anais/)
  await expect(page.locator('#tdash-count')).toHaveText('1\u00a0candidat·e correspond à ces critères.')
  expect(await learnerNames(page)).toEqual(['Anaïs Bénard'])

  await page.getByLabel('Nom ou adresse e-mail').fill('personne-de-ce-nom')
  await page.getByRole('button', { name: 'Appliquer' }).click()
  await expect(page.getByText('Aucun·e candidat·e ne correspond à ces critères')).toBeVisible()
  await expectNoAxeViolations(page)
  await page.getByRole('link', { name: 'Effacer les filtres' }).click()
  await expect(rowOf(page, DEMO_ACCOUNTS.learner.name)).toHaveCount(1)
  await expect(page.getByLabel('Nom ou adresse e-mail')).toHaveValue('')

  // A cell opens its dossier.
  await rowOf(page, DEMO_ACCOUNTS.learner.name).getByRole('link', { name: 'Fiche Veille', exact: true }).click()
  await expect(page).toHaveURL(`/dossiers/${veilleId}`)
})

test('sorting by open comments and filtering by open comments or review requests', async ({ page }) => {
  const [a, b, c] = [await createLearner('tri-a'), await createLearner('tri-b'), await createLearner('tri-c')]
  const tutor = await createTutorFor('tri', [a, b, c])
  await addThreads(await ownDossier(a.id, 'fiche-veille'), tutor.id, 2, 3)
  await addThreads(await ownDossier(b.id, 'fiche-veille'), tutor.id, 4)
  await addThreads(await ownDossier(b.id, 'fiche-ux'), tutor.id, 1)
  await addThreads(await ownDossier(c.id, 'fiche-ux'), tutor.id, 0, 2)
  await e2eDb()
    .insert(schema.reviewRounds)
    .values({ dossierId: await ownDossier(c.id, 'fiche-event'), requestedBy: c.id, requestedAt: new Date() })

  await loginAs(page, tutor)
  await page.goto('/tuteur')
  expect(await learnerNames(page)).toEqual(['Élève tri-a', 'Élève tri-b', 'Élève tri-c'])
  await expect(rowOf(page, 'Élève tri-b').locator('th')).toContainText('5\u00a0commentaires ouverts')
  const veilleB = rowOf(page, 'Élève tri-b').locator('.dchips > li', { has: page.getByRole('link', { name: 'Fiche Veille', exact: true }) })
  await expect(veilleB).toContainText('4\u00a0commentaires ouverts')

  // With JavaScript, the list follows the controls.
  await page.getByLabel('Trier par').selectOption({ label: 'Le plus de commentaires ouverts' })
  await expect(page).toHaveURL(/tri=commentaires/)
  await expect.poll(() => learnerNames(page)).toEqual(['Élève tri-b', 'Élève tri-a', 'Élève tri-c'])
  await page.getByLabel('Trier par').selectOption({ label: 'Le moins de commentaires ouverts' })
  await expect.poll(() => learnerNames(page)).toEqual(['Élève tri-c', 'Élève tri-a', 'Élève tri-b'])

  await page.getByLabel('Afficher').selectOption({ label: 'Commentaires ouverts' })
  await expect.poll(() => learnerNames(page)).toEqual(['Élève tri-a', 'Élève tri-b'])
  await page.getByLabel('Afficher').selectOption({ label: 'Relecture demandée' })
  await expect.poll(() => learnerNames(page)).toEqual(['Élève tri-c'])
  const event = rowOf(page, 'Élève tri-c').locator('.dchips > li', { has: page.getByRole('link', { name: 'Fiche Event', exact: true }) })
  await expect(event.locator('strong')).toHaveText('Relecture demandée')
  await expect(rowOf(page, 'Élève tri-c').locator('th')).toContainText('1\u00a0relecture demandée')
  await expectNoAxeViolations(page)
  await screenshots(page, 'tutor-dashboard-filtered', rowOf(page, 'Élève tri-c'))

  // The link of the summary line filters the same way, and the controls follow the address.
  await page.goto('/tuteur')
  await page.getByRole('link', { name: 'Voir les relectures demandées' }).click()
  await expect.poll(() => learnerNames(page)).toEqual(['Élève tri-c'])
  await expect(page.getByLabel('Afficher')).toHaveValue('relecture')
  await expect(page.getByLabel('Trier par')).toHaveValue('relectures')
})

test('pagination: 15 learners a page, previous and next, the current page marked', async ({ page }) => {
  test.setTimeout(120_000)
  const learners = []
  for (let i = 0; i < 17; i++) learners.push(await createLearner(`page-${String(i + 1).padStart(2, '0')}`))
  const tutor = await createTutorFor('pages', learners)
  await loginAs(page, tutor)
  await page.goto('/tuteur')
  const pager = page.getByRole('navigation', { name: 'Pagination' })
  await expect(pager).toContainText('Page 1 sur 2')
  await expect(page.locator('tbody > tr')).toHaveCount(15)
  await expect(pager.getByRole('link', { name: 'Page 1' })).toHaveAttribute('aria-current', 'page')
  await expect(pager.getByText('Précédente')).toBeVisible()
  await expect(pager.getByRole('link', { name: /Précédente/ })).toHaveCount(0)
  await expectNoAxeViolations(page)

  await pager.getByRole('link', { name: /Suivante/ }).click()
  await expect(page).toHaveURL(/page=2/)
  await expect(pager).toContainText('Page 2 sur 2')
  expect(await learnerNames(page)).toEqual(['Élève page-16', 'Élève page-17'])
  await expect(pager.getByRole('link', { name: 'Page 2' })).toHaveAttribute('aria-current', 'page')
  await expect(pager.getByRole('link', { name: /Suivante/ })).toHaveCount(0)
  await screenshots(page, 'tutor-dashboard-page2', pager)

  // Keyboard: the previous link is reachable and follows.
  await pager.getByRole('link', { name: /Précédente/ }).focus()
  await page.keyboard.press('Enter')
  await expect(pager).toContainText('Page 1 sur 2')
  // A page past the last shows the last.
  await page.goto('/tuteur?page=9')
  await expect(pager).toContainText('Page 2 sur 2')
})

test('another tutor does not see the demo tutor’s learners; a tutor without learners gets an empty state', async ({ page }) => {
  await loginAs(page, { email: DEMO_TUTOR2 })
  await page.goto('/tuteur')
  await expect(rowOf(page, 'Maël Dupré')).toHaveCount(1)
  await expect(page.getByText(DEMO_ACCOUNTS.learner.name)).toHaveCount(0)
  await page.goto('/tuteur?q=Zo%C3%A9')
  await expect(page.getByText('Aucun·e candidat·e ne correspond à ces critères')).toBeVisible()
  const veilleId = await dossierIdOf(DEMO_ACCOUNTS.learner.email, 'fiche-veille')
  await expect(page.locator(`a[href="/dossiers/${veilleId}"]`)).toHaveCount(0)

  const lonely = await createTutorFor('seul', [])
  await loginAs(page, lonely)
  await page.goto('/tuteur')
  await expect(page.getByText('Aucun·e candidat·e ne vous est confié·e pour l’instant')).toBeVisible()
  await expectNoAxeViolations(page)
})

test('notifications: the count in the header, the list, opening one marks it read, « Tout marquer comme lu »', async ({ page, request }) => {
  const learner = await createLearner('notif')
  const tutor = await createTutorFor('notif', [learner])
  const dossierId = await ownDossier(learner.id, 'fiche-veille')
  const db = e2eDb()
  const thread = (await db.insert(schema.commentThreads).values({ dossierId, target: 'section', sectionId: 'contexte', authorId: tutor.id }).returning())[0]!
  const round = (await db.insert(schema.reviewRounds).values({ dossierId, requestedBy: learner.id, requestedAt: new Date() }).returning())[0]!
  const earlier = new Date(Date.now() - 3 * 24 * 3600_000)
  await db.insert(schema.notifications).values([
    {
      userId: tutor.id,
      type: 'comment',
      dossierId,
      threadId: thread.id,
      actorId: await userIdByEmail(DEMO_ACCOUNTS.admin.email),
      createdAt: earlier,
      readAt: earlier,
    },
    { userId: tutor.id, type: 'review-request', dossierId, roundId: round.id, actorId: learner.id, createdAt: new Date(Date.now() - 60_000) },
    { userId: tutor.id, type: 'reply', dossierId, threadId: thread.id, actorId: learner.id },
  ])

  await loginAs(page, tutor)
  await page.goto('/tuteur')
  const link = page.getByRole('banner').getByRole('link', { name: /^Notifications/ })
  await expect(link).toHaveAccessibleName('Notifications, 2 non lues')
  await link.click()
  await expect(page).toHaveURL('/notifications')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Notifications')
  const items = page.locator('.notif-list > li')
  await expect(items).toHaveCount(3)
  // Newest first; the unread ones say so in text.
  await expect(items.nth(0)).toContainText('Élève notif a répondu à un commentaire sur “Fiche de compétences « Veille »”')
  await expect(items.nth(0)).toContainText('Non lue')
  await expect(items.nth(1)).toContainText('Élève notif demande une relecture de “Fiche de compétences « Veille »”')
  await expect(items.nth(1)).toContainText('il y a 1 minute')
  await expect(items.nth(2)).toContainText(`${DEMO_ACCOUNTS.admin.name} a commenté “Fiche de compétences « Veille »”`)
  await expect(items.nth(2)).not.toContainText('Non lue')
  await expect(items.nth(2).getByRole('link')).toHaveAttribute('href', `/dossiers/${dossierId}#commentaire-${thread.id}`)
  await expectNoAxeViolations(page)
  await screenshots(page, 'notifications')

  // Opening one marks it read and leads to its comment.
  await items.nth(0).getByRole('button').click()
  await expect(page).toHaveURL(`/dossiers/${dossierId}#commentaire-${thread.id}`)
  await page.goto('/notifications')
  await expect(link).toHaveAccessibleName('Notifications, 1 non lue')
  await expect(items.nth(0)).not.toContainText('Non lue')

  // The review request leads to its round.
  await items.nth(1).getByRole('button').click()
  await expect(page).toHaveURL(`/dossiers/${dossierId}/relectures/${round.id}`)
  await page.goto('/notifications')
  await expect(link).toHaveAccessibleName('Notifications')

  // « Tout marquer comme lu », on fresh ones.
  await db.insert(schema.notifications).values([
    { userId: tutor.id, type: 'reply', dossierId, threadId: thread.id, actorId: learner.id },
    { userId: tutor.id, type: 'round-closed', dossierId, roundId: round.id, actorId: tutor.id },
  ])
  await page.reload()
  await expect(link).toHaveAccessibleName('Notifications, 2 non lues')
  await page.getByRole('button', { name: 'Tout marquer comme lu' }).click()
  await expect(link).toHaveAccessibleName('Notifications')
  await expect(page.getByText('Non lue')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Tout marquer comme lu' })).toHaveCount(0)

  // Someone else's notification cannot be opened.
  const others = await db.select({ id: schema.notifications.id }).from(schema.notifications).where(eq(schema.notifications.userId, tutor.id))
  const stranger = await createTutorFor('autre', [])
  const post = async (form: Record<string, string>) =>
    (await request.post('/notifications', { headers: { Cookie: await sessionCookieFor(stranger.email) }, form, maxRedirects: 0 })).status()
  expect(await post({ intent: 'open', id: String(others[0]!.id) })).toBe(404)
  expect(await post({ intent: 'open', id: 'abc' })).toBe(400)
  expect(await post({ intent: 'effacer' })).toBe(400)
  await loginAs(page, stranger)
  await page.goto('/notifications')
  await expect(page.getByText('Aucune notification')).toBeVisible()
  await expectNoAxeViolations(page)
})

test('without JavaScript: the filter form, the pagination and opening a notification still work', async ({ browser }) => {
  const learners = []
  for (let i = 0; i < 16; i++) learners.push(await createLearner(`sans-js-${String(i + 1).padStart(2, '0')}`))
  const tutor = await createTutorFor('sans-js', learners)
  const dossierId = await ownDossier(learners[0]!.id, 'fiche-ux')
  const round = (await e2eDb().insert(schema.reviewRounds).values({ dossierId, requestedBy: learners[0]!.id, requestedAt: new Date() }).returning())[0]!
  await e2eDb().insert(schema.notifications).values({ userId: tutor.id, type: 'review-request', dossierId, roundId: round.id, actorId: learners[0]!.id })

  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await loginAs(page, tutor)
  await page.goto('/tuteur')
  await expect(page.getByRole('navigation', { name: 'Pagination' })).toContainText('Page 1 sur 2')
  await page.getByRole('link', { name: /Suivante/ }).click()
  expect(await learnerNames(page)).toEqual(['Élève sans-js-16'])

  await page.getByLabel('Nom ou adresse e-mail').fill('sans-js-07')
  await page.getByLabel('Trier par').selectOption('nom-inverse')
  await page.getByRole('button', { name: 'Appliquer' }).click()
  await expect(page).toHaveURL(/q=sans-js-07/)
  expect(await learnerNames(page)).toEqual(['Élève sans-js-07'])
  await page.getByLabel('Nom ou adresse e-mail').fill('')
  await page.getByLabel('Afficher').selectOption('relecture')
  await page.getByRole('button', { name: 'Appliquer' }).click()
  expect(await learnerNames(page)).toEqual(['Élève sans-js-01'])

  await page.getByRole('link', { name: 'Notifications, 1 non lue' }).click()
  await page.getByRole('button', { name: /demande une relecture/ }).click()
  await expect(page).toHaveURL(`/dossiers/${dossierId}/relectures/${round.id}`)
  await page.goto('/notifications')
  await expect(page.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible()
  await context.close()
})
