import { describe, expect, it } from 'vitest'
import { addMonths, anonymisedEmail, parisMidnight, retentionAvailableOn, retentionStatus } from './retention'

describe('retention dates', () => {
  it('adds whole months on the calendar, clamped to the month’s last day', () => {
    expect(addMonths('2020-06-30', 12)).toBe('2021-06-30')
    expect(addMonths('2020-01-31', 1)).toBe('2020-02-29')
    expect(addMonths('2021-01-31', 1)).toBe('2021-02-28')
    expect(addMonths('2027-06-25', 36)).toBe('2030-06-25')
    expect(addMonths('2026-11-15', 2)).toBe('2027-01-15')
  })

  it('opens the day after the retention ends', () => {
    expect(retentionAvailableOn('2020-06-30', 12)).toBe('2021-07-01')
    expect(retentionAvailableOn('2020-01-31', 1)).toBe('2020-03-01')
    expect(retentionAvailableOn('2026-11-30', 1)).toBe('2026-12-31')
    expect(retentionAvailableOn('2026-12-31', 12)).toBe('2028-01-01')
  })

  it('starts at midnight in Paris, summer (UTC+2) and winter (UTC+1)', () => {
    expect(parisMidnight('2021-07-01').toISOString()).toBe('2021-06-30T22:00:00.000Z')
    expect(parisMidnight('2028-01-01').toISOString()).toBe('2027-12-31T23:00:00.000Z')
  })
})

describe('retentionStatus', () => {
  const old = { id: 'a', name: 'Session 2020', endsOn: '2020-06-30', retentionMonths: 12 }
  const recent = { id: 'b', name: 'Session 2027', endsOn: '2027-06-25', retentionMonths: 36 }

  it('allows a learner with no session at once', () => {
    expect(retentionStatus([], new Date('2026-01-01'))).toMatchObject({ elapsed: true, availableOn: null, blocking: [] })
  })

  it('waits for every session: the latest one gives the date', () => {
    const now = new Date('2026-12-01T10:00:00Z')
    const status = retentionStatus([old, recent], now)
    expect(status.elapsed).toBe(false)
    expect(status.availableOn).toBe('2030-06-26')
    expect(status.blocking.map((s) => s.id)).toEqual(['b'])
    expect(retentionStatus([old], now)).toMatchObject({ elapsed: true, availableOn: '2021-07-01' })
  })

  it('flips exactly at midnight, Paris time', () => {
    expect(retentionStatus([old], new Date('2021-06-30T21:59:59.999Z')).elapsed).toBe(false)
    expect(retentionStatus([old], new Date('2021-06-30T22:00:00.000Z')).elapsed).toBe(true)
  })

  it('gives an anonymised account a unique address that never resolves', () => {
    expect(anonymisedEmail('3F9A-x')).toBe('anonyme-3f9a-x@anonyme.invalid')
  })
})
