import { useEffect, useRef, type CSSProperties } from 'react'
import { addDays } from '~/domain/calendar'
import { LEVEL_LABELS } from '~/domain/kpi'
import { dateText, RETRO_LABELS as L, varianceText } from './labels'
import { ganttFrame, type PlanRow } from './retroplanning'
import { chartDate, ganttCalendar, GANTT_WORDS as W, slackOf, type Slack } from './timeline'

/** A grid placement: `column` and `row` are CSS grid lines (the task names take column 1, day d column d + 2). */
const at = (column: string | number, row: string | number, extra?: CSSProperties): CSSProperties => ({ gridColumn: column, gridRow: row, ...extra })

/**
 * Gantt chart of a retroplanning, drawn on a CSS grid of days in whole weeks:
 * weeks and months on the axis, weekends and public holidays shaded, each
 * task's latest dates (the critical path darker, the slack before the other
 * tasks dotted), actual dates when tracked, the deadline and today's line.
 * The chart scrolls sideways inside its box (a region reachable by keyboard,
 * named with a summary), names kept in view; the drawing itself is hidden
 * from assistive technologies: the table that follows carries its data.
 */
export function Gantt({
  rows,
  deadline,
  today,
  tracking,
  groupLabel,
  caption,
  anchors = false,
}: {
  rows: PlanRow[]
  deadline: string | null
  today: string
  tracking: boolean
  groupLabel: string
  caption: string
  /** Mark each task's row of the data table as an item (`data-item-id`), for comments: the read-only view does, the editor has its own. */
  anchors?: boolean
}) {
  const box = useRef<HTMLDivElement>(null)
  // A chart wider than its box opens on the first task, not on empty weeks.
  useEffect(() => {
    const el = box.current
    const names = el?.querySelector<HTMLElement>('.plan-gantt__names')
    const starts = [...(el?.querySelectorAll<HTMLElement>('.plan-gantt__bar') ?? [])].map((bar) => bar.offsetLeft)
    if (el && names && starts.length && el.scrollWidth > el.clientWidth) el.scrollLeft = Math.min(...starts) - names.offsetWidth - 24
  }, [])
  const frame = ganttFrame(rows, deadline, today)
  if (!frame) {
    return <p className="card__muted">{L.noChart}</p>
  }
  const slack = slackOf(rows)
  const { placed } = frame
  // Today is drawn when it falls in the plan or within four weeks of it.
  const todayShown = today >= addDays(frame.first, -28) && today <= addDays(frame.last, 28)
  const cal = ganttCalendar(todayShown && today < frame.first ? today : frame.first, todayShown && today > frame.last ? today : frame.last)
  const col = (iso: string) => cal.day(iso) + 2
  const span = (from: string, to: string) => `${col(from)} / ${col(to) + 1}`
  const first = 4
  const end = first + placed.length
  const critical = placed.filter((r) => slack.get(r.task.id)?.critical).map((r) => r.task.name.trim())
  // A marker's label sits on the side of its line where there is more room.
  const label = (iso: string, text: string, row: number, kind: 'deadline' | 'today') => {
    const before = cal.day(iso) / cal.days > 0.45
    const from = kind === 'deadline' ? col(iso) + 1 : col(iso)
    return (
      <span
        className={`plan-gantt__marker plan-gantt__marker--${kind}${before ? ' plan-gantt__marker--before' : ''}`}
        style={at(before ? `2 / ${col(iso) + 1}` : `${from} / -1`, row)}
      >
        {text}
      </span>
    )
  }

  return (
    <figure className="plan-gantt">
      <div ref={box} className="plan-gantt__box" role="region" aria-label={W.summary(caption, frame.deadline, critical)} tabIndex={0}>
        <div className="plan-gantt__grid" aria-hidden="true" style={{ '--days': cal.days, '--rows': placed.length } as CSSProperties}>
          <span className="plan-gantt__names" style={at(1, '1 / -1')} />
          {cal.months.map((m) => (
            <span key={m.from} className="plan-gantt__month" style={at(`${m.from + 2} / span ${m.days}`, 1)}>
              {m.days >= 10 ? <span>{m.label}</span> : null}
            </span>
          ))}
          {cal.weeks.map((w, i) => (
            <span key={w.start} className="plan-gantt__week" style={at(`${i * 7 + 2} / span 7`, `2 / ${end + 1}`)}>
              <b>{w.label}</b>
              <span>{w.date}</span>
            </span>
          ))}
          {cal.holidays.map((h) => (
            <span key={h.day} className="plan-gantt__off" style={at(h.day + 2, `3 / ${end}`)} title={h.name} />
          ))}
          {placed.map(({ task, slot, level }, i) => {
            const s: Slack | undefined = slack.get(task.id)
            const row = first + i
            return [
              <span key={`${task.id}-row`} className="plan-gantt__row" style={at('1 / -1', row)} />,
              <span key={`${task.id}-name`} className={`plan-gantt__name${s?.critical ? ' plan-gantt__name--critical' : ''}`} style={at(1, row)}>
                <span className="plan-gantt__task">{task.name}</span>
                <span className="plan-gantt__meta">{[task.owner, task.group].filter((t) => t.trim()).join(' · ')}</span>
              </span>,
              s && s.slack > 0 ? (
                <span key={`${task.id}-slack`} className="plan-gantt__slack" style={at(`${col(s.earliestStart)} / ${col(slot.latestStart)}`, row)} />
              ) : null,
              <span
                key={`${task.id}-bar`}
                className={`plan-gantt__bar${s?.critical ? ' plan-gantt__bar--critical' : ''}`}
                style={at(span(slot.latestStart, slot.latestFinish), row)}
                title={`${task.name} : ${chartDate(slot.latestStart)} → ${chartDate(slot.latestFinish)}`}
              />,
              tracking && task.actualStart ? (
                <span
                  key={`${task.id}-actual`}
                  className={`plan-gantt__actual plan-gantt__actual--${level ?? 'vert'}`}
                  style={at(span(task.actualStart, frame.actualEnd(task)), row)}
                />
              ) : null,
            ]
          })}
          <span className="plan-gantt__line plan-gantt__line--deadline" style={at(col(frame.deadline), `3 / ${end}`)} />
          {label(frame.deadline, W.deadlineOn(frame.deadline), 3, 'deadline')}
          {todayShown ? (
            <>
              <span className="plan-gantt__line plan-gantt__line--today" style={at(col(today), `${first} / ${end + 1}`)} />
              {label(today, W.todayOn(today), end, 'today')}
            </>
          ) : null}
        </div>
      </div>
      <figcaption className="plan-gantt__legend">
        <span className="visually-hidden">{caption}. </span>
        <span>
          <i className="plan-gantt__key plan-gantt__key--critical" /> {W.legendCritical}
        </span>
        <span>
          <i className="plan-gantt__key plan-gantt__key--planned" /> {W.legendPlanned}
        </span>
        <span>
          <i className="plan-gantt__key plan-gantt__key--slack" /> {W.legendSlack}
        </span>
        {tracking ? (
          <span>
            <i className="plan-gantt__key plan-gantt__key--actual" /> {W.legendActual}
          </span>
        ) : null}
        <span>
          <i className="plan-gantt__key plan-gantt__key--off" /> {W.legendOff}
        </span>
      </figcaption>
      <details className="timeline__data">
        <summary>{L.chartData}</summary>
        <PlanTable rows={rows} slack={slack} tracking={tracking} groupLabel={groupLabel} caption={caption} anchors={anchors} />
      </details>
    </figure>
  )
}

