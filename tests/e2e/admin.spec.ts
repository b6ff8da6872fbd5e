import { expect, expectNoAxeViolations, loginAs, test } from './fixtures'

test('the admin home shows the demo session with its counts', async ({ page }) => {
  await loginAs(page, 'admin')
  await page.goto('/admin')
  const card = page.locator('.card', { hasText: 'Session de démonstration' })
  await expect(card).toContainText('Candidat·es9')
  await expect(card).toContainText('Groupes15')
  await expect(card).toContainText('Tutorats9')
  // 123 copies, plus the second juror of each of the 9 double-marked cas pratique A3 (db/seed-double.ts).
  await expect(card).toContainText('Affectations jury132')
  await expectNoAxeViolations(page)
})

test('an admin creates an account, with French errors first, then sets its roles', async ({ page }) => {
  await loginAs(page, 'admin')
  await page.goto('/admin/utilisateurs')
  await expectNoAxeViolations(page)
  await page.getByRole('link', { name: 'Créer un compte' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Créer un compte')
  await page.getByLabel('Prénom et nom').fill('Aurélie Cœur')
  await page.getByLabel('Adresse e-mail').fill('pas-une-adresse')
  await page.getByLabel('Mot de passe provisoire').fill('court')
  await page.getByRole('button', { name: 'Créer le compte' }).click()
  await expect(page.getByText('Cette adresse e-mail n’est pas valide.')).toBeVisible()
  await expect(page.getByText('Le mot de passe doit compter au moins 10 caractères.')).toBeVisible()
  // Nothing typed is lost.
  await expect(page.getByLabel('Prénom et nom')).toHaveValue('Aurélie Cœur')
  await expectNoAxeViolations(page)

  const email = `aurelie-${Date.now()}@test.local`
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe provisoire').fill('un-mot-de-passe-solide')
  await page.getByLabel('Tuteur·rice').check()
  await page.getByRole('button', { name: 'Créer le compte' }).click()
  await expect(page).toHaveURL(/\/admin\/utilisateurs\?cree=1/)
  await expect(page.getByRole('status')).toHaveText('Le compte a été créé.')
  const row = page.getByRole('row', { name: /Aurélie Cœur/ })
  await expect(row).toContainText('Candidat·e')
  await expect(row).toContainText('Tuteur·rice')

  await row.getByRole('link', { name: 'Aurélie Cœur' }).click()
  await page.getByLabel('Candidat·e').uncheck()
  await page.getByLabel('Juré·e').check()
  await page.getByRole('button', { name: 'Enregistrer les rôles' }).click()
  await expect(page.getByRole('status')).toHaveText('Les rôles ont été mis à jour.')
  await expectNoAxeViolations(page)

  // The new account logs in and lands on the juror home (its main role).
  await page.context().clearCookies()
  await page.goto('/connexion')
  await page.getByLabel('Adresse e-mail').fill(email)
  await page.getByLabel('Mot de passe').fill('un-mot-de-passe-solide')
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await expect(page).toHaveURL('/jury')
  await expect(page.getByText('Aucune évaluation ne vous est attribuée')).toBeVisible()
  await expectNoAxeViolations(page)
})

test('a duplicate e-mail is refused with a French message', async ({ page }) => {
  await loginAs(page, 'admin')
  await page.goto('/admin/utilisateurs/nouveau')
  await page.getByLabel('Prénom et nom').fill('Doublon')
  await page.getByLabel('Adresse e-mail').fill('ADMIN@ecole-demo.fr')
  await page.getByLabel('Mot de passe provisoire').fill('un-mot-de-passe-solide')
  await page.getByRole('button', { name: 'Créer le compte' }).click()
  await expect(page.getByText('Un compte existe déjà avec cette adresse e-mail.')).toBeVisible()
})

test('a learner who opens an admin page gets a French 403 page', async ({ page }) => {
  await loginAs(page, 'learner')
  const response = await page.goto('/admin/utilisateurs')
  expect(response?.status()).toBe(403)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accès refusé')
  await expect(page.getByRole('link', { name: 'Revenir à l’accueil' })).toBeVisible()
  await expectNoAxeViolations(page)
})

test('an unknown page gets a French 404 page', async ({ page }) => {
  await loginAs(page, 'tutor')
  const response = await page.goto('/nulle-part')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable')
  await expectNoAxeViolations(page)
})
