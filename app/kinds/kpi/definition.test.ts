import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { definition } from './definition'
import { emptyKpi } from './kpi'
import { parseFrenchNumber } from '~/domain/numbers'
import { configSchema, valueSchemaFor, type KpiRow, type KpiValue } from './schema'
import { xlsx } from './xlsx.server'

const config = configSchema.parse({ kind: 'kpi', requiredFormulas: ['roi', 'roas'] })
const conversion: KpiRow = {
  ...emptyKpi('kpi-conv01', 'conversion'),
  name: 'Taux de conversion',
  category: 'Conversion',
  period: 'T1 2027',
  target: 2,
  inputs: { conversions: 25, visitors: 1_000 },
  source: 'Google Analytics',
}
const roi: KpiRow = { ...emptyKpi('kpi-roi001', 'roi'), name: 'ROI Search', category: 'Rentabilité', target: 40, inputs: { gain: 12_000, cost: 8_000 } }
const value: KpiValue = { rows: [conversion, roi] }
const ctx = { title: 'Indicateurs', today: '2027-01-04' }

describe('KPI schemas', () => {
  it('gives the default categories and thresholds, and refuses thresholds in the wrong order', () => {
    expect(config.categories).toEqual(['Notoriété', 'Engagement', 'Acquisition', 'Conversion', 'Fidélisation', 'Rentabilité'])
    expect(config.thresholds).toEqual({ green: 1, orange: 0.8 })
    expect(configSchema.safeParse({ kind: 'kpi', thresholds: { green: 0.8, orange: 1 } }).success).toBe(false)
  })

  const schema = valueSchemaFor(config)
  it('accepts indicators with known categories and formulas, finite numbers', () => {
    const row = {
      id: 'kpi-123456',
      name: 'ROI',
      category: 'Rentabilité',
      formula: 'roi',
      period: 'T1',
      target: 40,
      inputs: { gain: 12_000, cost: 8_000 },
      source: '',
      objectiveId: null,
    }
    expect(schema.safeParse({ rows: [row] }).success).toBe(true)
    expect(schema.safeParse({ rows: [{ ...row, category: '' }] }).success).toBe(true)
    expect(schema.safeParse({ rows: [{ ...row, formula: 'magie' }] }).success).toBe(false)
    expect(schema.safeParse({ rows: [{ ...row, category: 'Autre' }] }).success).toBe(false)
    expect(schema.safeParse({ rows: [{ ...row, inputs: { gain: '12000' } }] }).success).toBe(false)
    expect(schema.safeParse({ rows: [{ ...row, inputs: { 'gain-1': 1 } }] }).success).toBe(false)
    expect(schema.safeParse({ rows: [{ ...row, target: Number.POSITIVE_INFINITY }] }).success).toBe(false)
    expect(schema.safeParse({ rows: [{ ...row, extra: 1 }] }).success).toBe(false)
  })

  it('says why in French, and where', () => {
    const refused = schema.safeParse({ rows: [conversion, { ...roi, category: 'Autre', target: '40' }] })
    const issues = refused.error!.issues.map((i) => [definition.locate(i.path as (string | number)[], value, config), i.message])
    expect(issues).toEqual([
      [
        'Indicateur 2 — ROI Search, Catégorie',
        'catégorie inconnue : choisissez parmi Notoriété, Engagement, Acquisition, Conversion, Fidélisation, Rentabilité',
      ],
      ['Indicateur 2 — ROI Search, Cible (%)', 'un nombre est attendu'],
    ])
    expect(definition.locate(['rows', 0, 'inputs', 'visitors'], value, config)).toBe('Indicateur 1 — Taux de conversion, Visiteurs')
    expect(definition.locate(['rows'], value, config)).toBe('Indicateurs')
  })
})

