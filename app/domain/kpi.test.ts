import { describe, expect, it } from 'vitest'
import { acquisitionCost, alertLevel, averageBasket, conversionRate, customerLifetimeValue, roas, roi, roti, variance } from './kpi'

// Values checked by hand.
describe('KPI formulas', () => {
  it('ROI = (gain − coût) / coût', () => {
    expect(roi(15_000, 10_000)).toBe(0.5)
    expect(roi(8_000, 10_000)).toBe(-0.2)
    expect(roi(1, 0)).toBeNull()
    expect(roi(null, 10)).toBeNull()
  })
  it('ROAS = CA / dépenses publicitaires', () => {
    expect(roas(42_000, 6_000)).toBe(7)
    expect(roas(100, 0)).toBeNull()
  })
  it('ROTI = (gain − heures × coût horaire) / (heures × coût horaire)', () => {
    // 40 h at 50 € = 2 000 €; gain 5 000 € → (5 000 − 2 000) / 2 000 = 1.5
    expect(roti(5_000, 40, 50)).toBe(1.5)
    expect(roti(5_000, 0, 50)).toBeNull()
  })
  it('conversion, acquisition cost, average basket', () => {
    expect(conversionRate(45, 1_500)).toBe(0.03)
    expect(acquisitionCost(12_000, 300)).toBe(40)
    expect(averageBasket(24_600, 820)).toBe(30)
    expect(conversionRate(3, 0)).toBeNull()
  })
  it('CLV = panier × fréquence × durée × marge', () => {
    expect(customerLifetimeValue(30, 4, 3)).toBe(360)
    expect(customerLifetimeValue(30, 4, 3, 0.4)).toBeCloseTo(144)
    expect(customerLifetimeValue(30, null, 3)).toBeNull()
  })
  it('variance and alert levels', () => {
    expect(variance(90, 120)).toBe(-0.25)
    expect(alertLevel(120, 120)).toBe('vert')
    expect(alertLevel(100, 120)).toBe('orange')
    expect(alertLevel(90, 120)).toBe('rouge')
    // A cost: lower is better. 50 € for a 40 € target → 0.8 → orange.
    expect(alertLevel(50, 40, undefined, true)).toBe('orange')
    expect(alertLevel(Number.NaN, 1)).toBeNull()
  })
})
