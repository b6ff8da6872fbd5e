import { useConfirm } from '~/components/confirm-dialog'
import { newId } from '~/components/ids'
import { formatNumber } from '~/domain/format'
import { LEVEL_PHRASES } from '~/domain/kpi'
import { issueAt } from '../issues'
import type { EditorProps, FieldIssue } from '../types.browser'
import { KpiDashboard } from './dashboard'
import { achievement, emptyKpi, FORMULAS, kpiActual, kpiLevel } from './kpi'
import { formatKpi, KPI_FORMULAS, KPI_LABELS, type KpiFormula } from './labels'
import { NumberInput } from './number-input'
import type { KpiConfig, KpiRow } from './schema'

const L = KPI_LABELS.fields

/** The server's reason for refusing a field of an indicator, with the props that point at it. */
function refused(issues: FieldIssue[], index: number, field: keyof KpiRow, errorId: string) {
  const message = issueAt(issues, 'rows', index, field)
  return {
    message,
    props: message ? { 'aria-invalid': true as const, 'aria-describedby': errorId } : {},
    note: message ? (
      <span id={errorId} className="field-error">
        {message}
      </span>
    ) : null,
  }
}

/** KPI / ROI dashboard: indicators with their formula inputs, targets and periods; computed values, alerts and charts. */
export default function KpiEditor({ field, value, onChange, ctx }: EditorProps<'kpi'>) {
  const config: KpiConfig = field
  const { caption, objectives, issues } = ctx
  const { ask, dialog } = useConfirm()
  const update = (id: string, patch: Partial<KpiRow>) => onChange({ rows: value.rows.map((r) => (r.id === id ? { ...r, ...patch } : r)) })
  return (
    <div className="smart-editor kpi-editor">
      {value.rows.length === 0 ? <p className="table-empty">{KPI_LABELS.noIndicators}</p> : null}
      {value.rows.map((r, i) => {
        const p = `kpi-${r.id}`
        const f = FORMULAS[r.formula]
        const actual = kpiActual(r)
        const level = kpiLevel(r, config.thresholds)
        const rate = achievement(r)
        const linked = objectives.find((o) => o.id === r.objectiveId)
        const [name, category, formula, period, source, objective] = (['name', 'category', 'formula', 'period', 'source', 'objectiveId'] as const).map((k) =>
          refused(issues, i, k, `${p}-${k}-erreur`),
        )
        return (
          <fieldset key={r.id} className="persona-card-edit" data-kpi-id={r.id} data-item-id={r.id} tabIndex={-1}>
            <legend>{KPI_LABELS.indicator(i, r.name)}</legend>
            <div className="form-row">
              <div className="field">
                <label htmlFor={`${p}-name`}>{L.name}</label>
                <input id={`${p}-name`} type="text" maxLength={300} value={r.name} onChange={(e) => update(r.id, { name: e.target.value })} {...name!.props} />
                {name!.note}
              </div>
              <div className="field">
                <label htmlFor={`${p}-category`}>{L.category}</label>
                <select id={`${p}-category`} value={r.category} onChange={(e) => update(r.id, { category: e.target.value })} {...category!.props}>
                  <option value="">—</option>
                  {r.category && !config.categories.includes(r.category) ? <option value={r.category}>{r.category}</option> : null}
                  {config.categories.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
                {category!.note}
              </div>
              <div className="field">
                <label htmlFor={`${p}-formula`}>{L.formula}</label>
                <select
                  id={`${p}-formula`}
                  value={r.formula}
                  onChange={(e) => update(r.id, { formula: e.target.value as KpiFormula, inputs: {} })}
                  {...formula!.props}
                >
                  {KPI_FORMULAS.map((k) => (
                    <option key={k} value={k}>
                      {FORMULAS[k].label}
                    </option>
                  ))}
                </select>
                {formula!.note}
              </div>
              <div className="field">
                <label htmlFor={`${p}-period`}>{L.period}</label>
                <input
                  id={`${p}-period`}
                  type="text"
                  maxLength={100}
                  placeholder={KPI_LABELS.periodPlaceholder}
                  value={r.period}
                  onChange={(e) => update(r.id, { period: e.target.value })}
                  {...period!.props}
                />
                {period!.note}
              </div>
            </div>
            <div className="form-row">
              {f.inputs.map((input) => (
                <div className="field" key={input.id}>
                  <label htmlFor={`${p}-in-${input.id}`}>{input.label}</label>
                  <NumberInput
                    id={`${p}-in-${input.id}`}
                    value={r.inputs[input.id] ?? null}
                    onChange={(n) => update(r.id, { inputs: { ...r.inputs, [input.id]: n } })}
                    invalid={issueAt(issues, 'rows', i, 'inputs', input.id)}
                    errorId={`${p}-in-${input.id}-erreur`}
                  />
                </div>
              ))}
              <div className="field">
                <label htmlFor={`${p}-target`}>{KPI_LABELS.target(f.unit)}</label>
                <NumberInput
                  id={`${p}-target`}
                  value={r.target}
                  onChange={(n) => update(r.id, { target: n })}
                  invalid={issueAt(issues, 'rows', i, 'target')}
                  errorId={`${p}-target-erreur`}
                />
              </div>
            </div>
            <div className="form-row">
              <div className="field">
                <label htmlFor={`${p}-source`}>{L.source}</label>
                <input
                  id={`${p}-source`}
                  type="text"
                  maxLength={500}
                  placeholder={KPI_LABELS.sourcePlaceholder}
                  value={r.source}
                  onChange={(e) => update(r.id, { source: e.target.value })}
                  {...source!.props}
                />
                {source!.note}
              </div>
              <div className="field">
                <label htmlFor={`${p}-objective`}>{L.objectiveId}</label>
                <select
                  id={`${p}-objective`}
                  value={r.objectiveId ?? ''}
                  onChange={(e) => update(r.id, { objectiveId: e.target.value || null })}
                  {...objective!.props}
                >
                  <option value="">{objectives.length ? '—' : KPI_LABELS.noObjectives}</option>
                  {r.objectiveId && !linked ? <option value={r.objectiveId}>{KPI_LABELS.deletedObjective}</option> : null}
                  {objectives.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.label} ({o.where})
                    </option>
                  ))}
                </select>
                {objective!.note}
              </div>
            </div>
            <p className="plan-slot" aria-live="polite">
              {KPI_LABELS.actualLine} <strong>{formatKpi(actual, f.unit)}</strong>
              {rate !== null ? KPI_LABELS.ofTarget(`${formatNumber(Math.round(rate * 1000) / 10)}\u00a0%`) : ''}
              {level ? (
                <>
                  {' '}
                  — <span className={`level level--${level}`}>{LEVEL_PHRASES[level]}</span>
                </>
              ) : null}
            </p>
            <div className="card__actions">
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() =>
                  onChange({
                    rows: [...value.rows.slice(0, i + 1), { ...r, id: newId('kpi'), period: '', target: r.target, inputs: {} }, ...value.rows.slice(i + 1)],
                  })
                }
              >
                {KPI_LABELS.anotherPeriod}
                <span className="visually-hidden"> de l’indicateur {i + 1}</span>
              </button>
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() => ask(KPI_LABELS.confirmRemove(i, r.name), () => onChange({ rows: value.rows.filter((x) => x.id !== r.id) }))}
              >
                {KPI_LABELS.remove}
                <span className="visually-hidden"> l’indicateur {i + 1}</span>
              </button>
            </div>
          </fieldset>
        )
      })}
      <div className="card__actions">
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={() =>
            onChange({
              rows: [...value.rows, emptyKpi(newId('kpi'), config.requiredFormulas.find((f) => !value.rows.some((r) => r.formula === f)) ?? 'manual')],
            })
          }
        >
          {KPI_LABELS.add}
        </button>
      </div>
      <KpiDashboard value={value} thresholds={config.thresholds} caption={caption} />
      {dialog}
    </div>
  )
}
