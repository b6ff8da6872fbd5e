import { Document, Packer } from 'docx'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import type { DossierExport } from '~/services/exports/model.server'
import { docx } from './docx.server'
import { emptyPart } from './oral'
import type { OralSupportConfig, OralSupportValue } from './schema'
import { xlsx } from './xlsx.server'

const config: OralSupportConfig = { kind: 'oralSupport', oral: 'collective', minutes: 20 }
const value: OralSupportValue = {
  parts: [
    {
      ...emptyPart('part-1'),
      title: 'Contexte',
      message: 'Une brasserie locale',
      minutes: 4,
      speakers: ['anna'],
      notes: 'Saluer le jury.\nPrésenter le groupe.',
    },
    {
      ...emptyPart('part-2'),
      title: 'Analyse',
      minutes: 6,
      speakers: ['anna', 'bruno'],
      visuals: [{ id: 'visual-1', kind: 'section', sectionId: 'pestel', label: 'PESTEL' }],
    },
  ],
  questions: [{ id: 'question-1', question: 'Pourquoi ce test ?', answer: 'Mesurer la demande.', criteria: ['C2.1-4'] }],
  rehearsals: [],
}
const model = {
  images: new Map(),
  speakerNames: new Map([
    ['anna', 'Anna Martin'],
    ['bruno', 'Bruno Petit'],
    ['chloe', 'Chloé Roux'],
  ]),
} as unknown as DossierExport

describe('oral support in Word', () => {
  it('writes the plan as a table, the shares, the notes and the questions', async () => {
    const blocks = docx(config, value, { level: 2, model, today: '2027-01-04', nextListInstance: () => 1 })
    const buffer = await Packer.toBuffer(new Document({ sections: [{ children: blocks }] }))
    const xml = await (await JSZip.loadAsync(buffer)).file('word/document.xml')!.async('string')
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|')
    expect(text).toContain('N°|Titre|Durée (min)|Intervenants|Message clé|Supports')
    expect(text).toContain('1|Contexte|4\u00a0min|Anna Martin|Une brasserie locale|—')
    expect(text).toContain('2|Analyse|6\u00a0min|Anna Martin, Bruno Petit|—|Section «\u00a0PESTEL\u00a0»')
    expect(text).toContain('Anna Martin|7\u00a0min|70\u00a0%|Bruno Petit|3\u00a0min|30\u00a0%|Chloé Roux|0\u00a0min|0\u00a0%')
    expect(text).toContain('Saluer le jury.|Présenter le groupe.')
    expect(text).toContain('Pourquoi ce test ?|Mesurer la demande.|C2.1-4')
  })
})

describe('oral support in Excel', () => {
  it('types the minutes, sums them live and gives each member’s time with SUMIF', () => {
    const ws = new ExcelJS.Workbook().addWorksheet('Oral')
    xlsx!.write(ws, config, value, { model, today: '2027-01-04', holidaysRef: '' })
    expect(ws.getCell('D2').value).toBe(4)
    expect(ws.getCell('E3').value).toBe('Anna Martin; Bruno Petit')
    expect(ws.getCell('F3').value).toBe(2)
    expect((ws.getCell('G3').value as ExcelJS.CellFormulaValue).formula).toBe('IF(OR(D3="",F3=0),0,D3/F3)')
    expect(ws.getCell('B4').value).toBe('Durée totale')
    expect((ws.getCell('D4').value as ExcelJS.CellFormulaValue).formula).toBe('SUM(D2:D3)')
    expect(ws.getCell('A6').value).toBe('Temps de parole')
    expect(ws.getCell('A7').value).toBe('Anna Martin')
    expect((ws.getCell('B7').value as ExcelJS.CellFormulaValue).formula).toBe('SUMIF(E2:E3,"*"&A7&"*",G2:G3)')
    expect((ws.getCell('C9').value as ExcelJS.CellFormulaValue).formula).toBe('IF(D4=0,0,B9/D4)')
  })
})
