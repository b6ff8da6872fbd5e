/** « il y a 2 jours »: how long ago something happened, in French, by Paris calendar days. Pure. */
import { formatDate } from './format'

const relative = new Intl.RelativeTimeFormat('fr', { numeric: 'auto' })
// en-CA writes YYYY-MM-DD: the calendar day in Paris, comparable as a date.
const parisDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' })

const MINUTE = 60_000
const HOUR = 60 * MINUTE
/** Beyond this many calendar days, the date itself says more than « il y a 45 jours ». */
const MAX_DAYS = 30

// Paris days change on the hour (its offsets are whole hours): the day of an hour is computed once.
const days = new Map<number, number>()
function dayOf(d: Date): number {
  const hour = Math.floor(d.getTime() / HOUR)
  let day = days.get(hour)
  if (day === undefined) {
    if (days.size > 10_000) days.clear()
    day = Date.parse(`${parisDay.format(d)}T00:00:00Z`)
    days.set(hour, day)
  }
  return day
}

function daysBetween(earlier: Date, later: Date): number {
  return Math.round((dayOf(later) - dayOf(earlier)) / (24 * HOUR))
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
