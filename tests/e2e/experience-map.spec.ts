import type { Locator, Page } from '@playwright/test'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import {
  BASE_URL,
  createGroup,
  createLearner,
  dossierIdOf,
  expect,
  expectNoAxeViolations,
  loginAs,
  openSection,
  sectionRow,
  sessionCookieFor,
  test,
} from './fixtures'

/** Pastes `text` on the focused element as a browser does for Ctrl+V. */
async function paste(page: Page, text: string) {
  await page.evaluate((data) => {
    const clipboardData = new DataTransfer()
    clipboardData.setData('text/plain', data)
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }))
  }, text)
}

/** Five stages as copied from a spreadsheet: name, touchpoints, doing, thinking, feeling, lived, imagined. */
const STAGES = [
  ['Découverte', 'Instagram, bouche-à-oreille', 'Voit une publicité', 'Est-ce pour moi ?', 'Curieuse', '1', '2'],
  ['Recherche', 'Site web, avis Google', 'Compare les offres', 'Les prix sont-ils clairs ?', 'Hésitante', '0', '1'],
  ['Commande', 'Site mobile', 'Remplit le formulaire', 'Pourquoi tant de champs ?', 'Agacée', '-2', '1'],
  ['Livraison', 'Transporteur, SMS', 'Suit son colis', 'Arrivera-t-il à temps ?', 'Rassurée', '2', '0'],
  ['Fidélisation', 'Newsletter, programme de points', 'Reçoit une offre', 'Cela vaut-il le coup ?', 'Satisfaite', '1', '1'],
]

async function fillPanel(page: Page, grid: Locator, row: number, column: string, text: string) {
  const headers = await grid.getByRole('columnheader').allTextContents()
  const index = headers.findIndex((h) => h.startsWith(column))
  await grid
    .locator('tbody tr')
    .nth(row)
    .locator('td')
    .nth(index - 1)
    .dblclick()
  const panel = page.getByRole('dialog', { name: `${column} — Étape ${row + 1}` })
  await panel.locator('textarea').fill(text)
  await panel.getByRole('button', { name: 'Fermer' }).click()
  await expect(panel).toBeHidden()
}

