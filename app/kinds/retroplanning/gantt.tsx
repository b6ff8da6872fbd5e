import { formatShortDate } from '~/domain/format'
import { LEVEL_LABELS } from '~/domain/kpi'
import { dateText, RETRO_LABELS as L, varianceText } from './labels'
import { ganttFrame, ganttTicks, type PlanRow } from './retroplanning'

/**
 * Gantt chart of a retroplanning: latest dates computed backwards, actual
 * dates when tracked, the deadline and today's line. The drawing is hidden
 * from assistive technologies; the data table that follows carries the same data.
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
  const frame = ganttFrame(rows, deadline, today)
  if (!frame) {
    return <p className="card__muted">{L.noChart}</p>
  }
  const { placed, todayInside } = frame
  const left = (iso: string) => frame.offset(iso) * 100
  const width = (from: string, to: string) => Math.max(frame.extent(from, to) * 100, 0.8)
  const ticks = ganttTicks(frame.first, frame.last)

  return (
    <figure className="gantt">
      <div className="gantt__chart" aria-hidden="true">
        <div className="gantt__row gantt__row--axis">
          <span />
          <div className="gantt__track">
            {ticks.map((t) => (
              <span key={t.date} className="gantt__month" style={{ left: `${left(t.date)}%` }}>
                {t.label}
              </span>
            ))}
          </div>
        </div>
        {placed.map(({ task, slot, level }) => (
          <div key={task.id} className="gantt__row">
            <span className="gantt__label" title={task.name}>
              {task.name}
            </span>
            <div className="gantt__track">
              <span
                className="gantt__bar"
                style={{ left: `${left(slot.latestStart)}%`, width: `${width(slot.latestStart, slot.latestFinish)}%` }}
                title={`${task.name} : ${formatShortDate(slot.latestStart)} → ${formatShortDate(slot.latestFinish)}`}
              />
              {tracking && task.actualStart ? (
                <span
                  className={`gantt__actual gantt__actual--${level ?? 'vert'}`}
                  style={{ left: `${left(task.actualStart)}%`, width: `${width(task.actualStart, frame.actualEnd(task))}%` }}
                />
              ) : null}
            </div>
          </div>
        ))}
        <div className="gantt__overlay">
          <span />
          <div className="gantt__track">
            <span className="gantt__line gantt__line--deadline" style={{ left: `${left(frame.deadline) + width(frame.deadline, frame.deadline)}%` }}>
              <span>{L.deadline}</span>
            </span>
            {todayInside ? (
              <span className="gantt__line gantt__line--today" style={{ left: `${left(today)}%` }}>
                <span>{L.today}</span>
              </span>
            ) : null}
          </div>
        </div>
      </div>
      <figcaption className="gantt__legend">
        <span className="gantt__key gantt__key--planned" /> {L.legendPlanned}
        {tracking ? (
          <>
            {' '}
            <span className="gantt__key gantt__key--actual" /> {L.legendActual}
          </>
        ) : null}{' '}
        {todayInside ? (
          <>
            <span className="gantt__key gantt__key--today" /> {L.todayOn(today)}
          </>
        ) : null}
        <span className="visually-hidden"> — {caption}</span>
      </figcaption>
      <details className="timeline__data">
        <summary>{L.chartData}</summary>
        <PlanTable rows={rows} tracking={tracking} groupLabel={groupLabel} caption={caption} anchors={anchors} />
      </details>
    </figure>
  )
}

/** The retroplanning as a table: the Gantt's text equivalent, also used in read-only views. */
export function PlanTable({
  rows,
  tracking,
  groupLabel,
  caption,
  anchors = false,
}: {
  rows: PlanRow[]
  tracking: boolean
  groupLabel: string
  caption: string
  anchors?: boolean
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
          {rows.map(({ task, slot, variance, overdue, level }) => (
            <tr key={task.id} data-item-id={anchors ? task.id : undefined} tabIndex={anchors ? -1 : undefined}>
              <th scope="row">{task.name || L.unnamed}</th>
              <td>{task.group || '—'}</td>
              <td>{task.owner || '—'}</td>
              <td className="num">{task.duration ?? '—'}</td>
              <td>{dateText(slot?.latestStart)}</td>
              <td>{dateText(slot?.latestFinish)}</td>
              {tracking ? (
                <>
                  <td>{dateText(task.actualStart)}</td>
                  <td>{dateText(task.actualFinish)}</td>
                  <td className="num">{varianceText(variance, overdue)}</td>
                  <td>{level ? <span className={`level level--${level}`}>{LEVEL_LABELS[level]}</span> : '—'}</td>
                </>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? <p className="table-empty">{L.noTasks}</p> : null}
    </div>
  )
}
