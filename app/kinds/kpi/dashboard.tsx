import { lazy, Suspense, useSyncExternalStore } from 'react'
import { LEVEL_LABELS } from '~/domain/kpi'
import { FORMULAS, kpiAchievements, kpiActual, kpiTrends, named } from './kpi'
import { formatKpi, formatRate, KPI_LABELS } from './labels'
import type { KpiThresholds, KpiValue } from './schema'

/** recharts is heavy: its chunk loads only where a dashboard is shown, after hydration. */
const KpiCharts = lazy(() => import('./charts'))
const c = KPI_LABELS.columns
const noSubscription = () => () => {}

/** The dashboard: every indicator with its computed value and alert colour, then the charts with their data tables. */
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
  return (
    <div className="kpi-dashboard">
      <div className="table-wrap" role="region" aria-label={KPI_LABELS.dashboard(caption)} tabIndex={0} id={dashboardId}>
        <table className="table">
          <caption className="visually-hidden">{KPI_LABELS.dashboard(caption)}</caption>
          <thead>
            <tr>
              <th scope="col">{c.name}</th>
              <th scope="col">{c.period}</th>
              <th scope="col">{c.category}</th>
              <th scope="col">{c.formula}</th>
              <th scope="col" className="num">
                {c.target}
              </th>
              <th scope="col" className="num">
                {c.actual}
              </th>
              <th scope="col" className="num">
                {c.achievement}
              </th>
              <th scope="col">{c.alert}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const f = FORMULAS[r.formula]
              const level = bars[i]!.level
              return (
                <tr key={r.id} data-item-id={anchors ? r.id : undefined} tabIndex={anchors ? -1 : undefined}>
                  <th scope="row">{r.name}</th>
                  <td>{r.period || '—'}</td>
                  <td>{r.category || '—'}</td>
                  <td>{f.label}</td>
                  <td className="num">{formatKpi(r.target, f.unit)}</td>
                  <td className={`num${level ? ` cell--${level}` : ''}`}>{formatKpi(kpiActual(r), f.unit)}</td>
                  <td className="num">{formatRate(bars[i]!.rate)}</td>
                  <td>{level ? <span className={`level level--${level}`}>{LEVEL_LABELS[level]}</span> : '—'}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <p className="field__hint">{KPI_LABELS.thresholds(thresholds.green, thresholds.orange)}</p>

      <figure className="kpi-chart">
        <figcaption>{KPI_LABELS.achievementChart}</figcaption>
        <div className="kpi-chart__canvas" aria-hidden="true">
          {hydrated ? (
            <Suspense fallback={<p className="card__muted">{KPI_LABELS.chartLoading}</p>}>
              <KpiCharts kind="achievement" bars={bars} />
            </Suspense>
          ) : null}
        </div>
        <p className="field__hint">
          Les données de ce graphique sont dans le <a href={`#${dashboardId}`}>{KPI_LABELS.achievementChartData}</a> ci-dessus (colonne « {c.achievement} »).
        </p>
      </figure>

      {trends.map((t) => (
        <figure key={t.name} className="kpi-chart">
          <figcaption>{KPI_LABELS.trendChart(t.name)}</figcaption>
          <div className="kpi-chart__canvas" aria-hidden="true">
            {hydrated ? (
              <Suspense fallback={<p className="card__muted">{KPI_LABELS.chartLoading}</p>}>
                <KpiCharts kind="trend" points={t.points} unit={t.unit} />
              </Suspense>
            ) : null}
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
  )
}
