import { formatNumber } from '~/domain/format'
import { itemChanges, withOrder, type ItemWords } from '../list-diff'
import type { KindDefinition } from '../types'
import { minRowsMessage, problemsOrNull, type RowNouns } from '../wording'
import { budgetLines, budgetProblems, expenseFilled, humanFilled } from './budget'
import { BUDGET_LABELS, CHARGE_LABELS, money } from './labels'
import type { BudgetConfig, BudgetValue, ExpenseLine, HumanLine } from './schema'

const LINES: RowNouns = ['ligne de budget', 'lignes de budget', 'attendues']
const w = BUDGET_LABELS.diff
const f = BUDGET_LABELS.fields

type Line = ExpenseLine | HumanLine
const charge = (c: Line['charge']) => (c ? CHARGE_LABELS[c] : '—')
const num = (n: number | null) => (n === null ? '—' : formatNumber(n))

/** What changed in one line, in words: « prévu 1 000,00 € → 1 200,00 € », « charge Fixe → Variable »… */
function lineChanges(a: Line, b: Line): string[] {
  const changes: string[] = []
  const text = (word: string, x: string, y: string) => {
    if (x.trim() !== y.trim()) changes.push(`${word} ${x.trim() || '—'} → ${y.trim() || '—'}`)
  }
  text(w.label, a.label, b.label)
  text(w.category, a.category, b.category)
  text(w.subcategory, a.subcategory, b.subcategory)
  if (a.charge !== b.charge) changes.push(`${w.charge} ${charge(a.charge)} → ${charge(b.charge)}`)
  if ('planned' in a && 'planned' in b) {
    if (a.planned !== b.planned) changes.push(`${w.planned} ${money(a.planned)} → ${money(b.planned)}`)
    if (a.actual !== b.actual) changes.push(`${w.actual} ${money(a.actual)} → ${money(b.actual)}`)
  }
  if ('dailyRate' in a && 'dailyRate' in b) {
    if (a.plannedDays !== b.plannedDays) changes.push(`${w.plannedDays} ${num(a.plannedDays)} → ${num(b.plannedDays)}`)
    if (a.actualDays !== b.actualDays) changes.push(`${w.actualDays} ${num(a.actualDays)} → ${num(b.actualDays)}`)
    if (a.dailyRate !== b.dailyRate) changes.push(`${w.dailyRate} ${money(a.dailyRate)} → ${money(b.dailyRate)}`)
  }
  if (a.note.trim() !== b.note.trim()) changes.push(w.note)
  return changes
}

function words<T extends Line>(isFilled: (l: T) => boolean, name: (index: number, label?: string) => string): ItemWords<T> {
  return {
    isBlank: (l) => !isFilled(l),
    added: (l, i) => w.added(name(i, l.label)),
    changed(was, now, i) {
      const changes = lineChanges(was, now)
      return changes.length ? [w.changed(name(i, was.label.trim() ? was.label : now.label), changes)] : []
    },
    removed: (l, i) => w.removed(name(i, l.label)),
  }
}

const PLACES: Record<string, string> = {
  category: f.category,
  subcategory: f.subcategory,
  charge: f.charge,
  planned: f.planned,
  actual: f.actual,
  plannedDays: f.plannedDays,
  actualDays: f.actualDays,
  dailyRate: f.dailyRate,
  note: f.note,
}

export const definition: KindDefinition<BudgetConfig, BudgetValue> = {
  label: BUDGET_LABELS.kind,
  empty: () => ({ expenses: [], humanCosts: [] }),
  isEmpty: (value) => !value.expenses.some(expenseFilled) && !value.humanCosts.some(humanFilled),
  rules: {
    minRows: (hint, value, config, { title }) => minRowsMessage(budgetLines(value, config.thresholds).length, hint.min, title, LINES),
    kindChecks: (_hint, value, config) => problemsOrNull(budgetProblems(value, config.thresholds)),
  },
  items: (value) => [
    ...value.expenses.map((l, i) => ({ id: l.id, label: BUDGET_LABELS.expense(i, l.label) })),
    ...value.humanCosts.map((l, i) => ({ id: l.id, label: BUDGET_LABELS.human(i, l.label) })),
  ],
  diff(before, after) {
    const a = itemChanges(before.expenses, after.expenses, words(expenseFilled, BUDGET_LABELS.expense))
    const b = itemChanges(before.humanCosts, after.humanCosts, words(humanFilled, BUDGET_LABELS.human))
    return withOrder({ sentences: [...a.sentences, ...b.sentences], reordered: a.reordered || b.reordered }, w.reordered)
  },
  plainText: (value, config) =>
    budgetLines(value, config.thresholds)
      .map((l) =>
        [l.category, l.subcategory, l.label, l.note]
          .map((s) => s.trim())
          .filter(Boolean)
          .join(' | '),
      )
      .join('\n'),
  locate(path, value) {
    const [list, index, field] = path
    if (list !== 'expenses' && list !== 'humanCosts') return null
    const lines: Line[] = list === 'expenses' ? value.expenses : value.humanCosts
    const name = list === 'expenses' ? BUDGET_LABELS.expense : BUDGET_LABELS.human
    if (typeof index !== 'number') return list === 'expenses' ? BUDGET_LABELS.expenses : BUDGET_LABELS.humanCosts
    const place = name(index, lines[index]?.label)
    const word = field === 'label' ? (list === 'expenses' ? f.label : f.humanLabel) : typeof field === 'string' ? PLACES[field] : undefined
    return word ? `${place}, ${word}` : place
  },
  excel: true,
}
