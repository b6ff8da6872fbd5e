import { lazy, Suspense, useSyncExternalStore } from 'react'
import { computeFunnel, funnelStatus, stageName } from './funnel'
import { FUNNEL_LABELS, formatGap, formatPercent, formatVolume } from './labels'
import type { LeadFunnelValue } from './schema'

/** The SVG is drawn at the width it is shown: its chunk loads in the browser only, after hydration. */
const FunnelChart = lazy(() => import('./funnel-chart'))
const noSubscription = () => () => {}
const f = FUNNEL_LABELS.fields

/**
 * The funnel's picture: the chart, the verdict (target reached or the gap),
 * then the stages in a table, the chart's text equivalent (folded in the
 * editor, whose grid shows the same figures; open in the view, where each
 * stage's row is an item tutors comment on).
 */
export function FunnelPicture({
  value,
  caption,
  objective,
  anchors = false,
}: {
  value: LeadFunnelValue
  caption: string
  /** The SMART objective aimed at, in words (the view and the editor know its label). */
  objective?: string | null
  anchors?: boolean
}) {
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  )
  const result = computeFunnel(value)
  const { rows, targetIndex } = result
  const top = rows[0]
  const verdict = result.reached === null ? 'neutral' : result.reached ? 'ok' : 'short'
  const table = (
    <div className="table-wrap funnel-table" role="region" aria-label={FUNNEL_LABELS.table(caption)} tabIndex={0}>
      <table className="table">
        <caption className="visually-hidden">{FUNNEL_LABELS.table(caption)}</caption>
        <thead>
          <tr>
            <th scope="col">{f.name}</th>
            <th scope="col" className="num">
              {f.rate}
            </th>
            <th scope="col" className="num">
              {f.needed}
            </th>
            <th scope="col" className="num">
              {f.expected}
            </th>
            <th scope="col" className="num">
              {f.gap}
            </th>
            <th scope="col">{f.source}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr
              key={r.id}
              data-item-id={anchors ? r.id : undefined}
              tabIndex={anchors ? -1 : undefined}
              className={i === targetIndex ? 'is-target' : undefined}
            >
              <th scope="row">
                {stageName(r, i)}
                {i === targetIndex ? <span className="funnel-table__target"> ({f.target.toLowerCase()})</span> : null}
              </th>
              <td className="num">{i === 0 ? '—' : formatPercent(r.rate)}</td>
              <td className="num">{formatVolume(r.needed)}</td>
              <td className="num">{formatVolume(r.expected)}</td>
              <td className={`num${r.gap !== null && r.gap < 0 ? ' cell--rouge' : ''}`}>{formatGap(r.gap)}</td>
              <td>{value.stages[i]?.source.trim() || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
  return (
    <div className="funnel-picture">
      {objective ? (
        <p className="funnel-picture__objective">
          <strong>{f.objectiveId} :</strong> {objective}
        </p>
      ) : null}
      <p className={`funnel-verdict funnel-verdict--${verdict}`}>{funnelStatus(value, result)}</p>
      {top && top.needed !== null ? (
        <p className="field__hint">{FUNNEL_LABELS.status.top(stageName(top, 0), formatVolume(top.needed), formatVolume(top.expected))}</p>
      ) : null}
      {rows.length > 0 ? (
        <figure className="funnel-chart">
          <figcaption className="visually-hidden">{FUNNEL_LABELS.chart(caption)}</figcaption>
          <div className="funnel-chart__canvas" aria-hidden="true">
            {hydrated ? (
              <Suspense fallback={<p className="card__muted">{FUNNEL_LABELS.chartLoading}</p>}>
                <FunnelChart rows={rows} targetIndex={targetIndex} />
              </Suspense>
            ) : null}
          </div>
          <p className="field__hint">{FUNNEL_LABELS.dataBelow}</p>
        </figure>
      ) : (
        <p className="card__muted">{FUNNEL_LABELS.noStages}</p>
      )}
      {anchors ? (
        table
      ) : (
        <details className="timeline__data">
          <summary>{FUNNEL_LABELS.tableData}</summary>
          {table}
        </details>
      )}
    </div>
  )
}
