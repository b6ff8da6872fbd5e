import type { ReactNode } from 'react'
import { useConfirm } from '~/components/confirm-dialog'
import { newId } from '~/components/ids'
import { invalidProps, issueAt } from '../issues'
import type { EditorProps } from '../types.browser'
import { FIELD_LABELS, KIND_LABELS, OBJECTIVE_KINDS, QUALITY_LABELS, SMART_LABELS, type FieldKey, type ObjectiveKind } from './labels'
import type { Objective } from './schema'
import { checkObjective, emptyObjective, LIMITS } from './smart'
import { SmartTimeline } from './timeline'

type TextKey = 'label' | 'indicator' | 'unit' | 'owner' | 'resources' | 'agreedWith'
const MAX_LENGTH: Record<TextKey, number> = {
  label: LIMITS.text,
  indicator: LIMITS.text,
  unit: LIMITS.unit,
  owner: LIMITS.owner,
  resources: LIMITS.text,
  agreedWith: LIMITS.agreedWith,
}

/** A number typed in the field, or null when it is empty or not a number. */
const parsed = (input: HTMLInputElement) => (input.value === '' || Number.isNaN(input.valueAsNumber) ? null : input.valueAsNumber)

/** SMART objectives: global and intermediate ones, each checked quality by quality. */
export default function SmartEditor({ value, onChange, ctx }: EditorProps<'smart'>) {
  const { ask, dialog } = useConfirm()
  const { caption, issues } = ctx
  const objectives = value.objectives
  const update = (id: string, patch: Partial<Objective>) => onChange({ objectives: objectives.map((o) => (o.id === id ? { ...o, ...patch } : o)) })
  const globals = objectives.filter((o) => o.kind === 'global')
  const full = objectives.length >= LIMITS.objectives
  return (
    <div className="smart-editor smart-board">
      <SmartTimeline objectives={objectives} caption={SMART_LABELS.timeline(caption)} />
      {objectives.length === 0 ? <p className="table-empty">{SMART_LABELS.noneYet}</p> : null}
      {objectives.map((o, i) => {
        const p = `objectif-${o.id}`
        const checks = checkObjective(o, objectives)
        /** A labelled field that says when the server refused it. */
        const field = (key: FieldKey, input: (aria: ReturnType<typeof invalidProps>, id: string) => ReactNode) => {
          const id = `${p}-${key}`
          const error = issueAt(issues, 'objectives', i, key)
          return (
            <div className="field" key={key}>
              <label htmlFor={id}>{FIELD_LABELS[key]}</label>
              {input(invalidProps(error, `${id}-erreur`), id)}
              {error ? (
                <span id={`${id}-erreur`} className="field-error">
                  {error}
                </span>
              ) : null}
            </div>
          )
        }
        const text = (key: TextKey) =>
          field(key, (aria, id) => (
            <input id={id} type="text" maxLength={MAX_LENGTH[key]} {...aria} value={o[key]} onChange={(e) => update(o.id, { [key]: e.target.value })} />
          ))
        const number = (key: 'baseline' | 'target') =>
          field(key, (aria, id) => (
            <input
              id={id}
              type="number"
              step="any"
              inputMode="decimal"
              {...aria}
              value={o[key] ?? ''}
              onChange={(e) => update(o.id, { [key]: parsed(e.target) })}
            />
          ))
        return (
          <fieldset key={o.id} className={`smart-card smart-card--${o.kind}`} data-objective-id={o.id} data-item-id={o.id} tabIndex={-1}>
            <legend>{SMART_LABELS.legend(i, o.kind)}</legend>
            <div className="smart-card__fields">
              <div className="form-row">
                {text('label')}
                {field('kind', (aria, id) => (
                  <select id={id} {...aria} value={o.kind} onChange={(e) => update(o.id, { kind: e.target.value as ObjectiveKind, parentId: null })}>
                    {OBJECTIVE_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {KIND_LABELS[k]}
                      </option>
                    ))}
                  </select>
                ))}
                {o.kind === 'intermediate'
                  ? field('parentId', (aria, id) => (
                      <select id={id} {...aria} value={o.parentId ?? ''} onChange={(e) => update(o.id, { parentId: e.target.value || null })}>
                        <option value="">—</option>
                        {globals.map((g) => (
                          <option key={g.id} value={g.id}>
                            {g.label || SMART_LABELS.noGlobalLabel}
                          </option>
                        ))}
                      </select>
                    ))
                  : null}
              </div>
              <div className="form-row">
                {text('indicator')}
                {number('baseline')}
                {number('target')}
                {text('unit')}
                {field('deadline', (aria, id) => (
                  <input id={id} type="date" {...aria} value={o.deadline ?? ''} onChange={(e) => update(o.id, { deadline: e.target.value || null })} />
                ))}
              </div>
              <div className="form-row">
                {text('owner')}
                {text('resources')}
                {text('agreedWith')}
              </div>
            </div>
            <ul className="smart-checks smart-card__checks" aria-label={SMART_LABELS.checks(i)}>
              {checks.map((c) => (
                <li key={c.quality} className={c.ok ? 'smart-check smart-check--ok' : 'smart-check smart-check--ko'}>
                  <strong>
                    {c.ok ? '✓' : '✗'} {QUALITY_LABELS[c.quality]}
                  </strong>
                  {c.ok ? <span className="visually-hidden"> : {SMART_LABELS.conform}</span> : <span> : {c.problems.join(', ')}</span>}
                </li>
              ))}
            </ul>
            <button
              type="button"
              className="button button--ghost button--small smart-card__remove"
              onClick={() =>
                ask(SMART_LABELS.confirmRemove(i), () =>
                  onChange({ objectives: objectives.filter((x) => x.id !== o.id).map((x) => (x.parentId === o.id ? { ...x, parentId: null } : x)) }),
                )
              }
            >
              {SMART_LABELS.remove}
            </button>
          </fieldset>
        )
      })}
      <div className="card__actions">
        <button
          type="button"
          className="button button--ghost button--small"
          disabled={full}
          onClick={() => onChange({ objectives: [...objectives, emptyObjective(newId('obj'), 'global')] })}
        >
          + {SMART_LABELS.addGlobal}
        </button>
        <button
          type="button"
          className="button button--ghost button--small"
          disabled={full}
          onClick={() => onChange({ objectives: [...objectives, { ...emptyObjective(newId('obj'), 'intermediate'), parentId: globals[0]?.id ?? null }] })}
        >
          + {SMART_LABELS.addIntermediate}
        </button>
      </div>
      {dialog}
    </div>
  )
}
