import type { CSSProperties } from 'react'
import { todayInFrance } from '~/domain/calendar'
import { formatDate } from '~/domain/format'
import { FIELD_LABELS, KIND_LABELS, SMART_LABELS } from './labels'
import type { Objective } from './schema'
import { targetText } from './smart'
import { timelineLayout } from './timeline-layout'

/**
 * Timeline of the objectives by deadline: numbered markers along a time axis
 * (close deadlines on separate lanes), then the same numbers in a list with
 * each date and label in full, then the data table.
 */
export function SmartTimeline({ objectives, caption }: { objectives: Objective[]; caption: string }) {
  const dated = objectives
    .flatMap((o) => (o.deadline ? [{ item: { ...o, deadline: o.deadline }, date: o.deadline }] : []))
    .sort((a, b) => a.date.localeCompare(b.date))
  if (dated.length === 0) return <p className="card__muted">{SMART_LABELS.timelineLater}</p>
  const layout = timelineLayout(dated, todayInFrance())
  const labelOf = (o: Objective) => o.label.trim() || SMART_LABELS.noLabel
  const parent = (o: Objective) => (o.parentId ? objectives.find((g) => g.id === o.parentId) : undefined)
  const undated = objectives.length - dated.length
  return (
    <figure className="smart-timeline">
      <figcaption className="smart-timeline__title">{caption}</figcaption>
      <div className="smart-timeline__axis" aria-hidden="true" style={{ '--lanes': layout.lanes } as CSSProperties}>
        {layout.ticks.map((t) => (
          <span key={t.at} className="smart-timeline__tick" style={{ left: `${t.at}%` }}>
            {t.label}
          </span>
        ))}
        {layout.today !== null ? (
          <span className="smart-timeline__today" style={{ left: `${layout.today}%` }}>
            {SMART_LABELS.today}
          </span>
        ) : null}
        {layout.placed.map(({ item: o, at, lane }, i) => (
          <span
            key={o.id}
            className={`smart-timeline__dot smart-timeline__dot--${o.kind}`}
            style={{ left: `${at}%`, '--lane': lane } as CSSProperties}
            title={`${labelOf(o)} — ${formatDate(o.deadline)}`}
          >
            {i + 1}
          </span>
        ))}
      </div>
      <ol className="smart-timeline__list">
        {layout.placed.map(({ item: o }, i) => {
          const served = o.kind === 'intermediate' ? parent(o) : undefined
          const target = targetText(o)
          return (
            <li key={o.id} className={`smart-timeline__item smart-timeline__item--${o.kind}`}>
              <span className="smart-timeline__num" aria-hidden="true">
                {i + 1}
              </span>
              <time dateTime={o.deadline}>{formatDate(o.deadline)}</time>
              <span className="smart-timeline__label">{labelOf(o)}</span>
              <span className="smart-timeline__meta">
                {[KIND_LABELS[o.kind], target ? SMART_LABELS.targetOf(target) : '', served ? SMART_LABELS.serves(labelOf(served)) : '']
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </li>
          )
        })}
      </ol>
      {undated ? <p className="field__hint">{SMART_LABELS.undated(undated)}</p> : null}
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
              {dated.map(({ item: o }) => (
                <tr key={o.id}>
                  <td>{formatDate(o.deadline)}</td>
                  <th scope="row">{labelOf(o)}</th>
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
