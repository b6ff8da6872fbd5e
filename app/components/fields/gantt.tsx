import { todayInFrance } from '~/domain/calendar'
import { formatDate, formatShortDate, plural } from '~/domain/format'
import { LEVEL_LABELS } from '~/domain/kpi'
import { ganttFrame, ganttTicks, planRows, type AlertThresholds, type PlanRow, type RetroValue } from '~/domain/retroplanning'

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
}: {
  rows: PlanRow[]
  deadline: string | null
  today: string
  tracking: boolean
  groupLabel: string
  caption: string
}) {
  const frame = ganttFrame(rows, deadline, today)
  if (!frame) {
    return <p className="card__muted">Le diagramme de Gantt apparaîtra quand le rétroplanning aura une date finale et des tâches avec une durée.</p>
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
              <span>Date finale</span>
            </span>
            {todayInside ? (
              <span className="gantt__line gantt__line--today" style={{ left: `${left(today)}%` }}>
                <span>Aujourd’hui</span>
              </span>
            ) : null}
          </div>
        </div>
      </div>
      <figcaption className="gantt__legend">
        <span className="gantt__key gantt__key--planned" /> Prévu (au plus tard)
        {tracking ? (
          <>
            {' '}
            <span className="gantt__key gantt__key--actual" /> Réel, coloré selon l’alerte
          </>
        ) : null}{' '}
        {todayInside ? (
          <>
            <span className="gantt__key gantt__key--today" /> Aujourd’hui ({formatDate(today)})
          </>
        ) : null}
        <span className="visually-hidden"> — {caption}</span>
      </figcaption>
      <details className="timeline__data">
        <summary>Données du diagramme (tableau)</summary>
        <PlanTable rows={rows} tracking={tracking} groupLabel={groupLabel} caption={caption} />
      </details>
    </figure>
  )
}

/** The retroplanning as a table: the Gantt's text equivalent, also used in read-only views. */
export function PlanTable({ rows, tracking, groupLabel, caption }: { rows: PlanRow[]; tracking: boolean; groupLabel: string; caption: string }) {
  const date = (d: string | null | undefined) => (d ? formatDate(d) : '—')
  return (
    <div className="table-wrap" role="region" aria-label={`Tableau : ${caption}`} tabIndex={0}>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Tâche</th>
            <th scope="col">{groupLabel}</th>
            <th scope="col">Responsable</th>
            <th scope="col" className="num">
              Durée
            </th>
            <th scope="col">Début au plus tard</th>
            <th scope="col">Fin au plus tard</th>
            {tracking ? (
              <>
                <th scope="col">Début réel</th>
                <th scope="col">Fin réelle ou estimée</th>
                <th scope="col" className="num">
                  Écart
                </th>
                <th scope="col">Alerte</th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ task, slot, variance, overdue, level }) => (
            <tr key={task.id}>
              <th scope="row">{task.name || 'Sans nom'}</th>
              <td>{task.group || '—'}</td>
              <td>{task.owner || '—'}</td>
              <td className="num">{task.duration ? plural(task.duration, 'jour', 'jours') : '—'}</td>
              <td>{date(slot?.latestStart)}</td>
              <td>{date(slot?.latestFinish)}</td>
              {tracking ? (
                <>
                  <td>{date(task.actualStart)}</td>
                  <td>{date(task.actualFinish)}</td>
                  <td className="num">{variance === null ? '—' : `${variance > 0 ? '+' : ''}${variance} j${overdue ? ' (en retard, non terminée)' : ''}`}</td>
                  <td>{level ? <span className={`level level--${level}`}>{LEVEL_LABELS[level]}</span> : '—'}</td>
                </>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? <p className="table-empty">Aucune tâche.</p> : null}
    </div>
  )
}

/** A retroplanning read-only: its Gantt chart and data table, computed for today. */
export function RetroplanningView({ value, config, caption }: { value: RetroValue; config: { alerts: AlertThresholds; tracking: boolean; groupLabel: string }; caption: string }) {
  const today = todayInFrance()
  const { rows } = planRows(value, config.alerts, today)
  return <Gantt rows={rows} deadline={value.deadline} today={today} tracking={config.tracking} groupLabel={config.groupLabel} caption={`Diagramme de Gantt : ${caption}`} />
}