/** The retroplanning as a table: the Gantt's text equivalent, with each task's slack. */
function PlanTable({
  rows,
  slack,
  tracking,
  groupLabel,
  caption,
  anchors,
}: {
  rows: PlanRow[]
  slack: Map<string, Slack>
  tracking: boolean
  groupLabel: string
  caption: string
  anchors: boolean
}) {
  return (
    <div className="table-wrap" role="region" aria-label={L.tableOf(caption)} tabIndex={0}>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{L.task}</th>
            <th scope="col">{groupLabel}</th>
            <th scope="col">{L.owner}</th>
            <th scope="col" className="num">
              {L.durationUnit}
            </th>
            <th scope="col">{L.latestStart}</th>
            <th scope="col">{L.latestFinish}</th>
            <th scope="col" className="num">
              {W.slack}
            </th>
            {tracking ? (
              <>
                <th scope="col">{L.actualStart}</th>
                <th scope="col">{L.actualFinish}</th>
                <th scope="col" className="num">
                  {L.varianceUnit}
                </th>
                <th scope="col">{L.alert}</th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ task, slot, variance, overdue, level }) => {
            const s = slack.get(task.id)
            return (
              <tr key={task.id} data-item-id={anchors ? task.id : undefined} tabIndex={anchors ? -1 : undefined}>
                <th scope="row">{task.name || L.unnamed}</th>
                <td>{task.group || '—'}</td>
                <td>{task.owner || '—'}</td>
                <td className="num">{task.duration ?? '—'}</td>
                <td>{dateText(slot?.latestStart)}</td>
                <td>{dateText(slot?.latestFinish)}</td>
                <td className="num">{s ? (s.critical ? W.criticalCell : s.slack) : '—'}</td>
                {tracking ? (
                  <>
                    <td>{dateText(task.actualStart)}</td>
                    <td>{dateText(task.actualFinish)}</td>
                    <td className="num">{varianceText(variance, overdue)}</td>
                    <td>{level ? <span className={`level level--${level}`}>{LEVEL_LABELS[level]}</span> : '—'}</td>
                  </>
                ) : null}
              </tr>
            )
          })}
        </tbody>
      </table>
      {rows.length === 0 ? <p className="table-empty">{L.noTasks}</p> : null}
    </div>
  )
}
