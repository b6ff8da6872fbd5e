import { useConfirm } from '~/components/confirm-dialog'
import { ChoiceList } from '~/components/fields/choice-list'
import { newId } from '~/components/ids'
import { todayInFrance } from '~/domain/calendar'
import { formatDate } from '~/domain/format'
import { LEVEL_PHRASES } from '~/domain/kpi'
import { invalidProps, issueAt } from '../issues'
import type { EditorProps, FieldIssue } from '../types.browser'
import { Gantt } from './gantt'
import { LIMITS, RETRO_LABELS as L, taskTextLabel, type TaskText } from './labels'
import { emptyTask, planRows } from './retroplanning'
import type { RetroTask } from './schema'

/** The refusal of a task as a whole (unknown field, bad id), not of one of its fields. */
const taskIssue = (issues: readonly FieldIssue[], index: number) =>
  issues.find((i) => i.path.length === 2 && i.path[0] === 'tasks' && i.path[1] === index)?.message

/** A message under a refused input, pointed at by its aria-describedby. */
const ErrorText = ({ id, message }: { id: string; message: string | undefined }) =>
  message ? (
    <span id={id} className="field-error">
      {message}
    </span>
  ) : null

/** A whole number of working days from what the learner typed (the schema refuses decimals and more than the limit). */
const toDuration = (input: HTMLInputElement): number | null =>
  input.value === '' || Number.isNaN(input.valueAsNumber) ? null : Math.max(0, Math.min(LIMITS.duration, Math.round(input.valueAsNumber)))

