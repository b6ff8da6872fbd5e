import { formatNumber } from '~/domain/format'
import { achievement, emptyKpi, formatKpi, FORMULAS, kpiActual, kpiLevel, LEVEL_PHRASES, type KpiFormula, type KpiRow, type KpiThresholds, type KpiValue } from '~/domain/kpi'
import { useConfirm } from '../confirm-dialog'
import { newId } from '../ids'
import { KpiDashboard } from './kpi-dashboard'

export type LinkableObjective = { id: string; label: string; where: string }
type Config = { categories: string[]; thresholds: KpiThresholds; requiredFormulas: KpiFormula[] }

const number = (v: string) => (v === '' || Number.isNaN(Number(v)) ? null : Number(v))

/** KPI / ROI dashboard: indicators with their formula inputs, targets and periods; computed values, alerts and charts. */
export function KpiEditor({
  value,
  onChange,
  config,
  caption,
  objectives,
}: {
  value: KpiValue
  onChange: (v: KpiValue) => void
  config: Config
  caption: string
  objectives: LinkableObjective[]
}) {
  const { ask, dialog } = useConfirm()
  const update = (id: string, patch: Partial<KpiRow>) => onChange({ rows: value.rows.map((r) => (r.id === id ? { ...r, ...patch } : r)) })
  return (
    <div className="smart-editor kpi-editor">
      {value.rows.length === 0 ? <p className="table-empty">Aucun indicateur pour l’instant.</p> : null}
      {value.rows.map((r, i) => {
        const p = `kpi-${r.id}`
        const f = FORMULAS[r.formula]
        const actual = kpiActual(r)
        const level = kpiLevel(r, config.thresholds)
        const rate = achievement(r)
        const linked = objectives.find((o) => o.id === r.objectiveId)
        return (
          <fieldset key={r.id} className="persona-card-edit" data-kpi-id={r.id}>
            <legend>
              Indicateur {i + 1}
              {r.name.trim() ? ` — ${r.name}` : ''}
            </legend>
            <div className="form-row">
              <div className="field">
                <label htmlFor={`${p}-name`}>Indicateur</label>
                <input id={`${p}-name`} type="text" value={r.name} onChange={(e) => update(r.id, { name: e.target.value })} />
              </div>
              <div className="field">
                <label htmlFor={`${p}-category`}>Catégorie</label>
                <select id={`${p}-category`} value={r.category} onChange={(e) => update(r.id, { category: e.target.value })}>
                  <option value="">—</option>
                  {config.categories.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${p}-formula`}>Calcul</label>
                <select id={`${p}-formula`} value={r.formula} onChange={(e) => update(r.id, { formula: e.target.value as KpiFormula, inputs: {} })}>
                  {(Object.keys(FORMULAS) as KpiFormula[]).map((k) => (
                    <option key={k} value={k}>
                      {FORMULAS[k].label}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${p}-period`}>Période</label>
                <input id={`${p}-period`} type="text" placeholder="T1 2027, mars…" value={r.period} onChange={(e) => update(r.id, { period: e.target.value })} />
              </div>
            </div>
            <div className="form-row">
              {f.inputs.map((input) => (
                <div className="field" key={input.id}>
                  <label htmlFor={`${p}-in-${input.id}`}>{input.label}</label>
                  <input
                    id={`${p}-in-${input.id}`}
                    type="number"
                    step="any"
                    value={r.inputs[input.id] ?? ''}
                    onChange={(e) => update(r.id, { inputs: { ...r.inputs, [input.id]: number(e.target.value) } })}
                  />
                </div>
              ))}
              <div className="field">
                <label htmlFor={`${p}-target`}>Cible{f.unit ? ` (${f.unit === '×' ? 'ratio' : f.unit})` : ''}</label>
                <input id={`${p}-target`} type="number" step="any" value={r.target ?? ''} onChange={(e) => update(r.id, { target: number(e.target.value) })} />
              </div>
            </div>
            <div className="form-row">
              <div className="field">
                <label htmlFor={`${p}-source`}>Source de la donnée</label>
                <input id={`${p}-source`} type="text" placeholder="CRM, Google Analytics, service financier…" value={r.source} onChange={(e) => update(r.id, { source: e.target.value })} />
              </div>
              <div className="field">
                <label htmlFor={`${p}-objective`}>Objectif SMART mesuré</label>
                <select id={`${p}-objective`} value={r.objectiveId ?? ''} onChange={(e) => update(r.id, { objectiveId: e.target.value || null })}>
                  <option value="">{objectives.length ? '—' : 'Aucun objectif SMART dans vos dossiers'}</option>
                  {r.objectiveId && !linked ? <option value={r.objectiveId}>Objectif supprimé</option> : null}
                  {objectives.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.label} ({o.where})
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <p className="plan-slot" aria-live="polite">
              Réel : <strong>{formatKpi(actual, f.unit)}</strong>
              {rate !== null ? ` — ${formatNumber(Math.round(rate * 1000) / 10)}\u00a0% de la cible` : ''}
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
                onClick={() => onChange({ rows: [...value.rows.slice(0, i + 1), { ...r, id: newId('kpi'), period: '', target: r.target, inputs: {} }, ...value.rows.slice(i + 1)] })}
              >
                Mesurer une autre période<span className="visually-hidden"> de l’indicateur {i + 1}</span>
              </button>
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() =>
                  ask(`Supprimer l’indicateur ${i + 1}${r.name ? ` (${r.name})` : ''} ? Il restera consultable dans l’historique du dossier.`, () =>
                    onChange({ rows: value.rows.filter((x) => x.id !== r.id) }),
                  )
                }
              >
                Supprimer<span className="visually-hidden"> l’indicateur {i + 1}</span>
              </button>
            </div>
          </fieldset>
        )
      })}
      <div className="card__actions">
        <button type="button" className="button button--ghost button--small" onClick={() => onChange({ rows: [...value.rows, emptyKpi(newId('kpi'), config.requiredFormulas.find((f) => !value.rows.some((r) => r.formula === f)) ?? 'manual')] })}>
          + Ajouter un indicateur
        </button>
      </div>
      <KpiDashboard value={value} thresholds={config.thresholds} caption={caption} />
      {dialog}
    </div>
  )
}
