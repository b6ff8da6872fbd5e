/**
 * Hand-in deadlines, in Europe/Paris time. An instant is stored in UTC; a
 * deadline is entered and shown as a Paris wall-clock time. Pure.
 */
import { TZDate } from '@date-fns/tz'
import { formatDate, formatTime } from './format'

export const EXAM_TIME_ZONE = 'Europe/Paris'

/** A candidate's hand-in window: the instance's, or their extension's. */
export type HandInWindow = { dueAt: Date; cutoffAt: Date; extended?: { reason: string } }

/**
 * When a hand-in at `at` falls: on time up to and including the deadline,
 * late up to and including the cut-off, refused (`closed`) after it.
 */
export function handInTiming(at: Date, window: Pick<HandInWindow, 'dueAt' | 'cutoffAt'>): 'on-time' | 'late' | 'closed' {
  const t = at.getTime()
  if (t <= window.dueAt.getTime()) return 'on-time'
  if (t <= window.cutoffAt.getTime()) return 'late'
  return 'closed'
}

/**
 * The instant of a Paris wall-clock time « YYYY-MM-DDTHH:mm » (an
 * `<input type="datetime-local">` value). A time that does not exist (the
 * hour skipped when summer time starts) moves forward by that hour; an
 * ambiguous one (the hour repeated in October) is its second occurrence,
 * in winter time: the later instant, so a deadline typed then never closes early.
 * Null when the text is not such a time.
 */
export function parisInstant(local: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local)
  if (!m) return null
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number]
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null
  const date = new TZDate(y, mo - 1, d, h, mi, EXAM_TIME_ZONE)
  if (date.getDate() !== d) return null // 31 février and the like
  return new Date(date.getTime())
}

/** The Paris wall-clock time of an instant, as an `<input type="datetime-local">` value. */
export function parisLocal(instant: Date): string {
  const p = new TZDate(instant.getTime(), EXAM_TIME_ZONE)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${p.getFullYear()}-${two(p.getMonth() + 1)}-${two(p.getDate())}T${two(p.getHours())}:${two(p.getMinutes())}`
}

/** « 3 décembre 2026 à 14 h 05 » (Paris time). */
export function formatInstant(instant: Date): string {
  return `${formatDate(instant)} à ${formatTime(instant)}`
}

/** The statement a learner confirms before handing in. */
export function handInStatement(group: boolean): string {
  return group
    ? 'Je certifie, au nom de mon groupe, que ce travail est celui de notre groupe, que les sources utilisées sont citées et que je suis autorisé·e à le déposer pour tous ses membres.'
    : 'Je certifie que ce travail est personnel, que les sources utilisées sont citées et qu’il n’a pas été réalisé par un tiers.'
}

/** Where a dossier stands for its learner. */
export const HAND_IN_STATES = ['draft', 'submitted', 'late', 'refused', 'graded'] as const
export type HandInState = (typeof HAND_IN_STATES)[number]
