import type { Level } from '~/domain/kpi'
import { BUDGET_LABELS, CHARGE_LABELS, money as fmt, signedPercent as pct, type Charge } from './labels'
import type { BudgetThresholds, BudgetValue, ExpenseLine, HumanLine } from './schema'

/**
 * The budget's computations (C13.3): each line's planned and actual amounts
 * (human costs: days × daily rate), its variance and overrun alert, totals
 * per category and overall, and the structural problems the hints name. Pure.
 */

export type LineType = 'expense' | 'human'

/** A line of either grid, with its amounts computed. */
export type BudgetLine = {
  id: string
  type: LineType
  /** Its place in its own grid (0-based). */
  index: number
  /** « Dépense 2 — Flyers », for items and sentences. */
  name: string
  category: string
  subcategory: string
  label: string
  charge: Charge | ''
  planned: number | null
  actual: number | null
  plannedDays: number | null
  actualDays: number | null
  dailyRate: number | null
  note: string
  variance: number | null
  rate: number | null
  level: Level | null
}

export type Totals = { planned: number; actual: number | null; variance: number | null; rate: number | null; level: Level | null }
export type CategoryTotals = Totals & { category: string; lines: BudgetLine[] }

/** Comparisons are made on cents: 1 050 € for 1 000 € is +5 % exactly, whatever binary floating point says. */
const cents = (n: number) => Math.round(n * 100)
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)

export const emptyExpense = (id: string): ExpenseLine => ({ id, category: '', subcategory: '', label: '', charge: '', planned: null, actual: null, note: '' })
export const emptyHuman = (id: string): HumanLine => ({
  id,
  category: '',
  subcategory: '',
  label: '',
  charge: '',
  plannedDays: null,
  actualDays: null,
  dailyRate: null,
  note: '',
})

/** Days × daily rate, rounded to the cent; null while either is missing. */
export const humanAmount = (d: number | null, rate: number | null): number | null => (d === null || rate === null ? null : cents(d * rate) / 100)

/** Actual − planned (a missing planned amount counts as 0: money spent off budget); null until something is spent. */
export function variance(planned: number | null, actual: number | null): number | null {
  if (actual === null) return null
  return (cents(actual) - cents(planned ?? 0)) / 100
}

/** The variance as a fraction of the planned amount; null without a planned amount. */
export function varianceRate(planned: number | null, actual: number | null): number | null {
  if (actual === null || planned === null || cents(planned) === 0) return null
  return (cents(actual) - cents(planned)) / cents(planned)
}

/**
 * The overrun alert: red from `red` above planned, orange from `orange`,
 * green below; money spent with nothing planned is red. Null until something is spent.
 */
export function overrunLevel(planned: number | null, actual: number | null, thresholds: BudgetThresholds): Level | null {
  if (actual === null) return null
  if (planned === null || cents(planned) === 0) return cents(actual) > 0 ? 'rouge' : 'vert'
  // Thresholds are compared in ten-thousandths (0,01 %): a rate of 0.1 computed as 0.09999… is still 10 %.
  const over = Math.round(((cents(actual) - cents(planned)) / cents(planned)) * 10_000)
  if (over >= Math.round(thresholds.red * 10_000)) return 'rouge'
  if (over >= Math.round(thresholds.orange * 10_000)) return 'orange'
  return 'vert'
}

const isFilledText = (s: string) => s.trim() !== ''
export const expenseFilled = (l: ExpenseLine) =>
  [l.category, l.subcategory, l.label, l.note].some(isFilledText) || l.charge !== '' || l.planned !== null || l.actual !== null
export const humanFilled = (l: HumanLine) =>
  [l.category, l.subcategory, l.label, l.note].some(isFilledText) || l.charge !== '' || [l.plannedDays, l.actualDays, l.dailyRate].some((n) => n !== null)

function computed(base: Omit<BudgetLine, 'variance' | 'rate' | 'level' | 'name'>, thresholds: BudgetThresholds): BudgetLine {
  const name = (base.type === 'expense' ? BUDGET_LABELS.expense : BUDGET_LABELS.human)(base.index, base.label)
  return {
    ...base,
    name,
    variance: variance(base.planned, base.actual),
    rate: varianceRate(base.planned, base.actual),
    level: overrunLevel(base.planned, base.actual, thresholds),
  }
}

/** Every filled line of both grids (expenses, then human costs), with its amounts, variance and alert. */
export function budgetLines(value: BudgetValue, thresholds: BudgetThresholds): BudgetLine[] {
  const expenses = value.expenses.flatMap((l, index) =>
    expenseFilled(l) ? [computed({ ...l, type: 'expense', index, plannedDays: null, actualDays: null, dailyRate: null }, thresholds)] : [],
  )
  const human = value.humanCosts.flatMap((l, index) =>
    humanFilled(l)
      ? [computed({ ...l, type: 'human', index, planned: humanAmount(l.plannedDays, l.dailyRate), actual: humanAmount(l.actualDays, l.dailyRate) }, thresholds)]
      : [],
  )
  return [...expenses, ...human]
}

/** Totals of some lines: planned and actual sums (actual null while nothing is spent), variance and alert. */
export function totalsOf(lines: readonly BudgetLine[], thresholds: BudgetThresholds): Totals {
  const planned = sum(lines.map((l) => cents(l.planned ?? 0))) / 100
  const spent = lines.filter((l) => l.actual !== null)
  const actual = spent.length ? sum(spent.map((l) => cents(l.actual!))) / 100 : null
  const p = planned === 0 && actual === null ? null : planned
  return { planned, actual, variance: variance(p, actual), rate: varianceRate(p, actual), level: overrunLevel(p, actual, thresholds) }
}

