import { describe, expect, it } from 'vitest'
import { AGREEMENT_BAND_INFO, AGREEMENT_BANDS, bandOf, cohensKappa, formatKappa, formatShare, landisKoch, percentAgreement } from './agreement'

/** n copies of a level. */
const times = (n: number, level: string) => Array.from({ length: n }, () => level)

/**
 * Every expected value below is worked out by hand in the comments, with
 * n items, A agreements, aₖ and bₖ how many times each juror used level k,
 * S = Σₖ aₖ·bₖ, p₀ = A/n, pₑ = S/n², κ = (p₀ − pₑ)/(1 − pₑ).
 */
describe('cohensKappa', () => {
  it('is 1 on perfect agreement, whatever the levels used', () => {
    const a = ['acquis', 'non-acquis', 'acquis', 'acquis']
    // n = 4, A = 4 → p₀ = 1. acquis 3 × 3, non-acquis 1 × 1 → S = 10 → pₑ = 10/16 = 0,625.
    // κ = (1 − 0,625)/(1 − 0,625) = 1.
    expect(cohensKappa(a, [...a])).toEqual({ observed: 1, expected: 0.625, kappa: 1 })
    expect(percentAgreement(a, [...a])).toBe(1)
  })

  it('is −1 on total disagreement when both jurors use both levels equally', () => {
    const a = ['acquis', 'non-acquis', 'acquis', 'non-acquis']
    const b = ['non-acquis', 'acquis', 'non-acquis', 'acquis']
    // n = 4, A = 0 → p₀ = 0. acquis 2 × 2, non-acquis 2 × 2 → S = 8 → pₑ = 8/16 = 0,5.
    // κ = (0 − 0,5)/(1 − 0,5) = −1.
    expect(cohensKappa(a, b)).toEqual({ observed: 0, expected: 0.5, kappa: -1 })
    expect(percentAgreement(a, b)).toBe(0)
  })

  it('is 0 on total disagreement when the jurors share no level (no better than chance, which expects none)', () => {
    // n = 3, A = 0 → p₀ = 0. acquis 3 × 0, non-acquis 0 × 3 → S = 0 → pₑ = 0. κ = (0 − 0)/(1 − 0) = 0.
    expect(cohensKappa(times(3, 'acquis'), times(3, 'non-acquis'))).toEqual({ observed: 0, expected: 0, kappa: 0 })
  })

  it('is null when both jurors used one and the same level for every item (expected agreement 1)', () => {
    // n = 5, A = 5 → p₀ = 1. acquis 5 × 5 → S = 25 = n² → pₑ = 1: κ would be 0/0.
    expect(cohensKappa(times(5, 'acquis'), times(5, 'acquis'))).toEqual({ observed: 1, expected: 1, kappa: null })
    // A single item is the same case.
    expect(cohensKappa(['maitrise'], ['maitrise'])).toEqual({ observed: 1, expected: 1, kappa: null })
  })

  it('is 0 when one juror uses a single level, however often the other agrees', () => {
    const b = ['acquis', 'acquis', 'acquis', 'non-acquis']
    // n = 4, A = 3 → p₀ = 0,75. acquis 4 × 3, non-acquis 0 × 1 → S = 12 → pₑ = 12/16 = 0,75.
    // κ = (0,75 − 0,75)/(1 − 0,75) = 0: 75 % agreement, all of it expected by chance.
    expect(cohensKappa(times(4, 'acquis'), b)).toEqual({ observed: 0.75, expected: 0.75, kappa: 0 })
  })

  it('weighs unequal use of the four levels (a level only one juror uses counts for nothing by chance)', () => {
    const pairs: [string, string][] = [
      ['maitrise', 'maitrise'],
      ['maitrise', 'acquis'],
      ['acquis', 'acquis'],
      ['acquis', 'acquis'],
      ['acquis', 'acquis'],
      ['acquis', 'acquis'],
      ['acquis', 'en-cours'],
      ['en-cours', 'en-cours'],
      ['en-cours', 'acquis'],
      ['non-acquis', 'en-cours'],
    ]
    const a = pairs.map((p) => p[0])
    const b = pairs.map((p) => p[1])
    // n = 10, A = 1 + 4 + 1 = 6 → p₀ = 0,6.
    // a: maîtrisé 2, acquis 5, en cours 2, non acquis 1; b: maîtrisé 1, acquis 6, en cours 3, non acquis 0.
    // S = 2·1 + 5·6 + 2·3 + 1·0 = 38 → pₑ = 38/100 = 0,38.
    // κ = (0,6 − 0,38)/(1 − 0,38) = 0,22/0,62 = 11/31 ≈ 0,3548: « passable ».
    const result = cohensKappa(a, b)
    expect(result.observed).toBe(0.6)
    expect(result.expected).toBe(0.38)
    expect(result.kappa).toBeCloseTo(11 / 31, 12)
    expect(landisKoch(result.kappa!)).toBe('fair')
  })

  it('gives the textbook 0,4 on 50 items (20 / 5 / 10 / 15)', () => {
    // Contingency table:           B acquis   B non acquis
    //              A acquis           20           5        → A used « acquis » 25 times
    //              A non acquis       10          15        → and « non acquis » 25 times
    //                                  30          20        ← B's use of each level
    const a = [...times(20, 'acquis'), ...times(5, 'acquis'), ...times(10, 'non-acquis'), ...times(15, 'non-acquis')]
    const b = [...times(20, 'acquis'), ...times(5, 'non-acquis'), ...times(10, 'acquis'), ...times(15, 'non-acquis')]
    // A = 20 + 15 = 35 → p₀ = 35/50 = 0,7. S = 25·30 + 25·20 = 1250 → pₑ = 1250/2500 = 0,5.
    // κ = (0,7 − 0,5)/(1 − 0,5) = 0,4: the top of « passable ».
    expect(cohensKappa(a, b)).toEqual({ observed: 0.7, expected: 0.5, kappa: 0.4 })
    expect(percentAgreement(a, b)).toBe(0.7)
    expect(landisKoch(0.4)).toBe('fair')
  })

  it('does not depend on which juror is first, nor on the order of the items', () => {
    const a = ['acquis', 'acquis', 'non-acquis', 'acquis', 'non-acquis', 'acquis']
    const b = ['acquis', 'non-acquis', 'non-acquis', 'acquis', 'acquis', 'acquis']
    // n = 6, A = 4 → p₀ = 2/3. a: acquis 4, non-acquis 2; b: acquis 4, non-acquis 2 → S = 16 + 4 = 20 → pₑ = 20/36 = 5/9.
    // κ = (6·4 − 20)/(36 − 20) = 4/16 = 0,25.
    expect(cohensKappa(a, b).kappa).toBe(0.25)
    expect(cohensKappa(b, a)).toEqual(cohensKappa(a, b))
    expect(cohensKappa([...a].reverse(), [...b].reverse()).kappa).toBe(0.25)
  })

  it('refuses lists of different lengths, and empty lists (agreement over nothing is undefined, not NaN)', () => {
    expect(() => cohensKappa(['acquis'], ['acquis', 'acquis'])).toThrow(/equally long lists of levels \(got 1 and 2\)/)
    expect(() => percentAgreement(['acquis', 'acquis'], [])).toThrow(/equally long/)
    expect(() => cohensKappa([], [])).toThrow(/at least one item/)
    expect(() => percentAgreement([], [])).toThrow(/at least one item/)
  })
})

