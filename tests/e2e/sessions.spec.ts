/**
 * Exam sessions (issue 13 §1): the admin creates a session — French errors
 * first, nothing typed lost —, lands on its « Dépôts et notation » page to
 * set the dates, edits its information, archives it after a confirmation and
 * brings it back.
 */
import { expect, expectNoAxeViolations, loginAs, noSidewaysScroll, test } from './fixtures'

test('the admin creates a session, edits it, archives it and brings it back', async ({ page }) => {
  const name = `Session créée ${Date.now()}-${Math.floor(Math.random() * 1e6)}`
  await loginAs(page, 'admin')
  await page.goto('/admin')
  await page.getByRole('link', { name: 'Nouvelle session' }).click()
  await expect(page.getByRole('heading', { name: 'Nouvelle session d’examen', level: 1 })).toBeVisible()

  // French errors, focused, nothing typed lost.
  await page.getByLabel('Nom de la session').fill(name)
  await page.getByLabel('Début', { exact: true }).fill('2027-09-01')
  await page.getByLabel('Fin', { exact: true }).fill('2027-06-30')
  await page.getByRole('button', { name: 'Créer la session' }).click()
  await expect(page.getByText('La fin de la session ne peut pas précéder son début.')).toBeVisible()
  await expect(page.getByLabel('Fin', { exact: true })).toBeFocused()
  await expect(page.getByLabel('Nom de la session')).toHaveValue(name)
  await expectNoAxeViolations(page)
  await noSidewaysScroll(page, 'sessions-new-errors')

  await page.getByLabel('Fin', { exact: true }).fill('2028-06-30')
  await page.getByRole('button', { name: 'Créer la session' }).click()
  await expect(page.getByRole('heading', { name: 'Dépôts et notation', level: 1 })).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'La session est créée' })).toBeVisible()
  await expect(page.getByText(name)).toBeVisible()

  // The same name again: refused.
  await page.goto('/admin/sessions/nouvelle')
  await page.getByLabel('Nom de la session').fill(name.toUpperCase())
  await page.getByLabel('Début', { exact: true }).fill('2027-09-01')
  await page.getByLabel('Fin', { exact: true }).fill('2028-06-30')
  await page.getByRole('button', { name: 'Créer la session' }).click()
  await expect(page.getByText('Une autre session porte déjà ce nom.')).toBeVisible()

  // Edit, from the admin home.
  await page.goto('/admin')
  await page
    .getByRole('navigation', { name: `Pages de la session ${name}` })
    .getByRole('link', { name: 'Informations' })
    .click()
  await expect(page.getByRole('heading', { name: 'Informations de la session', level: 1 })).toBeVisible()
  await page.getByLabel(/Conservation des données/).fill('48')
  await page.getByRole('button', { name: 'Enregistrer' }).click()
  await expect(page.getByText('Les informations de la session sont enregistrées.')).toBeVisible()
  await expect(page.getByLabel(/Conservation des données/)).toHaveValue('48')
  await expectNoAxeViolations(page)
  await noSidewaysScroll(page, 'sessions-information')

  // Archive, after a confirmation (cancelling changes nothing).
  await page.getByRole('button', { name: 'Archiver la session' }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText(`Archiver la session «\u00a0${name}\u00a0»`)
  await dialog.getByRole('button', { name: 'Annuler' }).click()
  await expect(page.getByText(/Session archivée le/)).toHaveCount(0)
  await page.getByRole('button', { name: 'Archiver la session' }).click()
  await dialog.getByRole('button', { name: 'Archiver la session' }).click()
  await expect(page.getByText(/La session est archivée/)).toBeVisible()
  await page.goto('/admin')
  await expect(page.getByRole('heading', { name, level: 2 })).toHaveCount(0)
  const archived = page.getByRole('region', { name: 'Sessions archivées' })
  await archived.getByRole('link', { name }).click()
  await page.getByRole('button', { name: 'Remettre parmi les sessions en cours' }).click()
  await expect(page.getByText('La session est de nouveau parmi les sessions en cours.')).toBeVisible()
  await page.goto('/admin')
  await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible()
})
