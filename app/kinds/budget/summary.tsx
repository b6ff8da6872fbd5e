import { LEVEL_LABELS, type Level } from '~/domain/kpi'
import { budgetAlerts, categoryName, categoryTotals, totalsOf, type BudgetLine } from './budget'
import { BUDGET_LABELS as L, money, signedMoney, signedPercent } from './labels'
import type { BudgetConfig } from './schema'

const c = L.columns

/** An alert level as a badge (« Rouge »), or « — ». */
export const LevelBadge = ({ level }: { level: Level | null }) => (level ? <span className={`level level--${level}`}>{LEVEL_LABELS[level]}</span> : <>—</>)

/**
 * The budget's picture, above its lines: the overall figures, planned and
 * actual per category as paired bars, the overrun alerts, then the same
 * figures in a table per category (the bars' text equivalent).
 */
export function BudgetSummary({
  lines,
  config,
  caption,
  headingLevel,
}: {
  lines: BudgetLine[]
  config: BudgetConfig
  caption: string
  /** The level of the alerts' heading; without it (the editor, whose page sets the levels), a bold paragraph. */
  headingLevel?: 2 | 3
}) {
  const Title = headingLevel ? (`h${headingLevel}` as 'h2' | 'h3') : 'p'
  if (!lines.some((l) => l.planned !== null || l.actual !== null)) return <p className="card__muted">{L.summaryLater}</p>
  const total = totalsOf(lines, config.thresholds)
  const categories = categoryTotals(lines, config.categories, config.thresholds)
  const alerts = budgetAlerts(lines, config.categories, config.thresholds)
  const max = Math.max(1, ...categories.flatMap((t) => [t.planned, t.actual ?? 0]))
  const width = (n: number | null) => `${Math.max(0, Math.min(100, ((n ?? 0) / max) * 100))}%`
  return (
    <div className="budget-summary">
      <ul className="budget-cards" aria-label={L.summary(caption)}>
        <li className="budget-card">
          <span className="budget-card__label">{L.cards.planned}</span>
          <span className="budget-card__value">{money(total.planned)}</span>
        </li>
        <li className="budget-card">
          <span className="budget-card__label">{L.cards.actual}</span>
          <span className="budget-card__value">{money(total.actual)}</span>
          {total.actual !== null && total.planned > 0 ? <span className="budget-card__note">{L.consumed(total.actual / total.planned)}</span> : null}
        </li>
        <li className={`budget-card${total.level ? ` budget-card--${total.level}` : ''}`}>
          <span className="budget-card__label">{L.cards.variance}</span>
          <span className="budget-card__value">{signedMoney(total.variance)}</span>
          <span className="budget-card__note">
            {signedPercent(total.rate)} <LevelBadge level={total.level} />
          </span>
        </li>
      </ul>

      <figure className="budget-chart">
        <figcaption>{L.chart}</figcaption>
        <div className="budget-bars" aria-hidden="true">
          <p className="budget-bars__legend">
            <span className="budget-bars__key budget-bars__key--planned" /> {L.series.planned}
            <span className="budget-bars__key budget-bars__key--actual" /> {L.series.actual}
          </p>
          {categories.map((t) => (
            <div key={t.category} className="budget-bars__row">
              <span className="budget-bars__name">{categoryName(t.category)}</span>
              <span className="budget-bars__pair">
                <span className="budget-bars__bar budget-bars__bar--planned" style={{ width: width(t.planned) }} />
                <span
                  className={`budget-bars__bar budget-bars__bar--actual${t.level ? ` budget-bars__bar--${t.level}` : ''}`}
                  style={{ width: width(t.actual) }}
                />
              </span>
              <span className="budget-bars__figures">
                {money(t.actual)} / {money(t.planned)}
              </span>
            </div>
          ))}
        </div>
        <p className="field__hint">{L.chartData}</p>
      </figure>

      <div className="budget-alerts">
        <Title className="budget-summary__title">{L.alertsTitle}</Title>
        {alerts.length ? (
          <ul>
            {alerts.map((a) => (
              <li key={a.id} className={`budget-alert budget-alert--${a.level}`}>
                <LevelBadge level={a.level} /> {a.text}
              </li>
            ))}
          </ul>
        ) : (
          <p className="card__muted">{L.noAlerts}</p>
        )}
        <p className="field__hint">{L.thresholds(config.thresholds.orange, config.thresholds.red)}</p>
      </div>

      <div className="table-wrap" role="region" aria-label={L.summaryTable(caption)} tabIndex={0}>
        <table className="table budget-table">
          <caption className="visually-hidden">{L.summaryTable(caption)}</caption>
          <thead>
            <tr>
              <th scope="col">{c.category}</th>
              <th scope="col" className="num">
                {c.planned}
              </th>
              <th scope="col" className="num">
                {c.actual}
              </th>
              <th scope="col" className="num">
                {c.variance}
              </th>
              <th scope="col" className="num">
                {c.rate}
              </th>
              <th scope="col">{c.alert}</th>
            </tr>
          </thead>
          <tbody>
            {categories.map((t) => (
              <tr key={t.category}>
                <th scope="row">{categoryName(t.category)}</th>
                <td className="num">{money(t.planned)}</td>
                <td className={`num${t.level ? ` cell--${t.level}` : ''}`}>{money(t.actual)}</td>
                <td className="num">{signedMoney(t.variance)}</td>
                <td className="num">{signedPercent(t.rate)}</td>
                <td>
                  <LevelBadge level={t.level} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="budget-table__total">
              <th scope="row">{L.total}</th>
              <td className="num">{money(total.planned)}</td>
              <td className={`num${total.level ? ` cell--${total.level}` : ''}`}>{money(total.actual)}</td>
              <td className="num">{signedMoney(total.variance)}</td>
              <td className="num">{signedPercent(total.rate)}</td>
              <td>
                <LevelBadge level={total.level} />
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  )
}
