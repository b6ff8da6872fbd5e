/**
 * Data protection: when a learner's data may be anonymised or deleted. Pure.
 *
 * A session's data is kept `retentionMonths` whole months after its last day
 * (`endsOn`, a calendar date in Paris). The month is added on the calendar,
 * clamped to the month's last day (31 January + 1 month = 28 or 29 February),
 * and the data may go from the next day at midnight, Paris time: a session
 * ending on 30 June 2020 kept 12 months may be anonymised from 1 July 2021.
 *
 * A learner may be anonymised or deleted once every session they took part
 * in has passed its retention date; with no session at all, at once.
 * Archiving a session is not required: it only hides the session from the
 * lists, whereas the retention period is the school's rule for the data.
 */
import { TZDate } from '@date-fns/tz'

export const RETENTION_TIME_ZONE = 'Europe/Paris'

export type RetentionSession = { id: string; name: string; endsOn: string; retentionMonths: number }
export type SessionRetention = RetentionSession & {
  /** The first day (ISO calendar date, Paris) the data may be anonymised or deleted. */
  availableOn: string
  /** That day's midnight in Paris, as an instant. */
  availableAt: Date
  elapsed: boolean
}
export type RetentionStatus = {
  /** True when every session's retention has elapsed (or there is none). */
  elapsed: boolean
  /** The day it becomes possible: the latest session's; null when there is no session. */
  availableOn: string | null
  availableAt: Date | null
  sessions: SessionRetention[]
  /** The sessions whose retention has not elapsed yet, latest first. */
  blocking: SessionRetention[]
}

const two = (n: number) => String(n).padStart(2, '0')

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate()
}

/** The ISO date `months` whole months after `iso`, clamped to the month's last day. */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  const index = y * 12 + (m - 1) + months
  const year = Math.floor(index / 12)
  const month = index - year * 12
  const day = Math.min(d, daysInMonth(year, month))
  return `${year}-${two(month + 1)}-${two(day)}`
}

/** The first day the data of a session ending on `endsOn` and kept `months` months may go (ISO date, Paris). */
export function retentionAvailableOn(endsOn: string, months: number): string {
  const last = addMonths(endsOn, months)
  const [y, m, d] = last.split('-').map(Number) as [number, number, number]
  const next = new Date(Date.UTC(y, m - 1, d + 1))
  return `${next.getUTCFullYear()}-${two(next.getUTCMonth() + 1)}-${two(next.getUTCDate())}`
}

/** Midnight, Paris time, of an ISO calendar date. */
export function parisMidnight(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, RETENTION_TIME_ZONE).getTime())
}

export function sessionRetention(session: RetentionSession, now: Date): SessionRetention {
  const availableOn = retentionAvailableOn(session.endsOn, session.retentionMonths)
  const availableAt = parisMidnight(availableOn)
  return { ...session, availableOn, availableAt, elapsed: now.getTime() >= availableAt.getTime() }
}

/** Whether a learner taking part in `sessions` may be anonymised or deleted at `now`, and from when. */
export function retentionStatus(sessions: readonly RetentionSession[], now: Date): RetentionStatus {
  const all = sessions.map((s) => sessionRetention(s, now)).sort((a, b) => b.availableAt.getTime() - a.availableAt.getTime())
  const latest = all[0] ?? null
  const blocking = all.filter((s) => !s.elapsed)
  return {
    elapsed: blocking.length === 0,
    availableOn: latest?.availableOn ?? null,
    availableAt: latest?.availableAt ?? null,
    sessions: all,
    blocking,
  }
}

/** « Candidat·e anonymisé·e n° 3F9A2C »: the name an anonymised account goes by, from its stable short number. */
export function anonymisedName(shortId: string): string {
  return `Candidat·e anonymisé·e n°\u00a0${shortId}`
}

/** « Candidat·e n° 3F9A2C »: how the audit log names a learner, without their name. */
export function subjectLabel(shortId: string): string {
  return `Candidat·e n°\u00a0${shortId}`
}

/** The non-routable, unique address of an anonymised account (the `.invalid` top-level domain never resolves). */
export function anonymisedEmail(userId: string): string {
  return `anonyme-${userId.toLowerCase()}@anonyme.invalid`
}

/** The operations of the admin audit log (the values of `admin_audit.action`), and how the journal names them. */
export const AUDIT_ACTIONS = ['learner-export', 'learner-anonymise', 'learner-delete'] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'learner-export': 'Export des données',
  'learner-anonymise': 'Anonymisation',
  'learner-delete': 'Suppression',
}
