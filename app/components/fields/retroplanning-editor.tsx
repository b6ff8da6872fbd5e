import { todayInFrance } from '~/domain/calendar'
import { formatDate } from '~/domain/format'
import { LEVEL_PHRASES } from '~/domain/kpi'
import { emptyTask, planRows, type AlertThresholds, type RetroTask, type RetroValue } from '~/domain/retroplanning'
import { useConfirm } from '../confirm-dialog'
import { newId } from '../ids'
import { ChoiceList } from './choice-list'
import { Gantt } from './gantt'

type Config = { groupLabel: string; tracking: boolean; alerts: AlertThresholds }

/** Retroplanning: tasks with durations and dependencies, scheduled backwards from the deadline, drawn as a Gantt chart. */
export function RetroplanningEditor({
  value,
  onChange,
  config,
  caption,
  idPrefix,
}: {
  value: RetroValue
  onChange: (v: RetroValue) => void
  config: Config
  caption: string
  idPrefix: string
}) {
  const { ask, dialog } = useConfirm()
  const today = todayInFrance()
  const { rows, problems } = planRows(value, config.alerts, today)
  const update = (id: string, patch: Partial<RetroTask>) => onChange({ ...value, tasks: value.tasks.map((t) => (t.id === id ? { ...t, ...patch } : t)) })
  const move = (index: number, by: -1 | 1) => {
    const tasks = [...value.tasks]
    const [task] = tasks.splice(index, 1)
    tasks.splice(index + by, 0, task!)
    onChange({ ...value, tasks })
  }

  return (
    <div className="smart-editor retro-editor">
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${idPrefix}-deadline`}>Date finale (échéance du projet)</label>
          <input
            id={`${idPrefix}-deadline`}
            type="date"
            value={value.deadline ?? ''}
            onChange={(e) => onChange({ ...value, deadline: e.target.value || null })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${idPrefix}-start`}>Début du projet (facultatif)</label>
          <input
            id={`${idPrefix}-start`}
            type="date"
            value={value.projectStart ?? ''}
            onChange={(e) => onChange({ ...value, projectStart: e.target.value || null })}
          />
        </div>
      </div>
      <p className="field__hint">
        Les dates se calculent à rebours depuis la date finale, en jours ouvrés : week-ends et jours fériés français (lundi de Pâques, Ascension, Pentecôte compris)
        sont sautés.
        {config.tracking ? ` Alerte orange à partir de ${config.alerts.orange} jour${config.alerts.orange > 1 ? 's' : ''} ouvré${config.alerts.orange > 1 ? 's' : ''} de retard, rouge à partir de ${config.alerts.rouge}.` : ''}
      </p>

      {problems.length ? (
        <ul className="plan-problems" aria-label="Points à corriger dans le rétroplanning">
          {problems.map((p) => (
            <li key={p.message}>{p.message}</li>
          ))}
        </ul>
      ) : null}

      {value.tasks.length === 0 ? <p className="table-empty">Aucune tâche pour l’instant.</p> : null}
      {rows.map(({ task, slot, variance, overdue, level }, i) => {
        const p = `tache-${task.id}`
        const others = value.tasks.filter((t) => t.id !== task.id && t.name.trim())
        const text = (key: 'group' | 'name' | 'owner' | 'stakeholders' | 'constraints', label: string) => (
          <div className="field">
            <label htmlFor={`${p}-${key}`}>{label}</label>
            <input id={`${p}-${key}`} type="text" value={task[key]} onChange={(e) => update(task.id, { [key]: e.target.value })} />
          </div>
        )
        const date = (key: 'actualStart' | 'actualFinish', label: string) => (
          <div className="field">
            <label htmlFor={`${p}-${key}`}>{label}</label>
            <input id={`${p}-${key}`} type="date" value={task[key] ?? ''} onChange={(e) => update(task.id, { [key]: e.target.value || null })} />
          </div>
        )
        return (
          <fieldset key={task.id} className="persona-card-edit" data-task-id={task.id}>
            <legend>
              Tâche {i + 1}
              {task.name.trim() ? ` — ${task.name}` : ''}
            </legend>
            <div className="form-row">
              {text('name', 'Tâche')}
              {text('group', config.groupLabel)}
              <div className="field">
                <label htmlFor={`${p}-duration`}>Durée (jours ouvrés)</label>
                <input
                  id={`${p}-duration`}
                  type="number"
                  min={1}
                  step={1}
                  value={task.duration ?? ''}
                  onChange={(e) => update(task.id, { duration: e.target.value === '' ? null : Math.max(0, Math.min(1_000, Math.round(e.target.valueAsNumber) || 0)) })}
                />
              </div>
            </div>
            <div className="form-row">
              {text('owner', 'Responsable')}
              {text('stakeholders', 'Parties prenantes')}
              {text('constraints', 'Conditions et contraintes')}
            </div>
            {others.length ? (
              <ChoiceList
                legend="Commence après la fin de"
                options={others.map((o) => ({ id: o.id, label: o.name }))}
                selected={task.dependsOn}
                onChange={(dependsOn) => update(task.id, { dependsOn })}
              />
            ) : null}
            {config.tracking ? (
              <div className="form-row">
                {date('actualStart', 'Début réel')}
                {date('actualFinish', 'Fin réelle ou estimée')}
              </div>
            ) : null}
            <p className="plan-slot" aria-live="polite">
              {slot ? (
                <>
                  Au plus tard : du <strong>{formatDate(slot.latestStart)}</strong> au <strong>{formatDate(slot.latestFinish)}</strong>.
                  {config.tracking && variance !== null ? (
                    <>
                      {' '}
                      Écart : {variance > 0 ? '+' : ''}
                      {variance}&nbsp;j ouvrés{overdue ? ' (non terminée)' : ''} —{' '}
                      <span className={`level level--${level}`}>{LEVEL_PHRASES[level!]}</span>
                    </>
                  ) : null}
                </>
              ) : (
                <span className="card__muted">Dates calculées quand la tâche aura un nom, une durée et le rétroplanning une date finale.</span>
              )}
            </p>
            <div className="card__actions">
              <button type="button" className="button button--ghost button--small" disabled={i === 0} onClick={() => move(i, -1)}>
                Monter<span className="visually-hidden"> la tâche {i + 1}</span>
              </button>
              <button type="button" className="button button--ghost button--small" disabled={i === rows.length - 1} onClick={() => move(i, 1)}>
                Descendre<span className="visually-hidden"> la tâche {i + 1}</span>
              </button>
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() =>
                  ask(`Supprimer la tâche ${i + 1}${task.name ? ` (${task.name})` : ''} ? Elle restera consultable dans l’historique du dossier.`, () =>
                    onChange({
                      ...value,
                      tasks: value.tasks.filter((t) => t.id !== task.id).map((t) => ({ ...t, dependsOn: t.dependsOn.filter((d) => d !== task.id) })),
                    }),
                  )
                }
              >
                Supprimer<span className="visually-hidden"> la tâche {i + 1}</span>
              </button>
            </div>
          </fieldset>
        )
      })}
      <div className="card__actions">
        <button type="button" className="button button--ghost button--small" onClick={() => onChange({ ...value, tasks: [...value.tasks, emptyTask(newId('tache'))] })}>
          + Ajouter une tâche
        </button>
      </div>
      <Gantt rows={rows} deadline={value.deadline} today={today} tracking={config.tracking} groupLabel={config.groupLabel} caption={`Diagramme de Gantt : ${caption}`} />
      {dialog}
    </div>
  )
}