describe('Landis & Koch bands', () => {
  it('reads a kappa by its band, each band up to its upper bound inclusive', () => {
    const cases: [number, string][] = [
      [-1, 'poor'],
      [-0.01, 'poor'],
      [0, 'slight'],
      [0.2, 'slight'],
      [0.205, 'fair'],
      [0.21, 'fair'],
      [0.4, 'fair'],
      [0.41, 'moderate'],
      [0.6, 'moderate'],
      [0.61, 'substantial'],
      [0.8, 'substantial'],
      [0.81, 'almost-perfect'],
      [1, 'almost-perfect'],
    ]
    for (const [kappa, band] of cases) expect(landisKoch(kappa), `κ = ${kappa}`).toBe(band)
  })

  it('has no band for an uncomputable kappa, and refuses NaN', () => {
    expect(bandOf(null)).toBeNull()
    expect(bandOf(0.5)).toBe('moderate')
    expect(() => landisKoch(Number.NaN)).toThrow(/NaN/)
  })

  it('labels every band in French, in order', () => {
    expect(AGREEMENT_BAND_INFO.map((b) => b.id)).toEqual([...AGREEMENT_BANDS])
    expect(AGREEMENT_BAND_INFO.map((b) => b.label)).toEqual([
      'Désaccord',
      'Accord faible',
      'Accord passable',
      'Accord modéré',
      'Accord important',
      'Accord presque parfait',
    ])
    expect(AGREEMENT_BAND_INFO.map((b) => b.english)).toEqual(['poor', 'slight', 'fair', 'moderate', 'substantial', 'almost perfect'])
  })
})

describe('French figures', () => {
  it('writes shares as whole percents and kappas with two decimals and a true minus sign', () => {
    expect(formatShare(0.7)).toBe('70\u00a0%')
    expect(formatShare(2 / 3)).toBe('67\u00a0%')
    expect(formatKappa(0.4)).toBe('0,40')
    expect(formatKappa(11 / 31)).toBe('0,35')
    expect(formatKappa(-0.2)).toBe('\u22120,20')
    // Rounds to zero: no « −0,00 ».
    expect(formatKappa(-0.001)).toBe('0,00')
    expect(formatKappa(null)).toBe('non calculable')
    expect(formatShare(1)).toBe('100\u00a0%')
    expect(formatKappa(1)).toBe('1,00')
    expect(formatKappa(-1)).toBe('\u22121,00')
  })
})
