import { MINUTES_LABELS as L, shortDateText } from './labels'
import { actionFilled, lines, split, type DatedMeeting } from './minutes'
import type { MeetingMinutesValue } from './schema'

/** Where a meeting's minutes are on the page (its card in the editor, its article in the view). */
export const meetingAnchor = (prefix: string, id: string) => `${prefix}-${id}`

/** « 3 décisions · 2 actions » under a meeting whose minutes are written. */
function summary(d: DatedMeeting): string {
  const decisions = lines(d.meeting.decisions).length
  const actions = d.meeting.actions.filter(actionFilled).length
  return [decisions ? `${decisions}\u00a0décision${decisions > 1 ? 's' : ''}` : '', actions ? `${actions}\u00a0action${actions > 1 ? 's' : ''}` : '']
    .filter(Boolean)
    .join(' · ')
}

function Column({
  title,
  items,
  empty,
  prefix,
  id,
  level,
}: {
  title: string
  items: DatedMeeting[]
  empty: string
  prefix: string
  id: string
  level: 2 | 3 | 4
}) {
  const H = `h${level}` as 'h2' | 'h3' | 'h4'
  return (
    <section className={`minutes-overview__column minutes-overview__column--${id}`} aria-labelledby={`${prefix}-${id}`}>
      <H id={`${prefix}-${id}`} className="minutes-overview__title">
        {title} <span className="minutes-overview__count">{items.length}</span>
      </H>
      {items.length ? (
        <ol className="minutes-timeline">
          {items.map((d) => (
            <li key={d.meeting.id} className={`minutes-timeline__item minutes-timeline__item--${d.state}`}>
              <span className="minutes-timeline__date">{d.meeting.date ? shortDateText(d.meeting.date) : L.noDate}</span>
              <a className="minutes-timeline__name" href={`#${meetingAnchor(prefix, d.meeting.id)}`}>
                {d.meeting.title.trim() || L.untitled}
              </a>
              {d.state === 'held' ? <span className="minutes-timeline__meta">{summary(d)}</span> : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="minutes-overview__empty">{empty}</p>
      )}
    </section>
  )
}

/**
 * The picture of the section: the meetings still planned (by date) beside
 * the minutes kept, with the count the référentiel asks for.
 */
export function MinutesOverview({
  value,
  today,
  minMinutes,
  prefix,
  level = 3,
}: {
  value: MeetingMinutesValue
  today: string
  minMinutes: number
  prefix: string
  level?: 2 | 3 | 4
}) {
  const { planned, held } = split(value, today)
  return (
    <div className="minutes-overview">
      <p className={`minutes-overview__status${held.length >= minMinutes ? ' is-met' : ''}`}>{L.count(held.length, minMinutes)}</p>
      <div className="minutes-overview__columns">
        <Column title={L.plannedHeading} items={planned} empty={L.noPlanned} prefix={prefix} id="planifiees" level={level} />
        <Column title={L.heldHeading} items={held} empty={L.noHeld} prefix={prefix} id="tenues" level={level} />
      </div>
      <p className="field__hint">{L.statusRule}</p>
    </div>
  )
}
