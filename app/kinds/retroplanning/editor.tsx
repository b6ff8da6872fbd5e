import { ChoiceList } from '~/components/fields/choice-list'
import { DataGrid, type GridColumn } from '~/components/grid/data-grid'
import { newId } from '~/components/ids'
import { todayInFrance } from '~/domain/calendar'
import { formatShortDate } from '~/domain/format'
import { LEVEL_PHRASES } from '~/domain/kpi'
import { invalidProps, issueAt } from '../issues'
import type { EditorProps } from '../types.browser'
import { Gantt } from './gantt'
import { LIMITS, RETRO_LABELS as L, taskTextLabel, TASK_TEXTS, varianceText } from './labels'
import { emptyTask, planRows, type PlanRow } from './retroplanning'
import type { RetroTask } from './schema'

/** A message under a refused input, pointed at by its aria-describedby. */
const ErrorText = ({ id, message }: { id: string; message: string | undefined }) =>
  message ? (
    <span id={id} className="field-error">
      {message}
    </span>
  ) : null

const NO_OTHER_TASK = 'Nommez d’abord d’autres tâches : celle-ci pourra commencer après leur fin.'
const unknownTask = (name: string) => `aucune tâche ne s’appelle « ${name} »`

/** Retroplanning: the Gantt chart at full width, then the tasks in a grid (durations, dependencies), scheduled backwards from the deadline. */
export default function RetroplanningEditor({ field, value, onChange, ctx }: EditorProps<'retroplanning'>) {
  const { caption, issues, titleId: idPrefix } = ctx
  const today = todayInFrance()
  const { rows, problems } = planRows(value, field.alerts, today)
  const plan = new Map(rows.map((p) => [p.task.id, p]))
  const planOf = (t: RetroTask): Partial<PlanRow> => plan.get(t.id) ?? {}
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
  const named = (t: RetroTask) => t.name.trim()
  const date = (iso: string | null | undefined) => (iso ? formatShortDate(iso) : '—')

  const columns: GridColumn<RetroTask>[] = [
    ...TASK_TEXTS.slice(0, 2).map((key) => text(key, field.groupLabel)),
    {
      id: 'duration',
      label: L.durationUnit,
      type: 'number',
      integer: true,
      min: 0,
      max: LIMITS.duration,
      get: (t) => t.duration,
      set: (t, v) => ({ ...t, duration: typeof v === 'number' ? v : null }),
    },
    text('owner', field.groupLabel),
    {
      id: 'dependsOn',
      label: L.dependsOn,
      type: 'panel',
      get: (t) =>
        t.dependsOn
          .map((id) => value.tasks.find((o) => o.id === id))
          .filter((o) => o && named(o))
          .map((o) => named(o!))
          .join(', '),
      // A pasted list of task names (« Brief, Impression »); the value written is their ids.
      parse: (input) => {
        const ids: string[] = []
        for (const name of input
          .split(/[,;\n]/)
          .map((n) => n.trim())
          .filter(Boolean)) {
          const task = value.tasks.find((t) => t.name.trim().toLowerCase() === name.toLowerCase())
          if (!task) return { error: unknownTask(name) }
          ids.push(task.id)
        }
        return { value: ids.join(' ') }
      },
      set: (t, v) => ({
        ...t,
        dependsOn: String(v ?? '')
          .split(' ')
          .filter((id) => id && id !== t.id)
          .slice(0, LIMITS.dependencies),
      }),
      panel: (task, update) => {
        const others = value.tasks.filter((t) => t.id !== task.id && named(t))
        return others.length ? (
          <ChoiceList
            legend={L.dependsOn}
            options={others.map((o) => ({ id: o.id, label: o.name }))}
            selected={task.dependsOn}
            onChange={(dependsOn) => update({ ...task, dependsOn: dependsOn.slice(0, LIMITS.dependencies) })}
          />
        ) : (
          <p>{NO_OTHER_TASK}</p>
        )
      },
    },
    ...TASK_TEXTS.slice(3).map((key) => text(key, field.groupLabel)),
    ...(field.tracking ? (['actualStart', 'actualFinish'] as const).map(actualDate) : []),
    { id: 'latestStart', label: L.latestStart, type: 'computed', get: (t) => date(planOf(t).slot?.latestStart) },
    { id: 'latestFinish', label: L.latestFinish, type: 'computed', get: (t) => date(planOf(t).slot?.latestFinish) },
    ...(field.tracking
      ? [
          {
            id: 'variance',
            label: L.varianceUnit,
            type: 'computed',
            get: (t) => varianceText(planOf(t).variance ?? null, planOf(t).overdue ?? false),
          } satisfies GridColumn<RetroTask>,
          {
            id: 'alert',
            label: L.alert,
            type: 'computed',
            get: (t) => {
              const level = planOf(t).level
              return level ? LEVEL_PHRASES[level] : '—'
            },
            show: (t) => {
              const level = planOf(t).level
              return level ? <span className={`level level--${level}`}>{LEVEL_PHRASES[level]}</span> : '—'
            },
          } satisfies GridColumn<RetroTask>,
        ]
      : []),
  ]

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
      <Gantt rows={rows} deadline={value.deadline} today={today} tracking={field.tracking} groupLabel={field.groupLabel} caption={L.ganttCaption(caption)} />
      {problems.length ? (
        <ul className="plan-problems" aria-label={L.problemsList}>
          {problems.map((p) => (
            <li key={p.message}>{p.message}</li>
          ))}
        </ul>
      ) : null}
      {/* A value replaced from outside (conflict, restore) drops what the grid holds: texts refused, an undo. */}
      <DataGrid
        key={ctx.resetKey}
        caption={`Tâches : ${caption}`}
        rows={value.tasks}
        columns={columns}
        rowId={(t) => t.id}
        onChange={(tasks) => {
          // A removed task is no longer a dependency of the others.
          const ids = new Set(tasks.map((t) => t.id))
          onChange({
            ...value,
            tasks: tasks.map((t) => (t.dependsOn.every((d) => ids.has(d)) ? t : { ...t, dependsOn: t.dependsOn.filter((d) => ids.has(d)) })),
          })
        }}
        newRow={() => emptyTask(newId('tache'))}
        addLabel={L.addTask}
        emptyText={L.noTasksYet}
        noun={{ name: 'Tâche', e: 'e' }}
        maxRows={LIMITS.tasks}
        issue={(i, column) => issueAt(issues, 'tasks', i, column)}
        rowIssue={(i) => issues.find((x) => x.path.length === 2 && x.path[0] === 'tasks' && x.path[1] === i)?.message}
      />
      <ErrorText id={`${idPrefix}-tasks-erreur`} message={listError} />
    </div>
  )
}

/** A text a learner types about a task (name, group, owner…). */
function text(key: (typeof TASK_TEXTS)[number], groupLabel: string): GridColumn<RetroTask> {
  return {
    id: key,
    label: taskTextLabel(key, groupLabel),
    type: 'text',
    maxLength: key === 'owner' ? LIMITS.owner : LIMITS.text,
    get: (t) => t[key],
    set: (t, v) => ({ ...t, [key]: String(v ?? '') }),
  }
}

/** An actual date of a tracked task. */
function actualDate(key: 'actualStart' | 'actualFinish'): GridColumn<RetroTask> {
  return { id: key, label: L[key], type: 'date', get: (t) => t[key], set: (t, v) => ({ ...t, [key]: typeof v === 'string' && v ? v : null }) }
}
