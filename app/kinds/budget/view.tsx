import type { ViewProps } from '../types.browser'
import { budgetLines, categoryName, categoryTotals } from './budget'
import { BUDGET_LABELS as L, CHARGE_LABELS, money, signedMoney, signedPercent } from './labels'
import { BudgetSummary, LevelBadge } from './summary'

const c = L.columns

/** The budget read-only: its summary, then every line by category with the category's subtotal. */
export default function BudgetView({ field, value, caption, headingLevel = 3 }: ViewProps<'budget'>) {
  const lines = budgetLines(value, field.thresholds)
  const categories = categoryTotals(lines, field.categories, field.thresholds)
  return (
    <div className="budget-view">
      <BudgetSummary lines={lines} config={field} caption={caption} headingLevel={headingLevel} />
      {lines.length ? (
        <div className="table-wrap" role="region" aria-label={L.linesTable(caption)} tabIndex={0}>
          <table className="table budget-table">
            <caption className="visually-hidden">{L.linesTable(caption)}</caption>
            <thead>
              <tr>
                <th scope="col">{c.label}</th>
                <th scope="col">{c.subcategory}</th>
                <th scope="col">{c.charge}</th>
                <th scope="col">{c.type}</th>
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
                <th scope="col">{c.note}</th>
              </tr>
            </thead>
            {categories.map((t) => (
              <tbody key={t.category}>
                <tr className="budget-table__category">
                  <th scope="colgroup" colSpan={10}>
                    {categoryName(t.category)}
                  </th>
                </tr>
                {t.lines.map((l) => (
                  <tr key={l.id} data-item-id={l.id} tabIndex={-1}>
                    <th scope="row">{l.label.trim() || l.name}</th>
                    <td>{l.subcategory || '—'}</td>
                    <td>{l.charge ? CHARGE_LABELS[l.charge] : '—'}</td>
                    <td>{l.type === 'human' ? `${L.types.human} : ${L.humanFormula(l.plannedDays, l.dailyRate)}` : L.types.expense}</td>
                    <td className="num">{money(l.planned)}</td>
                    <td className={`num${l.level ? ` cell--${l.level}` : ''}`}>{money(l.actual)}</td>
                    <td className="num">{signedMoney(l.variance)}</td>
                    <td className="num">{signedPercent(l.rate)}</td>
                    <td>
                      <LevelBadge level={l.level} />
                    </td>
                    <td>{l.note || '—'}</td>
                  </tr>
                ))}
                <tr className="budget-table__subtotal">
                  <th scope="row" colSpan={4}>
                    {L.subtotal(categoryName(t.category))}
                  </th>
                  <td className="num">{money(t.planned)}</td>
                  <td className={`num${t.level ? ` cell--${t.level}` : ''}`}>{money(t.actual)}</td>
                  <td className="num">{signedMoney(t.variance)}</td>
                  <td className="num">{signedPercent(t.rate)}</td>
                  <td>
                    <LevelBadge level={t.level} />
                  </td>
                  <td />
                </tr>
              </tbody>
            ))}
          </table>
        </div>
      ) : null}
    </div>
  )
}
