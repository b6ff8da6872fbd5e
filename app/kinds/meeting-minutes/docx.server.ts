import { Paragraph, type FileChild } from 'docx'
import { heading, labelled, para, run, table } from '~/services/exports/docx-parts.server'
import type { DocxWriter } from '../types.server'
import { dateText, MINUTES_LABELS as L, shortDateText } from './labels'
import { actionFilled, byDate, lines, type DatedMeeting } from './minutes'

const STATE = { planned: L.plannedState, held: L.heldState } as const

/** A sub-heading inside a meeting's minutes. */
const subheading = (level: number, text: string) => new Paragraph({ heading: heading(level), children: [run(text)] })

/** The lines of a text as a list (bulleted, or numbered from 1 for the agenda). */
function list(text: string, numbered: number | null): Paragraph[] {
  return lines(text).map((line) =>
    numbered === null
      ? new Paragraph({ text: line, bullet: { level: 0 } })
      : new Paragraph({ text: line, numbering: { reference: 'ordered', level: 0, instance: numbered } }),
  )
}

/** One meeting as a minutes document: heading, date, participants, agenda, decisions, actions table, next meeting. */
function minutes({ meeting: m, label, state }: DatedMeeting, level: number, nextListInstance: () => number): FileChild[] {
  const actions = m.actions.filter(actionFilled)
  const blocks: FileChild[] = [
    subheading(level, state === 'held' ? L.minutesOf(label) : L.plannedOf(label)),
    labelled(L.date, dateText(m.date)),
    labelled(L.meetingState, STATE[state]),
  ]
  const section = (title: string, body: FileChild[]) => (body.length ? [subheading(level + 1, title), ...body] : [])
  blocks.push(...section(L.participants, list(m.participants, null)))
  blocks.push(...section(L.agenda, list(m.agenda, nextListInstance())))
  blocks.push(...section(L.decisions, list(m.decisions, null)))
  if (actions.length)
    blocks.push(
      subheading(level + 1, L.actions),
      table(
        [L.action, L.owner, L.due, L.status],
        actions.map((a) => [a.what.trim() || '—', a.owner.trim() || '—', shortDateText(a.due), a.status ? L.statuses[a.status] : '—']),
      ),
    )
  blocks.push(labelled(L.nextDate, dateText(m.nextDate)))
  return blocks
}

/** The calendar of meetings (date, purpose, state), then each meeting by date as its minutes. */
export const docx: DocxWriter<'meetingMinutes'> = (_field, value, { level, today, nextListInstance }) => {
  const meetings = byDate(value, today)
  if (!meetings.length) return [para(L.none, { italics: true })]
  return [
    table(
      [L.date, L.title, L.meetingState, L.nextDate],
      meetings.map(({ meeting: m, state }) => [shortDateText(m.date), m.title.trim() || L.untitled, STATE[state], shortDateText(m.nextDate)]),
    ),
    para(L.statusRule, { italics: true }),
    ...meetings.flatMap((d) => minutes(d, level, nextListInstance)),
  ]
}