describe('KPI definition', () => {
  it('lists each indicator by number and name', () => {
    expect(definition.items(value, config)).toEqual([
      { id: 'kpi-conv01', label: 'Indicateur 1 — Taux de conversion' },
      { id: 'kpi-roi001', label: 'Indicateur 2 — ROI Search' },
    ])
    expect(definition.items({ rows: [emptyKpi('kpi-empty1')] }, config)).toEqual([{ id: 'kpi-empty1', label: 'Indicateur 1' }])
  })

  it('describes changed, added, deleted and moved indicators', () => {
    const after: KpiValue = {
      rows: [
        { ...roi, objectiveId: 'obj-aaaaaa' },
        { ...conversion, target: 3, inputs: { conversions: 31, visitors: 1_000 } },
        { ...emptyKpi('kpi-roas01', 'roas'), name: 'ROAS Social Ads' },
      ],
    }
    expect(definition.diff(value, after, config)).toEqual([
      'Indicateur “ROI Search” : objectif SMART relié.',
      'Indicateur “Taux de conversion” : cible 2 → 3\u00a0% ; réel 2,5\u00a0% → 3,1\u00a0%.',
      'Indicateur ajouté : “ROAS Social Ads”.',
      'Indicateurs réordonnés.',
    ])
    expect(definition.diff(value, { rows: [conversion] }, config)).toEqual(['Indicateur supprimé : “ROI Search”.'])
    expect(definition.diff(value, { rows: [conversion, { ...roi, formula: 'roas', inputs: {} }] }, config)).toEqual([
      'Indicateur “ROI Search” : calcul ROI → ROAS ; cible 40\u00a0% → 40\u00a0× ; réel 50\u00a0% → —.',
    ])
    expect(definition.diff(value, value, config)).toEqual([])
  })

  it('gives the words of named indicators as plain text', () => {
    expect(definition.plainText(value, config)).toBe(
      'Taux de conversion | T1 2027 | Conversion | Taux de conversion | Google Analytics\nROI Search | Rentabilité | ROI',
    )
    expect(definition.plainText({ rows: [emptyKpi('kpi-empty1')] }, config)).toBe('')
  })

  it('counts named indicators for minRows and emptiness, and lists structural problems', () => {
    expect(definition.isEmpty({ rows: [emptyKpi('kpi-empty1')] }, config)).toBe(true)
    expect(definition.isEmpty(value, config)).toBe(false)
    expect(definition.rules.minRows!({ rule: 'minRows', min: 6 }, value, config, ctx)).toBe('« Indicateurs » a 2\u00a0indicateurs ; 6 au moins sont attendus.')
    expect(definition.rules.minRows!({ rule: 'minRows', min: 6 }, { rows: [roi] }, config, ctx)).toBe(
      '« Indicateurs » a 1\u00a0indicateur ; 6 au moins sont attendus.',
    )
    expect(definition.rules.minRows!({ rule: 'minRows', min: 1 }, { rows: [] }, config, ctx)).toBe('« Indicateurs » n’a encore aucune ligne.')
    expect(definition.rules.minRows!({ rule: 'minRows', min: 2 }, value, config, ctx)).toBeNull()
    expect(definition.rules.kindChecks!({ rule: 'kindChecks' }, value, config, ctx)).toEqual(['Aucun indicateur calculé en ROAS : ajoutez-en un.'])
    expect(
      definition.rules.kindChecks!(
        { rule: 'kindChecks' },
        { rows: [conversion, roi, { ...emptyKpi('kpi-roas01', 'roas'), name: 'ROAS', target: 4, inputs: { revenue: 1, adSpend: 1 } }] },
        config,
        ctx,
      ),
    ).toBeNull()
  })
})

describe('French numbers in the editor', () => {
  it('reads spaces, commas, units and refuses words', () => {
    expect(parseFrenchNumber('12 000')).toBe(12_000)
    expect(parseFrenchNumber('1\u202f250,75 €')).toBe(1_250.75)
    expect(parseFrenchNumber('3,5 %')).toBe(3.5)
    expect(parseFrenchNumber('-20')).toBe(-20)
    expect(parseFrenchNumber('')).toBeNull()
    expect(parseFrenchNumber('douze')).toBeUndefined()
    expect(parseFrenchNumber('1,2,3')).toBeUndefined()
  })
})

describe('KPI Excel sheet', () => {
  it('writes live Réel, Atteinte and Alerte formulas and the SMART objective linked', () => {
    const ws = new ExcelJS.Workbook().addWorksheet('KPI')
    const model = { objectives: new Map([['obj-aaaaaa', 'Augmenter les ventes en ligne de 20 %']]) }
    xlsx!.write(
      ws,
      config,
      { rows: [{ ...roi, objectiveId: 'obj-aaaaaa' }, emptyKpi('kpi-empty1')] },
      { model: model as never, today: '2027-01-04', holidaysRef: '' },
    )
    const headers = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1)
    expect(headers).toEqual([
      'Indicateur',
      'Période',
      'Catégorie',
      'Calcul',
      'Source',
      'Objectif SMART',
      'Gain attribuable (€)',
      'Coût (€)',
      'Cible',
      'Réel',
      'Atteinte',
      'Alerte',
    ])
    expect(ws.getCell('F2').value).toBe('Augmenter les ventes en ligne de 20 %')
    expect(ws.getCell('I2').value).toBeCloseTo(0.4)
    expect((ws.getCell('J2').value as ExcelJS.CellFormulaValue).formula).toBe('IFERROR(IF(COUNT(G2,H2)<2,"",(G2-H2)/H2),"")')
    expect((ws.getCell('L2').value as ExcelJS.CellFormulaValue).formula).toBe('IF(K2="","",IF(K2>=1,"Vert",IF(K2>=0.8,"Orange","Rouge")))')
    // The unnamed draft is not written; the legend follows two rows below.
    expect(ws.getCell('A3').value).toBeNull()
    expect(String(ws.getCell('A4').value)).toContain('Alerte verte à partir de 100 %')
  })
})
