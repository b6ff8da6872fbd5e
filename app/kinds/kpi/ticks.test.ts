import { describe, expect, it } from 'vitest'
import { roundTicks } from './ticks'

describe('round axis ticks', () => {
  it('counts achievements in round steps that reach past the highest value', () => {
    expect(roundTicks(0, 125, 3)).toEqual([0, 50, 100, 150])
    expect(roundTicks(0, 150, 3)).toEqual([0, 50, 100, 150])
    expect(roundTicks(0, 219)).toEqual([0, 100, 200, 300])
    expect(roundTicks(0, 100)).toEqual([0, 25, 50, 75, 100])
  })

  it('fits small values, money and ratios', () => {
    expect(roundTicks(0, 3.2)).toEqual([0, 1, 2, 3, 4])
    expect(roundTicks(0, 0.07)).toEqual([0, 0.02, 0.04, 0.06, 0.08])
    expect(roundTicks(0, 15000)).toEqual([0, 5000, 10000, 15000])
  })

  it('goes below zero for negative values, and never collapses', () => {
    expect(roundTicks(-30, 80)).toEqual([-50, 0, 50, 100])
    expect(roundTicks(0, 0)).toEqual([0, 0.25, 0.5, 0.75, 1])
    expect(roundTicks(Number.NaN, Number.NaN)).toEqual([0, 0.25, 0.5, 0.75, 1])
  })
})
