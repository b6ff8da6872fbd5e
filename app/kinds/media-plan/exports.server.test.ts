import { Document, Packer } from 'docx'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import type { DossierExport } from '~/services/exports/model.server'
import { calendarImage, calendarSvg } from './calendar.server'
import { docx } from './docx.server'
import { PLAN } from './fixtures.test-data'
import { configSchema } from './schema'
import { xlsx } from './xlsx.server'

const field = configSchema.parse({ kind: 'mediaPlan' })
/** French money: a narrow no-break space between thousands, a no-break space before €. */
const nb = (s: string) => s.replace(/(\d) (\d)/g, '$1\u202f$2').replace(/ €/g, '\u00a0€')

async function wordText(blocks: ReturnType<typeof docx>): Promise<string> {
  const buffer = await Packer.toBuffer(new Document({ sections: [{ children: blocks }] }))
  const xml = await (await JSZip.loadAsync(buffer)).file('word/document.xml')!.async('string')
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|')
}

describe('media plan in Word', () => {
  it('writes the year, the calendar image and its text alternative, the waves, the budgets and the marronniers', async () => {
    const blocks = docx(field, PLAN, { level: 3, model: {} as DossierExport, today: '2027-06-01', nextListInstance: () => 1 })
    const text = await wordText(blocks)
    expect(text).toContain('Année du plan : |septembre 2027 – août 2028')
    expect(text).toContain(
      'Calendrier du plan média, 01/09/2027 – 31/08/2028 : Instagram (Lancement du 20/09/2027 au 17/10/2027 ; Fêtes du 22/11/2027 au 24/12/2027), Marie Claire Maison (Lancement presse du 01/10/2027 au 31/10/2027 ; Saint-Valentin du 01/02/2028 au 14/02/2028), Radio locale (aucune vague).',
    )
    expect(text).toContain('Vague|Média|Phase commerciale|Début|Fin|Budget (€)|Insertions|Format|Objectif')
    expect(text).toContain(`Lancement|Instagram|Lancement|20/09/2027|17/10/2027|${nb('18 000,00 €')}|12|Carrousel|—`)
    expect(text).toContain(`Instagram|Réseaux sociaux|2|${nb('34 000,25 €')}`)
    expect(text).toContain(`Total|4|${nb('48 500,75 €')}`)
    expect(text).toContain('Black Friday|26/11/2027')
    expect(text).toContain('Sans budget : «\u00a0Saint-Valentin\u00a0».')
  })

  it('draws the calendar as a PNG with every month and medium', () => {
    const drawn = calendarSvg(PLAN)!
    for (const word of ['sept.', 'août', 'Instagram', 'Radio locale', 'Phases commerciales', 'Noël']) expect(drawn.svg).toContain(word)
    const image = calendarImage(PLAN)!
    expect(image.png.subarray(1, 4).toString()).toBe('PNG')
    expect(calendarSvg({ ...PLAN, year: null })).toBeNull()
  })
})

describe('media plan in Excel', () => {
  it('writes typed waves and live totals per medium, per phase and overall', async () => {
    const workbook = new ExcelJS.Workbook()
    const ws = workbook.addWorksheet('Plan média')
    xlsx!.write(ws, field, PLAN, { model: {} as DossierExport, today: '2027-06-01', holidaysRef: '' })
    expect((ws.getRow(1).values as ExcelJS.CellValue[]).slice(1)).toEqual([
      'Média',
      'Type de média',
      'Vague ou temps fort',
      'Phase commerciale',
      'Début',
      'Fin',
      'Insertions',
      'Budget (€)',
      'Format',
      'Objectif',
    ])
    expect(ws.getCell('A2').value).toBe('Instagram')
    expect(ws.getCell('E2').value).toEqual(new Date(Date.UTC(2027, 8, 20)))
    expect(ws.getCell('E2').numFmt).toBe('dd/mm/yyyy')
    expect(ws.getCell('H3').value).toBe(14_500.5)
    expect(ws.getCell('H3').numFmt).toBe('#,##0.00 "€"')
    expect(ws.getCell('H5').value).toBeNull()
    // Waves on rows 2–5; « Budget par média » on 7, its header on 8, the media on 9–11, the total on 12.
    expect(ws.getCell('A7').value).toBe('Budget par média')
    expect(ws.getCell('A9').value).toBe('Instagram')
    expect((ws.getCell('D9').value as ExcelJS.CellFormulaValue).formula).toBe('SUMIF($A$2:$A$5,A9,$H$2:$H$5)')
    expect((ws.getCell('C9').value as ExcelJS.CellFormulaValue).formula).toBe('COUNTIF($A$2:$A$5,A9)')
    expect((ws.getCell('E9').value as ExcelJS.CellFormulaValue).formula).toBe('IF($D$12=0,"",D9/$D$12)')
    expect(ws.getCell('A12').value).toBe('Total')
    expect((ws.getCell('D12').value as ExcelJS.CellFormulaValue).formula).toBe('SUM($H$2:$H$5)')
    // Phases: title on 14, header on 15, rows from 16.
    expect(ws.getCell('A16').value).toBe('Lancement')
    expect((ws.getCell('E16').value as ExcelJS.CellFormulaValue).formula).toBe('SUMIF($D$2:$D$5,A16,$H$2:$H$5)')
    // The workbook opens again (valid XML).
    const again = new ExcelJS.Workbook()
    await again.xlsx.load(await workbook.xlsx.writeBuffer())
    expect(again.getWorksheet('Plan média')!.getCell('A9').value).toBe('Instagram')
  })
})
