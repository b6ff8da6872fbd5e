import type { Locator, Page } from '@playwright/test'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { BASE_URL, createLearner, dossierIdOf, expect, expectNoAxeViolations, loginAs, openSection, sectionRow, sessionCookieFor, test } from './fixtures'

/** The cells of a grid by row (from 0) and column header. */
async function gridOf(grid: Locator) {
  const headers = await grid.getByRole('columnheader').allTextContents()
  return (row: number, column: string) =>
    grid
      .locator('tbody tr')
      .nth(row)
      .locator('td')
      .nth(headers.indexOf(column) - 1)
}

/** Adds a row to a grid and types its cells from the first (a choice picks the option its first letters name). */
async function addRow(page: Page, section: Locator, add: string, cells: string[]) {
  await section.getByRole('button', { name: `+ ${add}` }).click()
  for (const [i, text] of cells.entries()) {
    // Tab stores what is typed and moves right; a cell left empty is skipped with → (Tab there would leave the grid).
    if (!text) await page.keyboard.press('ArrowRight')
    else {
      await page.keyboard.type(text)
      await page.keyboard.press(i === cells.length - 1 ? 'Enter' : 'Tab')
    }
  }
}

test('media plan (C10.1): media, phases and waves on the yearly calendar with marronniers, budgets, hints, view, Word image and table, Excel formulas', async ({
  page,
}) => {
  test.setTimeout(180_000)
  const learner = await createLearner('media')
  const dossierId = await dossierIdOf(learner.email, 'cas-pratique-a10')
  await loginAs(page, learner)
  await page.goto(`/dossiers/${dossierId}/sections/calendrier-media`)
  const section = page.locator('#section-calendrier-media')
  const hints = section.locator('.hints')
  await expect(hints).toContainText('Indiquez l’année du plan')
  await expect(section.getByText('Le calendrier apparaîtra quand le plan aura une année.')).toBeVisible()

  await expect(section.getByLabel('Année du plan (AAAA)')).toBeEnabled()
  await section.getByLabel('Année du plan (AAAA)').fill('2027')
  await expect(hints).not.toContainText('Indiquez l’année du plan')

  await addRow(page, section, 'Ajouter un média', ['Instagram', 'D'])
  await addRow(page, section, 'Ajouter un média', ['Radio locale', 'R'])
  await addRow(page, section, 'Ajouter une phase', ['Lancement', 'Lan', '20/09/2027', '17/10/2027', 'Installer la gamme'])
  await addRow(page, section, 'Ajouter une vague', ['Ins', 'Lancement', 'Lan', '20/09/2027', '17/10/2027', '18 000', '12'])
  await addRow(page, section, 'Ajouter une vague', ['Ins', 'Fêtes', '', '22/11/2027', '24/12/2027'])

  const waves = await gridOf(section.getByRole('grid', { name: /^Vagues : / }))
  await expect(waves(0, 'Média')).toHaveText('Instagram')
  await expect(waves(0, 'Phase commerciale')).toHaveText('Lancement')
  await expect(waves(0, 'Budget (€)')).toHaveText('18\u202f000,00\u00a0€')
  await expect(hints).toContainText('Sans budget : «\u00a0Fêtes\u00a0».')
  await expect(hints).toContainText('Ce média n’a aucune vague : «\u00a0Radio locale\u00a0».')

  // The waves are on the calendar, the budget adds up per medium and in total.
  const calendar = section.getByRole('region', { name: /^Calendrier : Plan média, 01\/01\/2027 – 31\/12\/2027 : 2\smédias, 2\svagues/ })
  await expect(calendar).toBeVisible()
  await expect(calendar.locator('.media-cal__wave')).toHaveCount(2)
  const totals = section.getByRole('table', { name: 'Budget par média' })
  await expect(totals.getByRole('row', { name: /^Instagram/ })).toContainText('18\u202f000,00\u00a0€')
  await expect(totals.getByRole('row', { name: /^Total/ })).toContainText('18\u202f000,00\u00a0€')

  // A wave gets its budget: the hint goes, the total follows.
  const media = await gridOf(section.getByRole('grid', { name: /^Médias et supports : / }))
  await waves(1, 'Budget (€)').click()
  await page.keyboard.type('6 500,50')
  await page.keyboard.press('Enter')
  await expect(hints).not.toContainText('Sans budget')
  await expect(totals.getByRole('row', { name: /^Total/ })).toContainText('24\u202f500,50\u00a0€')
  await expect(media(0, 'Vagues')).toHaveText('2')

  // Marronniers are dated for the plan's year and shown on the calendar.
  await section.getByRole('checkbox', { name: 'Black Friday (26/11/2027)' }).check()
  await section.getByRole('checkbox', { name: 'Soldes d’hiver (06/01/2027 – 02/02/2027)' }).check()
  await expect(calendar.locator('.media-cal__marronnier')).toHaveCount(2)

  await expect(section.locator('.save-status')).toHaveText(/^Enregistré à/)
  const stored = (await sectionRow(dossierId, 'calendrier-media'))!.content as { year: number; waves: { budget: number }[]; marronniers: string[] }
  expect(stored.year).toBe(2027)
  expect(stored.waves.map((w) => w.budget)).toEqual([18_000, 6_500.5])
  expect(stored.marronniers).toEqual(['soldes-hiver', 'black-friday'])
  await expectNoAxeViolations(page)

  await page.reload()
  await expect(section.getByLabel('Année du plan (AAAA)')).toHaveValue('2027')
  await expect(waves(1, 'Vague ou temps fort')).toHaveText('Fêtes')
  await expect(section.getByRole('checkbox', { name: 'Black Friday (26/11/2027)' })).toBeChecked()
  // The calendar's data table, reached with the keyboard.
  await section.getByText('Données du calendrier (tableau)').focus()
  await page.keyboard.press('Enter')
  await expect(section.getByRole('table', { name: 'Marronniers affichés sur le calendrier' }).getByRole('row', { name: /Black Friday/ })).toContainText(
    '26/11/2027',
  )
  await expect(section.getByRole('table', { name: 'Vagues' }).getByRole('row', { name: /Fêtes/ })).toContainText('6\u202f500,50\u00a0€')
  await expectNoAxeViolations(page)

  for (const width of [1366, 390, 320]) {
    await page.setViewportSize({ width, height: 900 })
    await section.scrollIntoViewIfNeeded()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow, `horizontal scroll at ${width} px`).toBeLessThanOrEqual(0)
    if (width !== 320) await section.screenshot({ path: `test-results/screenshots/mediaPlan-${width}.png` })
  }

  // The dossier page shows the picture: the calendar and the budgets, read-only.
  await page.setViewportSize({ width: 1366, height: 900 })
  await page.goto(`/dossiers/${dossierId}`)
  await openSection(page, 'calendrier-media')
  const view = page.locator('#section-calendrier-media')
  await expect(view.getByRole('region', { name: /^Calendrier : Plan média/ })).toBeVisible()
  await expect(view.getByRole('table', { name: 'Budget par média' }).getByRole('row', { name: /^Total/ })).toContainText('24\u202f500,50\u00a0€')
  await expectNoAxeViolations(page)
  await view.screenshot({ path: 'test-results/screenshots/mediaPlan-view-1366.png' })

  // Word: the calendar as an image described by its alt text, then the tables.
  const cookie = await sessionCookieFor(learner.email)
  const docx = await fetch(`${BASE_URL}/dossiers/${dossierId}/export.docx?section=calendrier-media`, { headers: { Cookie: cookie } })
  expect(docx.status).toBe(200)
  const zip = await JSZip.loadAsync(await docx.arrayBuffer())
  const xml = await zip.file('word/document.xml')!.async('string')
  expect(Object.keys(zip.files).some((f) => f.startsWith('word/media/'))).toBe(true)
  expect(xml).toContain(
    'descr="Calendrier du plan média, 01/01/2027 – 31/12/2027 : Instagram (Lancement du 20/09/2027 au 17/10/2027 ; Fêtes du 22/11/2027 au 24/12/2027)',
  )
  expect(xml).toContain('Budget par média')
  expect(xml).toContain('<w:tbl>')

  // Excel: dates as dates, euros as currency, totals as live formulas.
  const xlsx = await fetch(`${BASE_URL}/dossiers/${dossierId}/export.xlsx?section=calendrier-media`, { headers: { Cookie: cookie } })
  expect(xlsx.status).toBe(200)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(await xlsx.arrayBuffer())
  const ws = wb.worksheets.find((w) => w.getCell('A1').value === 'Média')!
  expect(ws.getCell('E2').value).toEqual(new Date(Date.UTC(2027, 8, 20)))
  expect(ws.getCell('H3').value).toBe(6_500.5)
  expect(ws.getCell('H3').numFmt).toContain('€')
  const formulas = ws
    .getSheetValues()
    .flat()
    .flatMap((v) => (v && typeof v === 'object' && 'formula' in v ? [String(v.formula)] : []))
  expect(formulas).toContain('SUMIF($A$2:$A$3,A7,$H$2:$H$3)')
  expect(formulas).toContain('SUM($H$2:$H$3)')
})
