import { describe, expect, it } from 'vitest'
import { marronniersBetween, mothersDay, nthWeekday, soldes } from './marronniers'
import { MARRONNIERS } from './marronniers-data'

/** Every date below was checked by hand on a calendar (and, for sales and Mother's Day, against the official announcements). */
const datesIn = (year: number) =>
  Object.fromEntries(marronniersBetween(`${year}-01-01`, `${year}-12-31`).map((m) => [m.id, m.start === m.end ? m.start : `${m.start} → ${m.end}`]))

describe('marronniers', () => {
  it('dates every marronnier of 2026', () => {
    expect(datesIn(2026)).toEqual({
      'soldes-hiver': '2026-01-07 → 2026-02-03',
      epiphanie: '2026-01-06',
      chandeleur: '2026-02-02',
      'saint-valentin': '2026-02-14',
      'fete-grands-meres': '2026-03-01',
      paques: '2026-04-05',
      'fete-meres': '2026-05-31',
      'fete-peres': '2026-06-21',
      'fete-musique': '2026-06-21',
      'soldes-ete': '2026-06-24 → 2026-07-21',
      rentree: '2026-08-20 → 2026-09-15',
      halloween: '2026-10-31',
      'black-friday': '2026-11-27',
      'cyber-monday': '2026-11-30',
      noel: '2026-12-25',
      'saint-sylvestre': '2026-12-31',
    })
  })

  it('dates every marronnier of 2027', () => {
    expect(datesIn(2027)).toEqual({
      // The second Wednesday (13) falls after the 12th: the sales start on the first one.
      'soldes-hiver': '2027-01-06 → 2027-02-02',
      epiphanie: '2027-01-06',
      chandeleur: '2027-02-02',
      'saint-valentin': '2027-02-14',
      'fete-grands-meres': '2027-03-07',
      paques: '2027-03-28',
      'fete-meres': '2027-05-30',
      'fete-peres': '2027-06-20',
      'fete-musique': '2027-06-21',
      // The last Wednesday (30) falls after the 28th: the sales start the Wednesday before.
      'soldes-ete': '2027-06-23 → 2027-07-20',
      rentree: '2027-08-20 → 2027-09-15',
      halloween: '2027-10-31',
      'black-friday': '2027-11-26',
      'cyber-monday': '2027-11-29',
      noel: '2027-12-25',
      'saint-sylvestre': '2027-12-31',
    })
  })

  it('lists them in date order, and the ones of a period over two years', () => {
    const dated = marronniersBetween('2026-01-01', '2026-12-31')
    expect(dated.map((m) => m.start)).toEqual([...dated.map((m) => m.start)].sort())
    expect(dated).toHaveLength(MARRONNIERS.length)
    const overNewYear = marronniersBetween('2027-09-01', '2028-08-31', ['noel', 'soldes-hiver', 'rentree'])
    expect(overNewYear.map((m) => `${m.id} ${m.start}`)).toEqual(['rentree 2027-08-20', 'noel 2027-12-25', 'soldes-hiver 2028-01-12', 'rentree 2028-08-20'])
  })

  it('moves Mother’s Day to June when the last Sunday of May is Pentecost', () => {
    // 2012: Easter on 8 April, Pentecost on 27 May, the last Sunday of May.
    expect(mothersDay(2012)).toBe('2012-06-03')
    expect(mothersDay(2026)).toBe('2026-05-31')
  })

  it('applies the French sales rules (art. D310-15-2 du Code de commerce)', () => {
    // 2025: 8 January and 25 June; 2022: the last Wednesday of June was the 29th, the sales began on the 22nd.
    expect(soldes(2025, 'hiver')).toEqual({ start: '2025-01-08', end: '2025-02-04' })
    expect(soldes(2025, 'ete').start).toBe('2025-06-25')
    expect(soldes(2022, 'ete').start).toBe('2022-06-22')
  })

  it('finds the n-th and the last weekday of a month', () => {
    expect(nthWeekday(2026, 11, 4, 4)).toBe('2026-11-26')
    expect(nthWeekday(2027, 6, 3, -1)).toBe('2027-06-30')
    expect(nthWeekday(2027, 6, 3, -2)).toBe('2027-06-23')
  })
})
