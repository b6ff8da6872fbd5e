import { lazy, Suspense, useSyncExternalStore, type ReactNode } from 'react'
import { LEVEL_LABELS, LEVEL_PHRASES } from '~/domain/kpi'
import { FORMULAS, kpiAchievements, kpiActual, kpiTrends, named } from './kpi'
import { formatKpi, formatRate, KPI_LABELS } from './labels'
import type { KpiRow, KpiThresholds, KpiValue } from './schema'

/** recharts is heavy: its chunk loads only where a dashboard is shown, after hydration. */
const KpiCharts = lazy(() => import('./charts'))
const c = KPI_LABELS.columns
const noSubscription = () => () => {}

const CARDS = KPI_LABELS.cards

/** How far an achievement bar goes: 150 % of the target fills it, the target sits at two thirds. */
const BAR_MAX = 150

/**
 * The dashboard: a card per indicator (its latest period: value, target,
 * achievement, alert), the charts, then every indicator and period in a table,
 * which is also the charts' text equivalent (folded in the editor, whose
 * grid shows the same figures).
 */
export function KpiDashboard({
  value,
  thresholds,
  caption,
  anchors = false,
}: {
  value: KpiValue
  thresholds: KpiThresholds
  caption: string
  /** Mark each indicator's row as an item (`data-item-id`), for comments: the read-only view does, the editor has its own. */
  anchors?: boolean
}) {
  // False on the server and during hydration, true afterwards: the charts' chunk is fetched only in the browser.
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  )
  const rows = named(value.rows)
  const trends = kpiTrends(value)
  if (rows.length === 0) return <p className="card__muted">{KPI_LABELS.dashboardLater}</p>
  const bars = kpiAchievements(value, thresholds)
  const dashboardId = `kpi-tableau-${rows[0]!.id}`
  // One card per indicator: its last period, and the one before it.
  const latest = new Map<string, { row: KpiRow; index: number; before?: KpiRow }>()
  rows.forEach((row, index) => {
    const key = row.name.trim()
    latest.set(key, { row, index, before: latest.get(key)?.row })
  })
  const table = (
    <div className="table-wrap kpi-table" role="region" aria-label={KPI_LABELS.dashboard(caption)} tabIndex={0} id={dashboardId}>
      <table className="table">
        <caption className="visually-hidden">{KPI_LABELS.dashboard(caption)}</caption>
        <thead>
          <tr>
            <th scope="col">{c.name}</th>
            <th scope="col" className="num">
              {c.actual}
            </th>
            <th scope="col" className="num">
              {c.target}
            </th>
            <th scope="col" className="num">
              {c.achievement}
            </th>
            <th scope="col">{c.alert}</th>
            <th scope="col">{c.category}</th>
            <th scope="col">{c.formula}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => {
            const f = FORMULAS[r.formula]
            const level = bars[i]!.level
            return (
              <tr key={r.id} data-item-id={anchors ? r.id : undefined} tabIndex={anchors ? -1 : undefined}>
                <th scope="row">
                  {r.name}
                  {r.period ? <span className="kpi-table__period"> · {r.period}</span> : null}
                </th>
                <td className={`num${level ? ` cell--${level}` : ''}`}>{formatKpi(kpiActual(r), f.unit)}</td>
                <td className="num">{formatKpi(r.target, f.unit)}</td>
                <td className="num">{formatRate(bars[i]!.rate)}</td>
                <td>{level ? <span className={`level level--${level}`}>{LEVEL_LABELS[level]}</span> : '—'}</td>
                <td>{r.category || '—'}</td>
                <td>{f.label}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
  const chart = (children: ReactNode) => (hydrated ? <Suspense fallback={<p className="card__muted">{KPI_LABELS.chartLoading}</p>}>{children}</Suspense> : null)

  return (
    <div className="kpi-dashboard">
      <ul className="kpi-cards" aria-label={CARDS.list(caption)}>
        {[...latest.values()].map(({ row, index, before }) => {
          const f = FORMULAS[row.formula]
          const { rate, level } = bars[index]!
          return (
            <li key={row.id} className={`kpi-card${level ? ` kpi-card--${level}` : ''}`}>
              <p className="kpi-card__name">
                <strong>{row.name}</strong>
                <span>{[row.period, row.category || f.label].filter(Boolean).join(' · ')}</span>
              </p>
              <p className="kpi-card__value">{formatKpi(kpiActual(row), f.unit)}</p>
              <p className="kpi-card__target">
                {row.target === null ? CARDS.noTarget : CARDS.target(formatKpi(row.target, f.unit))}
                {rate !== null ? <> · {CARDS.ofTarget(formatRate(rate))}</> : null}
              </p>
              {rate !== null ? (
                <span className="kpi-card__bar" aria-hidden="true">
                  <span style={{ width: `${Math.max(0, Math.min(rate, BAR_MAX)) / (BAR_MAX / 100)}%` }} />
                </span>
              ) : null}
              <p className="kpi-card__foot">
                {level ? <span className={`level level--${level}`}>{LEVEL_PHRASES[level]}</span> : null}
                {before ? <span>{CARDS.before(before.period || '—', formatKpi(kpiActual(before), f.unit))}</span> : null}
              </p>
            </li>
          )
        })}
      </ul>
      <p className="field__hint">{KPI_LABELS.thresholds(thresholds.green, thresholds.orange)}</p>

      <div className="kpi-charts">
        <figure className="kpi-chart">
          <figcaption>{KPI_LABELS.achievementChart}</figcaption>
          <div className="kpi-chart__canvas" aria-hidden="true">
            {chart(<KpiCharts kind="achievement" bars={bars} />)}
          </div>
          <p className="field__hint">{CARDS.dataBelow(KPI_LABELS.achievementChartData)}</p>
        </figure>

        {trends.map((t) => (
          <figure key={t.name} className="kpi-chart">
            <figcaption>{KPI_LABELS.trendChart(t.name)}</figcaption>
            <div className="kpi-chart__canvas" aria-hidden="true">
              {chart(<KpiCharts kind="trend" points={t.points} unit={t.unit} />)}
            </div>
            <details className="timeline__data">
              <summary>{KPI_LABELS.trendData(t.name)}</summary>
              <div className="table-wrap" role="region" aria-label={KPI_LABELS.trendChart(t.name)} tabIndex={0}>
                <table className="table">
                  <caption className="visually-hidden">{KPI_LABELS.trendChart(t.name)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{c.period}</th>
                      <th scope="col" className="num">
                        {c.target}
                      </th>
                      <th scope="col" className="num">
                        {c.actual}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {t.points.map((p, i) => (
                      <tr key={`${p.period}-${i}`}>
                        <th scope="row">{p.period}</th>
                        <td className="num">{formatKpi(p.target, t.unit)}</td>
                        <td className="num">{formatKpi(p.actual, t.unit)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          </figure>
        ))}
      </div>

      {anchors ? (
        table
      ) : (
        <details className="timeline__data">
          <summary>{CARDS.tableData}</summary>
          {table}
        </details>
      )}
    </div>
  )
}
