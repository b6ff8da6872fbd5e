/**
 * Working days in France: Monday to Friday, minus French public holidays
 * (fixed ones and the Easter-based ones). Dates are ISO calendar dates
 * (YYYY-MM-DD) handled in UTC so that no time zone shifts a day. Pure.
 */

const DAY_MS = 86_400_000

export function parseIsoDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number)
  return new Date(Date.UTC(y!, m! - 1, d!))
}

export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10)
}

export function addDays(iso: string, days: number): string {
  return toIsoDate(new Date(parseIsoDate(iso).getTime() + days * DAY_MS))
}

/** Easter Sunday of a year (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return toIsoDate(new Date(Date.UTC(year, month - 1, day)))
}

const holidayCache = new Map<number, Map<string, string>>()

/** French public holidays of a year: date → name. */
export function frenchHolidays(year: number): Map<string, string> {
  const cached = holidayCache.get(year)
  if (cached) return cached
  const easter = easterSunday(year)
  const days: [string, string][] = [
    [`${year}-01-01`, 'Jour de l’an'],
    [addDays(easter, 1), 'Lundi de Pâques'],
    [`${year}-05-01`, 'Fête du Travail'],
    [`${year}-05-08`, 'Victoire 1945'],
    [addDays(easter, 39), 'Ascension'],
    [addDays(easter, 50), 'Lundi de Pentecôte'],
    [`${year}-07-14`, 'Fête nationale'],
    [`${year}-08-15`, 'Assomption'],
    [`${year}-11-01`, 'Toussaint'],
    [`${year}-11-11`, 'Armistice 1918'],
    [`${year}-12-25`, 'Noël'],
  ]
  const map = new Map(days)
  holidayCache.set(year, map)
  return map
}

export function holidayName(iso: string): string | undefined {
  return frenchHolidays(Number(iso.slice(0, 4))).get(iso)
}

export function isWorkingDay(iso: string): boolean {
  const weekday = parseIsoDate(iso).getUTCDay()
  return weekday !== 0 && weekday !== 6 && !holidayName(iso)
}

/** The nearest working day on or before `iso`. */
export function workingDayOnOrBefore(iso: string): string {
  let day = iso
  while (!isWorkingDay(day)) day = addDays(day, -1)
  return day
}

/** Moves `n` working days from a working day (negative: backwards). */
export function addWorkingDays(iso: string, n: number): string {
  let day = iso
  const step = n < 0 ? -1 : 1
  for (let left = Math.abs(n); left > 0;) {
    day = addDays(day, step)
    if (isWorkingDay(day)) left--
  }
  return day
}

/** Working days from `from` to `to`, both included (0 if `to` is before `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let n = 0
  for (let day = from; day <= to; day = addDays(day, 1)) if (isWorkingDay(day)) n++
  return n
}

/** Today's date in France, as an ISO date. */
export function todayInFrance(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}