/** Retroplanning: tasks with durations and dependencies, scheduled backwards from the deadline, drawn as a Gantt chart. */
export default function RetroplanningEditor({ field, value, onChange, ctx }: EditorProps<'retroplanning'>) {
  const { caption, issues, titleId: idPrefix } = ctx
  const { ask, dialog } = useConfirm()
  const today = todayInFrance()
  const { rows, problems } = planRows(value, field.alerts, today)
  const update = (id: string, patch: Partial<RetroTask>) => onChange({ ...value, tasks: value.tasks.map((t) => (t.id === id ? { ...t, ...patch } : t)) })
  const move = (index: number, by: -1 | 1) => {
    const tasks = [...value.tasks]
    const [task] = tasks.splice(index, 1)
    tasks.splice(index + by, 0, task!)
    onChange({ ...value, tasks })
  }
  const topDate = (key: 'deadline' | 'projectStart', id: string, label: string) => {
    const error = issueAt(issues, key)
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type="date"
          value={value[key] ?? ''}
          {...invalidProps(error, `${id}-erreur`)}
          onChange={(e) => onChange({ ...value, [key]: e.target.value || null })}
        />
        <ErrorText id={`${id}-erreur`} message={error} />
      </div>
    )
  }
  const listError = issues.find((i) => i.path.length === 1 && i.path[0] === 'tasks')?.message

  return (
    <div className="smart-editor retro-editor">
      <div className="form-row">
        {topDate('deadline', `${idPrefix}-deadline`, L.deadlineInput)}
        {topDate('projectStart', `${idPrefix}-start`, L.projectStartInput)}
      </div>
      <p className="field__hint">
        {L.workingDays}
        {field.tracking ? L.alertsExplained(field.alerts) : ''}
      </p>

      {problems.length ? (
        <ul className="plan-problems" aria-label={L.problemsList}>
          {problems.map((p) => (
            <li key={p.message}>{p.message}</li>
          ))}
        </ul>
      ) : null}

      {value.tasks.length === 0 ? <p className="table-empty">{L.noTasksYet}</p> : null}
      {rows.map(({ task, slot, variance, overdue, level }, i) => {
        const p = `tache-${task.id}`
        const others = value.tasks.filter((t) => t.id !== task.id && t.name.trim())
        const text = (key: TaskText) => {
          const error = issueAt(issues, 'tasks', i, key)
          return (
            <div className="field">
              <label htmlFor={`${p}-${key}`}>{taskTextLabel(key, field.groupLabel)}</label>
              <input
                id={`${p}-${key}`}
                type="text"
                maxLength={key === 'owner' ? LIMITS.owner : LIMITS.text}
                value={task[key]}
                {...invalidProps(error, `${p}-${key}-erreur`)}
                onChange={(e) => update(task.id, { [key]: e.target.value })}
              />
              <ErrorText id={`${p}-${key}-erreur`} message={error} />
            </div>
          )
        }
        const date = (key: 'actualStart' | 'actualFinish') => {
          const error = issueAt(issues, 'tasks', i, key)
          return (
            <div className="field">
              <label htmlFor={`${p}-${key}`}>{L[key]}</label>
              <input
                id={`${p}-${key}`}
                type="date"
                value={task[key] ?? ''}
                {...invalidProps(error, `${p}-${key}-erreur`)}
                onChange={(e) => update(task.id, { [key]: e.target.value || null })}
              />
              <ErrorText id={`${p}-${key}-erreur`} message={error} />
            </div>
          )
        }
        const durationError = issueAt(issues, 'tasks', i, 'duration')
        const dependsOnError = issueAt(issues, 'tasks', i, 'dependsOn')
        const wholeTaskError = taskIssue(issues, i)
        return (
          <fieldset
            key={task.id}
            className="persona-card-edit"
            data-task-id={task.id}
            data-item-id={task.id}
            tabIndex={-1}
            aria-describedby={wholeTaskError ? `${p}-erreur` : undefined}
          >
            <legend>
              {L.taskNumber(i)}
              {task.name.trim() ? ` — ${task.name}` : ''}
            </legend>
            <ErrorText id={`${p}-erreur`} message={wholeTaskError} />
            <div className="form-row">
              {text('name')}
              {text('group')}
              <div className="field">
                <label htmlFor={`${p}-duration`}>{L.durationUnit}</label>
                <input
                  id={`${p}-duration`}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={LIMITS.duration}
                  step={1}
                  value={task.duration ?? ''}
                  {...invalidProps(durationError, `${p}-duration-erreur`)}
                  onChange={(e) => update(task.id, { duration: toDuration(e.target) })}
                />
                <ErrorText id={`${p}-duration-erreur`} message={durationError} />
              </div>
            </div>
            <div className="form-row">
              {text('owner')}
              {text('stakeholders')}
              {text('constraints')}
            </div>
            {others.length ? (
              <ChoiceList
                legend={L.dependsOn}
                options={others.map((o) => ({ id: o.id, label: o.name }))}
                selected={task.dependsOn}
                onChange={(dependsOn) => update(task.id, { dependsOn: dependsOn.slice(0, LIMITS.dependencies) })}
              >
                <ErrorText id={`${p}-dependsOn-erreur`} message={dependsOnError} />
              </ChoiceList>
            ) : null}
            {field.tracking ? (
              <div className="form-row">
                {date('actualStart')}
                {date('actualFinish')}
              </div>
            ) : null}
            <p className="plan-slot" aria-live="polite">
              {slot ? (
                <>
                  {L.latestRange[0]}
                  <strong>{formatDate(slot.latestStart)}</strong>
                  {L.latestRange[1]}
                  <strong>{formatDate(slot.latestFinish)}</strong>
                  {L.latestRange[2]}
                  {field.tracking && variance !== null && level ? (
                    <>
                      {' '}
                      {L.varianceSentence(variance, overdue)}
                      <span className={`level level--${level}`}>{LEVEL_PHRASES[level]}</span>
                    </>
                  ) : null}
                </>
              ) : (
                <span className="card__muted">{L.noSlot}</span>
              )}
            </p>
            <div className="card__actions">
              <button type="button" className="button button--ghost button--small" disabled={i === 0} onClick={() => move(i, -1)}>
                {L.moveUp}
                <span className="visually-hidden">{L.theTask(i)}</span>
              </button>
              <button type="button" className="button button--ghost button--small" disabled={i === rows.length - 1} onClick={() => move(i, 1)}>
                {L.moveDown}
                <span className="visually-hidden">{L.theTask(i)}</span>
              </button>
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() =>
                  ask(L.confirmRemove(i, task.name), () =>
                    onChange({
                      ...value,
                      tasks: value.tasks.filter((t) => t.id !== task.id).map((t) => ({ ...t, dependsOn: t.dependsOn.filter((d) => d !== task.id) })),
                    }),
                  )
                }
              >
                {L.remove}
                <span className="visually-hidden">{L.theTask(i)}</span>
              </button>
            </div>
          </fieldset>
        )
      })}
      <ErrorText id={`${idPrefix}-tasks-erreur`} message={listError} />
      <div className="card__actions">
        <button
          type="button"
          className="button button--ghost button--small"
          disabled={value.tasks.length >= LIMITS.tasks}
          onClick={() => onChange({ ...value, tasks: [...value.tasks, emptyTask(newId('tache'))] })}
        >
          + {L.addTask}
        </button>
      </div>
      <Gantt rows={rows} deadline={value.deadline} today={today} tracking={field.tracking} groupLabel={field.groupLabel} caption={L.ganttCaption(caption)} />
      {dialog}
    </div>
  )
}
