import { describe, expect, it } from 'vitest'
import { makeGroups, seededShuffle, seedFrom } from './groups'

describe('seededShuffle', () => {
  it('is deterministic for a seed and keeps every item', () => {
    const items = Array.from({ length: 20 }, (_, i) => i)
    const a = seededShuffle(items, 42)
    expect(seededShuffle(items, 42)).toEqual(a)
    expect(a).not.toEqual(items)
    expect([...a].sort((x, y) => x - y)).toEqual(items)
    expect(seededShuffle(items, seedFrom('msp-a2'))).not.toEqual(seededShuffle(items, seedFrom('msp-a4')))
  })
})

describe('makeGroups', () => {
  const sizes = (n: number, min: number, max: number) => {
    const { groups, left } = makeGroups(
      Array.from({ length: n }, (_, i) => i),
      min,
      max,
    )
    return { sizes: groups.map((g) => g.length), left: left.length }
  }
  it('makes groups of 2–3', () => {
    expect(sizes(9, 2, 3)).toEqual({ sizes: [3, 3, 3], left: 0 })
    expect(sizes(10, 2, 3)).toEqual({ sizes: [3, 3, 2, 2], left: 0 })
    expect(sizes(5, 2, 3)).toEqual({ sizes: [3, 2], left: 0 })
    expect(sizes(1, 2, 3)).toEqual({ sizes: [], left: 1 })
  })
  it('makes groups of exactly 3 and leaves the rest out', () => {
    expect(sizes(9, 3, 3)).toEqual({ sizes: [3, 3, 3], left: 0 })
    expect(sizes(10, 3, 3)).toEqual({ sizes: [3, 3, 3], left: 1 })
  })
})
