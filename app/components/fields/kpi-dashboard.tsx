import { lazy, Suspense, useEffect, useState } from 'react'
import { formatNumber } from '~/domain/format'
import { formatKpi, FORMULAS, LEVEL_LABELS, kpiAchievements, kpiActual, kpiTrends, type KpiThresholds, type KpiValue } from '~/domain/kpi'

/** recharts is heavy: its chunk loads only where a dashboard is shown, after hydration. */
const KpiCharts = lazy(() => import('./kpi-charts'))

/** The dashboard: every indicator with its computed value and alert colour, then the charts with their data tables. */
export function KpiDashboard({ value, thresholds, caption }: { value: KpiValue; thresholds: KpiThresholds; caption: string }) {
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  const rows = value.rows.filter((r) => r.name.trim())
  const trends = kpiTrends(value)
  if (rows.length === 0) return <p className="card__muted">Le tableau de bord apparaîtra avec le premier indicateur.</p>
  const bars = kpiAchievements(value, thresholds)
  const dashboardId = `kpi-tableau-${rows[0]!.id}`
  return (
    <div className="kpi-dashboard">
      <div className="table-wrap" role="region" aria-label={`Tableau de bord : ${caption}`} tabIndex={0} id={dashboardId}>
        <table className="table">
          <caption className="visually-hidden">{`Tableau de bord : ${caption}`}</caption>
          <thead>
            <tr>
              <th scope="col">Indicateur</th>
              <th scope="col">Période</th>
              <th scope="col">Catégorie</th>
              <th scope="col">Calcul</th>
              <th scope="col" className="num">
                Cible
              </th>
              <th scope="col" className="num">
                Réel
              </th>
              <th scope="col" className="num">
                Atteinte
              </th>
              <th scope="col">Alerte</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const f = FORMULAS[r.formula]
              const level = bars[i]!.level
              return (
                <tr key={r.id}>
                  <th scope="row">{r.name}</th>
                  <td>{r.period || '—'}</td>
                  <td>{r.category || '—'}</td>
                  <td>{f.label}</td>
                  <td className="num">{formatKpi(r.target, f.unit)}</td>
                  <td className={`num${level ? ` cell--${level}` : ''}`}>{formatKpi(kpiActual(r), f.unit)}</td>
                  <td className="num">{bars[i]!.rate === null ? '—' : `${formatNumber(bars[i]!.rate!)}\u00a0%`}</td>
                  <td>{level ? <span className={`level level--${level}`}>{LEVEL_LABELS[level]}</span> : '—'}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <p className="field__hint">
        Vert à partir de {formatNumber(thresholds.green * 100)}&nbsp;% de la cible, orange à partir de {formatNumber(thresholds.orange * 100)}&nbsp;%, rouge en dessous (pour un
        coût d’acquisition, plus bas est meilleur).
      </p>

      <figure className="kpi-chart">
        <figcaption>Taux d’atteinte des cibles</figcaption>
        <div className="kpi-chart__canvas" aria-hidden="true">
          {hydrated ? (
            <Suspense fallback={<p className="card__muted">Chargement du graphique…</p>}>
              <KpiCharts kind="achievement" bars={bars} />
            </Suspense>
          ) : null}
        </div>
        <p className="field__hint">
          Les données de ce graphique sont dans le <a href={`#${dashboardId}`}>tableau de bord</a> ci-dessus (colonne « Atteinte »).
        </p>
      </figure>

      {trends.map((t) => (
        <figure key={t.name} className="kpi-chart">
          <figcaption>Évolution : {t.name}</figcaption>
          <div className="kpi-chart__canvas" aria-hidden="true">
            {hydrated ? (
              <Suspense fallback={<p className="card__muted">Chargement du graphique…</p>}>
                <KpiCharts kind="trend" points={t.points} unit={t.unit} />
              </Suspense>
            ) : null}
          </div>
          <details className="timeline__data">
            <summary>Données du graphique « {t.name} » (tableau)</summary>
            <div className="table-wrap" role="region" aria-label={`Évolution : ${t.name}`} tabIndex={0}>
              <table className="table">
                <caption className="visually-hidden">{`Évolution : ${t.name}`}</caption>
                <thead>
                  <tr>
                    <th scope="col">Période</th>
                    <th scope="col" className="num">
                      Cible
                    </th>
                    <th scope="col" className="num">
                      Réel
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
