import { DataGrid, type GridColumn } from '~/components/grid/data-grid'
import { newId } from '~/components/ids'
import { issueAt } from '../issues'
import type { EditorProps } from '../types.browser'
import { budgetLines, emptyExpense, emptyHuman, humanAmount, overrunLevel, variance, varianceRate } from './budget'
import { BUDGET_LABELS as L, CHARGE_LABELS, CHARGES, LIMITS, money, signedMoney, signedPercent } from './labels'
import type { BudgetConfig, BudgetThresholds, ExpenseLine, HumanLine } from './schema'
import { BudgetSummary, LevelBadge } from './summary'

type Line = ExpenseLine | HumanLine
const F = L.fields
const CHARGE_OPTIONS = CHARGES.map((c) => ({ value: c, label: CHARGE_LABELS[c] }))

function text<R extends Line>(id: 'subcategory' | 'label', label: string): GridColumn<R> {
  return { id, label, type: 'text', maxLength: LIMITS.text, get: (r) => r[id], set: (r, v) => ({ ...r, [id]: String(v ?? '') }) }
}
function amount<R extends Line>(
  id: string,
  label: string,
  max: number,
  unit: '€' | undefined,
  get: (r: R) => number | null,
  set: (r: R, n: number | null) => R,
): GridColumn<R> {
  return { id, label, type: 'number', unit, min: 0, max, get, set: (r, v) => set(r, typeof v === 'number' ? v : null) }
}

/** The columns both grids share: category, sub-category, the line's name, fixed or variable. */
function head<R extends Line>(config: BudgetConfig, labelWord: string): GridColumn<R>[] {
  return [
    {
      id: 'category',
      label: F.category,
      type: 'choice',
      options: config.categories.map((c) => ({ value: c, label: c })),
      get: (r) => r.category,
      set: (r, v) => ({ ...r, category: String(v ?? '') }),
    },
    text<R>('subcategory', F.subcategory),
    text<R>('label', labelWord),
    {
      id: 'charge',
      label: F.charge,
      type: 'choice',
      options: CHARGE_OPTIONS,
      get: (r) => r.charge,
      set: (r, v) => ({ ...r, charge: v === 'fixe' || v === 'variable' ? v : '' }),
    },
  ]
}

/** The computed columns: variance in euros, in percent with its alert, then the comment. */
function tail<R extends Line>(amounts: (r: R) => [number | null, number | null], thresholds: BudgetThresholds): GridColumn<R>[] {
  return [
    { id: 'variance', label: L.columns.variance, type: 'computed', get: (r) => signedMoney(variance(...amounts(r))) },
    {
      id: 'rate',
      label: L.columns.rate,
      type: 'computed',
      get: (r) => signedPercent(varianceRate(...amounts(r))),
      show: (r) => {
        const level = overrunLevel(...amounts(r), thresholds)
        return (
          <>
            {signedPercent(varianceRate(...amounts(r)))} {level ? <LevelBadge level={level} /> : null}
          </>
        )
      },
    },
    { id: 'note', label: F.note, type: 'long', maxLength: LIMITS.note, get: (r) => r.note, set: (r, v) => ({ ...r, note: String(v ?? '') }) },
  ]
}

/** Budget (C13.3): the summary (totals, bars per category, alerts) at full width, then the expenses and the human costs in two grids. */
export default function BudgetEditor({ field, value, onChange, ctx }: EditorProps<'budget'>) {
  const config: BudgetConfig = field
  const { caption, issues } = ctx
  const { thresholds } = config

  const expenseColumns: GridColumn<ExpenseLine>[] = [
    ...head<ExpenseLine>(config, F.label),
    amount<ExpenseLine>(
      'planned',
      F.planned,
      LIMITS.amount,
      '€',
      (r) => r.planned,
      (r, n) => ({ ...r, planned: n }),
    ),
    amount<ExpenseLine>(
      'actual',
      F.actual,
      LIMITS.amount,
      '€',
      (r) => r.actual,
      (r, n) => ({ ...r, actual: n }),
    ),
    ...tail<ExpenseLine>((r) => [r.planned, r.actual], thresholds),
  ]
  const humanAmounts = (r: HumanLine): [number | null, number | null] => [humanAmount(r.plannedDays, r.dailyRate), humanAmount(r.actualDays, r.dailyRate)]
  const humanColumns: GridColumn<HumanLine>[] = [
    ...head<HumanLine>(config, F.humanLabel),
    amount<HumanLine>(
      'plannedDays',
      F.plannedDays,
      LIMITS.days,
      undefined,
      (r) => r.plannedDays,
      (r, n) => ({ ...r, plannedDays: n }),
    ),
    amount<HumanLine>(
      'actualDays',
      F.actualDays,
      LIMITS.days,
      undefined,
      (r) => r.actualDays,
      (r, n) => ({ ...r, actualDays: n }),
    ),
    amount<HumanLine>(
      'dailyRate',
      F.dailyRate,
      LIMITS.rate,
      '€',
      (r) => r.dailyRate,
      (r, n) => ({ ...r, dailyRate: n }),
    ),
    { id: 'planned', label: L.columns.planned, type: 'computed', get: (r) => money(humanAmounts(r)[0]) },
    { id: 'actual', label: L.columns.actual, type: 'computed', get: (r) => money(humanAmounts(r)[1]) },
    ...tail<HumanLine>(humanAmounts, thresholds),
  ]

  return (
    <div className="budget-editor">
      <BudgetSummary lines={budgetLines(value, thresholds)} config={config} caption={caption} />
      {/* A value replaced from outside (conflict, restore) drops what the grids hold: texts refused, an undo. */}
      <div className="budget-editor__grid">
        <p className="budget-summary__title">{L.expenses}</p>
        <DataGrid
          key={`expenses-${ctx.resetKey}`}
          caption={L.expensesGrid(caption)}
          rows={value.expenses}
          columns={expenseColumns}
          rowId={(r) => r.id}
          onChange={(expenses) => onChange({ ...value, expenses })}
          newRow={() => emptyExpense(newId('dep'))}
          addLabel={L.addExpense}
          emptyText={L.noExpenses}
          noun={{ name: 'Dépense', e: 'e' }}
          issue={(i, column) => issueAt(issues, 'expenses', i, column)}
        />
      </div>
      <div className="budget-editor__grid">
        <p className="budget-summary__title">{L.humanCosts}</p>
        <DataGrid
          key={`human-${ctx.resetKey}`}
          caption={L.humanGrid(caption)}
          rows={value.humanCosts}
          columns={humanColumns}
          rowId={(r) => r.id}
          onChange={(humanCosts) => onChange({ ...value, humanCosts })}
          newRow={() => emptyHuman(newId('rh'))}
          addLabel={L.addHuman}
          emptyText={L.noHuman}
          noun={{ name: 'Coût humain', e: '' }}
          issue={(i, column) => issueAt(issues, 'humanCosts', i, column)}
        />
      </div>
    </div>
  )
}
