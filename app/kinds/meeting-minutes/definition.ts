import type { KindDefinition } from '../types'
import { problemsOrNull } from '../wording'
import { actionPlace, DIFF_LABELS as D, MINUTES_LABELS as L, meetingPlace, MEETING_TEXTS, shortDateText } from './labels'
import { actionFilled, EMPTY_MINUTES, hasMinutes, lines, meetingFilled, meetingLabel, minutesProblems } from './minutes'
import type { Meeting, MeetingAction, MeetingMinutesConfig, MeetingMinutesValue } from './schema'

const sameAction = (a: MeetingAction, b: MeetingAction) => a.what === b.what && a.owner === b.owner && a.due === b.due && a.status === b.status

/** What changed in one meeting kept from `was` to `now`, as the parts of a sentence. */
function meetingChanges(was: Meeting, now: Meeting): string[] {
  const parts: string[] = []
  if (was.date !== now.date) parts.push(D.date(L.date, shortDateText(was.date), shortDateText(now.date)))
  for (const key of MEETING_TEXTS) if (was[key].trim() !== now[key].trim()) parts.push(D.text(L[key]))
  const before = new Map(was.actions.filter(actionFilled).map((a) => [a.id, a]))
  const after = now.actions.filter(actionFilled)
  const added = after.filter((a) => !before.has(a.id)).length
  const removed = [...before.keys()].filter((id) => !after.some((a) => a.id === id)).length
  const changed = after.filter((a) => before.has(a.id) && !sameAction(before.get(a.id)!, a)).length
  if (added) parts.push(D.actionsAdded(added))
  if (removed) parts.push(D.actionsRemoved(removed))
  if (changed) parts.push(D.actionsChanged(changed))
  if (was.nextDate !== now.nextDate) parts.push(D.date(L.nextDate, shortDateText(was.nextDate), shortDateText(now.nextDate)))
  if (!hasMinutes(was) && hasMinutes(now)) parts.push(L.heldState.toLowerCase())
  return parts
}

export const definition: KindDefinition<MeetingMinutesConfig, MeetingMinutesValue> = {
  label: L.kind,
  empty: () => EMPTY_MINUTES,
  isEmpty: (value) => !value.meetings.some(meetingFilled),
  rules: {
    kindChecks: (_hint, value, config, { today }) => problemsOrNull(minutesProblems(value, config.minMinutes, today)),
  },
  items: (value) => value.meetings.map((m, i) => ({ id: m.id, label: meetingLabel(m, i) })),
  diff(before, after) {
    const changes: string[] = []
    const old = new Map(before.meetings.map((m) => [m.id, m]))
    const now = new Set(after.meetings.map((m) => m.id))
    after.meetings.forEach((m, i) => {
      const was = old.get(m.id)
      if (!was) {
        if (meetingFilled(m)) changes.push(D.added(meetingLabel(m, i)))
        return
      }
      const parts = meetingChanges(was, m)
      if (parts.length) changes.push(D.changed(meetingLabel(m, i), parts))
    })
    before.meetings.forEach((m, i) => {
      if (!now.has(m.id) && meetingFilled(m)) changes.push(D.removed(meetingLabel(m, i)))
    })
    const order = (ms: Meeting[]) =>
      ms
        .filter((m) => old.has(m.id) && now.has(m.id))
        .map((m) => m.id)
        .join()
    if (order(before.meetings) !== order(after.meetings)) changes.push(D.reordered)
    return changes
  },
  plainText: (value) =>
    value.meetings
      .filter(meetingFilled)
      .map((m) =>
        [
          m.title.trim(),
          ...lines(m.participants),
          ...lines(m.agenda),
          ...lines(m.decisions),
          ...m.actions.filter(actionFilled).map((a) => [a.what.trim(), a.owner.trim()].filter(Boolean).join(' | ')),
        ]
          .filter(Boolean)
          .join('\n'),
      )
      .filter(Boolean)
      .join('\n\n'),
  locate(path) {
    const [top, index, key, actionIndex, actionKey] = path
    if (top !== 'meetings') return null
    if (typeof index !== 'number') return L.meetings
    switch (key) {
      case 'date':
        return meetingPlace(index, L.date)
      case 'nextDate':
        return meetingPlace(index, L.nextDate)
      case 'title':
      case 'participants':
      case 'agenda':
      case 'decisions':
        return meetingPlace(index, L[key])
      case 'actions': {
        if (typeof actionIndex !== 'number') return meetingPlace(index, L.actions)
        const field =
          actionKey === 'what' ? L.action : actionKey === 'owner' ? L.owner : actionKey === 'due' ? L.due : actionKey === 'status' ? L.status : undefined
        return actionPlace(index, actionIndex, field)
      }
      default:
        return meetingPlace(index)
    }
  },
  excel: true,
}
