import { formatShortDate } from '~/domain/format'
import type { KindDefinition } from '../types'
import { minRowsMessage, problemsOrNull } from '../wording'
import { DIFF_LABELS, durationText, RETRO_LABELS, TASK_NOUNS, TASK_TEXTS, taskPlace, taskTextLabel, type TaskText } from './labels'
import { EMPTY_RETROPLANNING, retroplanningProblems } from './retroplanning'
import type { RetroplanningConfig, RetroplanningValue, RetroTask } from './schema'

const named = (value: RetroplanningValue) => value.tasks.filter((t) => t.name.trim())
const filled = (t: RetroTask) => TASK_TEXTS.some((k) => t[k].trim()) || t.duration !== null || t.actualStart !== null || t.actualFinish !== null

/** « Tâche 3 — Impression », or « Tâche 3 » while it has no name. */
function taskLabel(task: RetroTask, index: number): string {
  const name = task.name.trim()
  return name ? `${RETRO_LABELS.taskNumber(index)} — ${name}` : RETRO_LABELS.taskNumber(index)
}

/** A label inside a sentence: « responsable », « action de communication » (an acronym keeps its capitals). */
const lower = (label: string) => (/^\p{Lu}\p{Ll}/u.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label)
/** A text value inside a sentence, cut when long. */
const quote = (text: string) => {
  const t = text.trim().replace(/\s+/g, ' ')
  return !t ? DIFF_LABELS.empty : t.length > 120 ? `${t.slice(0, 119)}…` : t
}
const shortDate = (iso: string | null, notSet: string) => (iso ? formatShortDate(iso) : notSet)

/** What changed in one task kept from `was` to `now`, as the parts of a sentence. */
function taskChanges(was: RetroTask, now: RetroTask, config: RetroplanningConfig, refOf: (id: string) => string | null): string[] {
  const parts: string[] = []
  if (was.name.trim() !== now.name.trim()) parts.push(DIFF_LABELS.renamed(now.name.trim()))
  const texts: TaskText[] = ['group', 'owner', 'stakeholders', 'constraints']
  for (const key of texts) {
    if (was[key].trim() !== now[key].trim()) parts.push(`${lower(taskTextLabel(key, config.groupLabel))} : ${quote(was[key])} → ${quote(now[key])}`)
  }
  if (was.duration !== now.duration) {
    const before = was.duration === null ? DIFF_LABELS.empty : now.duration === null ? durationText(was.duration) : String(was.duration)
    const after = now.duration === null ? DIFF_LABELS.empty : durationText(now.duration)
    parts.push(`${DIFF_LABELS.duration} ${before} → ${after}`)
  }
  const refs = (ids: string[]) => ids.map(refOf).filter((r): r is string => r !== null)
  const added = refs(now.dependsOn.filter((id) => !was.dependsOn.includes(id)))
  const removed = refs(was.dependsOn.filter((id) => !now.dependsOn.includes(id)))
  if (added.length) parts.push(`${DIFF_LABELS.dependsOnAdded} ${added.join(', ')}`)
  if (removed.length) parts.push(`${DIFF_LABELS.dependsOnRemoved} ${removed.join(', ')}`)
  for (const key of ['actualStart', 'actualFinish'] as const) {
    if (was[key] !== now[key]) parts.push(`${lower(RETRO_LABELS[key])} : ${shortDate(was[key], DIFF_LABELS.empty)} → ${shortDate(now[key], DIFF_LABELS.empty)}`)
  }
  return parts
}

export const definition: KindDefinition<RetroplanningConfig, RetroplanningValue> = {
  label: RETRO_LABELS.kind,
  empty: () => EMPTY_RETROPLANNING,
  isEmpty: (value) => named(value).length === 0,
  rules: {
    minRows: (hint, value, _config, { title }) => minRowsMessage(named(value).length, hint.min, title, TASK_NOUNS),
    kindChecks: (_hint, value, config, { today }) =>
      problemsOrNull(retroplanningProblems(value, { tracking: config.tracking, thresholds: config.alerts, today })),
  },
  items: (value) => value.tasks.map((task, i) => ({ id: task.id, label: taskLabel(task, i) })),
  diff(before, after, config) {
    const changes: string[] = []
    if (before.deadline !== after.deadline) {
      changes.push(
        `${RETRO_LABELS.deadline} : ${shortDate(before.deadline, RETRO_LABELS.notSetFeminine)} → ${shortDate(after.deadline, RETRO_LABELS.notSetFeminine)}.`,
      )
    }
    if (before.projectStart !== after.projectStart) {
      changes.push(
        `${RETRO_LABELS.projectStart} : ${shortDate(before.projectStart, RETRO_LABELS.notSetMasculine)} → ${shortDate(after.projectStart, RETRO_LABELS.notSetMasculine)}.`,
      )
    }
    const old = new Map(before.tasks.map((t, i) => [t.id, { task: t, index: i }]))
    const now = new Map(after.tasks.map((t, i) => [t.id, { task: t, index: i }]))
    /** A dependency named as the learner reads it now (or, deleted since, as it was). */
    const refOf = (id: string) => {
      const found = now.get(id) ?? old.get(id)
      return found ? DIFF_LABELS.ref(found.task.name.trim(), found.index) : null
    }
    after.tasks.forEach((task, i) => {
      const was = old.get(task.id)
      if (!was) {
        if (filled(task)) changes.push(DIFF_LABELS.added(DIFF_LABELS.ref(task.name.trim(), i)))
        return
      }
      const parts = taskChanges(was.task, task, config, refOf)
      if (parts.length) changes.push(`${DIFF_LABELS.task(was.task.name.trim(), i)} : ${parts.join(' ; ')}.`)
    })
    before.tasks.forEach((task, i) => {
      if (!now.has(task.id) && filled(task)) changes.push(DIFF_LABELS.removed(DIFF_LABELS.ref(task.name.trim(), i)))
    })
    const order = (tasks: RetroTask[]) =>
      tasks
        .filter((t) => old.has(t.id) && now.has(t.id))
        .map((t) => t.id)
        .join()
    if (order(before.tasks) !== order(after.tasks)) changes.push(DIFF_LABELS.reordered)
    return changes
  },
  plainText: (value) =>
    value.tasks
      .map((t) =>
        TASK_TEXTS.map((k) => t[k].trim())
          .filter(Boolean)
          .join(' | '),
      )
      .filter(Boolean)
      .join('\n'),
  locate(path, _value, config) {
    const [top, index, key] = path
    if (top === 'deadline') return RETRO_LABELS.deadline
    if (top === 'projectStart') return RETRO_LABELS.projectStart
    if (top !== 'tasks') return null
    if (typeof index !== 'number') return RETRO_LABELS.tasks
    switch (key) {
      case 'name':
        return taskPlace(index, RETRO_LABELS.name)
      case 'group':
      case 'owner':
      case 'stakeholders':
      case 'constraints':
        return taskPlace(index, taskTextLabel(key, config.groupLabel))
      case 'duration':
        return taskPlace(index, RETRO_LABELS.duration)
      case 'dependsOn':
        return taskPlace(index, RETRO_LABELS.dependencies)
      case 'actualStart':
      case 'actualFinish':
        return taskPlace(index, RETRO_LABELS[key])
      default:
        return taskPlace(index)
    }
  },
  excel: true,
}
