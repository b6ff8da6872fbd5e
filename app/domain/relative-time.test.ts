import { describe, expect, it } from 'vitest'
import { relativeTime } from './relative-time'

// 14:00 in Paris (UTC+2 in summer).
const now = new Date('2026-06-10T12:00:00Z')
const ago = (ms: number) => new Date(now.getTime() - ms)
const MIN = 60_000
const H = 60 * MIN

describe('relativeTime', () => {
  it('says « à l’instant » under a minute, and for a clock slightly ahead', () => {
    expect(relativeTime(ago(20_000), now)).toBe('à l’instant')
    expect(relativeTime(new Date(now.getTime() + 5_000), now)).toBe('à l’instant')
  })
  it('counts minutes, then hours within the same Paris day', () => {
    expect(relativeTime(ago(MIN), now)).toBe('il y a 1 minute')
    expect(relativeTime(ago(5 * MIN), now)).toBe('il y a 5 minutes')
    expect(relativeTime(ago(3 * H + 10 * MIN), now)).toBe('il y a 3 heures')
  })
  it('counts calendar days in Paris: yesterday evening is « hier », even 15 hours ago', () => {
    // 23:00 in Paris the day before.
    expect(relativeTime(new Date('2026-06-09T21:00:00Z'), now)).toBe('hier')
    expect(relativeTime(ago(2 * 24 * H), now)).toBe('avant-hier')
    expect(relativeTime(ago(12 * 24 * H), now)).toBe('il y a 12 jours')
  })
  it('gives the date beyond 30 days', () => {
    expect(relativeTime(new Date('2026-03-03T09:00:00Z'), now)).toBe('le 3 mars 2026')
  })
  it('accepts timestamps', () => {
    expect(relativeTime(now.getTime() - 2 * 24 * H, now.getTime())).toBe('avant-hier')
  })
})