test('experience map (C7.1): persona and objectives recalled from other dossiers, two curves with their gaps, map, Word image, live Excel gap', async ({
  page,
  request,
}) => {
  test.setTimeout(150_000)
  const learner = await createLearner('parcours')
  await createGroup('msp-a6', [learner])
  const cookie = await sessionCookieFor(learner.email)
  // A persona and a SMART objective written in the learner's other dossiers.
  const a3 = await dossierIdOf(learner.email, 'cas-pratique-a3')
  const persona = {
    id: 'persona-lea-001',
    firstName: 'Léa',
    age: 34,
    location: 'Lyon',
    csp: 'Cadre',
    family: '',
    tastes: '',
    habits: '',
    brands: '',
    media: [],
    needs: 'Gagner du temps',
    frustrations: 'Formulaires longs',
    quote: '',
    inclusion: '',
    avatar: null,
  }
  expect(
    (
      await request.post(`/api/dossiers/${a3}/sections/personae`, { headers: { Cookie: cookie }, data: { baseVersion: 0, content: { personas: [persona] } } })
    ).status(),
  ).toBe(200)
  const msp = await dossierIdOf(learner.email, 'msp-a6')
  const objective = {
    id: 'obj-fidelite-01',
    label: 'Augmenter de 15 % le taux de réachat d’ici juin 2027',
    kind: 'global',
    parentId: null,
    indicator: '',
    baseline: null,
    target: null,
    unit: '',
    deadline: null,
    owner: '',
    resources: '',
    agreedWith: '',
  }
  expect(
    (
      await request.post(`/api/dossiers/${msp}/sections/objectifs-smart`, {
        headers: { Cookie: cookie },
        data: { baseVersion: 0, content: { objectives: [objective] } },
      })
    ).status(),
  ).toBe(200)

  const dossierId = await dossierIdOf(learner.email, 'fiche-ux')
  await loginAs(page, learner)
  // Edited in focus mode.
  await page.goto(`/dossiers/${dossierId}/sections/carte-experience`)
  const section = page.locator('#section-carte-experience')
  const hints = section.locator('.hints')
  await expect(hints).toContainText('Aucun persona rappelé')

  // C7.1-1: the persona and an objective picked from the other dossiers.
  await expect(section.getByLabel('Reprendre un persona de vos dossiers')).toBeEnabled()
  await section.getByLabel('Reprendre un persona de vos dossiers').selectOption({ label: 'Léa (Cas pratique « Cible, personae et mix marketing »)' })
  await expect(section.getByLabel('Nom du persona')).toHaveValue('Léa')
  await expect(section.getByLabel('Profil, besoins et freins')).toHaveValue(/34\u00a0ans, Cadre, Lyon\nBesoins : Gagner du temps/)
  await section.getByLabel('Reprendre un objectif SMART de vos dossiers').selectOption({ index: 1 })
  await expect(section.getByLabel('Objectif 1')).toHaveValue('Augmenter de 15 % le taux de réachat d’ici juin 2027')
  await expect(hints).not.toContainText('Aucun persona rappelé')

  // The stages pasted as a block from a spreadsheet on the first cell of a new row.
  const grid = section.getByRole('grid', { name: /^Étapes : / })
  await section.getByRole('button', { name: /Ajouter une étape/ }).click()
  await expect(grid.locator('tbody tr').first().locator('td').first()).toBeFocused()
  await paste(page, STAGES.map((r) => r.join('\t')).join('\r\n'))
  await expect(grid.locator('tbody tr')).toHaveCount(5)
  await expect(grid.locator('tbody tr').nth(2).locator('td').nth(7)).toHaveText('−3 · À expliquer')

  // The curves diverge by 3 at « Commande » and by 2 at « Livraison »: explanations are asked for.
  await expect(hints).toContainText('Les courbes divergent de 2 points ou plus sans écart expliqué : « Commande », « Livraison ».')
  await fillPanel(page, grid, 2, 'Explication de l’écart', 'Le formulaire n’a jamais été testé sur mobile.')
  await fillPanel(page, grid, 3, 'Explication de l’écart', 'Le service client sous-estime le suivi par SMS.')
  await fillPanel(page, grid, 2, 'Irritants', 'Onze champs obligatoires')
  await fillPanel(page, grid, 2, 'Opportunités', 'Paiement express')
  await expect(hints).toHaveCount(0)

  // The chart and its data table: gaps computed per stage.
  const figure = section.getByRole('figure', { name: /Courbe d’expérience/ })
  await expect(figure.locator('svg')).toBeVisible()
  await figure.getByText('Données de la courbe (tableau)').click()
  const data = figure.getByRole('region', { name: /Courbe d’expérience/ })
  await expect(data.getByRole('row', { name: /Commande/ }).locator('td')).toHaveText(['\u22122', '+1', /^\u22123/])
  await expect(data.getByRole('row', { name: /Moyenne/ }).locator('td')).toHaveText(['+0,4', '+1', '\u22120,6'])
  // The map, stage by stage.
  await expect(section.locator('.xmap-stage')).toHaveCount(5)
  await expect(section.locator('.xmap-stage').nth(2)).toContainText('Onze champs obligatoires')

  await expect(section.locator('.save-status')).toHaveText(/^Enregistré à/)
  const stored = JSON.stringify((await sectionRow(dossierId, 'carte-experience'))!.content)
  expect(stored).toContain('"customer":-2')
  expect(stored).toContain('"sourceId":"persona-lea-001"')
  await expectNoAxeViolations(page)

  await page.reload()
  await expect(section.getByLabel('Nom du persona')).toHaveValue('Léa')
  await expect(grid.locator('tbody tr').nth(3).locator('td').first()).toHaveText('Livraison')

  // Screenshots, and nothing scrolls sideways on a phone.
  for (const width of [1366, 390, 320]) {
    await page.setViewportSize({ width, height: 900 })
    await section.scrollIntoViewIfNeeded()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow, `horizontal scroll at ${width} px`).toBeLessThanOrEqual(0)
    if (width !== 320) await section.screenshot({ path: `test-results/screenshots/experienceMap-${width}.png` })
    if (width === 390) await figure.screenshot({ path: 'test-results/screenshots/experienceMap-chart-390.png' })
  }

  // The dossier page shows the map's picture (its view); the editor is in focus mode.
  await page.setViewportSize({ width: 1366, height: 900 })
  await page.goto(`/dossiers/${dossierId}`)
  await openSection(page, 'carte-experience')
  const view = page.locator('#section-carte-experience')
  await expect(view.locator('.xmap-stage')).toHaveCount(5)
  await expect(view.getByRole('region', { name: /Courbe d’expérience/ }).getByRole('row', { name: /Livraison/ })).toContainText('+2')
  await expectNoAxeViolations(page)
  await view.screenshot({ path: 'test-results/screenshots/experienceMap-view-1366.png' })

  // Word: the two-curve chart as an image, then the tables.
  const docx = await fetch(`${BASE_URL}/dossiers/${dossierId}/export.docx?section=carte-experience`, { headers: { Cookie: cookie } })
  expect(docx.status).toBe(200)
  const zip = await JSZip.loadAsync(await docx.arrayBuffer())
  expect(Object.keys(zip.files).some((f) => f.startsWith('word/media/'))).toBe(true)
  const xml = await zip.file('word/document.xml')!.async('string')
  expect(xml).toMatch(/descr="Courbe d’expérience, vécu client et vision de l’entreprise : Découverte/)
  expect(xml).toContain('Le formulaire n’a jamais été testé sur mobile.')

  // Excel: typed scores and a live gap.
  const xlsx = await fetch(`${BASE_URL}/dossiers/${dossierId}/export.xlsx?section=carte-experience`, { headers: { Cookie: cookie } })
  expect(xlsx.status).toBe(200)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(await xlsx.arrayBuffer())
  const ws = wb.worksheets.find((w) => w.getCell('B2').value === 'Découverte')!
  expect(ws.getCell('G4').value).toBe(-2)
  expect((ws.getCell('I4').value as ExcelJS.CellFormulaValue).formula).toBe('IF(COUNT(G4:H4)<2,"",G4-H4)')
})
