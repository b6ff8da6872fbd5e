import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import {
  BASE_URL,
  createLearner,
  dossierIdOf,
  expect,
  expectNoAxeViolations,
  gridOf,
  loginAs,
  openSection,
  sectionRow,
  sessionCookieFor,
  test,
} from './fixtures'

const SECTION = 'reunions-comptes-rendus'

test('meeting minutes (C12.3): meetings planned beside minutes kept, actions grid, hints, reload, view, Word and Excel', async ({ page }) => {
  test.setTimeout(150_000)
  const learner = await createLearner('comptes-rendus')
  const dossierId = await dossierIdOf(learner.email, 'fiche-manageriale')
  await loginAs(page, learner)
  // Edited in focus mode: the cards and the two lists need the whole width.
  await page.goto(`/dossiers/${dossierId}/sections/${SECTION}`)
  const section = page.locator(`#section-${SECTION}`)
  const hints = section.locator('.hints')
  await expect(hints).toContainText('Aucun compte-rendu rédigé\u00a0: les comptes-rendus d’au moins 2\u00a0réunions tenues sont attendus')

  const add = section.getByRole('button', { name: '+ Ajouter une réunion' })
  await expect(add).toBeEnabled()
  await add.click()
  await add.click()
  const card = (i: number) => section.locator('.minutes-card').nth(i)

  // A meeting held: date past, minutes written.
  const launch = card(0)
  await launch.getByLabel('Date de la réunion').fill('2025-03-03')
  await launch.getByLabel('Objet de la réunion').fill('Comité de lancement')
  await launch.getByLabel('Participants').fill('Léa Martin, chargée de marketing (rédactrice)\nPaul Roux, directeur commercial\nExcusée : Inès Kader')
  await launch.getByLabel('Ordre du jour').fill('Budget de la campagne\nCalendrier\nAccessibilité des supports')
  await launch.getByLabel('Décisions').fill('Le budget de 12 000 € est validé.\nLe lancement est fixé au 2 avril.')
  await launch.getByLabel('Date de la prochaine réunion').fill('2025-03-17')
  const { cell, fill } = await gridOf(page, launch.getByRole('grid', { name: 'Actions : Comité de lancement (03/03/2025)' }))
  const addAction = launch.getByRole('button', { name: '+ Ajouter une action' })
  await addAction.click()
  await expect(cell(0, 'Action')).toBeFocused()
  for (const text of ['Brief au studio graphique', 'Léa Martin', '07/03/2025']) {
    await page.keyboard.type(text)
    await page.keyboard.press('Tab')
  }
  await page.keyboard.type('En')
  await page.keyboard.press('Enter')
  await expect(cell(0, 'Statut')).toHaveText('En cours')
  await expect(cell(0, 'Échéance')).toHaveText('07/03/2025')
  await addAction.click()
  await page.keyboard.type('Devis imprimeur')
  await page.keyboard.press('Enter')

  // A meeting still to come: planned.
  const review = card(1)
  await review.getByLabel('Date de la réunion').fill('2099-06-01')
  await review.getByLabel('Objet de la réunion').fill('Point d’étape')
  await review.getByLabel('Ordre du jour').fill('Premiers résultats')

  const planned = section.locator('.minutes-overview__column--planifiees')
  const kept = section.locator('.minutes-overview__column--tenues')
  await expect(kept.getByRole('listitem')).toHaveText([/03\/03\/2025\s*Comité de lancement\s*2\u00a0décisions · 2\u00a0actions/])
  await expect(planned.getByRole('listitem')).toHaveText([/01\/06\/2099\s*Point d’étape/])
  await expect(section.locator('.minutes-overview__status')).toHaveText('1\u00a0compte-rendu rédigé sur 2 attendus au moins')
  await expect(launch.locator('legend')).toContainText('Compte-rendu rédigé')
  await expect(review.locator('legend')).toContainText('Planifiée')
  await expect(hints).toContainText('1\u00a0compte-rendu rédigé seulement (1\u00a0réunion encore planifiée)')
  await expect(hints).toContainText('Comité de lancement (03/03/2025)\u00a0: action sans responsable\u00a0: «\u00a0Devis imprimeur\u00a0».')
  await expect(hints).toContainText('Comité de lancement (03/03/2025)\u00a0: action sans échéance\u00a0: «\u00a0Devis imprimeur\u00a0».')

  // The owner and due date given, the second meeting held and dated before its next one: only a wrong next date is left.
  await fill(1, 'Responsable', 'Paul Roux')
  await fill(1, 'Échéance', '14/03/2025')
  await review.getByLabel('Date de la réunion').fill('2025-03-17')
  await review.getByLabel('Décisions').fill('Les visuels sont retenus.')
  await review.getByLabel('Date de la prochaine réunion').fill('2025-03-10')
  await expect(section.locator('.minutes-overview__status')).toHaveText('2\u00a0comptes-rendus rédigés sur 2 attendus au moins')
  await expect(hints.locator('li')).toHaveText(['Point d’étape (17/03/2025)\u00a0: la prochaine réunion (10/03/2025) n’est pas datée après celle-ci.'])
  await review.getByLabel('Date de la prochaine réunion').fill('2025-03-31')
  await expect(hints).toHaveCount(0)
  await expect(section.locator('.save-status')).toHaveText(/^Enregistré à/)
  const stored = JSON.stringify((await sectionRow(dossierId, SECTION))!.content)
  expect(stored).toContain('"owner":"Paul Roux"')
  expect(stored).toContain('"due":"2025-03-14"')
  expect(stored).toContain('"status":"en-cours"')
  await expectNoAxeViolations(page)

  await page.reload()
  await expect(card(0).getByLabel('Objet de la réunion')).toHaveValue('Comité de lancement')
  await expect(card(1).getByLabel('Décisions')).toHaveValue('Les visuels sont retenus.')
  await expect(gridOf(page, card(0).getByRole('grid')).then(({ cell }) => cell(1, 'Responsable'))).resolves.toHaveText('Paul Roux')

  // The picture and the minutes on the focus page, at a laptop's and a phone's width.
  for (const width of [320, 390, 1366]) {
    await page.setViewportSize({ width, height: 900 })
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow, `horizontal scroll at ${width} px`).toBeLessThanOrEqual(0)
    if (width !== 320) await section.screenshot({ path: `test-results/screenshots/meeting-minutes-${width}.png` })
  }

  // The dossier page shows the view: both lists, then each meeting as its minutes.
  await page.setViewportSize({ width: 1366, height: 900 })
  await page.goto(`/dossiers/${dossierId}`)
  await openSection(page, SECTION)
  const view = page.locator(`#section-${SECTION}`)
  await expect(view.locator('.minutes-overview__column--tenues').getByRole('listitem')).toHaveCount(2)
  const doc = view.locator('.minutes-doc').first()
  await expect(doc.getByRole('heading', { name: 'Comité de lancement' })).toBeVisible()
  await expect(doc.getByRole('table', { name: /^Actions : Comité de lancement/ }).getByRole('row')).toHaveCount(3)
  await expect(doc).toContainText('Prochaine réunion\u00a0: 17 mars 2025')
  await expectNoAxeViolations(page)
  for (const width of [320, 390]) {
    await page.setViewportSize({ width, height: 900 })
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow, `horizontal scroll of the view at ${width} px`).toBeLessThanOrEqual(0)
  }
  await view.screenshot({ path: 'test-results/screenshots/meeting-minutes-view-390.png' })

  // Word: the calendar, then each meeting as a minutes document with its actions table.
  const cookie = await sessionCookieFor(learner.email)
  const docx = await fetch(`${BASE_URL}/dossiers/${dossierId}/export.docx?section=${SECTION}`, { headers: { Cookie: cookie } })
  expect(docx.status).toBe(200)
  const xml = await (await JSZip.loadAsync(await docx.arrayBuffer())).file('word/document.xml')!.async('string')
  expect(xml).toContain('Compte-rendu : Comité de lancement (03/03/2025)')
  expect(xml).toContain('Compte-rendu : Point d’étape (17/03/2025)')
  expect(xml).toContain('Brief au studio graphique')
  expect(xml).toContain('<w:tbl>')

  // Excel: one row per action, dates typed as dates.
  const xlsx = await fetch(`${BASE_URL}/dossiers/${dossierId}/export.xlsx?section=${SECTION}`, { headers: { Cookie: cookie } })
  expect(xlsx.status).toBe(200)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(await xlsx.arrayBuffer())
  const ws = wb.worksheets.find((w) => w.getCell('A1').value === 'Date de la réunion')!
  expect(ws.getCell('G2').value).toBe('Brief au studio graphique')
  expect(ws.getCell('A2').value).toEqual(new Date(Date.UTC(2025, 2, 3)))
  expect(ws.getCell('I3').value).toEqual(new Date(Date.UTC(2025, 2, 14)))
  expect(ws.getCell('H3').value).toBe('Paul Roux')
  expect(ws.getCell('B4').value).toBe('Point d’étape')
})
