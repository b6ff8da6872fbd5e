import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { Document, Packer } from 'docx'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import type { DossierExport } from '~/services/exports/model.server'
import { docx } from './docx.server'
import { configSchema } from './schema'
import { SAMPLE } from './test-sample'
import { alertFormula, xlsx } from './xlsx.server'

const run = promisify(execFile)
const config = configSchema.parse({ kind: 'budget' })
const model = { images: new Map(), objectives: new Map() } as unknown as DossierExport
const ctx = { model, today: '2027-01-04', holidaysRef: '' }

function sheetOf(): ExcelJS.Worksheet {
  const ws = new ExcelJS.Workbook().addWorksheet('Suivi budgétaire')
  xlsx!.write(ws, config, SAMPLE, ctx)
  return ws
}
const formulaOf = (cell: ExcelJS.Cell) => (cell.value as ExcelJS.CellFormulaValue | null)?.formula
const resultOf = (cell: ExcelJS.Cell) => {
  const v = cell.value as ExcelJS.CellFormulaValue | null
  const r = v && typeof v === 'object' && 'formula' in v ? v.result : v
  return r === undefined || r === null ? '' : r
}

/*
 * The sheet of SAMPLE, row by row: each category's lines then its subtotal, then the total (row 14),
 * the thresholds in B17 (orange) and B18 (red).
 */
const ROWS = {
  flyers: 2,
  kakemonos: 3,
  production: 4,
  presse: 5,
  espaces: 6,
  stand: 7,
  evenementiel: 8,
  cheffe: 9,
  graphiste: 10,
  rh: 11,
  taxi: 12,
  frais: 13,
  total: 14,
}

describe('budget in Excel', () => {
  it('types the cells and writes live formulas: days × rate, variance, rate, alert, SUBTOTAL per category and overall', () => {
    const ws = sheetOf()
    expect((ws.getRow(1).values as ExcelJS.CellValue[]).slice(1)).toEqual([
      'Catégorie',
      'Sous-catégorie',
      'Poste',
      'Charge',
      'Type',
      'Jours prévus',
      'Jours réels',
      'Taux journalier',
      'Prévu',
      'Réel',
      'Écart',
      'Écart %',
      'Alerte',
      'Commentaire',
    ])
    const flyers = ws.getRow(ROWS.flyers)
    expect(flyers.getCell(1).value).toBe('Production et impression')
    expect(flyers.getCell(3).value).toBe('Flyers A5')
    expect(flyers.getCell(4).value).toBe('Variable')
    expect(flyers.getCell(9).value).toBe(1000)
    expect(flyers.getCell(9).numFmt).toBe('#,##0.00 "€"')
    expect(formulaOf(flyers.getCell(11))).toBe('IF(J2="","",J2-IF(I2="",0,I2))')
    expect(formulaOf(flyers.getCell(12))).toBe('IFERROR(IF(J2="","",K2/I2),"")')
    expect(flyers.getCell(12).numFmt).toBe('0.0%')
    expect(formulaOf(flyers.getCell(13))).toBe(alertFormula(2, '$B$17', '$B$18'))

    const cheffe = ws.getRow(ROWS.cheffe)
    expect(cheffe.getCell(5).value).toBe('Coût humain')
    expect([cheffe.getCell(6).value, cheffe.getCell(7).value, cheffe.getCell(8).value]).toEqual([10, 12, 350])
    expect(formulaOf(cheffe.getCell(9))).toBe('IF(COUNT(F9,H9)<2,"",F9*H9)')
    expect(formulaOf(cheffe.getCell(10))).toBe('IF(COUNT(G9,H9)<2,"",G9*H9)')

    const production = ws.getRow(ROWS.production)
    expect(production.getCell(1).value).toBe('Sous-total Production et impression')
    expect(production.getCell(1).font?.bold).toBe(true)
    expect(formulaOf(production.getCell(9))).toBe('SUBTOTAL(9,I2:I3)')
    expect(formulaOf(production.getCell(10))).toBe('IF(COUNT(J2:J3)=0,"",SUBTOTAL(9,J2:J3))')
    const total = ws.getRow(ROWS.total)
    expect(total.getCell(1).value).toBe('Total général')
    expect(formulaOf(total.getCell(9))).toBe('SUBTOTAL(9,I2:I13)')

    expect(ws.getCell('A17').value).toBe('Seuil orange')
    expect(ws.getCell('B17').value).toBe(0.05)
    expect(ws.getCell('B18').value).toBe(0.1)
    const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae?: string[] }[] }[] }).conditionalFormattings
    expect(cf.find((c) => c.ref === 'I2:M14')?.rules.map((r) => r.formulae?.[0])).toEqual(['$M2="Rouge"', '$M2="Orange"', '$M2="Vert"'])
  })

  it('writes only its header for an empty budget', () => {
    const ws = new ExcelJS.Workbook().addWorksheet('Budget')
    xlsx!.write(ws, config, { expenses: [], humanCosts: [] }, ctx)
    expect(ws.getCell('A2').value).toBe('Total général')
    expect(ws.getCell('I2').value).toBeNull()
  })
})

