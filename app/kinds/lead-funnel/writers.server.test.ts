import { Document, Packer } from 'docx'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import type { DossierExport } from '~/services/exports/model.server'
import { definition } from './definition'
import { docx } from './docx.server'
import { configSchema, type LeadFunnelValue } from './schema'
import { xlsx } from './xlsx.server'

const config = configSchema.parse({ kind: 'leadFunnel' })
const empty = definition.empty(config)
const value: LeadFunnelValue = {
  ...empty,
  stages: empty.stages.map((s, i) => ({ ...s, rate: [null, 5, 2, 40, 25][i]!, source: i === 2 ? 'Moyenne du secteur' : '' })),
  objectiveId: 'obj-global',
  target: 50,
  planned: 400_000,
}
const model = { images: new Map(), objectives: new Map([['obj-global', 'Signer 50 nouveaux clients d’ici juin']]) } as unknown as DossierExport

describe('lead funnel in Word', () => {
  it('writes the target, the verdict, the funnel as an image with its alt text, and the table', async () => {
    const blocks = docx(config, value, { level: 2, model, today: '2027-01-04', nextListInstance: () => 1 })
    const buffer = await Packer.toBuffer(new Document({ sections: [{ children: blocks }] }))
    const zip = await JSZip.loadAsync(buffer)
    const xml = await zip.file('word/document.xml')!.async('string')
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|')
    expect(text).toContain('Objectif SMART : |Signer 50 nouveaux clients d’ici juin')
    expect(text).toContain('Cible : |50 (Clients)')
    expect(text).toContain('Cible non atteinte : le volume prévu donne 40 Clients pour 50 visés (écart de −10).')
    expect(text).toContain('Étape|Taux de passage|Origine du taux|Volume nécessaire|Volume prévu|Écart')
    expect(text).toContain('Leads|2\u00a0%|Moyenne du secteur|500|400|−100')
    expect(text).toContain('Clients (cible)|25\u00a0%|—|50|40|−10')
    // The chart: one PNG, described.
    expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/') && f.endsWith('.png'))).toHaveLength(1)
    expect(xml).toContain('descr="Entonnoir de conversion : Audience touchée (nécessaire 500')
  })
})

describe('lead funnel in Excel', () => {
  it('types the rates and inputs, and computes volumes with live formulas', () => {
    const ws = new ExcelJS.Workbook().addWorksheet('Entonnoir')
    xlsx!.write(ws, config, value, { model, today: '2027-01-04', holidaysRef: '' })
    expect((ws.getRow(1).values as ExcelJS.CellValue[]).slice(1)).toEqual([
      'Étape',
      'Taux de passage',
      'Origine du taux',
      'Volume nécessaire',
      'Volume prévu',
      'Écart',
    ])
    expect(ws.getCell('B2').value).toBeNull()
    expect(ws.getCell('B3').value).toBe(0.05)
    expect(ws.getCell('B3').numFmt).toBe('0.0%')
    // Inputs under the table: the target (row 8) and the volume planned (row 9).
    expect(ws.getCell('A8').value).toBe('Cible (Clients)')
    expect(ws.getCell('B8').value).toBe(50)
    expect(ws.getCell('A9').value).toBe('Volume prévu (Audience touchée)')
    expect(ws.getCell('B9').value).toBe(400_000)
    const f = (ref: string) => (ws.getCell(ref).value as ExcelJS.CellFormulaValue).formula
    expect(f('D6')).toBe('IF($B$8="","",$B$8)')
    expect(f('D5')).toBe('IF(OR(D6="",B6="",B6=0),"",ROUNDUP(ROUND(D6/B6,6),0))')
    expect(f('D2')).toBe('IF(OR(D3="",B3="",B3=0),"",ROUNDUP(ROUND(D3/B3,6),0))')
    expect(f('E2')).toBe('IF($B$9="","",$B$9)')
    expect(f('E3')).toBe('IF(OR(E2="",B3=""),"",ROUNDDOWN(ROUND(E2*B3,6),0))')
    expect(f('F6')).toBe('IF(OR(D6="",E6=""),"",E6-D6)')
    expect(f('B10')).toBe('IF(F6="","",IF(F6>=0,"Oui","Non"))')
    expect(ws.getCell('B11').value).toBe('Signer 50 nouveaux clients d’ici juin')
  })

  it('needs nothing below a target set at an intermediate stage', () => {
    const ws = new ExcelJS.Workbook().addWorksheet('Entonnoir')
    xlsx!.write(ws, config, { ...value, targetStageId: 'etape-3', target: 300 }, { model, today: '2027-01-04', holidaysRef: '' })
    expect((ws.getCell('D4').value as ExcelJS.CellFormulaValue).formula).toBe('IF($B$8="","",$B$8)')
    expect(ws.getCell('D5').value).toBeNull()
    expect(ws.getCell('A8').value).toBe('Cible (Leads)')
  })
})
