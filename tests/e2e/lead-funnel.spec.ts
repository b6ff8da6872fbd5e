import type { Locator } from '@playwright/test'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import {
  BASE_URL,
  createGroup,
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

const OBJECTIVE = 'Signer 50 nouveaux clients sur la gamme Essentiel'

test('lead funnel (C6.3-2): target from a SMART objective, backwards and forwards, hints, reload, view, Word image and table, Excel formulas', async ({
  page,
}) => {
  test.setTimeout(180_000)
  const learner = await createLearner('entonnoir')
  await createGroup('msp-a6', [learner])
  await loginAs(page, learner)
  const dossierId = await dossierIdOf(learner.email, 'msp-a6')

  // A SMART objective of the learner's, with its target.
  await page.goto(`/dossiers/${dossierId}/sections/objectifs-smart`)
  const smart = page.locator('#section-objectifs-smart')
  await smart.getByRole('button', { name: '+ Objectif global' }).click()
  await smart.getByLabel('Intitulé').fill(OBJECTIVE)
  await smart.getByLabel('Cible').fill('50')
  await smart.getByLabel('Unité').fill('clients')
  await expect(smart.locator('.save-status')).toHaveText(/^Enregistré à/)

  // The funnel is edited in focus mode; it starts with the default stages.
  await page.goto(`/dossiers/${dossierId}/sections/entonnoir-leads`)
  const section = page.locator('#section-entonnoir-leads')
  const hints = section.locator('.hints')
  await expect(hints).toContainText('Aucune cible')
  await expect(hints).toContainText('Taux de passage manquant')
  const grid = section.getByRole('grid', { name: /^Étapes de l’entonnoir/ })
  const { cell, fill } = await gridOf(page, grid)
  await expect(cell(4, 'Étape')).toHaveText('Clients')

  // The target comes from the objective.
  const objective = section.getByLabel('Objectif SMART visé')
  await expect(objective).toBeEnabled()
  await objective.selectOption({ label: `${OBJECTIVE} (Mise en situation « Ressources, objectifs et leads »)` })
  await expect(section.getByLabel('Cible', { exact: true })).toHaveValue('50')
  await expect(section.getByText('Cible de l’objectif : 50\u00a0clients.')).toBeVisible()

  // The rates, stage after stage; the volume needed is computed backwards as soon as the chain reaches the top.
  for (const [row, rate] of [
    [1, '5'],
    [2, '2'],
    [3, '40'],
    [4, '25'],
  ] as const)
    await fill(row, 'Taux de passage', rate)
  await fill(2, 'Origine du taux', 'Moyenne du secteur B2B')
  await expect(cell(3, 'Volume nécessaire')).toHaveText('200')
  await expect(cell(0, 'Volume nécessaire')).toHaveText('500\u202f000')
  await expect(hints).not.toContainText('Taux de passage manquant')
  await expect(hints).toContainText('Aucun volume prévu à l’étape')

  // Forwards from the volume planned at the top: the target is missed by 10.
  await section.getByLabel('Volume prévu en haut de l’entonnoir').fill('400 000')
  await expect(cell(4, 'Volume prévu')).toHaveText('40')
  await expect(cell(4, 'Écart')).toHaveText('−10')
  await expect(section.locator('.funnel-verdict')).toHaveText('Cible non atteinte : le volume prévu donne 40 Clients pour 50 visés (écart de −10).')
  await expect(hints).toContainText('il faudrait 500\u202f000 au lieu de 400\u202f000')

  // A rate over 100 % is named.
  await fill(3, 'Taux de passage', '120')
  await expect(hints).toContainText('Taux supérieur à 100\u00a0% : «\u00a0Leads → Leads qualifiés\u00a0» (120\u00a0%)')
  await fill(3, 'Taux de passage', '40')
  await expect(hints).not.toContainText('Taux supérieur')

  // Enough planned: every hint is met; the funnel is drawn, its table folded under it.
  await section.getByLabel('Volume prévu en haut de l’entonnoir').fill('500000')
  await expect(section.locator('.funnel-verdict')).toHaveText('Cible atteinte : le volume prévu donne 50 Clients pour 50 visés.')
  await expect(hints).toHaveCount(0)
  await expect(section.locator('.funnel-chart svg polygon')).toHaveCount(5)
  await section.getByText('Données de l’entonnoir (tableau)').click()
  await expect(section.getByRole('region', { name: /^Étapes de l’entonnoir/ }).getByRole('row', { name: /Visiteurs/ })).toContainText('25\u202f000')
  await expect(section.locator('.save-status')).toHaveText(/^Enregistré à/)
  const stored = (await sectionRow(dossierId, 'entonnoir-leads'))!.content as { target: number; planned: number; objectiveId: string }
  expect(stored).toMatchObject({ target: 50, planned: 500_000, objectiveId: expect.stringMatching(/^obj-/) })
  await expectNoAxeViolations(page)

  await page.reload()
  await expect(section.getByLabel('Cible', { exact: true })).toHaveValue('50')
  await expect(section.getByLabel('Volume prévu en haut de l’entonnoir')).toHaveValue('500000')
  await expect(cell(2, 'Origine du taux')).toHaveText('Moyenne du secteur B2B')
  await expect(cell(0, 'Volume prévu')).toHaveText('500\u202f000')

  // The page reflows on a phone and on a laptop: nothing scrolls sideways.
  for (const width of [320, 390, 1366]) {
    await page.setViewportSize({ width, height: 900 })
    await expect(section.locator('.funnel-chart svg')).toBeVisible()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow, `horizontal scroll at ${width} px`).toBeLessThanOrEqual(0)
    await section.screenshot({ path: `test-results/screenshots/leadFunnel-${width}.png` })
  }

  // The dossier page shows the view: the verdict and the stages' table.
  await page.goto(`/dossiers/${dossierId}`)
  await openSection(page, 'entonnoir-leads')
  const view = page.locator('#section-entonnoir-leads')
  await expect(view.locator('.funnel-verdict')).toContainText('Cible atteinte')
  await expect(view.getByRole('region', { name: /^Étapes de l’entonnoir/ }).getByRole('row')).toHaveCount(6)
  await expectNoAxeViolations(page)
  await page.setViewportSize({ width: 390, height: 900 })
  await view.screenshot({ path: 'test-results/screenshots/leadFunnel-view-390.png' })

  // Word: the verdict, the funnel as an image described by its alt text, the table.
  const cookie = await sessionCookieFor(learner.email)
  const docx = await fetch(`${BASE_URL}/dossiers/${dossierId}/export.docx?section=entonnoir-leads`, { headers: { Cookie: cookie } })
  expect(docx.status).toBe(200)
  const zip = await JSZip.loadAsync(await docx.arrayBuffer())
  const xml = await zip.file('word/document.xml')!.async('string')
  expect(Object.keys(zip.files).some((f) => f.startsWith('word/media/'))).toBe(true)
  expect(xml).toContain('descr="Entonnoir de conversion : Audience touchée (nécessaire 500')
  expect(xml).toContain('Cible atteinte : le volume prévu donne 50 Clients pour 50 visés.')
  expect(xml).toContain(OBJECTIVE)
  expect(xml).toContain('<w:tbl>')

  // Excel: typed rates and inputs, live formulas for the volumes.
  const xlsx = await fetch(`${BASE_URL}/dossiers/${dossierId}/export.xlsx?section=entonnoir-leads`, { headers: { Cookie: cookie } })
  expect(xlsx.status).toBe(200)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(await xlsx.arrayBuffer())
  const ws = wb.worksheets[0]!
  expect(ws.getCell('B3').value).toBe(0.05)
  expect(ws.getCell('B8').value).toBe(50)
  expect(ws.getCell('B9').value).toBe(500_000)
  expect((ws.getCell('D2').value as ExcelJS.CellFormulaValue).formula).toBe('IF(OR(D3="",B3="",B3=0),"",ROUNDUP(ROUND(D3/B3,6),0))')
  expect((ws.getCell('E6').value as ExcelJS.CellFormulaValue).formula).toBe('IF(OR(E5="",B6=""),"",ROUNDDOWN(ROUND(E5*B6,6),0))')
})

