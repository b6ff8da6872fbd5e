import { formatDate, formatNumber } from '~/domain/format'
import type { Objective } from '~/domain/smart'

/**
 * Timeline of the objectives by deadline, with its data table (the chart is
 * decorative for assistive technologies; the table carries the same data).
 */
export function SmartTimeline({ objectives, caption }: { objectives: Objective[]; caption: string }) {
  const dated = objectives.filter((o) => o.deadline).sort((a, b) => a.deadline!.localeCompare(b.deadline!))
  if (dated.length === 0) return <p className="card__muted">La frise apparaîtra quand les objectifs auront une échéance.</p>
  const first = new Date(dated[0]!.deadline!).getTime()
  const last = new Date(dated[dated.length - 1]!.deadline!).getTime()
  const span = Math.max(1, last - first)
  const position = (d: string) => 4 + ((new Date(d).getTime() - first) / span) * 92
  return (
    <figure className="timeline">
      <div className="timeline__track" aria-hidden="true">
        {dated.map((o, i) => (
          <div
            key={o.id}
            className={`timeline__mark timeline__mark--${o.kind}`}
            style={{ left: `${position(o.deadline!)}%`, top: `${(i % 3) * 2.6}rem` }}
            title={`${o.label} — ${formatDate(o.deadline!)}`}
          >
            <span className="timeline__dot" />
            <span className="timeline__label">{o.label || 'Sans intitulé'}</span>
          </div>
        ))}
      </div>
      <figcaption className="visually-hidden">{caption}</figcaption>
      <details className="timeline__data">
        <summary>Données de la frise (tableau)</summary>
        <div className="table-wrap" role="region" aria-label={`Tableau : ${caption}`} tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">Échéance</th>
                <th scope="col">Objectif</th>
                <th scope="col">Type</th>
                <th scope="col" className="num">
                  Cible
                </th>
              </tr>
            </thead>
            <tbody>
              {dated.map((o) => (
                <tr key={o.id}>
                  <td>{formatDate(o.deadline!)}</td>
                  <th scope="row">{o.label || 'Sans intitulé'}</th>
                  <td>{o.kind === 'global' ? 'Global' : 'Intermédiaire'}</td>
                  <td className="num">{o.target === null || o.target === undefined ? '—' : `${formatNumber(o.target)} ${o.unit ?? ''}`.trim()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  )
}
