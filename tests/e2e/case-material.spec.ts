/**
 * The case material (issue 13 §6), on an exam session of its own with one
 * learner (the demo data stays untouched): the admin attaches a CSV and a PDF
 * to the cas pratique A3 (a PNG named « .pdf » is refused, nothing stored);
 * the learner finds them in their dossier, downloads the PDF (same bytes),
 * imports the CSV into the « Cible retenue » table (preview, mapping, rows
 * converted), which autosaves (a reload shows the rows) and can be undone;
 * the admin deletes a file after a confirmation; axe and reflow at 320 px.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { and, eq } from 'drizzle-orm'
import * as schema from '../../db/schema'
import { enrollLearners } from '../../app/services/dossier-provisioning.server'
import { E2E_DATABASE } from './env'
import { e2eDb, expect, expectNoAxeViolations, loginAs, openSection, sectionRow, test } from './fixtures'

test.describe.configure({ mode: 'serial' })

const ctx = { stamp: '', sessionId: '', learnerEmail: '', dossierId: '' }
const url = () => `/admin/sessions/${ctx.sessionId}/documents`
const filesDir = path.join(path.dirname(E2E_DATABASE), 'uploads', 'case-materials')

/** A CSV as French Excel saves it: BOM, semicolons, CRLF, quotes and accents. */
const CSV = Buffer.from(
  '\ufeffNiveau;Description;Taille estimée;Commentaire\r\n' +
    'Cœur de cible;"Jeunes urbains; 25-34 ans";4 200 000;à confirmer\r\n' +
    'cible secondaire;Familles du périurbain;5 100 000;\r\n' +
    'Prescripteurs;"Boutiques de décoration ""premium""";210;\r\n',
  'utf8',
)
/** A PDF over 64 Ko: the body cap of this page is raised for its files. */
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n2 0 obj\n<< /Length 90000 >>\nstream\n'),
  Buffer.from(Array.from({ length: 90_000 }, (_, i) => (i * 7919) % 256)),
  Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'),
])
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d4944415478da63f8cfc0f01f0005000201a0a1e0a50000000049454e44ae426082',
  'hex',
)
const CSV_NAME = 'Panel Lumen — segments.csv'
const PDF_NAME = 'Plaquette Maison Lumen.pdf'

const filesOfSession = async () => await e2eDb().select().from(schema.caseMaterialFiles).where(eq(schema.caseMaterialFiles.examSessionId, ctx.sessionId))

