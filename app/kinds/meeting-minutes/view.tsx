import { useId } from 'react'
import { todayInFrance } from '~/domain/calendar'
import type { ViewProps } from '../types.browser'
import { dateText, MINUTES_LABELS as L, shortDateText } from './labels'
import { actionFilled, byDate, lines, type DatedMeeting } from './minutes'
import { meetingAnchor, MinutesOverview } from './overview'

/** A text typed one item per line, as a list (numbered for the agenda). */
function Lines({ text, ordered }: { text: string; ordered?: boolean }) {
  const items = lines(text)
  if (!items.length) return <p className="minutes-doc__none">—</p>
  const List = ordered ? 'ol' : 'ul'
  return (
    <List className="minutes-doc__list">
      {items.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </List>
  )
}

/** One meeting as a minutes document: heading, date and state, participants, agenda, decisions, actions, next meeting. */
export function MinutesDoc({ d, prefix, level }: { d: DatedMeeting; prefix: string; level: 2 | 3 }) {
  const H = `h${level}` as 'h2' | 'h3'
  const Sub = `h${level + 1}` as 'h3' | 'h4'
  const m = d.meeting
  const actions = m.actions.filter(actionFilled)
  return (
    <article id={meetingAnchor(prefix, m.id)} data-item-id={m.id} tabIndex={-1} className={`minutes-doc minutes-doc--${d.state}`}>
      <header className="minutes-doc__head">
        <H className="minutes-doc__title">{m.title.trim() || L.untitled}</H>
        <p className="minutes-doc__when">
          <span>{dateText(m.date)}</span>{' '}
          <span className={`badge ${d.state === 'held' ? 'badge--success' : 'badge--neutral'}`}>{d.state === 'held' ? L.heldState : L.plannedState}</span>
        </p>
      </header>
      <div className="minutes-doc__grid">
        <section>
          <Sub className="minutes-doc__sub">{L.participants}</Sub>
          <Lines text={m.participants} />
        </section>
        <section>
          <Sub className="minutes-doc__sub">{L.agenda}</Sub>
          <Lines text={m.agenda} ordered />
        </section>
        <section>
          <Sub className="minutes-doc__sub">{L.decisions}</Sub>
          <Lines text={m.decisions} />
        </section>
      </div>
      <Sub className="minutes-doc__sub">{L.actions}</Sub>
      {actions.length ? (
        <div className="table-wrap" role="region" aria-label={L.actionsOf(d.label)} tabIndex={0}>
          <table className="table minutes-doc__actions">
            <caption className="visually-hidden">{L.actionsOf(d.label)}</caption>
            <thead>
              <tr>
                <th scope="col">{L.action}</th>
                <th scope="col">{L.owner}</th>
                <th scope="col">{L.due}</th>
                <th scope="col">{L.status}</th>
              </tr>
            </thead>
            <tbody>
              {actions.map((a) => (
                <tr key={a.id}>
                  <td>{a.what.trim() || '—'}</td>
                  <td>{a.owner.trim() || '—'}</td>
                  <td className="minutes-doc__nowrap">{shortDateText(a.due)}</td>
                  <td className="minutes-doc__nowrap">{a.status ? L.statuses[a.status] : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="minutes-doc__none">{L.noActions}</p>
      )}
      <p className="minutes-doc__next">
        <strong>{L.nextDate}&nbsp;:</strong> {dateText(m.nextDate)}
      </p>
    </article>
  )
}

/** The meetings planned beside the minutes kept, then each meeting's minutes by date. */
export default function MeetingMinutesView({ field, value, headingLevel = 3 }: ViewProps<'meetingMinutes'>) {
  const prefix = `cr${useId().replace(/:/g, '')}`
  const today = todayInFrance()
  const meetings = byDate(value, today)
  if (!meetings.length) return <p className="table-empty">{L.none}</p>
  return (
    <div className="minutes">
      <MinutesOverview value={value} today={today} minMinutes={field.minMinutes} prefix={prefix} level={headingLevel} />
      <div className="minutes-docs">
        {meetings.map((d) => (
          <MinutesDoc key={d.meeting.id} d={d} prefix={prefix} level={headingLevel} />
        ))}
      </div>
    </div>
  )
}