/** Totals per category, in the template's order, then other categories, then the lines without one. */
export function categoryTotals(lines: readonly BudgetLine[], categories: readonly string[], thresholds: BudgetThresholds): CategoryTotals[] {
  const used = [...new Set(lines.map((l) => l.category))]
  const order = [...categories.filter((c) => used.includes(c)), ...used.filter((c) => c !== '' && !categories.includes(c)), ...(used.includes('') ? [''] : [])]
  return order.map((category) => {
    const own = lines.filter((l) => l.category === category)
    return { category, lines: own, ...totalsOf(own, thresholds) }
  })
}

/** A category's name as shown: « Sans catégorie » for lines without one. */
export const categoryName = (category: string) => category || BUDGET_LABELS.uncategorised

export type BudgetAlert = { id: string; level: 'orange' | 'rouge'; text: string }

/** The orange and red alerts: overall first, then categories, then lines. */
export function budgetAlerts(lines: readonly BudgetLine[], categories: readonly string[], thresholds: BudgetThresholds): BudgetAlert[] {
  const { alert, unplanned, categoryAlert, overall } = BUDGET_LABELS
  const say = (id: string, what: string, t: { planned: number | null; actual: number | null; rate: number | null; level: Level | null }): BudgetAlert[] => {
    if (t.level !== 'orange' && t.level !== 'rouge') return []
    const text = t.rate === null ? unplanned(what, fmt(t.actual)) : alert(what, pct(t.rate), fmt(t.actual), fmt(t.planned))
    return [{ id, level: t.level, text }]
  }
  return [
    ...say('total', overall, totalsOf(lines, thresholds)),
    ...categoryTotals(lines, categories, thresholds).flatMap((c) => say(`categorie-${c.category}`, categoryAlert(categoryName(c.category)), c)),
    ...lines.flatMap((l) => say(l.id, lineTitle(l), l)),
  ]
}

/** « Flyers (Production et impression › Impression) », or the line's number when it has no name. */
export function lineTitle(l: Pick<BudgetLine, 'label' | 'name' | 'category' | 'subcategory'>): string {
  const where = [l.category, l.subcategory]
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' › ')
  const what = l.label.trim() ? `« ${l.label.trim()} »` : l.name
  return where ? `${what} (${where})` : what
}

/** The lines' names in a hint: « “Flyers”, Dépense 3 ». */
const names = (lines: readonly BudgetLine[]) => lines.map((l) => (l.label.trim() ? `« ${l.label.trim()} »` : l.name)).join(', ')

/** Structural problems of a budget, in French, for the hints (C13.3-1 to C13.3-4). */
export function budgetProblems(value: BudgetValue, thresholds: BudgetThresholds): string[] {
  const lines = budgetLines(value, thresholds)
  if (lines.length === 0) return ['Aucune ligne de budget pour l’instant.']
  const problems: string[] = []
  const without = (test: (l: BudgetLine) => boolean, sentence: (names: string) => string) => {
    const found = lines.filter(test)
    if (found.length) problems.push(sentence(names(found)))
  }
  const unnamed = lines.filter((l) => !l.label.trim())
  if (unnamed.length) problems.push(`Sans intitulé : ${unnamed.map((l) => l.name).join(', ')}.`)
  without(
    (l) => !l.category,
    (n) => `Sans catégorie : ${n}.`,
  )
  without(
    (l) => !l.subcategory.trim(),
    (n) => `Sans sous-catégorie : ${n}.`,
  )
  if (lines.length >= 2 && new Set(lines.map((l) => l.category).filter(Boolean)).size === 1)
    problems.push('Toutes les lignes sont dans la même catégorie : répartissez-les en catégories et sous-catégories.')
  without(
    (l) => l.charge === '',
    (n) => `Ni fixe ni variable : ${n}. Précisez la nature de chaque charge.`,
  )
  const charges = new Set(lines.map((l) => l.charge).filter(Boolean))
  if (lines.length >= 2 && charges.size === 1) {
    const [only] = [...charges] as Charge[]
    const other = only === 'fixe' ? 'variable' : 'fixe'
    problems.push(
      `Aucune charge ${CHARGE_LABELS[other].toLowerCase()} : toutes les lignes sont des charges ${CHARGE_LABELS[only!].toLowerCase()}s. Vérifiez la distinction.`,
    )
  }
  if (!lines.some((l) => l.type === 'human'))
    problems.push('Aucun coût humain : valorisez le temps passé par l’équipe (jours × taux journalier) pour l’intégrer au coût global.')
  for (const l of lines.filter((l) => l.type === 'human')) {
    const missing = [l.plannedDays === null ? 'les jours prévus' : '', l.dailyRate === null ? 'le taux journalier' : ''].filter(Boolean)
    if (missing.length) problems.push(`${l.label.trim() ? `« ${l.label.trim()} »` : l.name} : coût incalculable, il manque ${missing.join(' et ')}.`)
  }
  without(
    (l) => l.type === 'expense' && l.planned === null,
    (n) => `Sans montant prévu : ${n}.`,
  )
  without(
    (l) => l.level === 'rouge' && !l.note.trim(),
    (n) => `Dépassement en alerte rouge sans commentaire : ${n}. Expliquez l’écart et la conduite à tenir.`,
  )
  return problems
}