test('lead funnel with the keyboard only: target, planned volume and the rates typed in the grid', async ({ page }) => {
  test.setTimeout(120_000)
  const learner = await createLearner('entonnoir-clavier')
  await createGroup('msp-a6', [learner])
  await loginAs(page, learner)
  const dossierId = await dossierIdOf(learner.email, 'msp-a6')
  await page.goto(`/dossiers/${dossierId}/sections/entonnoir-leads`)
  const section = page.locator('#section-entonnoir-leads')
  const focusedIn = (target: Locator) => target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))
  const tabTo = async (target: Locator) => {
    for (let i = 0; i < 15 && !(await focusedIn(target)); i++) await page.keyboard.press('Tab')
    expect(await focusedIn(target)).toBe(true)
  }

  // The target and the volume planned, from one field to the next with Tab.
  const target = section.getByLabel('Cible', { exact: true })
  await expect(target).toBeEnabled()
  await target.focus()
  await page.keyboard.type('50')
  await tabTo(section.getByLabel('Volume prévu en haut de l’entonnoir'))
  await page.keyboard.type('500000')

  // The grid is one tab stop; Ctrl+Home goes to its first cell, arrows move, typing edits, Enter stores and goes down.
  const grid = section.getByRole('grid', { name: /^Étapes de l’entonnoir/ })
  await tabTo(grid)
  const headers = await grid.getByRole('columnheader').allTextContents()
  const rate = headers.indexOf('Taux de passage') - 1
  const cell = (row: number, column: number) => grid.locator('tbody tr').nth(row).locator('td').nth(column)
  await page.keyboard.press('Control+Home')
  await expect(cell(0, 0)).toBeFocused()
  await page.keyboard.press('ArrowDown')
  for (let i = 0; i < rate; i++) await page.keyboard.press('ArrowRight')
  await expect(cell(1, rate)).toBeFocused()
  for (const value of ['5', '2', '40', '25']) {
    await page.keyboard.type(value)
    await page.keyboard.press('Enter')
  }
  await expect(cell(1, rate)).toContainText('5')
  await expect(cell(4, rate)).toContainText('25')
  const needed = headers.indexOf('Volume nécessaire') - 1
  await expect(cell(0, needed)).toHaveText('500\u202f000')
  await expect(section.locator('.funnel-verdict')).toHaveText('Cible atteinte : le volume prévu donne 50 Clients pour 50 visés.')
  await expect(section.locator('.save-status')).toHaveText(/^Enregistré à/)
  expect((await sectionRow(dossierId, 'entonnoir-leads'))!.content).toMatchObject({ target: 50, planned: 500_000 })
  await expectNoAxeViolations(page)
})
