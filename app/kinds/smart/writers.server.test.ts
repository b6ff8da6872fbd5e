import { Document, Packer } from 'docx'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import type { DossierExport } from '~/services/exports/model.server'
import { docx } from './docx.server'
import type { Objective, SmartConfig, SmartValue } from './schema'
import { emptyObjective } from './smart'
import { xlsx } from './xlsx.server'

const config: SmartConfig = { kind: 'smart' }
const global: Objective = {
  id: 'obj-global',
  label: 'Augmenter les ventes en ligne des box',
  kind: 'global',
  parentId: null,
  indicator: 'Chiffre d’affaires en ligne',
  baseline: 40_000,
  target: 48_000,
  unit: '€',
  deadline: '2027-06-30',
  owner: 'Inès',
  resources: 'Budget Social Ads',
  agreedWith: 'Direction commerciale',
}
const inter: Objective = { ...emptyObjective('obj-inter', 'intermediate'), label: 'Recruter', parentId: 'obj-global', target: 500, deadline: '2027-07-15' }
const value: SmartValue = { objectives: [global, inter] }
const model = { images: new Map() } as unknown as DossierExport

describe('SMART in Word', () => {
  it('writes baseline → target with the unit and the qualities to review', async () => {
    const blocks = docx(config, value, { level: 2, model, today: '2027-01-04', nextListInstance: () => 1 })
    const buffer = await Packer.toBuffer(new Document({ sections: [{ children: blocks }] }))
    const xml = await (await JSZip.loadAsync(buffer)).file('word/document.xml')!.async('string')
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|')
    expect(text).toContain('Objectif|Type|Indicateur|Valeur de départ → cible|Échéance|Responsable|À revoir')
    expect(text).toContain('40\u202f000 → 48\u202f000 €|30 juin 2027|Inès|SMART')
    expect(text).toContain('Intermédiaire')
    expect(text).toContain('Mesurable : pas d’indicateur, cible sans unité')
  })
})

describe('SMART in Excel', () => {
  it('types values, names the parent and keeps a live « Écart à faire »', () => {
    const ws = new ExcelJS.Workbook().addWorksheet('Objectifs')
    xlsx!.write(ws, config, value, { model, today: '2027-01-04', holidaysRef: '' })
    expect((ws.getRow(1).values as ExcelJS.CellValue[]).slice(1)).toEqual([
      'Intitulé',
      'Type',
      'Objectif global servi',
      'Indicateur',
      'Valeur de départ',
      'Cible',
      'Unité',
      'Échéance',
      'Responsable',
      'Ressources',
      'Négocié et validé avec',
      'Écart à faire',
      'Qualités à revoir',
    ])
    expect(ws.getCell('C3').value).toBe('Augmenter les ventes en ligne des box')
    expect(ws.getCell('E2').value).toBe(40_000)
    expect(ws.getCell('H2').value).toEqual(new Date(Date.UTC(2027, 5, 30)))
    expect((ws.getCell('L2').value as ExcelJS.CellFormulaValue).formula).toBe('IF(OR(E2="",F2=""),"",F2-E2)')
    expect(ws.getCell('M2').value).toBeNull()
    expect(String(ws.getCell('M3').value)).toContain('Limité dans le temps : objectif intermédiaire après l’échéance du global')
  })
})
