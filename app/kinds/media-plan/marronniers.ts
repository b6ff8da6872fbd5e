import { addDays, easterSunday, parseIsoDate } from '~/domain/calendar'
import { MARRONNIERS, type MarronnierId, type MarronnierRule, type Weekday } from './marronniers-data'

/** The dates of the marronniers (marronniers-data.ts) in a given year. Pure; ISO dates. */

const pad = (n: number) => String(n).padStart(2, '0')
const iso = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate()

/** The n-th `weekday` of a month (n = -1: the last, -2: the one before). */
export function nthWeekday(year: number, month: number, weekday: Weekday, n: number): string {
  if (n > 0) {
    const first = parseIsoDate(iso(year, month, 1)).getUTCDay()
    return iso(year, month, 1 + ((weekday - first + 7) % 7) + (n - 1) * 7)
  }
  const lastDay = daysIn(year, month)
  const last = parseIsoDate(iso(year, month, lastDay)).getUTCDay()
  return iso(year, month, lastDay - ((last - weekday + 7) % 7) + (n + 1) * 7)
}

/** The last Sunday of May, or the first Sunday of June when that Sunday is Pentecost (Easter + 49 days). */
export function mothersDay(year: number): string {
  const lastSundayOfMay = nthWeekday(year, 5, 0, -1)
  return lastSundayOfMay === addDays(easterSunday(year), 49) ? nthWeekday(year, 6, 0, 1) : lastSundayOfMay
}

/** The four weeks of the national sales: Wednesday to the Tuesday four weeks later. */
export function soldes(year: number, season: 'hiver' | 'ete'): { start: string; end: string } {
  let start: string
  if (season === 'hiver') {
    const second = nthWeekday(year, 1, 3, 2)
    start = Number(second.slice(8)) > 12 ? nthWeekday(year, 1, 3, 1) : second
  } else {
    const last = nthWeekday(year, 6, 3, -1)
    start = Number(last.slice(8)) > 28 ? nthWeekday(year, 6, 3, -2) : last
  }
  return { start, end: addDays(start, 27) }
}

/** A marronnier's dates in `year`: one day (start = end) or a period. */
export function datesOf(rule: MarronnierRule, year: number): { start: string; end: string } {
  switch (rule.type) {
    case 'fixed': {
      const start = iso(year, rule.month, rule.day)
      return { start, end: rule.end ? iso(rule.end.month < rule.month ? year + 1 : year, rule.end.month, rule.end.day) : start }
    }
    case 'nthWeekday': {
      const day = addDays(nthWeekday(year, rule.month, rule.weekday, rule.n), rule.offset ?? 0)
      return { start: day, end: day }
    }
    case 'easter': {
      const day = addDays(easterSunday(year), rule.offset)
      return { start: day, end: day }
    }
    case 'mothersDay': {
      const day = mothersDay(year)
      return { start: day, end: day }
    }
    case 'soldes':
      return soldes(year, rule.season)
  }
}

export type DatedMarronnier = { id: MarronnierId; label: string; start: string; end: string; note?: string }

/**
 * The marronniers that touch the period from `first` to `last` (ISO dates),
 * in date order: a plan over two calendar years gets both years' dates.
 */
export function marronniersBetween(first: string, last: string, ids?: readonly string[]): DatedMarronnier[] {
  const years = [Number(first.slice(0, 4)) - 1, Number(first.slice(0, 4)), Number(last.slice(0, 4))]
  const found: DatedMarronnier[] = []
  for (const year of [...new Set(years)]) {
    for (const m of MARRONNIERS) {
      if (ids && !ids.includes(m.id)) continue
      const { start, end } = datesOf(m.rule, year)
      if (end < first || start > last) continue
      found.push({ id: m.id, label: m.label, start, end, ...('note' in m ? { note: m.note } : {}) })
    }
  }
  return found.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
}
