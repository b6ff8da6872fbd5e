import { Document, Packer } from 'docx'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import type { DossierExport } from '~/services/exports/model.server'
import { curveImage } from './chart.server'
import { docx } from './docx.server'
import type { ExperienceMapConfig } from './schema'
import { MAP } from './test-values'
import { gapFormula, xlsx } from './xlsx.server'

const config: ExperienceMapConfig = { kind: 'experienceMap', gapAlert: 2 }
const model = { images: new Map() } as unknown as DossierExport

describe('experience map in Word', () => {
  it('writes the recall, the chart as a PNG with its alt text, the scores with their gaps and the map', async () => {
    const image = curveImage(MAP, 2)!
    expect(image.png.subarray(1, 4).toString()).toBe('PNG')
    expect(image.alt).toContain('Commande : vécu \u22122, imaginé +1, écart \u22123')
    const blocks = docx(config, MAP, { level: 2, model, today: '2027-01-04', nextListInstance: () => 1 })
    const buffer = await Packer.toBuffer(new Document({ sections: [{ children: blocks }] }))
    const zip = await JSZip.loadAsync(buffer)
    expect(Object.keys(zip.files).some((f) => f.startsWith('word/media/'))).toBe(true)
    const xml = await zip.file('word/document.xml')!.async('string')
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|')
    expect(text).toContain('Persona : |Léa')
    expect(text).toContain('1. Fidéliser 20 % de clients en plus')
    expect(text).toContain('Étape|Vécu client|Imaginé par l’entreprise|Écart|Explication de l’écart')
    expect(text).toContain('2. Commande|\u22122|+1|\u22123|Formulaire trop long sur mobile')
    expect(text).toContain('4. SAV|—|\u22121|—|—')
    expect(text).toContain('Étape|Points de contact|Ce qu’il fait (doing)|Ce qu’il pense (thinking)|Ce qu’il ressent (feeling)|Irritants|Opportunités')
  })
  it('draws no chart before any score', () => {
    expect(curveImage({ ...MAP, stages: MAP.stages.map((s) => ({ ...s, customer: null, company: null })) }, 2)).toBeNull()
  })
})

describe('experience map in Excel', () => {
  it('types the scores and keeps the gap as a live formula, red from the alert on', () => {
    const ws = new ExcelJS.Workbook().addWorksheet('Experience map')
    xlsx!.write(ws, config, MAP, { model, today: '2027-01-04', holidaysRef: '' })
    expect((ws.getRow(1).values as ExcelJS.CellValue[]).slice(1, 10)).toEqual([
      'N°',
      'Étape',
      'Points de contact',
      'Ce qu’il fait (doing)',
      'Ce qu’il pense (thinking)',
      'Ce qu’il ressent (feeling)',
      'Vécu client',
      'Imaginé par l’entreprise',
      'Écart',
    ])
    expect(ws.getCell('G3').value).toBe(-2)
    expect(ws.getCell('H3').value).toBe(1)
    expect(ws.getCell('G5').value).toBeNull()
    expect((ws.getCell('I3').value as ExcelJS.CellFormulaValue).formula).toBe(gapFormula(3))
    expect(gapFormula(3)).toBe('IF(COUNT(G3:H3)<2,"",G3-H3)')
    expect(ws.getCell('J3').value).toBe('Formulaire trop long sur mobile')
    const rules = (ws as unknown as { conditionalFormattings: { ref: string; rules: { formulae: string[] }[] }[] }).conditionalFormattings
    expect(rules[0]!.ref).toBe('I2:I5')
    expect(rules[0]!.rules[0]!.formulae[0]).toBe('AND(ISNUMBER(I2),ABS(I2)>=2)')
    expect(ws.getCell('B9').value).toBe('Léa')
    expect(ws.getCell('B10').value).toBe('Fidéliser 20 % de clients en plus')
  })
})
