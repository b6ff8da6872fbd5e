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

const N = '[\\s\u202f\u00a0]'
const euros = (n: string) => new RegExp(`^${n.replace(/ /g, N)},00${N}€$`)

test('budget (C13.3): lines by category, human costs as days × rate, totals and overrun alerts; reload, view, Word and Excel', async ({ page }) => {
  test.setTimeout(180_000)
  const learner = await createLearner('budget')
  const dossierId = await dossierIdOf(learner.email, 'projet-com-a13')
  await loginAs(page, learner)
  // A specialised editor: edited in focus mode.
  await page.goto(`/dossiers/${dossierId}/sections/budget-projet`)
  const section = page.locator('#section-budget-projet')
  const hints = section.locator('.hints')
  await expect(hints).toContainText('Aucune ligne de budget pour l’instant.')
  await expect(section.getByText('La synthèse apparaîtra avec la première ligne chiffrée.')).toBeVisible()

  const expenses = await gridOf(page, section.getByRole('grid', { name: /^Dépenses : / }))
  const addExpense = section.getByRole('button', { name: '+ Ajouter une dépense' })
  const rows: [string, string, string, string, string, string][] = [
    ['Production et impression', 'Impression', 'Flyers A5', 'Variable', '1000', '1125'],
    ['Achat d’espaces et diffusion', 'Presse', 'Encart presse régionale', 'Fixe', '2 400', '2350'],
  ]
  for (const [i, [category, sub, label, charge, planned, actual]] of rows.entries()) {
    await addExpense.click()
    await expenses.pick(i, 'Catégorie', category)
    await expenses.fill(i, 'Sous-catégorie', sub)
    await expenses.fill(i, 'Poste de dépense', label)
    await expenses.pick(i, 'Charge', charge)
    await expenses.fill(i, 'Prévu (€)', planned)
    await expenses.fill(i, 'Réel (€)', actual)
  }
  await expect(expenses.cell(0, 'Écart')).toHaveText(/^\+125,00\s€$/)
  await expect(expenses.cell(0, 'Écart %')).toHaveText(/^\+12,5\s% Rouge$/)
  await expect(expenses.cell(1, 'Écart %')).toHaveText(/^−2,1\s% Vert$/)
  await expect(hints).toContainText('Aucun coût humain : valorisez le temps passé par l’équipe')

  // A human cost: days × daily rate.
  const people = await gridOf(page, section.getByRole('grid', { name: /^Coûts humains : / }))
  await section.getByRole('button', { name: '+ Ajouter un coût humain' }).click()
  await people.pick(0, 'Catégorie', 'Ressources humaines internes')
  await people.fill(0, 'Sous-catégorie', 'Pilotage')
  await people.fill(0, 'Fonction ou intervenant', 'Chargée de communication')
  await people.pick(0, 'Charge', 'Fixe')
  await people.fill(0, 'Jours prévus', '10')
  await people.fill(0, 'Jours réels', '12')
  await people.fill(0, 'Taux journalier (€)', '350')
  await expect(people.cell(0, 'Prévu')).toHaveText(euros('3 500'))
  await expect(people.cell(0, 'Réel')).toHaveText(euros('4 200'))
  await expect(people.cell(0, 'Écart %')).toHaveText(/^\+20\s% Rouge$/)
  await expect(hints).not.toContainText('Aucun coût humain')
  await expect(hints).toContainText('Dépassement en alerte rouge sans commentaire : « Flyers A5 », « Chargée de communication ».')

  // The summary: 6 900 € planned, 7 675 € spent, +775 € = +11,2 % → red; the categories in a table.
  const cards = section.getByRole('list', { name: /^Synthèse du budget/ })
  await expect(cards.getByRole('listitem').nth(0)).toContainText(/6\s900,00\s€/)
  await expect(cards.getByRole('listitem').nth(1)).toContainText(/7\s675,00\s€/)
  await expect(cards.getByRole('listitem').nth(2)).toContainText(/\+775,00\s€\+11,2\s% Rouge/)
  const byCategory = section.getByRole('region', { name: /^Budget par catégorie/ })
  await expect(byCategory.getByRole('row', { name: /Ressources humaines internes/ })).toContainText(/3\s500,00\s€4\s200,00\s€\+700,00\s€\+20\s%Rouge/)
  await expect(byCategory.getByRole('row', { name: /Total général/ })).toContainText(/6\s900,00\s€/)
  const alerts = section.locator('.budget-alerts li')
  await expect(alerts).toHaveCount(5) // the whole budget, two categories (Production, RH), two lines
  await expect(alerts.first()).toContainText('Budget global : +11,2')

  // A comment on the red line, in the cell's side panel.
  await expenses.cell(0, 'Commentaire, conduite à tenir').dblclick()
  const panel = page.getByRole('dialog', { name: 'Commentaire, conduite à tenir — Dépense 1' })
  await panel.getByRole('textbox').fill('Retirage après une erreur de BAT : refacturé à l’imprimeur.')
  await panel.getByRole('button', { name: 'Fermer' }).click()
  await expect(hints).toContainText('Dépassement en alerte rouge sans commentaire : « Chargée de communication ».')
  await expect(section.locator('.save-status')).toHaveText(/^Enregistré à/)
  const stored = JSON.stringify((await sectionRow(dossierId, 'budget-projet'))!.content)
  expect(stored).toContain('Chargée de communication')
  expect(stored).toContain('"dailyRate":350')
  expect(stored).toContain('"planned":2400')
  await expectNoAxeViolations(page)

  for (const width of [1366, 390, 320]) {
    await page.setViewportSize({ width, height: 900 })
    await section.scrollIntoViewIfNeeded()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow, `horizontal scroll at ${width} px`).toBeLessThanOrEqual(0)
    if (width !== 320) await section.screenshot({ path: `test-results/screenshots/budget-${width}.png` })
  }
  await page.setViewportSize({ width: 1366, height: 900 })

  await page.reload()
  await expect(people.cell(0, 'Fonction ou intervenant')).toHaveText('Chargée de communication')
  await expect(expenses.cell(1, 'Prévu (€)')).toHaveText(euros('2 400'))

  // The dossier page shows the view: lines by category with their subtotals.
  await page.goto(`/dossiers/${dossierId}`)
  await openSection(page, 'budget-projet')
  const lines = page.locator('#section-budget-projet').getByRole('region', { name: /^Lignes du budget/ })
  await expect(lines.getByRole('row', { name: /Flyers A5/ })).toContainText('Retirage après une erreur de BAT')
  await expect(lines.getByRole('row', { name: /Sous-total Production et impression/ })).toContainText(/1\s000,00\s€1\s125,00\s€/)
  await expectNoAxeViolations(page)

  // Word: the chart as an image described by its figures, and the tables.
  const cookie = await sessionCookieFor(learner.email)
  const docx = await fetch(`${BASE_URL}/dossiers/${dossierId}/export.docx?section=budget-projet`, { headers: { Cookie: cookie } })
  expect(docx.status).toBe(200)
  const zip = await JSZip.loadAsync(await docx.arrayBuffer())
  expect(Object.keys(zip.files).some((f) => f.startsWith('word/media/'))).toBe(true)
  const xml = await zip.file('word/document.xml')!.async('string')
  expect(xml).toMatch(/descr="Prévu et réel par catégorie : Production et impression : prévu 1\s000,00\s€, réel 1\s125,00\s€/)
  expect(xml).toContain('Total général')
  expect(xml).toContain('Chargée de communication')

  // Excel: typed figures and live formulas.
  const xlsx = await fetch(`${BASE_URL}/dossiers/${dossierId}/export.xlsx?section=budget-projet`, { headers: { Cookie: cookie } })
  expect(xlsx.status).toBe(200)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(await xlsx.arrayBuffer())
  const ws = wb.worksheets[0]!
  expect(ws.getCell('C2').value).toBe('Flyers A5')
  expect(ws.getCell('I2').value).toBe(1000)
  const human = ws.getColumn(3).values.findIndex((v) => v === 'Chargée de communication')
  expect((ws.getCell(`I${human}`).value as ExcelJS.CellFormulaValue).formula).toBe(`IF(COUNT(F${human},H${human})<2,"",F${human}*H${human})`)
  expect(ws.getColumn(1).values).toContain('Total général')
})
