import { formatDate } from '~/domain/format'
import { FIELD_LABELS, KIND_LABELS, SMART_LABELS } from './labels'
import type { Objective } from './schema'
import { targetText } from './smart'

/**
 * Timeline of the objectives by deadline, with its data table (the chart is
 * decorative for assistive technologies; the table carries the same data).
 */
export function SmartTimeline({ objectives, caption }: { objectives: Objective[]; caption: string }) {
  const dated = objectives.flatMap((o) => (o.deadline ? [{ ...o, deadline: o.deadline }] : [])).sort((a, b) => a.deadline.localeCompare(b.deadline))
  if (dated.length === 0) return <p className="card__muted">{SMART_LABELS.timelineLater}</p>
  const first = new Date(dated[0]!.deadline).getTime()
  const last = new Date(dated[dated.length - 1]!.deadline).getTime()
  const span = Math.max(1, last - first)
  const position = (d: string) => 4 + ((new Date(d).getTime() - first) / span) * 92
  return (
    <figure className="timeline">
      <div className="timeline__track" aria-hidden="true">
        {dated.map((o, i) => (
          <div
            key={o.id}
            className={`timeline__mark timeline__mark--${o.kind}`}
            style={{ left: `${position(o.deadline)}%`, top: `${(i % 3) * 2.6}rem` }}
            title={`${o.label} — ${formatDate(o.deadline)}`}
          >
            <span className="timeline__dot" />
            <span className="timeline__label">{o.label || SMART_LABELS.noLabel}</span>
          </div>
        ))}
      </div>
      <figcaption className="visually-hidden">{caption}</figcaption>
      <details className="timeline__data">
        <summary>{SMART_LABELS.timelineData}</summary>
        <div className="table-wrap" role="region" aria-label={SMART_LABELS.table(caption)} tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{FIELD_LABELS.deadline}</th>
                <th scope="col">{SMART_LABELS.objectiveColumn}</th>
                <th scope="col">{FIELD_LABELS.kind}</th>
                <th scope="col" className="num">
                  {FIELD_LABELS.target}
                </th>
              </tr>
            </thead>
            <tbody>
              {dated.map((o) => (
                <tr key={o.id}>
                  <td>{formatDate(o.deadline)}</td>
                  <th scope="row">{o.label || SMART_LABELS.noLabel}</th>
                  <td>{KIND_LABELS[o.kind]}</td>
                  <td className="num">{targetText(o) || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  )
}
