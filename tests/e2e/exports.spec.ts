import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { createLearner, dossierIdOf, expect, expectNoAxeViolations, loginAs, openSection, test } from './fixtures'

const run = promisify(execFile)

/** LibreOffice is installed by .ci/run (scripts/ensure-libreoffice.sh): without it, this check cannot be skipped in CI. */
async function toPdf(file: string, out: string): Promise<{ pages: number; text: string }> {
  await run('soffice', [`-env:UserInstallation=file://${out}/profile`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', out, file], {
    timeout: 120_000,
  })
  const pdf = path.join(out, `${path.basename(file, path.extname(file))}.pdf`)
  const { stdout } = await run('pdfinfo', [pdf])
  const { stdout: text } = await run('pdftotext', [pdf, '-'])
  return { pages: Number(/Pages:\s+(\d+)/.exec(stdout)?.[1] ?? 0), text }
}

test('a learner downloads a dossier as Word and Excel, a section, and the whole rapport de compétences; LibreOffice opens them', async ({ page }) => {
  test.setTimeout(180_000)
  const learner = await createLearner('export')
  const dossierId = await dossierIdOf(learner.email, 'cas-pratique-a15')
  await loginAs(page, learner)

  // Content saved through the real autosave API.
  const save = (sectionId: string, content: unknown) =>
    page.request.post(`/api/dossiers/${dossierId}/sections/${sectionId}`, { data: { baseVersion: 0, content } })
  expect(
    (
      await save('kpi', {
        rows: [
          {
            id: 'kpi-aaaaaa',
            name: 'ROI campagne Search',
            category: 'Rentabilité',
            formula: 'roi',
            period: 'T1 2027',
            target: 40,
            inputs: { gain: 12_000, cost: 8_000 },
            source: 'CRM',
            objectiveId: null,
          },
          {
            id: 'kpi-bbbbbb',
            name: 'ROAS Social Ads',
            category: 'Rentabilité',
            formula: 'roas',
            period: 'T1 2027',
            target: 4,
            inputs: { revenue: 9_000, adSpend: 3_000 },
            source: 'Meta',
            objectiveId: null,
          },
        ],
      })
    ).status(),
  ).toBe(200)
  expect(
    (
      await save('synthese', {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Synthèse : l’opération « Été » a dépassé sa cible.' }] }],
      })
    ).status(),
  ).toBe(200)

  await page.goto(`/dossiers/${dossierId}`)
  await expectNoAxeViolations(page)
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-e2e-export-'))

  // Word: the file the button gives is a real .docx with the content.
  const [docxDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger en Word' }).click()])
  expect(docxDownload.suggestedFilename()).toBe('Cas pratique « Mesure d’impact des opérations digitales ».docx')
  const docx = path.join(out, 'dossier.docx')
  await docxDownload.saveAs(docx)
  const xml = await (await JSZip.loadAsync(fs.readFileSync(docx))).file('word/document.xml')!.async('string')
  expect(xml).toContain('Synthèse : l’opération « Été » a dépassé sa cible.')
  expect(xml).toContain('ROI campagne Search')

  // Excel: typed cells and live formulas.
  const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger en Excel' }).click()])
  const xlsx = path.join(out, 'dossier.xlsx')
  await xlsxDownload.saveAs(xlsx)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(xlsx)
  const names = workbook.worksheets.map((w) => w.name)
  expect(names).toContain('Auto-évaluation')
  const kpiSheet = workbook.worksheets.find((w) => JSON.stringify(w.getSheetValues()).includes('ROI campagne Search'))!
  expect(JSON.stringify(kpiSheet.getSheetValues())).toContain('"formula"')

  // One section on its own.
  await openSection(page, 'kpi')
  const [sectionDownload] = await Promise.all([
    page.waitForEvent('download'),
    page
      .locator('#section-kpi')
      .getByRole('link', { name: /^Word : télécharger/ })
      .click(),
  ])
  const section = path.join(out, 'section.docx')
  await sectionDownload.saveAs(section)
  const sectionXml = await (await JSZip.loadAsync(fs.readFileSync(section))).file('word/document.xml')!.async('string')
  expect(sectionXml).toContain('ROAS Social Ads')
  expect(sectionXml).not.toContain('Synthèse : l’opération')

  // The whole rapport de compétences, from the home page.
  await page.goto('/candidat')
  const [rapportDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Télécharger le rapport de compétences complet (Word)' }).click(),
  ])
  const rapport = path.join(out, 'rapport.docx')
  await rapportDownload.saveAs(rapport)
  const rapportXml = await (await JSZip.loadAsync(fs.readFileSync(rapport))).file('word/document.xml')!.async('string')
  for (const title of ['Fiche de compétences « Veille »', 'Projet de communication']) expect(rapportXml).toContain(title.split(' « ')[0])

  // LibreOffice converts both files to PDF.
  const word = await toPdf(docx, out)
  expect(word.pages).toBeGreaterThanOrEqual(2)
  expect(word.text).toContain('Élève export')
  const excel = await toPdf(xlsx, out)
  expect(excel.pages).toBeGreaterThanOrEqual(1)
  expect(excel.text).toContain('ROI campagne Search')
  fs.rmSync(out, { recursive: true, force: true })
})
