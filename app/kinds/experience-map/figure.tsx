import { useEffect, useRef, useState } from 'react'
import { formatNumber } from '~/domain/format'
import { curvePoints, curveSummary, recalledObjectives, stagesOf } from './experience-map'
import { CurveSvg } from './curve-svg'
import { EXPERIENCE_LABELS as L, FIELD_LABELS, formatScore, STAGE_TEXTS } from './labels'
import type { ExperienceMapValue } from './schema'

/** The width the chart has on screen (640 on the server and before the first measure). */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(640)
  useEffect(() => {
    const el = ref.current
    if (!el || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(([entry]) => {
      const w = Math.floor(entry?.contentRect.width ?? 0)
      if (w > 0) setWidth(w)
    })
    observer.observe(el)
    return () => observer.disconnect()
  }, [])
  return [ref, width] as const
}

const mean = (v: number | null) => (v === null ? '—' : v > 0 ? `+${formatNumber(v)}` : v < 0 ? `\u2212${formatNumber(-v)}` : '0')

/** The persona and the global objectives recalled at the top (C7.1-1), read-only. */
export function Recall({ value }: { value: ExperienceMapValue }) {
  const objectives = recalledObjectives(value)
  return (
    <section className="xmap-recall" aria-label={L.recall}>
      <div className="xmap-recall__persona">
        <p className="xmap-recall__label">{L.persona}</p>
        <p className="xmap-recall__name">{value.persona.name.trim() || L.noPersona}</p>
        {value.persona.summary.trim() ? <p className="xmap-recall__summary">{value.persona.summary.trim()}</p> : null}
      </div>
      <div className="xmap-recall__objectives">
        <p className="xmap-recall__label">{L.objectives}</p>
        {objectives.length ? (
          <ol>
            {objectives.map((o) => (
              <li key={o.id}>{o.label.trim()}</li>
            ))}
          </ol>
        ) : (
          <p className="card__muted">{L.noObjectives}</p>
        )}
      </div>
    </section>
  )
}

/**
 * The two curves on one chart with the gap per stage, then its data table
 * (the chart's text equivalent: folded in the editor, open in the view).
 */
export function CurveFigure({ value, alert, caption, folded }: { value: ExperienceMapValue; alert: number; caption: string; folded: boolean }) {
  const [ref, width] = useWidth()
  const points = curvePoints(value, alert)
  const scored = points.some((p) => p.customer !== null || p.company !== null)
  const summary = curveSummary(points)
  const table = (
    <div className="table-wrap" role="region" aria-label={`${L.chart} — ${caption}`} tabIndex={0}>
      <table className="table xmap-data">
        <caption className="visually-hidden">{L.chart}</caption>
        <thead>
          <tr>
            <th scope="col">{FIELD_LABELS.name}</th>
            <th scope="col" className="num">
              {FIELD_LABELS.customer}
            </th>
            <th scope="col" className="num">
              {FIELD_LABELS.company}
            </th>
            <th scope="col" className="num">
              {FIELD_LABELS.gap}
            </th>
          </tr>
        </thead>
        <tbody>
          {points.map((p, i) => (
            <tr key={p.id}>
              <th scope="row">
                {i + 1}. {p.name}
              </th>
              <td className="num">{formatScore(p.customer)}</td>
              <td className="num">{formatScore(p.company)}</td>
              <td className={`num${p.large ? ' xmap-gap--large' : ''}`}>
                {formatScore(p.gap)}
                {p.large ? <span className="visually-hidden"> ({L.gapAlert(alert)})</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Moyenne</th>
            <td className="num">{mean(summary.customer)}</td>
            <td className="num">{mean(summary.company)}</td>
            <td className="num">{mean(summary.gap)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  )
  return (
    <figure className="xmap-curve">
      <figcaption>{L.chart}</figcaption>
      {scored ? (
        <>
          <div className="xmap-curve__canvas" ref={ref} aria-hidden="true">
            <CurveSvg points={points} width={width} />
          </div>
          <p className="field__hint">
            {L.scale} {L.dataBelow}
          </p>
          {folded ? (
            <details className="timeline__data">
              <summary>{L.chartData}</summary>
              {table}
            </details>
          ) : (
            table
          )}
        </>
      ) : (
        <p className="card__muted" ref={ref}>
          {L.chartLater}
        </p>
      )}
    </figure>
  )
}

const LAYERS = STAGE_TEXTS.filter((k) => k !== 'name')

/** The map: one column per stage on a wide screen, one card per stage on a phone (container queries, experience-map.css). */
export function StageMap({
  value,
  alert,
  anchors = false,
  headingLevel,
}: {
  value: ExperienceMapValue
  alert: number
  anchors?: boolean
  /** The level of the map's heading; none in the editor, whose page decides its headings. */
  headingLevel?: 2 | 3
}) {
  const Title = headingLevel ? (`h${headingLevel}` as 'h2' | 'h3') : 'p'
  const points = curvePoints(value, alert)
  const stages = stagesOf(value)
  if (!stages.length) return null
  return (
    <div className="xmap-map">
      <Title className="xmap-map__title">{L.map}</Title>
      <ol className="xmap-map__stages" style={{ ['--xmap-stages' as string]: Math.min(stages.length, 6) }}>
        {stages.map((s, i) => {
          const p = points[i]!
          return (
            <li key={s.id} className="xmap-stage" data-item-id={anchors ? s.id : undefined} tabIndex={anchors ? -1 : undefined}>
              <p className="xmap-stage__name">
                <span className="xmap-stage__number">{i + 1}</span> {p.name}
              </p>
              <p className="xmap-stage__scores">
                <span className="xmap-score xmap-score--customer">
                  {FIELD_LABELS.customer} <strong>{formatScore(s.customer)}</strong>
                </span>
                <span className="xmap-score xmap-score--company">
                  {FIELD_LABELS.company} <strong>{formatScore(s.company)}</strong>
                </span>
                <span className={`xmap-score${p.large ? ' xmap-score--large' : ''}`}>
                  {FIELD_LABELS.gap} <strong>{formatScore(p.gap)}</strong>
                  {p.large ? <> · {s.gapNote.trim() ? L.gapExplained : L.gapFlag}</> : null}
                </span>
              </p>
              <dl className="xmap-stage__layers">
                {LAYERS.map((k) =>
                  s[k].trim() ? (
                    <div key={k} className={`xmap-layer xmap-layer--${k}`}>
                      <dt>{FIELD_LABELS[k]}</dt>
                      <dd>{s[k].trim()}</dd>
                    </div>
                  ) : null,
                )}
              </dl>
            </li>
          )
        })}
      </ol>
    </div>
  )
}
