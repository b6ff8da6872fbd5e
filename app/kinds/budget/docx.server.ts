import { LEVEL_LABELS, type Level } from '~/domain/kpi'
import { chartParagraphs, LEVEL_FILLS, para, table } from '~/services/exports/docx-parts.server'
import type { DocxWriter } from '../types.server'
import { budgetAlerts, budgetLines, categoryName, categoryTotals, totalsOf } from './budget'
import { budgetChartImages } from './charts.server'
import { BUDGET_LABELS as L, CHARGE_LABELS, money, signedMoney, signedPercent } from './labels'

const c = L.columns
const filled = (text: string, level: Level | null) => (level ? { text, fill: LEVEL_FILLS[level] } : text)
const badge = (level: Level | null) => (level ? { text: LEVEL_LABELS[level], fill: LEVEL_FILLS[level] } : '—')

/** The budget in Word: the chart (planned vs actual per category) as an image, the totals per category, the alerts, then every line. */
export const docx: DocxWriter<'budget'> = (field, value) => {
  const { thresholds, categories: order } = field
  const lines = budgetLines(value, thresholds)
  const categories = categoryTotals(lines, order, thresholds)
  const total = totalsOf(lines, thresholds)
  const alerts = budgetAlerts(lines, order, thresholds)
  const figures = (t: { planned: number | null; actual: number | null; variance: number | null; rate: number | null; level: Level | null }) => [
    money(t.planned),
    filled(money(t.actual), t.level),
    signedMoney(t.variance),
    signedPercent(t.rate),
    badge(t.level),
  ]
  const numeric = [false, true, true, true, true, false]
  return [
    ...chartParagraphs(budgetChartImages(categories)),
    table(
      [c.category, c.planned, c.actual, c.variance, c.rate, c.alert],
      [...categories.map((t) => [categoryName(t.category), ...figures(t)]), [L.total, ...figures(total)]],
      numeric,
    ),
    para(L.alertsTitle, { bold: true }),
    ...(alerts.length ? alerts.map((a) => para(`${LEVEL_LABELS[a.level]} — ${a.text}`)) : [para(L.noAlerts)]),
    para(L.thresholds(thresholds.orange, thresholds.red), { italics: true, color: '4A5162' }),
    table(
      [c.category, c.subcategory, c.label, c.charge, c.type, c.planned, c.actual, c.variance, c.rate, c.alert, c.note],
      categories.flatMap((t) => [
        ...t.lines.map((l) => [
          categoryName(l.category),
          l.subcategory || '—',
          l.label.trim() || l.name,
          l.charge ? CHARGE_LABELS[l.charge] : '—',
          l.type === 'human' ? `${L.types.human} : ${L.humanFormula(l.plannedDays, l.dailyRate)}` : L.types.expense,
          ...figures(l),
          l.note || '—',
        ]),
        [{ text: L.subtotal(categoryName(t.category)), fill: 'F2F2F2' }, '', '', '', '', ...figures(t), ''],
      ]),
      [false, false, false, false, false, true, true, true, true, false, false],
    ),
  ]
}
