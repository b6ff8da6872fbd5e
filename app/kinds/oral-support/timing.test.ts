import { describe, expect, it } from 'vitest'
import { pace, silentMembers, speakerShares, totalMinutes } from './timing'

const part = (minutes: number | null, ...speakers: string[]) => ({ minutes, speakers })

describe('oral timing', () => {
  it('adds the minutes of the parts, a part without time counting 0', () => {
    expect(totalMinutes([])).toBe(0)
    expect(totalMinutes([part(3), part(null), part(4.5)])).toBe(7.5)
    expect(totalMinutes([part(0.1), part(0.2)])).toBe(0.3)
  })

  it('splits a part spoken by several members evenly, in the members’ order, silent members at 0', () => {
    // Anna 4 + 6/2 = 7 ; Bruno 6/2 + 2 = 5 ; Chloé 0 ; total 12 → 58,3 %, 41,7 %, 0 %.
    const parts = [part(4, 'anna'), part(6, 'anna', 'bruno'), part(2, 'bruno')]
    expect(speakerShares(parts, ['anna', 'bruno', 'chloe'])).toEqual([
      { id: 'anna', minutes: 7, percent: 58.3 },
      { id: 'bruno', minutes: 5, percent: 41.7 },
      { id: 'chloe', minutes: 0, percent: 0 },
    ])
    expect(silentMembers(parts, ['anna', 'bruno', 'chloe'])).toEqual(['chloe'])
  })

  it('lists a speaker who left the group after the members, and counts unspoken parts in the total', () => {
    // 3 min nobody speaks: Anna 3 of 10 min → 30 %, the former member 4 → 40 %.
    const parts = [part(3, 'anna'), part(3), part(4, 'parti')]
    expect(speakerShares(parts, ['anna'])).toEqual([
      { id: 'anna', minutes: 3, percent: 30 },
      { id: 'parti', minutes: 4, percent: 40 },
    ])
  })

  it('splits three ways to the hundredth', () => {
    expect(speakerShares([part(10, 'a', 'b', 'c')])).toEqual([
      { id: 'a', minutes: 3.33, percent: 33.3 },
      { id: 'b', minutes: 3.33, percent: 33.3 },
      { id: 'c', minutes: 3.33, percent: 33.3 },
    ])
  })

  it('compares the total with the target: over as soon as it exceeds, under beyond a tenth left', () => {
    expect(pace([part(10)], undefined)).toBeNull()
    expect(pace([part(12), part(10)], 20)).toEqual({ total: 22, target: 20, difference: 2, status: 'over' })
    expect(pace([part(20.5)], 20)?.status).toBe('over')
    expect(pace([part(20)], 20)?.status).toBe('onTime')
    // 18 of 20: 2 min left, exactly a tenth: on time; 17,5: under by 2,5.
    expect(pace([part(18)], 20)?.status).toBe('onTime')
    expect(pace([part(17.5)], 20)).toEqual({ total: 17.5, target: 20, difference: -2.5, status: 'under' })
  })
})