async function hasSoffice(): Promise<boolean> {
  try {
    await run('sh', ['-c', 'command -v soffice'])
    return true
  } catch {
    return false
  }
}

describe.skipIf(!(await hasSoffice()) && !process.env.CI)('budget in Excel, recalculated by LibreOffice', () => {
  it('computes the hand-checked amounts, variances, subtotals and alerts', { timeout: 240_000 }, async () => {
    const wb = new ExcelJS.Workbook()
    xlsx!.write(wb.addWorksheet('Budget'), config, SAMPLE, ctx)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-budget-'))
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-'))
    const file = path.join(dir, 'budget.xlsx')
    await wb.xlsx.writeFile(file)
    const out = path.join(dir, 'out')
    try {
      await run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'xlsx', '--outdir', out, file], {
        timeout: 120_000,
      })
    } finally {
      fs.rmSync(profile, { recursive: true, force: true })
    }
    const recalculated = new ExcelJS.Workbook()
    await recalculated.xlsx.readFile(path.join(out, 'budget.xlsx'))
    const ws = recalculated.worksheets[0]!
    const figures = (row: number) => [9, 10, 11, 12, 13].map((col) => resultOf(ws.getRow(row).getCell(col)))
    const close = (row: number, expected: (number | string)[]) =>
      figures(row).forEach((v, i) =>
        typeof expected[i] === 'number' ? expect(v, `row ${row}`).toBeCloseTo(expected[i] as number, 6) : expect(v, `row ${row}`).toBe(expected[i]),
      )
    close(ROWS.flyers, [1000, 1125, 125, 0.125, 'Rouge'])
    close(ROWS.kakemonos, [600, 630, 30, 0.05, 'Orange'])
    close(ROWS.production, [1600, 1755, 155, 0.096875, 'Orange'])
    close(ROWS.presse, [2400, 2350, -50, -0.0208333, 'Vert'])
    close(ROWS.stand, [3000, '', '', '', ''])
    close(ROWS.evenementiel, [3000, '', '', '', ''])
    close(ROWS.cheffe, [3500, 4200, 700, 0.2, 'Rouge'])
    close(ROWS.graphiste, [1600, 1680, 80, 0.05, 'Orange'])
    close(ROWS.rh, [5100, 5880, 780, 0.1529412, 'Rouge'])
    close(ROWS.taxi, ['', 80, 80, '', 'Rouge'])
    close(ROWS.frais, [0, 80, 80, '', 'Rouge'])
    // The total counts each line once (SUBTOTAL skips the categories' subtotals).
    close(ROWS.total, [12_100, 10_065, -2035, -0.1681818, 'Vert'])
  })
})

describe('budget in Word', () => {
  it('draws the chart as an image described by its figures, then the totals per category, the alerts and every line', async () => {
    const blocks = docx(config, SAMPLE, { level: 2, model, today: '2027-01-04', nextListInstance: () => 1 })
    const zip = await JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children: blocks }] })))
    expect(Object.keys(zip.files).some((f) => f.startsWith('word/media/'))).toBe(true)
    const xml = await zip.file('word/document.xml')!.async('string')
    expect(xml).toMatch(/descr="Prévu et réel par catégorie : Production et impression : prévu 1\s600,00\s€, réel 1\s755,00\s€ ;/)
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|')
    expect(text).toContain('Ressources humaines internes|5\u202f100,00\u00a0€|5\u202f880,00\u00a0€|+780,00\u00a0€|+15,3\u00a0%|Rouge')
    expect(text).toContain('Total général|12\u202f100,00\u00a0€|10\u202f065,00\u00a0€|−2\u202f035,00\u00a0€|−16,8\u00a0%|Vert')
    expect(text).toContain('Rouge — « Flyers A5 » (Production et impression › Impression) : +12,5\u00a0%')
    expect(text).toContain('Coût humain : 10\u00a0j × 350,00\u00a0€')
    expect(text).toContain('Sous-total Frais divers')
  })
})
