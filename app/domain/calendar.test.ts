import { describe, expect, it } from 'vitest'
import { addWorkingDays, easterSunday, frenchHolidays, isWorkingDay, workingDayOnOrBefore, workingDaysBetween } from './calendar'

describe('French calendar', () => {
  it('computes Easter Sunday (checked against published dates)', () => {
    expect(easterSunday(2024)).toBe('2024-03-31')
    expect(easterSunday(2025)).toBe('2025-04-20')
    expect(easterSunday(2026)).toBe('2026-04-05')
    expect(easterSunday(2027)).toBe('2027-03-28')
    expect(easterSunday(2038)).toBe('2038-04-25')
  })
  it('lists the 11 public holidays with the Easter-based ones', () => {
    const h = frenchHolidays(2027)
    expect(h.size).toBe(11)
    expect(h.get('2027-03-29')).toBe('Lundi de Pâques')
    expect(h.get('2027-05-06')).toBe('Ascension')
    expect(h.get('2027-05-17')).toBe('Lundi de Pentecôte')
  })
  it('skips weekends and holidays', () => {
    expect(isWorkingDay('2027-03-26')).toBe(true) // Friday
    expect(isWorkingDay('2027-03-27')).toBe(false) // Saturday
    expect(isWorkingDay('2027-03-29')).toBe(false) // Easter Monday
    expect(workingDayOnOrBefore('2027-03-29')).toBe('2027-03-26')
    // Friday 26 March + 1 working day → Tuesday 30 March (weekend, then Easter Monday).
    expect(addWorkingDays('2027-03-26', 1)).toBe('2027-03-30')
    expect(addWorkingDays('2027-03-30', -1)).toBe('2027-03-26')
    expect(workingDaysBetween('2027-03-22', '2027-04-02')).toBe(9)
  })
})
