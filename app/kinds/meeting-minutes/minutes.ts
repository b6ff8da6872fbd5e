import { formatShortDate } from '~/domain/format'
import { ACTION_STATUSES, DEFAULT_MIN_MINUTES, MINUTES_LABELS as L, MINUTES_MESSAGES as M, type ActionStatus } from './labels'
import type { Meeting, MeetingAction, MeetingMinutesValue } from './schema'

/**
 * Meetings and their minutes (C12.3), pure: which meetings are still planned
 * and which have their minutes, the calendar by date, and the checks the
 * hints make. No React, no zod at run time.
 */

export const EMPTY_MINUTES: MeetingMinutesValue = { meetings: [] }

export const emptyMeeting = (id: string): Meeting => ({
  id,
  date: null,
  title: '',
  participants: '',
  agenda: '',
  decisions: '',
  actions: [],
  nextDate: null,
})

export const emptyAction = (id: string): MeetingAction => ({ id, what: '', owner: '', due: null, status: null })

export const isActionStatus = (s: unknown): s is ActionStatus => typeof s === 'string' && (ACTION_STATUSES as readonly string[]).includes(s)

/** An action the learner started (what, owner or due date). */
export const actionFilled = (a: MeetingAction) => Boolean(a.what.trim() || a.owner.trim() || a.due)

/** The minutes are written: decisions, or an action with its wording. */
export const hasMinutes = (m: Meeting) => Boolean(m.decisions.trim()) || m.actions.some((a) => a.what.trim())

/** Anything typed in the meeting. */
export const meetingFilled = (m: Meeting) =>
  Boolean(m.date || m.nextDate || m.title.trim() || m.participants.trim() || m.agenda.trim() || hasMinutes(m) || m.actions.some(actionFilled))

/**
 * A meeting is held (its minutes kept) when its date is past — today
 * included: minutes are written the same day — and its minutes are written.
 * Until then it is planned.
 */
export type MeetingState = 'planned' | 'held'
export const meetingState = (m: Meeting, today: string): MeetingState => (m.date !== null && m.date <= today && hasMinutes(m) ? 'held' : 'planned')

/** How a meeting is named: « Point d’étape (12/03/2027) », « Réunion du 12/03/2027 », « Réunion 3 ». */
export function meetingLabel(m: Meeting, index: number): string {
  const title = m.title.trim()
  const date = m.date ? formatShortDate(m.date) : null
  if (title) return date ? `${title} (${date})` : title
  return date ? `Réunion du ${date}` : L.meeting(index)
}

export type DatedMeeting = { meeting: Meeting; index: number; label: string; state: MeetingState }

/** By date, undated meetings last, the learner's order between equals. */
export function byDate(value: MeetingMinutesValue, today: string): DatedMeeting[] {
  return value.meetings
    .map((meeting, index) => ({ meeting, index, label: meetingLabel(meeting, index), state: meetingState(meeting, today) }))
    .filter((d) => meetingFilled(d.meeting))
    .sort((a, b) => {
      if (a.meeting.date === b.meeting.date) return a.index - b.index
      if (a.meeting.date === null) return 1
      if (b.meeting.date === null) return -1
      return a.meeting.date < b.meeting.date ? -1 : 1
    })
}

/** The two lists shown side by side: meetings still planned, and minutes kept. */
export function split(value: MeetingMinutesValue, today: string): { planned: DatedMeeting[]; held: DatedMeeting[] } {
  const all = byDate(value, today)
  return { planned: all.filter((d) => d.state === 'planned'), held: all.filter((d) => d.state === 'held') }
}

const actionName = (a: MeetingAction, index: number) => a.what.trim() || `action ${index + 1}`

/**
 * The hint sentences (`kindChecks`), in this order: too few minutes
 * (at least `minMinutes`, default 2), then per meeting by date: no date,
 * minutes of a meeting still to come, actions without owner, without due
 * date, a next meeting dated on or before the meeting.
 */
export function minutesProblems(value: MeetingMinutesValue, minMinutes: number = DEFAULT_MIN_MINUTES, today: string): string[] {
  const problems: string[] = []
  const { planned, held } = split(value, today)
  if (held.length < minMinutes) problems.push(M.tooFewMinutes(held.length, planned.length, minMinutes))
  for (const { meeting: m, label } of byDate(value, today)) {
    if (m.date === null) problems.push(M.noDate(label))
    else if (m.date > today && hasMinutes(m)) problems.push(M.minutesAhead(label))
    const actions = m.actions.map((a, i) => ({ a, name: actionName(a, i) })).filter(({ a }) => actionFilled(a))
    const noOwner = actions.filter(({ a }) => !a.owner.trim()).map(({ name }) => name)
    const noDue = actions.filter(({ a }) => !a.due).map(({ name }) => name)
    if (noOwner.length) problems.push(M.noOwner(label, noOwner))
    if (noDue.length) problems.push(M.noDue(label, noDue))
    if (m.date && m.nextDate && m.nextDate <= m.date) problems.push(M.nextBefore(label, m.nextDate))
  }
  return problems
}

/** The lines of a text typed one item per line (agenda, decisions, participants), blank lines dropped. */
export const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
