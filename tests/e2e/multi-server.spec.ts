/**
 * Several app servers behind a load balancer (issue 18), run by `npm run
 * test:e2e:pg` only: a second server on the next port shares PostgreSQL, the
 * files folder and Redis with the first (playwright.config.ts). A login on
 * one holds on the other, and a logout on one ends it on both; a file
 * uploaded through one is served by the other; two members of a group
 * writing together through different servers see each other's text live.
 */
import type { Browser, Page } from '@playwright/test'
import { E2E_SECOND_BASE_URL } from './env'
import { BASE_URL, createGroup, createLearner, DEMO_ACCOUNTS, DEMO_PASSWORD, dossierIdOf, expect, loginAs, sectionRow, test } from './fixtures'

const [A, B] = [BASE_URL, E2E_SECOND_BASE_URL!]
// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==', 'base64')

test('a login on one server holds on the other, and a logout on one ends it on both', async ({ page }) => {
  const learner = DEMO_ACCOUNTS.learner
  await page.goto(`${A}/connexion`)
  await page.getByLabel('Adresse e-mail').fill(learner.email)
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await expect(page).toHaveURL(`${A}${learner.home}`)

  await page.goto(`${B}${learner.home}`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(learner.heading)
  await page.getByRole('button', { name: 'Se déconnecter' }).click()
  await expect(page).toHaveURL(`${B}/connexion`)
  await page.goto(`${A}${learner.home}`)
  await expect(page).toHaveURL(new RegExp(`^${A}/connexion`))
})

test('a file uploaded through one server is served by the other', async ({ page }) => {
  const learner = await createLearner('fichier-partage')
  const dossierId = await dossierIdOf(learner.email, 'cas-pratique-a3')
  await loginAs(page, learner)
  const upload = await page.request.post(`${A}/api/dossiers/${dossierId}/images`, {
    headers: { Origin: A },
    multipart: { image: { name: 'affiche.png', mimeType: 'image/png', buffer: PNG } },
  })
  expect(upload.status(), await upload.text()).toBe(201)
  const { src } = (await upload.json()) as { src: string }
  const served = await page.request.get(`${B}${src}`)
  expect(served.status()).toBe(200)
  expect(served.headers()['content-type']).toBe('image/png')
  expect(Buffer.from(await served.body()).equals(PNG)).toBe(true)
})

test('two members writing together through different servers see each other’s text as it is typed', async ({ browser }) => {
  test.setTimeout(120_000)
  const anna = await createLearner('anna-a')
  const bruno = await createLearner('bruno-b')
  await createGroup('msp-a2', [anna, bruno])
  const dossierId = await dossierIdOf(anna.email, 'msp-a2')
  const open = async (base: string, learner: { email: string }): Promise<Page> => {
    const context = await (browser as Browser).newContext({ baseURL: base })
    const page = await context.newPage()
    await loginAs(page, learner)
    await page.goto(`/dossiers/${dossierId}/sections/contexte`)
    await expect(page.locator('.rt-shared')).toHaveText(/^Édition partagée avec votre groupe/)
    return page
  }
  const editor = (page: Page) => page.locator('#section-contexte .rt-editable')
  const [a, b] = [await open(A, anna), await open(B, bruno)]

  await editor(a).click()
  await a.keyboard.type('Écrit par Anna sur le serveur A.')
  await expect(editor(b)).toContainText('Écrit par Anna sur le serveur A.')
  await editor(b).locator('p').first().click()
  await b.keyboard.press('End')
  await b.keyboard.type(' Complété par Bruno sur le serveur B.')
  await expect(editor(a)).toContainText('Complété par Bruno sur le serveur B.')
  // Each sees the other's caret, named, across servers (presence goes through Redis too).
  await expect(a.locator('.collaboration-carets__label')).toHaveText('Élève bruno-b')
  await expect(b.locator('.collaboration-carets__label')).toHaveText('Élève anna-a')

  // Stored once, with both texts.
  await expect
    .poll(async () => JSON.stringify((await sectionRow(dossierId, 'contexte'))?.content ?? ''), { timeout: 15_000 })
    .toContain('Complété par Bruno sur le serveur B.')
  const stored = JSON.stringify((await sectionRow(dossierId, 'contexte'))!.content)
  expect(stored.split('Écrit par Anna').length - 1).toBe(1)
  await a.context().close()
  await b.context().close()
})
