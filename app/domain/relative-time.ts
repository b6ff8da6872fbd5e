/** « il y a 2 jours »: how long ago something happened, in French, by Paris calendar days. Pure. */
import { formatDate } from './format'

const relative = new Intl.RelativeTimeFormat('fr', { numeric: 'auto' })
// en-CA writes YYYY-MM-DD: the calendar day in Paris, comparable as a date.
const parisDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' })

const MINUTE = 60_000
const HOUR = 60 * MINUTE
/** Beyond this many calendar days, the date itself says more than « il y a 45 jours ». */
const MAX_DAYS = 30

const dayOf = (d: Date) => Date.parse(`${parisDay.format(d)}T00:00:00Z`)
// A page formats many dates against the same `now`: its day is computed once.
let lastNow = { time: NaN, day: 0 }

function daysBetween(earlier: Date, later: Date): number {
  if (later.getTime() !== lastNow.time) lastNow = { time: later.getTime(), day: dayOf(later) }
  return Math.round((lastNow.day - dayOf(earlier)) / (24 * HOUR))
}

/**
 * « à l’instant », « il y a 5 minutes », « il y a 3 heures » (same day), « hier »,
 * « avant-hier », « il y a 12 jours », then « le 3 mars 2026 ». `now` is passed in,
 * so that the server and the browser print the same words.
 */
export function relativeTime(value: Date | number, now: Date | number): string {
  const then = new Date(value)
  const current = new Date(now)
  const elapsed = current.getTime() - then.getTime()
  if (elapsed < MINUTE) return 'à l’instant'
  const days = daysBetween(then, current)
  if (days === 0 || elapsed < HOUR) {
    if (elapsed < HOUR) return relative.format(-Math.floor(elapsed / MINUTE), 'minute')
    return relative.format(-Math.floor(elapsed / HOUR), 'hour')
  }
  if (days <= MAX_DAYS) return relative.format(-days, 'day')
  return `le ${formatDate(then)}`
}
