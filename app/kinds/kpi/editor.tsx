import { DataGrid, type GridColumn } from '~/components/grid/data-grid'
import { newId } from '~/components/ids'
import { formatNumber } from '~/domain/format'
import { LEVEL_LABELS } from '~/domain/kpi'
import { issueAt } from '../issues'
import type { EditorProps } from '../types.browser'
import { KpiDashboard } from './dashboard'
import { achievement, emptyKpi, FORMULAS, kpiActual, kpiLevel } from './kpi'
import { formatKpi, formatRate, inputWord, KPI_FORMULAS, KPI_LABELS } from './labels'
import { NumberInput } from './number-input'
import type { KpiConfig, KpiRow } from './schema'

const L = KPI_LABELS.fields
const INPUTS = 'Données du calcul'
const FORMULA_OPTIONS = KPI_FORMULAS.map((k) => ({ value: k, label: FORMULAS[k].label }))
const text = (id: 'name' | 'period' | 'source', maxLength: number, placeholder?: string): GridColumn<KpiRow> => ({
  id,
  label: L[id],
  type: 'text',
  maxLength,
  placeholder,
  get: (r) => r[id],
  set: (r, v) => ({ ...r, [id]: String(v ?? '') }),
})

/** KPI / ROI dashboard: the dashboard and its charts, then the indicators in a grid (formula inputs in a side panel, computed value and alert). */
export default function KpiEditor({ field, value, onChange, ctx }: EditorProps<'kpi'>) {
  const config: KpiConfig = field
  const { caption, objectives, issues } = ctx
  const rows = value.rows
  const unit = (r: KpiRow) => FORMULAS[r.formula].unit
  const rate = (r: KpiRow) => {
    const a = achievement(r)
    return a === null ? null : Math.round(a * 1000) / 10
  }
  const columns: GridColumn<KpiRow>[] = [
    text('name', 300),
    {
      id: 'category',
      label: L.category,
      type: 'choice',
      options: config.categories.map((c) => ({ value: c, label: c })),
      get: (r) => r.category,
      set: (r, v) => ({ ...r, category: String(v ?? '') }),
    },
    {
      id: 'formula',
      label: L.formula,
      type: 'choice',
      options: FORMULA_OPTIONS,
      get: (r) => r.formula,
      // Another formula has other inputs: they are emptied.
      set: (r, v) => {
        const formula = KPI_FORMULAS.find((k) => k === v)
        return formula && formula !== r.formula ? { ...r, formula, inputs: {} } : r
      },
    },
    text('period', 100, KPI_LABELS.periodPlaceholder),
    {
      id: 'inputs',
      label: INPUTS,
      type: 'panel',
      get: (r) =>
        FORMULAS[r.formula].inputs
          .filter((i) => typeof r.inputs[i.id] === 'number')
          .map((i) => `${inputWord(i.label)} ${formatNumber(r.inputs[i.id]!)}`)
          .join(' · '),
      panel: (r, update) => {
        const index = rows.findIndex((x) => x.id === r.id)
        return (
          <div className="form-row">
            {FORMULAS[r.formula].inputs.map((input) => (
              <div className="field" key={input.id}>
                <label htmlFor={`kpi-${r.id}-in-${input.id}`}>{input.label}</label>
                <NumberInput
                  id={`kpi-${r.id}-in-${input.id}`}
                  value={r.inputs[input.id] ?? null}
                  onChange={(n) => update({ ...r, inputs: { ...r.inputs, [input.id]: n } })}
                  invalid={issueAt(issues, 'rows', index, 'inputs', input.id)}
                  errorId={`kpi-${r.id}-in-${input.id}-erreur`}
                />
              </div>
            ))}
          </div>
        )
      },
    },
    {
      id: 'target',
      label: L.target,
      type: 'number',
      get: (r) => r.target,
      set: (r, v) => ({ ...r, target: typeof v === 'number' ? v : null }),
      show: (r) => formatKpi(r.target, unit(r)),
    },
    { id: 'actual', label: KPI_LABELS.columns.actual, type: 'computed', get: (r) => formatKpi(kpiActual(r), unit(r)) },
    {
      id: 'achievement',
      label: KPI_LABELS.columns.achievement,
      type: 'computed',
      get: (r) => formatRate(rate(r)),
      show: (r) => {
        const level = kpiLevel(r, config.thresholds)
        return (
          <>
            {formatRate(rate(r))} {level ? <span className={`level level--${level}`}>{LEVEL_LABELS[level]}</span> : null}
          </>
        )
      },
    },
    text('source', 500, KPI_LABELS.sourcePlaceholder),
    {
      id: 'objectiveId',
      label: L.objectiveId,
      type: 'choice',
      options: objectives.map((o) => ({ value: o.id, label: `${o.label} (${o.where})` })),
      get: (r) => r.objectiveId,
      set: (r, v) => ({ ...r, objectiveId: typeof v === 'string' && v ? v : null }),
      show: (r) => {
        const linked = objectives.find((o) => o.id === r.objectiveId)
        return linked ? `${linked.label} (${linked.where})` : r.objectiveId ? KPI_LABELS.deletedObjective : ''
      },
    },
  ]
  const nextFormula = () => config.requiredFormulas.find((f) => !rows.some((r) => r.formula === f)) ?? 'manual'
  return (
    <div className="smart-editor kpi-editor">
      <KpiDashboard value={value} thresholds={config.thresholds} caption={caption} />
      {/* A value replaced from outside (conflict, restore) drops what the grid holds: texts refused, an undo. */}
      <DataGrid
        key={ctx.resetKey}
        caption={`Indicateurs : ${caption}`}
        rows={rows}
        columns={columns}
        rowId={(r) => r.id}
        onChange={(next) => onChange({ rows: next })}
        newRow={() => emptyKpi(newId('kpi'), nextFormula())}
        addLabel={KPI_LABELS.add.replace(/^\+ /, '')}
        emptyText={KPI_LABELS.noIndicators}
        noun={{ name: 'Indicateur', e: '' }}
        issue={(i, column) => issueAt(issues, 'rows', i, column)}
        rowActions={(i) => [
          {
            label: KPI_LABELS.anotherPeriod,
            run: () => onChange({ rows: [...rows.slice(0, i + 1), { ...rows[i]!, id: newId('kpi'), period: '', inputs: {} }, ...rows.slice(i + 1)] }),
          },
        ]}
      />
    </div>
  )
}
