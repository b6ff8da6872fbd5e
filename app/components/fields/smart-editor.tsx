import { checkObjective, emptyObjective, QUALITY_LABELS, type Objective, type SmartValue } from '~/domain/smart'
import { useConfirm } from '../confirm-dialog'
import { newId } from '../ids'
import { SmartTimeline } from './smart-timeline'

/** SMART objectives: global and intermediate ones, each checked quality by quality. */
export function SmartEditor({ value, onChange, caption }: { value: SmartValue; onChange: (v: SmartValue) => void; caption: string }) {
  const { ask, dialog } = useConfirm()
  const objectives = value.objectives
  const update = (id: string, patch: Partial<Objective>) => onChange({ objectives: objectives.map((o) => (o.id === id ? { ...o, ...patch } : o)) })
  const globals = objectives.filter((o) => o.kind === 'global')
  const number = (v: string) => (v === '' || Number.isNaN(Number(v)) ? null : Number(v))
  return (
    <div className="smart-editor">
      {objectives.length === 0 ? <p className="table-empty">Aucun objectif pour l’instant.</p> : null}
      {objectives.map((o, i) => {
        const p = `objectif-${o.id}`
        const checks = checkObjective(o, objectives)
        const text = (key: 'label' | 'indicator' | 'unit' | 'owner' | 'resources' | 'agreedWith', label: string) => (
          <div className="field">
            <label htmlFor={`${p}-${key}`}>{label}</label>
            <input id={`${p}-${key}`} type="text" value={o[key] ?? ''} onChange={(e) => update(o.id, { [key]: e.target.value })} />
          </div>
        )
        return (
          <fieldset key={o.id} className="persona-card-edit" data-objective-id={o.id}>
            <legend>
              Objectif {i + 1} — {o.kind === 'global' ? 'global' : 'intermédiaire'}
            </legend>
            <div className="form-row">
              {text('label', 'Intitulé')}
              <div className="field">
                <label htmlFor={`${p}-kind`}>Type</label>
                <select id={`${p}-kind`} value={o.kind} onChange={(e) => update(o.id, { kind: e.target.value as Objective['kind'], parentId: null })}>
                  <option value="global">Global</option>
                  <option value="intermediate">Intermédiaire</option>
                </select>
              </div>
              {o.kind === 'intermediate' ? (
                <div className="field">
                  <label htmlFor={`${p}-parent`}>Objectif global servi</label>
                  <select id={`${p}-parent`} value={o.parentId ?? ''} onChange={(e) => update(o.id, { parentId: e.target.value || null })}>
                    <option value="">—</option>
                    {globals.map((g) => (
                      <option key={g.id} value={g.id}>
                        {g.label || 'Objectif global sans intitulé'}
                      </option>
                    ))}
                  </select>
                </div>
              ) : null}
            </div>
            <div className="form-row">
              {text('indicator', 'Indicateur')}
              <div className="field">
                <label htmlFor={`${p}-baseline`}>Valeur de départ</label>
                <input id={`${p}-baseline`} type="number" step="any" value={o.baseline ?? ''} onChange={(e) => update(o.id, { baseline: number(e.target.value) })} />
              </div>
              <div className="field">
                <label htmlFor={`${p}-target`}>Cible</label>
                <input id={`${p}-target`} type="number" step="any" value={o.target ?? ''} onChange={(e) => update(o.id, { target: number(e.target.value) })} />
              </div>
              {text('unit', 'Unité')}
              <div className="field">
                <label htmlFor={`${p}-deadline`}>Échéance</label>
                <input id={`${p}-deadline`} type="date" value={o.deadline ?? ''} onChange={(e) => update(o.id, { deadline: e.target.value || null })} />
              </div>
            </div>
            <div className="form-row">
              {text('owner', 'Responsable')}
              {text('resources', 'Ressources')}
              {text('agreedWith', 'Négocié et validé avec')}
            </div>
            <ul className="smart-checks" aria-label={`Vérification SMART de l’objectif ${i + 1}`}>
              {checks.map((c) => (
                <li key={c.quality} className={c.ok ? 'smart-check smart-check--ok' : 'smart-check smart-check--ko'}>
                  <strong>
                    {c.ok ? '✓' : '✗'} {QUALITY_LABELS[c.quality]}
                  </strong>
                  {c.ok ? <span className="visually-hidden"> : conforme</span> : <span> : {c.problems.join(', ')}</span>}
                </li>
              ))}
            </ul>
            <button
              type="button"
              className="button button--ghost button--small"
              onClick={() =>
                ask(`Supprimer l’objectif ${i + 1} ? Il restera consultable dans l’historique du dossier.`, () =>
                  onChange({ objectives: objectives.filter((x) => x.id !== o.id).map((x) => (x.parentId === o.id ? { ...x, parentId: null } : x)) }),
                )
              }
            >
              Supprimer cet objectif
            </button>
          </fieldset>
        )
      })}
      <div className="card__actions">
        <button type="button" className="button button--ghost button--small" onClick={() => onChange({ objectives: [...objectives, emptyObjective(newId('obj'), 'global')] })}>
          + Objectif global
        </button>
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={() => onChange({ objectives: [...objectives, { ...emptyObjective(newId('obj'), 'intermediate'), parentId: globals[0]?.id ?? null }] })}
        >
          + Objectif intermédiaire
        </button>
      </div>
      <SmartTimeline objectives={objectives} caption={`Frise des échéances : ${caption}`} />
      {dialog}
    </div>
  )
}
