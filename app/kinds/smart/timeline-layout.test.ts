import { describe, expect, it } from 'vitest'
import { timelineLayout } from './timeline-layout'

const items = (...dates: string[]) => dates.map((date, i) => ({ item: i + 1, date }))

describe('SMART timeline layout', () => {
  it('spreads the deadlines along the axis, inside its ends', () => {
    const { placed, lanes } = timelineLayout(items('2027-01-01', '2027-07-02', '2027-12-31'), '2027-06-01')
    expect(placed.map((p) => Math.round(p.at))).toEqual([4, 50, 96])
    expect(lanes).toBe(1)
  })

  it('puts markers close in time on different lanes, and reuses a lane once there is room', () => {
    const { placed, lanes } = timelineLayout(items('2027-03-31', '2027-04-02', '2027-04-15', '2027-12-31'), '2027-01-10')
    expect(placed.map((p) => p.lane)).toEqual([0, 1, 2, 0])
    expect(lanes).toBe(3)
  })

  it('starts at today when the first deadline is less than six months away, and labels months round the year', () => {
    const layout = timelineLayout(items('2027-03-31', '2027-12-31'), '2026-12-04')
    expect(layout.today).toBe(4)
    expect(layout.ticks.filter((t) => t.label).map((t) => t.label)).toEqual(['2027', 'avr.', 'juil.', 'oct.'])
    expect(layout.ticks).toHaveLength(12)
    // Today far before the first deadline is left out.
    expect(timelineLayout(items('2028-03-31'), '2026-12-04').today).toBeNull()
  })

  it('labels every month of a short timeline', () => {
    const layout = timelineLayout(items('2027-02-10', '2027-04-20'), '2027-05-01')
    expect(layout.today).toBeNull()
    expect(layout.ticks.map((t) => t.label)).toEqual(['mars 2027', 'avr.'])
    expect(timelineLayout(items('2027-11-10', '2028-02-20'), '2027-12-01').ticks.map((t) => t.label)).toEqual(['déc. 2027', '2028', 'févr.'])
  })
})
