import { hashPassword } from '../../app/services/password.server'
import * as schema from '../../db/schema'
import type { Role } from '../../app/domain/permissions'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, e2eDb, expect, expectNoAxeViolations, test } from './fixtures'

const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1440, height: 900 },
}

for (const role of Object.keys(DEMO_ACCOUNTS) as Role[]) {
  const account = DEMO_ACCOUNTS[role]
  test(`${role} logs in with the form and lands on their home`, async ({ page }) => {
    await page.goto('/')
    await expect(page).toHaveURL(/\/connexion$/)
    await expectNoAxeViolations(page)
    await page.getByLabel('Adresse e-mail').fill(account.email)
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await expect(page).toHaveURL(account.home)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(account.heading)
    await expect(page.getByRole('banner')).toContainText(account.name)
    await expectNoAxeViolations(page)

    for (const [name, size] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(size)
      await expectNoAxeViolations(page)
      await page.screenshot({ path: `test-results/screenshots/home-${role}-${name}.png`, fullPage: true })
    }

    await page.getByRole('button', { name: 'Se déconnecter' }).click()
    await expect(page).toHaveURL(/\/connexion$/)
    await page.goto(account.home)
    await expect(page).toHaveURL(/\/connexion\?redirectTo=/)
  })
}

test('the learner home lists the 17 épreuves with their competencies and groups', async ({ page }) => {
  await page.goto('/connexion?redirectTo=/candidat')
  await page.getByLabel('Adresse e-mail').fill(DEMO_ACCOUNTS.learner.email)
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await expect(page).toHaveURL('/candidat')
  const cards = page.locator('.card-grid > li')
  await expect(cards).toHaveCount(17)
  await expect(page.locator('#epreuve-fiche-veille')).toContainText('C1.1 à C1.3')
  await expect(page.locator('#epreuve-serious-game-a11')).toContainText(/Groupe \d avec .+ et .+/)
  await expect(page.getByRole('heading', { name: /Mise en situation professionnelle reconstituée/, level: 3 })).toContainText('(4)')
  await expect(page.getByRole('link', { name: 'C11.1', exact: true })).toHaveAttribute('href', '/referentiel#C11.1')
})

test('a wrong password shows a French error and keeps the e-mail', async ({ page }) => {
  await page.goto('/connexion')
  await page.getByLabel('Adresse e-mail').fill(DEMO_ACCOUNTS.tutor.email)
  await page.getByLabel('Mot de passe').fill('pas-le-bon')
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await expect(page.getByRole('alert')).toHaveText('Adresse e-mail ou mot de passe incorrect.')
  await expect(page.getByLabel('Adresse e-mail')).toHaveValue(DEMO_ACCOUNTS.tutor.email)
  await expectNoAxeViolations(page)
})

test('an empty form gets a French message per field', async ({ page }) => {
  await page.goto('/connexion')
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await expect(page.getByText('Saisissez votre adresse e-mail.')).toBeVisible()
  await expect(page.getByText('Saisissez votre mot de passe.')).toBeVisible()
  await expect(page.getByLabel('Adresse e-mail')).toHaveAttribute('aria-invalid', 'true')
  await expectNoAxeViolations(page)
})

test('repeated failed logins are throttled, even with the right password afterwards', async ({ page }) => {
  const email = `throttle-${Date.now()}@test.local`
  const db = e2eDb()
  const user = (
    await db
      .insert(schema.users)
      .values({ email, name: 'Compte Limité', passwordHash: await hashPassword('le-bon-mot-de-passe') })
      .returning()
  )[0]!
  await db.insert(schema.userRoles).values({ userId: user.id, role: 'learner' })

  const attempt = async (password: string) => {
    await page.getByLabel('Adresse e-mail').fill(email)
    await page.getByLabel('Mot de passe').fill(password)
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Se connecter' }).click(),
    ])
    await expect(page.getByRole('button', { name: 'Se connecter' })).toBeEnabled()
    return response.status()
  }
  await page.goto('/connexion')
  for (let i = 0; i < 5; i++) {
    expect(await attempt(`faux-${i}`)).toBe(401)
    await expect(page.getByRole('alert')).toHaveText('Adresse e-mail ou mot de passe incorrect.')
  }
  expect(await attempt('le-bon-mot-de-passe')).toBe(429)
  await expect(page.getByRole('alert')).toContainText('Trop de tentatives de connexion échouées')
  // Five failures from one address: that address waits a minute (longer after each further failure).
  await expect(page.getByRole('alert')).toContainText(/réessayez dans 1\u00a0minute\./)
  await expect(page).toHaveURL(/\/connexion/)
})
