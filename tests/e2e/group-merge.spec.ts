/**
 * Two members of one group working on the same structured section at once
 * (issue 17 §3): each sees the other's saves without reloading; a save based
 * on an older version is merged with the other's when they touched different
 * cells; the same cell changed by both is shown to the one who saved last,
 * limited to that cell, with their own version kept and offered back.
 */
import type { Browser, Page } from '@playwright/test'
import { BASE_URL, createGroup, createLearner, dossierIdOf, expect, expectNoAxeViolations, gridOf, loginAs, sectionRow, test } from './fixtures'

const SECTION = 'modalites-enquete'
type Rows = { rows: { id: string; cells: Record<string, unknown> }[] }

async function openAs(browser: Browser, learner: { email: string }, dossierId: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: BASE_URL })
  const page = await context.newPage()
  await loginAs(page, learner)
  await page.goto(`/dossiers/${dossierId}/sections/${SECTION}`)
  return page
}

test('two members edit one table: live saves, different cells merged, the same cell shown as a conflict of that cell only', async ({ browser }) => {
  test.setTimeout(180_000)
  const anna = await createLearner('anna-merge')
  const bruno = await createLearner('bruno-merge')
  await createGroup('msp-a2', [anna, bruno])
  const dossierId = await dossierIdOf(anna.email, 'msp-a2')
  const [pageA, pageB] = [await openAs(browser, anna, dossierId), await openAs(browser, bruno, dossierId)]
  const gridA = await gridOf(pageA, pageA.getByRole('grid', { name: /Modalités/ }))
  const gridB = await gridOf(pageB, pageB.getByRole('grid', { name: /Modalités/ }))
  const saved = (page: Page) => expect(page.locator(`#section-${SECTION} .save-status`)).toHaveText(/^Enregistré à/)

  // Each sees the other in the section (presence, issue 17 §2), and online on the dossier's page.
  await expect(pageA.locator('.presence-badge')).toHaveText('Élève bruno-merge modifie cette section', { timeout: 10_000 })
  await expect(pageB.locator('.presence-badge')).toHaveText('Élève anna-merge modifie cette section', { timeout: 10_000 })

  // Anna adds a row: Bruno sees it without reloading.
  await pageA.getByRole('button', { name: 'Ajouter une enquête' }).click()
  await gridA.fill(0, 'Interlocuteur ou groupe interrogé', 'Clients fidèles')
  await saved(pageA)
  await expect(gridB.cell(0, 'Interlocuteur ou groupe interrogé')).toHaveText('Clients fidèles', { timeout: 10_000 })

  // Different cells of that row, Bruno saving from the older version (offline meanwhile): both kept, on both screens.
  await pageB.context().setOffline(true)
  await gridB.fill(0, 'Ce que l’on cherche à savoir', 'Leurs attentes')
  await gridA.fill(0, 'Taille de l’échantillon', '40')
  await saved(pageA)
  await pageB.context().setOffline(false)
  await saved(pageB)
  await expect(gridB.cell(0, 'Taille de l’échantillon')).toHaveText('40')
  await expect(gridA.cell(0, 'Ce que l’on cherche à savoir')).toHaveText('Leurs attentes', { timeout: 10_000 })
  expect(((await sectionRow(dossierId, SECTION))!.content as Rows).rows[0]!.cells).toMatchObject({
    interlocuteur: 'Clients fidèles',
    objectif: 'Leurs attentes',
    echantillon: 40,
  })
  await expect(pageB.locator('.conflict')).toHaveCount(0)

  // The same cell changed by both: Bruno, who saved last, sees Anna's value and his own for that cell only.
  await pageB.context().setOffline(true)
  await gridB.fill(0, 'Interlocuteur ou groupe interrogé', 'Clients occasionnels')
  await gridA.fill(0, 'Interlocuteur ou groupe interrogé', 'Clients fidèles du centre-ville')
  await gridA.fill(0, 'Taille de l’échantillon', '60')
  await saved(pageA)
  await pageB.context().setOffline(false)
  const notice = pageB.getByRole('alert').filter({ hasText: 'modifié en même temps que vous' })
  await expect(notice).toContainText('Ligne 1, Interlocuteur ou groupe interrogé')
  await expect(notice).toContainText('votre version « Clients occasionnels », celle de Élève anna-merge « Clients fidèles du centre-ville »')
  await expect(gridB.cell(0, 'Taille de l’échantillon')).toHaveText('60')
  await expect(gridB.cell(0, 'Interlocuteur ou groupe interrogé')).toHaveText('Clients fidèles du centre-ville')
  await expectNoAxeViolations(pageB)
  await pageB.screenshot({ path: 'test-results/screenshots/group-merge-conflict.png' })
  // His version is put back with one button, and reaches Anna.
  await notice.getByRole('button', { name: /^Garder ma version/ }).click()
  await saved(pageB)
  await expect(gridA.cell(0, 'Interlocuteur ou groupe interrogé')).toHaveText('Clients occasionnels', { timeout: 10_000 })
  await expect(pageB.locator('.conflict')).toHaveCount(0)
  // After a reload, both see the same table.
  await pageA.reload()
  await expect(gridA.cell(0, 'Ce que l’on cherche à savoir')).toHaveText('Leurs attentes')
  await expect(gridA.cell(0, 'Taille de l’échantillon')).toHaveText('60')
  // On the dossier's page, Bruno is online; in the table's section once his focus is in it.
  await pageA.goto(`/dossiers/${dossierId}`)
  await expect(pageA.locator('.presence-online')).toContainText('En ligne\u00a0: Élève bruno-merge', { timeout: 10_000 })
  await pageB.context().close()
  // Gone within the time a page has to say it is still there.
  await expect(pageA.locator('.presence-online')).toHaveCount(0, { timeout: 20_000 })
  await pageA.context().close()
})
