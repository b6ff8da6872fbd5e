import type { Page } from '@playwright/test'
import JSZip from 'jszip'
import ExcelJS from 'exceljs'
import { BASE_URL, createLearner, dossierIdOf, expect, expectNoAxeViolations, loginAs, sectionRow, sessionCookieFor, test } from './fixtures'

/** Types into the focused control, then moves on with Tab, as a keyboard user does. */
async function typeAndTab(page: Page, text: string) {
  await page.keyboard.type(text)
  await page.keyboard.press('Tab')
}

test('perceptual map (C1.3): built with the keyboard only; chart with its table, hints, reload, Word image and table, typed Excel', async ({ page }) => {
  test.setTimeout(120_000)
  const learner = await createLearner('carte')
  const dossierId = await dossierIdOf(learner.email, 'fiche-veille')
  await loginAs(page, learner)
  // A specialised editor: edited in focus mode.
  await page.goto(`/dossiers/${dossierId}/sections/carte-perceptuelle`)
  const section = page.locator('#section-carte-perceptuelle')
  const hints = section.locator('.hints')
  await expect(hints).toContainText('Carte à construire')

  // The two axes and their poles, field after field with Tab (once the page is live: editors are disabled until hydrated).
  await expect(section.getByLabel('Nom de l’axe horizontal')).toBeEnabled()
  await section.getByLabel('Nom de l’axe horizontal').focus()
  for (const text of ['Prix', 'Prix bas', 'Prix élevé', 'Image', 'Tradition', 'Innovation']) await typeAndTab(page, text)
  await expect(section.getByLabel('Pôle haut (5)')).toHaveValue('Innovation')

  // The company and four competitors: « Ajouter une marque » pressed with Enter, each row filled with Tab.
  const brands: [string, string, string, string][] = [
    ['Maison Dupont', '2', '3,5', '12'],
    ['Biocoop', '1', '2', '25'],
    ['Naturalia', '3', '-1', '8'],
    ['Monoprix Bio', '-2', '-3', '30'],
    ['La Vie Claire', '0,5', '4', ''],
  ]
  for (const [i, [name, x, y, share]] of brands.entries()) {
    await section.getByRole('button', { name: /Ajouter une marque/ }).focus()
    await page.keyboard.press('Enter')
    await section.getByLabel(`Marque, ligne ${i + 1}`).focus()
    await typeAndTab(page, name)
    await typeAndTab(page, x)
    await typeAndTab(page, y)
    if (share) await page.keyboard.type(share)
  }
  // The first brand is the company: its radio, reached with the keyboard and checked with Space.
  await section.getByLabel('C’est l’entreprise, ligne 1').focus()
  await page.keyboard.press('Space')
  await expect(section.getByLabel('C’est l’entreprise, ligne 1')).toBeChecked()
  await expect(section.getByLabel('Image, ligne 3')).toHaveValue('-1')

  // Every hint of the map is met; the chart says what it shows, and the scores are in a table.
  await expect(hints).toHaveCount(0)
  await expect(section.getByRole('img', { name: /5\smarques placées/ })).toBeVisible()
  await expect(section.locator('.save-status')).toHaveText(/^Enregistré à/)
  const stored = (await sectionRow(dossierId, 'carte-perceptuelle'))!.content
  expect(JSON.stringify(stored)).toContain('Monoprix Bio')
  expect(JSON.stringify(stored)).toContain('3.5')
  await expectNoAxeViolations(page)

  await page.reload()
  await expect(section.getByLabel('Marque, ligne 4')).toHaveValue('Monoprix Bio')
  await expect(section.getByLabel('C’est l’entreprise, ligne 1')).toBeChecked()

  // Word: the chart as an image described by its alt text, then the data table.
  const cookie = await sessionCookieFor(learner.email)
  const docx = await fetch(`${BASE_URL}/dossiers/${dossierId}/export.docx?section=carte-perceptuelle`, { headers: { Cookie: cookie } })
  expect(docx.status).toBe(200)
  const zip = await JSZip.loadAsync(await docx.arrayBuffer())
  const xml = await zip.file('word/document.xml')!.async('string')
  expect(Object.keys(zip.files).some((f) => f.startsWith('word/media/'))).toBe(true)
  expect(xml).toMatch(/descr="Carte perceptuelle\. Axe horizontal/)
  expect(xml).toContain('Monoprix Bio')
  expect(xml).toContain('<w:tbl>')

  // Excel: the scores as numbers.
  const xlsx = await fetch(`${BASE_URL}/dossiers/${dossierId}/export.xlsx?section=carte-perceptuelle`, { headers: { Cookie: cookie } })
  expect(xlsx.status).toBe(200)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(await xlsx.arrayBuffer())
  const ws = wb.worksheets[0]!
  const values = ws.getSheetValues().flat()
  expect(values).toContain('Maison Dupont')
  expect(values).toContain(3.5)
  expect(values).toContain(-3)

  // The page reflows on a phone and on a laptop: nothing scrolls sideways.
  for (const width of [320, 390, 1366]) {
    await page.setViewportSize({ width, height: 900 })
    await section.scrollIntoViewIfNeeded()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow, `horizontal scroll at ${width} px`).toBeLessThanOrEqual(0)
    await section.screenshot({ path: `test-results/screenshots/carte-perceptuelle-${width}.png` })
  }
})
