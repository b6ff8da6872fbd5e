/**
 * Evidence files (issue 15 §4): a table column « pièce jointe ». A learner of
 * the cas pratique A10 joins the files they produced with the keyboard (an
 * image, a PDF, a workbook), a file that is not what its name says is refused
 * in French and nothing is lost; the files show in the grid, in the view
 * (image inline, PDF in a viewer), in Word (the image) and in Excel (the
 * names); another learner cannot read them.
 */
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
  noSidewaysScroll,
  openSection,
  sectionRow,
  sessionCookieFor,
  test,
} from './fixtures'

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
/** A one-page PDF that a viewer opens (objects, then the cross-reference table of their offsets). */
function onePagePdf(text: string): Buffer {
  const stream = `BT /F1 24 Tf 30 120 Td (${text}) Tj ET`
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 250] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let body = '%PDF-1.4\n'
  const offsets = objects.map((o, i) => {
    const at = body.length
    body += `${i + 1} 0 obj\n${o}\nendobj\n`
    return at
  })
  const xref = body.length
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}
const PDF = onePagePdf('Planning editorial 2027')

type StoredRow = { cells: Record<string, { src: string; name: string; mime: string; size: number } | string | null> }

test('evidence files: joined with the keyboard, refused when they are not what they say, shown, exported, private', async ({ page }) => {
  test.setTimeout(180_000)
  const learner = await createLearner('pieces')
  const dossierId = await dossierIdOf(learner.email, 'cas-pratique-a10')
  await loginAs(page, learner)
  await page.goto(`/dossiers/${dossierId}`)
  await openSection(page, 'fichiers-bureautiques')
  const section = page.locator('#section-fichiers-bureautiques')
  await expect(section).toContainText('C10.2-3')
  const grid = section.getByRole('grid', { name: /Fichiers produits avec les outils bureautiques/ })

  // A row, then Enter on its « Fichier » cell opens the panel that joins a file.
  const workbook = new ExcelJS.Workbook()
  workbook.addWorksheet('Planning').addRow(['Contenu', 'Date'])
  const xlsxBytes = Buffer.from(await workbook.xlsx.writeBuffer())
  // The first column (its header also says what is accepted).
  const fileCell = (row: number) => grid.locator('tbody tr').nth(row).locator('td').first()
  const join = async (row: number, file: { name: string; mimeType: string; buffer: Buffer }) => {
    await fileCell(row).focus()
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog', { name: `Fichier — Ligne ${row + 1}` })
    await expect(dialog).toBeVisible()
    const input = dialog.getByLabel(/^(Joindre|Remplacer) un fichier|Remplacer le fichier/)
    // The panel opens on its file input.
    await expect(input).toBeFocused()
    await input.setInputFiles(file)
    return dialog
  }
  await section.getByRole('button', { name: '+ Ajouter un fichier' }).click()
  let dialog = await join(0, { name: 'gantt-retroplanning.png', mimeType: 'image/png', buffer: PNG })
  await expect(dialog.getByRole('status')).toHaveText('Fichier joint\u00a0: «\u00a0gantt-retroplanning.png\u00a0».')
  await expect(dialog.getByRole('img', { name: 'Ouvrir «\u00a0gantt-retroplanning.png\u00a0»' })).toBeVisible()
  await expectNoAxeViolations(page)
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  const cells = await gridOf(page, grid)
  await expect(fileCell(0)).toContainText('gantt-retroplanning.png')
  await expect(fileCell(0)).toContainText('Image PNG')
  await cells.pick(0, 'Sert au', 'Rétroplanning')
  await cells.fill(0, 'Outil utilisé', 'Tableur')

  // A text renamed .pdf is refused, in French; the cell stays empty, the row is kept.
  await section.getByRole('button', { name: '+ Ajouter un fichier' }).click()
  dialog = await join(1, { name: 'planning.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Ceci est un texte, pas un PDF.') })
  await expect(dialog.getByRole('alert')).toContainText('ce fichier n’en est pas un')
  await expect(dialog.getByLabel(/Joindre un fichier/)).toHaveAttribute('aria-invalid', 'true')
  // Then the real PDF, in the same panel.
  await dialog.getByLabel(/Joindre un fichier/).setInputFiles({ name: 'planning-editorial.pdf', mimeType: 'application/pdf', buffer: PDF })
  await expect(dialog.getByRole('status')).toHaveText('Fichier joint\u00a0: «\u00a0planning-editorial.pdf\u00a0».')
  await expect(dialog.getByRole('alert')).toHaveCount(0)
  await dialog.getByRole('button', { name: 'Fermer' }).click()
  await expect(fileCell(1)).toContainText('planning-editorial.pdf')

  // A third, replaced by a workbook; then removed and joined again.
  await section.getByRole('button', { name: '+ Ajouter un fichier' }).click()
  dialog = await join(2, { name: 'brouillon.png', mimeType: 'image/png', buffer: PNG })
  await expect(dialog.getByRole('status')).toContainText('brouillon.png')
  await dialog.getByLabel(/Remplacer le fichier/).setInputFiles({ name: 'calendrier.xlsx', mimeType: 'application/octet-stream', buffer: xlsxBytes })
  await expect(dialog.getByRole('status')).toContainText('calendrier.xlsx')
  await expect(dialog.getByRole('link', { name: 'calendrier.xlsx' })).toHaveAttribute('download', 'calendrier.xlsx')
  await expect(dialog).toContainText('Classeur Excel')
  await page.keyboard.press('Escape')
  await expect(fileCell(2)).toContainText('calendrier.xlsx')

  // Saved: the cells hold what the server answered (its own name, type and size).
  await expect
    .poll(async () => (((await sectionRow(dossierId, 'fichiers-bureautiques'))?.content as { rows?: StoredRow[] } | undefined)?.rows ?? []).length, {
      timeout: 15_000,
    })
    .toBe(3)
  await expect(page.getByText('Enregistré').first()).toBeVisible()
  const rows = ((await sectionRow(dossierId, 'fichiers-bureautiques'))!.content as { rows: StoredRow[] }).rows
  const stored = rows.map((r) => r.cells.fichier as { src: string; name: string; mime: string; size: number })
  expect(stored.map((f) => [f.name, f.mime])).toEqual([
    ['gantt-retroplanning.png', 'image/png'],
    ['planning-editorial.pdf', 'application/pdf'],
    ['calendrier.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ])
  expect(rows[0]!.cells.usage).toBe('Rétroplanning')

  // After a reload, the grid shows them again.
  await page.reload()
  // A section opened earlier in the tab opens again by itself.
  await expect(section.locator('.section-toggle')).toHaveAttribute('aria-expanded', 'true')
  await expect(grid.locator('tbody tr')).toHaveCount(3)
  await expect(grid.locator('tbody tr').nth(1)).toContainText('planning-editorial.pdf')
  await expectNoAxeViolations(page)
  await page.locator('#section-fichiers-bureautiques').scrollIntoViewIfNeeded()
  await noSidewaysScroll(page, 'attachments-grid')
  await fileCell(0).focus()
  await page.keyboard.press('Enter')
  for (const width of [320, 1366]) {
    await page.setViewportSize({ width, height: 800 })
    await page.screenshot({ path: `test-results/screenshots/attachments-panel-${width}.png` })
  }
  await page.keyboard.press('Escape')

  // The view (printable section): the image inline, the PDF in a viewer when asked for, the workbook to download.
  await page.goto(`/dossiers/${dossierId}/imprimer/fichiers-bureautiques`)
  await expect(page.getByRole('img', { name: 'Ouvrir «\u00a0gantt-retroplanning.png\u00a0»' })).toBeVisible()
  await expect(page.locator('.attachment__pdf iframe')).toHaveCount(0)
  await page.getByText('Aperçu du PDF').click()
  await expect(page.locator('.attachment__pdf iframe')).toHaveAttribute('src', stored[1]!.src)
  await expect(page.getByRole('link', { name: 'calendrier.xlsx' })).toHaveAttribute('href', stored[2]!.src)
  await expectNoAxeViolations(page)
  await noSidewaysScroll(page, 'attachments-view')

  // Served with the type read from the bytes; the workbook downloads under its name.
  const cookie = await sessionCookieFor(learner.email)
  const png = await fetch(`${BASE_URL}${stored[0]!.src}`, { headers: { Cookie: cookie } })
  expect(png.status).toBe(200)
  expect(png.headers.get('content-type')).toBe('image/png')
  const xlsxFile = await fetch(`${BASE_URL}${stored[2]!.src}`, { headers: { Cookie: cookie } })
  expect(xlsxFile.headers.get('content-disposition')).toBe(`attachment; filename="calendrier.xlsx"; filename*=UTF-8''calendrier.xlsx`)
  expect(Buffer.from(await xlsxFile.arrayBuffer()).equals(xlsxBytes)).toBe(true)

  // Another learner reads none of them.
  const other = await createLearner('pieces-autre')
  const otherCookie = await sessionCookieFor(other.email)
  for (const f of stored) expect((await fetch(`${BASE_URL}${f.src}`, { headers: { Cookie: otherCookie } })).status).toBe(403)

  // Word: the table names every file and the image follows it; Excel: the names in their cells.
  const docx = await fetch(`${BASE_URL}/dossiers/${dossierId}/export.docx?section=fichiers-bureautiques`, { headers: { Cookie: cookie } })
  expect(docx.status).toBe(200)
  const zip = await JSZip.loadAsync(await docx.arrayBuffer())
  const xml = await zip.file('word/document.xml')!.async('string')
  expect(xml).toContain('planning-editorial.pdf (PDF,')
  expect(xml).toContain('calendrier.xlsx (Classeur Excel,')
  expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/'))).toHaveLength(1)
  const xlsx = await fetch(`${BASE_URL}/dossiers/${dossierId}/export.xlsx?section=fichiers-bureautiques`, { headers: { Cookie: cookie } })
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(await xlsx.arrayBuffer())
  expect(wb.worksheets[0]!.getColumn(1).values).toContain('gantt-retroplanning.png (Image PNG, 70\u00a0octets)')
})

test('a file over 10 MB is refused before it is sent, in French', async ({ page }) => {
  const learner = await createLearner('pieces-lourd')
  const dossierId = await dossierIdOf(learner.email, 'cas-pratique-a10')
  await loginAs(page, learner)
  await page.goto(`/dossiers/${dossierId}`)
  await openSection(page, 'fichiers-bureautiques')
  const section = page.locator('#section-fichiers-bureautiques')
  await section.getByRole('button', { name: '+ Ajouter un fichier' }).click()
  const grid = section.getByRole('grid', { name: /Fichiers produits/ })
  await grid.locator('tbody tr').first().locator('td').first().focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Fichier — Ligne 1' })
  const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20)
  PDF.copy(big)
  await dialog.getByLabel(/Joindre un fichier/).setInputFiles({ name: 'gros.pdf', mimeType: 'application/pdf', buffer: big })
  await expect(dialog.getByRole('alert')).toHaveText(
    'Le fichier dépasse 10\u00a0Mo\u00a0: compressez-le (PDF, images) ou scindez-le, puis joignez-le de nouveau.',
  )
  // And the server says the same to a request that skips the page.
  const form = new FormData()
  form.set('file', new Blob([big], { type: 'application/pdf' }), 'gros.pdf')
  const res = await fetch(`${BASE_URL}/api/dossiers/${dossierId}/pieces-jointes`, {
    method: 'POST',
    headers: { Cookie: await sessionCookieFor(learner.email), Origin: BASE_URL },
    body: form,
  })
  expect(res.status).toBe(413)
})
