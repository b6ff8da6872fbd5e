import { describe, expect, it } from 'vitest'
import { achievement, emptyKpi, FORMULAS, kpiAchievements, kpiActual, kpiLevel, kpiProblems, kpiTrends } from './kpi'
import { KPI_FORMULAS } from './labels'
import { configSchema, type KpiRow } from './schema'

describe('KPI dashboard rows', () => {
  const row = (formula: KpiRow['formula'], inputs: KpiRow['inputs'], target: number | null, name = 'Indicateur', period = ''): KpiRow => ({
    ...emptyKpi(`k-${name}-${period}`, formula),
    name,
    inputs,
    target,
    period,
  })
  const thresholds = { green: 1, orange: 0.8 }

  it('computes each formula kind in its display unit', () => {
    expect(kpiActual(row('roi', { gain: 12_000, cost: 8_000 }, 40))).toBe(50) // %
    expect(kpiActual(row('roas', { revenue: 9_000, adSpend: 3_000 }, 4))).toBe(3)
    expect(kpiActual(row('roti', { gain: 1_200, hours: 10, hourlyCost: 40 }, null))).toBe(200) // (1200 − 400) / 400
    expect(kpiActual(row('conversion', { conversions: 30, visitors: 1_000 }, null))).toBe(3)
    expect(kpiActual(row('cac', { spend: 5_000, newCustomers: 125 }, null))).toBe(40)
    expect(kpiActual(row('basket', { revenue: 18_000, orders: 400 }, null))).toBe(45)
    expect(kpiActual(row('clv', { basket: 45, frequency: 4, years: 3, margin: 50 }, null))).toBe(270)
    expect(kpiActual(row('clv', { basket: 45, frequency: 4, years: 3 }, null))).toBe(540) // no margin given: 100 %
    expect(kpiActual(row('manual', { value: 12 }, null))).toBe(12)
    expect(kpiActual(row('roas', { revenue: 9_000 }, null))).toBeNull()
  })
  it('colours against the target, lower is better for the acquisition cost', () => {
    expect(kpiLevel(row('roi', { gain: 12_000, cost: 8_000 }, 40), thresholds)).toBe('vert') // 125 %
    expect(kpiLevel(row('roas', { revenue: 9_000, adSpend: 3_000 }, 4), thresholds)).toBe('rouge') // 75 %
    expect(kpiLevel(row('roas', { revenue: 10_000, adSpend: 3_000 }, 4), thresholds)).toBe('orange') // 83 %
    expect(achievement(row('cac', { spend: 5_000, newCustomers: 125 }, 50))).toBe(1.25) // 40 € for 50 € allowed
    expect(kpiLevel(row('cac', { spend: 5_000, newCustomers: 100 }, 40), thresholds)).toBe('orange') // 50 € for 40 €: 80 %
    expect(kpiLevel(row('roi', { gain: 1, cost: 1 }, null), thresholds)).toBeNull()
  })
  it('lists what is missing: required formulas, targets, inputs', () => {
    expect(kpiProblems({ rows: [] }, ['roi', 'roti'])).toEqual([
      'Aucun indicateur pour l’instant.',
      'Aucun indicateur calculé en ROI : ajoutez-en un.',
      'Aucun indicateur calculé en ROTI : ajoutez-en un.',
    ])
    expect(kpiProblems({ rows: [row('roas', { revenue: 9_000 }, null, 'ROAS Social')] }, ['roas'])).toEqual([
      'Sans valeur cible : « ROAS Social ».',
      '« ROAS Social » : valeur réelle incalculable, il manque dépenses publicitaires.',
    ])
    expect(kpiProblems({ rows: [row('conversion', { conversions: 3, visitors: 0 }, 2, 'Conversion')] })).toEqual([
      '« Conversion » : valeur réelle incalculable (division par zéro).',
    ])
  })
  it('gives each named indicator its label with the period, its achievement in percent and its level', () => {
    const value = {
      rows: [row('roi', { gain: 12_000, cost: 8_000 }, 40, 'ROI', 'T1'), row('roas', { revenue: 9_000 }, 4, 'ROAS'), { ...row('manual', {}, 1), name: ' ' }],
    }
    expect(kpiAchievements(value, thresholds)).toEqual([
      { id: 'k-ROI-T1', label: 'ROI (T1)', rate: 125, level: 'vert' },
      { id: 'k-ROAS-', label: 'ROAS', rate: null, level: null },
    ])
  })
  it('makes a trend of an indicator measured over several periods', () => {
    const value = {
      rows: [
        row('roi', { gain: 12_000, cost: 8_000 }, 40, 'ROI', 'T1'),
        row('manual', { value: 5 }, 4, 'Seul'),
        row('roi', { gain: 15_000, cost: 8_000 }, 40, 'ROI', 'T2'),
      ],
    }
    expect(kpiTrends(value)).toEqual([
      {
        name: 'ROI',
        unit: '%',
        points: [
          { period: 'T1', target: 40, actual: 50 },
          { period: 'T2', target: 40, actual: 87.5 },
        ],
      },
    ])
  })
  it('knows the same formula kinds as the template schema', () => {
    expect(Object.keys(FORMULAS).sort()).toEqual([...KPI_FORMULAS].sort())
    expect(configSchema.safeParse({ kind: 'kpi', requiredFormulas: [...KPI_FORMULAS] }).success).toBe(true)
    expect(configSchema.safeParse({ kind: 'kpi', requiredFormulas: ['magie'] }).success).toBe(false)
  })
})
