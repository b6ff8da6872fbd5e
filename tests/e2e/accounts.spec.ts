/**
 * Accounts (issue 13 §3): the admin finds an account by a piece of its name,
 * filters by role, session and state, pages through the list; deactivates an
 * account after a confirmation — its open session ends at once and the login
 * is refused — and reactivates it.
 */
import type { Page } from '@playwright/test'
import * as schema from '../../db/schema'
import { DEMO_ACCOUNTS, e2eDb, expect, expectNoAxeViolations, loginAs, test } from './fixtures'

/** A learner of no session (enrolling one in the demo session would change the counts other specs read). */
async function newLearner() {
  const email = `desactive-${Date.now()}-${Math.floor(Math.random() * 1e6)}@test.local`
  const id = (await e2eDb().insert(schema.users).values({ email, name: 'Élève desactive', passwordHash: 'x' }).returning())[0]!.id
  await e2eDb().insert(schema.userRoles).values({ userId: id, role: 'learner' })
  return { id, email }
}

async function noSidewaysScroll(page: Page, name: string) {
  for (const width of [320, 390, 1366]) {
    await page.setViewportSize({ width, height: 900 })
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow, `sideways scroll at ${width} px`).toBeLessThanOrEqual(0)
    await page.screenshot({ path: `test-results/screenshots/accounts-${name}-${width}.png`, fullPage: true })
  }
  await page.setViewportSize({ width: 1280, height: 900 })
}

test('the admin searches and filters the accounts', async ({ page }) => {
  await loginAs(page, 'admin')
  await page.goto('/admin/utilisateurs')
  await expect(page.getByRole('heading', { name: 'Utilisateurs', level: 1 })).toBeVisible()
  const search = page.getByRole('search', { name: 'Rechercher et filtrer les comptes' })
  await search.getByLabel('Nom ou adresse e-mail').fill('lefèvre')
  await search.getByRole('button', { name: 'Rechercher' }).click()
  await expect(page).toHaveURL(/q=lef%C3%A8vre/)
  await expect(page.getByRole('rowheader')).toHaveText([DEMO_ACCOUNTS.learner.name])
  await expect(page.getByText(/^1\scompte trouvé\.$/)).toBeVisible()

  // Jurors of the demo session, found by role and session.
  await search.getByLabel('Nom ou adresse e-mail').fill('')
  await search.getByLabel('Rôle').selectOption({ label: 'Juré·e' })
  await search.getByLabel('Session').selectOption({ label: 'Session de démonstration' })
  await search.getByRole('button', { name: 'Rechercher' }).click()
  await expect(page.getByRole('rowheader', { name: DEMO_ACCOUNTS.juror.name })).toBeVisible()
  await expect(page.getByRole('rowheader', { name: DEMO_ACCOUNTS.learner.name })).toHaveCount(0)
  await expectNoAxeViolations(page)

  // Nothing found: said, with a way back.
  await page.goto('/admin/utilisateurs?q=personne-de-ce-nom')
  await expect(page.getByText('Aucun compte ne correspond à cette recherche')).toBeVisible()
  await page.getByRole('link', { name: 'Effacer les filtres' }).click()
  await expect(page.getByRole('rowheader').first()).toBeVisible()
  await noSidewaysScroll(page, 'list')
})

test('a deactivated account loses its open session at once and cannot log in until reactivated', async ({ page, browser }) => {
  const learner = await newLearner()
  const context = await browser.newContext()
  const own = await context.newPage()
  await loginAs(own, learner)
  await own.goto('/candidat')
  await expect(own.getByRole('heading', { level: 1 })).toContainText('Bonjour')

  await loginAs(page, 'admin')
  await page.goto(`/admin/utilisateurs?q=${encodeURIComponent(learner.email)}`)
  await page.getByRole('link', { name: 'Élève desactive' }).click()
  // Cancelling changes nothing.
  await page.getByRole('button', { name: 'Désactiver le compte' }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText('Désactiver le compte «\u00a0Élève desactive\u00a0»')
  await dialog.getByRole('button', { name: 'Annuler' }).click()
  await own.reload()
  await expect(own).toHaveURL(/\/candidat$/)

  await page.getByRole('button', { name: 'Désactiver le compte' }).click()
  await dialog.getByRole('button', { name: 'Désactiver le compte' }).click()
  await expect(page.getByText(/Le compte est désactivé\s: ses sessions sont fermées/)).toBeVisible()
  await expect(page.getByText(/Ce compte est désactivé depuis le/)).toBeVisible()
  await expectNoAxeViolations(page)
  await noSidewaysScroll(page, 'user-deactivated')

  // The open session ended: the next request goes to the login page.
  await own.reload()
  await expect(own).toHaveURL(/\/connexion/)
  // Listed as deactivated.
  await page.goto('/admin/utilisateurs?etat=desactives')
  await expect(page.getByRole('row', { name: /Élève desactive/ })).toContainText('Désactivé')

  await page.getByRole('link', { name: 'Élève desactive' }).click()
  await page.getByRole('button', { name: 'Réactiver le compte' }).click()
  await expect(page.getByText(/Le compte est réactivé/)).toBeVisible()
  await loginAs(own, learner)
  await own.goto('/candidat')
  await expect(own).toHaveURL(/\/candidat$/)

  // A one-time link to choose a new password, shown once to the admin, opens the password page.
  await page.getByRole('button', { name: 'Créer un lien de réinitialisation' }).click()
  const link = await page.getByLabel('Lien à transmettre').inputValue()
  expect(link).toMatch(/\/mot-de-passe\/[A-Za-z0-9_-]{43}$/)
  const anonymous = await browser.newContext()
  const reset = await anonymous.newPage()
  await reset.goto(link)
  await expect(reset.getByText(learner.email)).toBeVisible()
  await anonymous.close()
  await context.close()
})