test.beforeAll(async () => {
  const db = e2eDb()
  ctx.stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`
  ctx.sessionId = (
    await db
      .insert(schema.examSessions)
      .values({ name: `Session documents ${ctx.stamp}`, startsOn: '2027-01-11', endsOn: '2027-06-30' })
      .returning()
  )[0]!.id
  ctx.learnerEmail = `documents-${ctx.stamp}@test.local`
  const learner = (await db.insert(schema.users).values({ email: ctx.learnerEmail, name: 'Léa Documents', passwordHash: 'x' }).returning())[0]!
  await db.insert(schema.userRoles).values({ userId: learner.id, role: 'learner' })
  await enrollLearners(db, ctx.sessionId, [learner.id])
  ctx.dossierId = (
    await db
      .select({ id: schema.dossiers.id })
      .from(schema.dossiers)
      .where(and(eq(schema.dossiers.learnerId, learner.id), eq(schema.dossiers.evaluationId, 'cas-pratique-a3')))
  )[0]!.id
})

async function noSidewaysScroll(page: Page, name: string, part: string, widths = [320, 390, 1366]) {
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 })
    // The part that is new, at a readable scale.
    await page
      .locator(part)
      .first()
      .screenshot({ path: `test-results/screenshots/case-material-${name}-${width}-part.png` })
    const overflow = await page.evaluate(() => {
      const width = document.documentElement.clientWidth
      const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > width + 0.5 && !e.closest('.table-wrap'))
      return { by: document.documentElement.scrollWidth - width, wide: wide.slice(0, 3).map((e) => `${e.tagName}.${e.className}`) }
    })
    expect(overflow.by, `sideways scroll at ${width} px (${overflow.wide.join(', ')})`).toBeLessThanOrEqual(0)
  }
  await page.setViewportSize({ width: 1280, height: 900 })
}

test('the admin attaches a CSV and a PDF; a PNG named « .pdf » is refused and nothing is stored', async ({ page }) => {
  test.setTimeout(120_000)
  await loginAs(page, 'admin')
  await page.goto(url())
  await expect(page.getByRole('heading', { level: 1, name: 'Documents des cas' })).toBeVisible()
  const a3 = page.locator('#cas-pratique-a3')
  await expect(a3.getByRole('heading', { level: 2 })).toHaveText('A3 — Cas pratique professionnel')
  await expect(a3.getByText('Aucun fichier joint à cette épreuve.')).toBeVisible()
  // Only the cas pratiques and the MSP have a case.
  await expect(page.locator('section.case-admin__epreuve')).toHaveCount(8)
  await expect(page.locator('#fiche-veille')).toHaveCount(0)
  await expectNoAxeViolations(page)
  await page.screenshot({ path: 'test-results/screenshots/case-material-admin-top.png' })

  const input = a3.getByLabel('Fichier à joindre')
  await input.setInputFiles({ name: 'faux.pdf', mimeType: 'application/pdf', buffer: PNG })
  await a3.getByRole('button', { name: /Joindre le fichier/ }).click()
  await expect(a3.getByRole('alert')).toHaveText('Ce fichier n’est pas accepté. C’est une image PNG\u00a0: insérez-la dans un PDF.')
  await expect(input).toHaveAttribute('aria-invalid', 'true')
  await expect(input).toBeFocused()
  expect(await filesOfSession()).toEqual([])

  // Over 20 Mo: refused in the browser before anything is sent, and by the server if sent anyway.
  const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x61)
  await input.setInputFiles({ name: 'énorme.txt', mimeType: 'text/plain', buffer: big })
  await a3.getByRole('button', { name: /Joindre le fichier/ }).click()
  await expect(a3.locator('.field__error')).toHaveText(
    'Ce fichier dépasse 20\u00a0Mo\u00a0: compressez le PDF ou scindez le document, puis joignez-le de nouveau. Rien n’a été envoyé.',
  )
  const sent = await page.request.post(url(), {
    multipart: { intent: 'upload', evaluationId: 'cas-pratique-a3', file: { name: 'énorme.txt', mimeType: 'text/plain', buffer: big } },
  })
  expect(sent.status()).toBe(413)
  expect(await sent.text()).toContain('Ce fichier dépasse 20\u00a0Mo\u00a0: compressez le PDF ou scindez le document')
  expect(await filesOfSession()).toEqual([])

  await input.setInputFiles({ name: CSV_NAME, mimeType: 'text/csv', buffer: CSV })
  await a3.getByRole('button', { name: /Joindre le fichier/ }).click()
  await expect(a3.getByRole('status')).toContainText(`«\u00a0${CSV_NAME}\u00a0» est joint (Tableau CSV, `)
  await a3.getByLabel('Fichier à joindre').setInputFiles({ name: PDF_NAME, mimeType: 'application/pdf', buffer: PDF })
  await a3.getByRole('button', { name: /Joindre le fichier/ }).click()
  await expect(a3.getByRole('status')).toHaveText(`«\u00a0${PDF_NAME}\u00a0» est joint (PDF, 88\u00a0Ko).`)

  const items = a3.locator('.case-files__item')
  await expect(items).toHaveCount(2)
  await expect(items.nth(0)).toContainText(CSV_NAME)
  await expect(items.nth(0)).toContainText(/Tableau CSV · \d+\u00a0octets · ajouté le \d+ \p{L}+ \d{4} à \d+\u00a0h\u00a0\d\d par Hélène Dubreuil/u)
  await expect(items.nth(1)).toContainText('PDF · 88\u00a0Ko')
  const rows = await filesOfSession()
  expect(rows.map((r) => [r.name, r.mime, r.size])).toEqual([
    [CSV_NAME, 'text/csv; charset=utf-8', CSV.byteLength],
    [PDF_NAME, 'application/pdf', PDF.byteLength],
  ])
  for (const r of rows) expect(fs.readFileSync(path.join(filesDir, r.id)).byteLength).toBe(r.size)

  // The text of the case, written here too.
  await a3.getByText('Rédiger le texte').click()
  await a3.getByLabel('Titre').fill('Maison Lumen, bougies rechargeables')
  await a3.getByLabel('Texte', { exact: true }).fill('# L’entreprise\n\nUne PME de Grasse.\n\n- 38 salariés\n- 6,4 M€ de chiffre d’affaires')
  await a3.getByRole('button', { name: /Enregistrer le texte/ }).click()
  await expect(a3.getByRole('status')).toHaveText('Le texte du cas est enregistré.')
  await expect(a3.getByText('Maison Lumen, bougies rechargeables')).toBeVisible()
  await expectNoAxeViolations(page)
  await noSidewaysScroll(page, 'admin', '#cas-pratique-a3')
})

test('the learner sees the files in their dossier, downloads one, imports the CSV into a table, autosaved', async ({ page }) => {
  // A long page, saved several times, on a shared 2-core machine.
  test.setTimeout(120_000)
  await loginAs(page, { email: ctx.learnerEmail })
  await page.goto(`/dossiers/${ctx.dossierId}`)
  await page.getByText('Le sujet de l’épreuve et le cas de l’entreprise · 2\u00a0documents').click()
  await expect(page.getByRole('heading', { name: 'Maison Lumen, bougies rechargeables' })).toBeVisible()
  const documents = page.locator('.case-documents')
  await expect(documents.getByRole('heading', { name: 'Documents de l’entreprise' })).toBeVisible()
  await expect(documents.getByRole('listitem')).toHaveCount(2)
  await expect(documents.getByRole('listitem').nth(1)).toContainText(`${PDF_NAME}PDF · 88\u00a0Ko`)

  const [download] = await Promise.all([page.waitForEvent('download'), documents.getByRole('link', { name: PDF_NAME }).click()])
  expect(download.suggestedFilename()).toBe(PDF_NAME)
  expect(fs.readFileSync((await download.path())!).equals(PDF)).toBe(true)
  await expectNoAxeViolations(page)

  // The case panel closes; the table's section opens.
  await page.getByRole('button', { name: 'Fermer le panneau du sujet' }).click()
  await openSection(page, 'cible')
  // The import: a dialog with the preview and the mapping; nothing changes until confirmed.
  const section = page.locator('#section-cible')
  await section.getByRole('button', { name: 'Importer un tableau des documents du cas dans «\u00a0Cible retenue\u00a0»' }).click()
  const dialog = page.getByRole('dialog', { name: 'Importer un tableau des documents du cas' })
  await expect(dialog).toContainText(`Document\u00a0: ${CSV_NAME}`)
  await expect(dialog).toContainText('3\u00a0lignes à importer.')
  await expect(dialog).toContainText(
    'Colonnes reprises d’après leur titre\u00a0: Niveau ← «\u00a0Niveau\u00a0», Description ← «\u00a0Description\u00a0», Taille estimée ← «\u00a0Taille estimée\u00a0».',
  )
  await expect(dialog).toContainText('Colonnes du document non reprises\u00a0: «\u00a0Commentaire\u00a0».')
  await expect(dialog).toContainText('Colonnes du tableau laissées vides\u00a0: Justification.')
  const preview = dialog.getByRole('region', { name: 'Aperçu des lignes importées' })
  await expect(preview.locator('tbody tr')).toHaveCount(3)
  await expect(preview.locator('tbody tr').nth(0)).toContainText('Cœur de cible')
  await expect(preview.locator('tbody tr').nth(1)).toContainText('Cible secondaire')
  await expect(preview.locator('tbody tr').nth(0)).toContainText('4\u202f200\u202f000')
  await expectNoAxeViolations(page)
  await dialog.screenshot({ path: 'test-results/screenshots/case-material-import-dialog.png' })
  await dialog.getByRole('button', { name: 'Importer 3\u00a0lignes' }).click()
  await expect(dialog).toBeHidden()

  const table = section.getByRole('grid', { name: 'Cible retenue' })
  /** A cell of the grid: row and column from 0 (Niveau, Description, Taille estimée, Justification). */
  const cell = (row: number, column: number) => table.locator('tbody tr').nth(row).locator('td').nth(column)
  await expect(table.locator('tbody tr')).toHaveCount(3)
  await expect(cell(0, 1)).toHaveText('Jeunes urbains; 25-34 ans')
  await expect(cell(1, 0)).toHaveText('Cible secondaire')
  await expect(cell(2, 2)).toHaveText('210')
  await expect(cell(2, 1)).toHaveText('Boutiques de décoration "premium"')
  await expect(section.getByRole('status').filter({ hasText: 'importées' })).toContainText(
    `3\u00a0lignes importées depuis «\u00a0${CSV_NAME}\u00a0». Colonnes reprises\u00a0: Niveau, Description, Taille estimée. Colonnes non reprises\u00a0: «\u00a0Commentaire\u00a0».`,
  )
  await expect(page.getByTestId('status-line')).toHaveText(/^Enregistré à/)
  await section.screenshot({ path: 'test-results/screenshots/case-material-imported.png' })

  // A second import asks whether to add or replace; replacing asks once more. Undoing restores the three rows.
  // On a phone the dialog and its preview stay within the screen.
  await page.setViewportSize({ width: 320, height: 700 })
  await section.getByRole('button', { name: /Importer un tableau des documents du cas/ }).click()
  await expect(dialog.getByRole('region', { name: 'Aperçu des lignes importées' })).toBeVisible()
  await dialog.screenshot({ path: 'test-results/screenshots/case-material-import-dialog-320.png' })
  const box = (await dialog.boundingBox())!
  expect(box.x).toBeGreaterThanOrEqual(0)
  expect(box.x + box.width).toBeLessThanOrEqual(320)
  await page.setViewportSize({ width: 1280, height: 900 })
  await expect(dialog.getByRole('group', { name: 'Les 3\u00a0lignes déjà dans le tableau' })).toBeVisible()
  await dialog.getByLabel('Les remplacer par les lignes importées').check()
  await dialog.getByRole('button', { name: 'Importer 3\u00a0lignes' }).click()
  await expect(dialog.getByRole('alert')).toContainText('Les 3\u00a0lignes de «\u00a0Cible retenue\u00a0» vont être remplacées')
  await dialog.getByRole('button', { name: 'Annuler' }).click()
  await expect(dialog).toBeHidden()
  await section.getByRole('button', { name: /Importer un tableau des documents du cas/ }).click()
  await dialog.getByRole('button', { name: 'Importer 3\u00a0lignes' }).click()
  await expect(table.locator('tbody tr')).toHaveCount(6)
  await section.getByRole('button', { name: 'Annuler l’import' }).click()
  await expect(table.locator('tbody tr')).toHaveCount(3)
  await expect(page.getByTestId('status-line')).toHaveText(/^Enregistré à/)

  // Autosaved: the server holds the three rows, a reload shows them.
  await expect.poll(async () => ((await sectionRow(ctx.dossierId, 'cible'))?.content as { rows: unknown[] } | undefined)?.rows.length).toBe(3)
  const saved = (await sectionRow(ctx.dossierId, 'cible'))!.content as { rows: { cells: Record<string, unknown> }[] }
  expect(saved.rows.map((r) => r.cells)).toEqual([
    { niveau: 'Cœur de cible', description: 'Jeunes urbains; 25-34 ans', taille: 4200000 },
    { niveau: 'Cible secondaire', description: 'Familles du périurbain', taille: 5100000 },
    { niveau: 'Prescripteurs', description: 'Boutiques de décoration "premium"', taille: 210 },
  ])
  await page.reload()
  await expect(cell(0, 1)).toHaveText('Jeunes urbains; 25-34 ans')
  await expect(table.locator('tbody tr')).toHaveCount(3)
  await page.getByText('Le sujet de l’épreuve et le cas de l’entreprise · 2\u00a0documents').click()
  await noSidewaysScroll(page, 'dossier', '.dossier-summary')
})

test('the admin deletes a file after a confirmation; the learner can no longer download it', async ({ page }) => {
  const csv = (await filesOfSession()).find((f) => f.name === CSV_NAME)!
  await loginAs(page, 'admin')
  await page.goto(url())
  const a3 = page.locator('#cas-pratique-a3')
  await a3.getByRole('button', { name: `Supprimer «\u00a0${CSV_NAME}\u00a0»` }).click()
  const dialog = page.getByRole('dialog', { name: 'Confirmer' })
  await expect(dialog).toContainText(`Supprimer «\u00a0${CSV_NAME}\u00a0» des documents de l’épreuve`)
  // Cancelling keeps it.
  await dialog.getByRole('button', { name: 'Annuler' }).click()
  await expect(a3.locator('.case-files__item')).toHaveCount(2)
  await a3.getByRole('button', { name: `Supprimer «\u00a0${CSV_NAME}\u00a0»` }).click()
  await dialog.getByRole('button', { name: 'Supprimer' }).click()
  await expect(a3.getByRole('status')).toHaveText(`«\u00a0${CSV_NAME}\u00a0» est supprimé\u00a0: les candidat·es ne le voient plus dans leur dossier.`)
  await expect(a3.locator('.case-files__item')).toHaveCount(1)
  expect((await filesOfSession()).map((f) => f.name)).toEqual([PDF_NAME])
  expect(fs.existsSync(path.join(filesDir, csv.id))).toBe(false)

  // The learner: the file is gone, the table import is no longer offered (the PDF stays).
  await loginAs(page, { email: ctx.learnerEmail })
  const gone = await page.request.get(`/documents-de-cas/${csv.id}`)
  expect(gone.status()).toBe(404)
  await page.goto(`/dossiers/${ctx.dossierId}`)
  await openSection(page, 'cible')
  await expect(page.locator('#section-cible').getByRole('grid')).toBeVisible()
  await expect(page.getByRole('button', { name: /Importer un tableau des documents du cas/ })).toHaveCount(0)
  const pdf = (await filesOfSession())[0]!
  const response = await page.request.get(`/documents-de-cas/${pdf.id}`)
  expect(response.status()).toBe(200)
  expect(response.headers()['content-type']).toBe('application/pdf')
  expect(response.headers()['x-content-type-options']).toBe('nosniff')
  expect(response.headers()['content-disposition']).toBe('attachment; filename="plaquette-maison-lumen.pdf"; filename*=UTF-8\'\'Plaquette%20Maison%20Lumen.pdf')
  // Another session's learner (the demo's) has no dossier of this session: refused.
  await loginAs(page, 'learner')
  expect((await page.request.get(`/documents-de-cas/${pdf.id}`)).status()).toBe(403)
})
