import { describe, expect, it } from 'vitest'
import { parseFrenchNumber } from './numbers'

describe('parseFrenchNumber', () => {
  it.each([
    ['1 250,5', 1250.5],
    ['1\u202f250,50\u00a0€', 1250.5],
    ['12,5 %', 12.5],
    ['45 €', 45],
    ['1.250,50', 1250.5],
    ['1,250.50', 1250.5],
    ['1,250', 1.25],
    ['1,250,000', 1250000],
    ['1.250.000', 1250000],
    ['1.5', 1.5],
    ['−3', -3],
    ['-0,5', -0.5],
    ['3 ×', 3],
    ['1 200 euros', 1200],
    ['1,2E+3', 1200],
  ])('reads « %s » as %d', (text, n) => expect(parseFrenchNumber(text)).toBe(n))

  it('says empty and not-a-number apart', () => {
    expect(parseFrenchNumber('  ')).toBeNull()
    for (const text of ['douze', '1,2,3', '12abc', '--1', '1.2.3']) expect(parseFrenchNumber(text)).toBeUndefined()
  })
})
