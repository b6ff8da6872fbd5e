import { addDays, parseIsoDate, workingDaysBetween } from '~/domain/calendar'
import type { Level } from '~/domain/kpi'
import { scheduleBackwards, type PlanProblem, type Slot } from '~/domain/retroplanning'
import { RETRO_MESSAGES } from './labels'
import type { AlertThresholds, RetroplanningValue, RetroTask } from './schema'

/**
 * The retroplanning field: its tasks scheduled backwards from the deadline
 * (app/domain/retroplanning.ts), planned vs actual, alert levels, and the
 * geometry of its Gantt chart. Pure.
 */
export type AlertLevel = Level

export const EMPTY_RETROPLANNING: RetroplanningValue = { deadline: null, projectStart: null, tasks: [] }

export function emptyTask(id: string): RetroTask {
  return { id, group: '', name: '', owner: '', stakeholders: '', constraints: '', duration: null, dependsOn: [], actualStart: null, actualFinish: null }
}

/** Signed variance in working days from `planned` to `actual` (positive: late). */
export function varianceInWorkingDays(planned: string, actual: string): number {
  if (actual === planned) return 0
  return actual > planned ? workingDaysBetween(addDays(planned, 1), actual) : -workingDaysBetween(addDays(actual, 1), planned)
}

/** Alert level of a delay in working days: orange from `orange` days late, rouge from `rouge`. */
export function delayLevel(delay: number, thresholds: AlertThresholds): AlertLevel {
  return delay >= thresholds.rouge ? 'rouge' : delay >= thresholds.orange ? 'orange' : 'vert'
}

export type PlanRow = {
  task: RetroTask
  slot: Slot | null
  /** Working days late (negative: early) at the actual finish or, unfinished and overdue, today. */
  variance: number | null
  /** True when the variance is measured against today because the task is not finished. */
  overdue: boolean
  level: AlertLevel | null
}

/** Tasks that can be scheduled: named, whatever their other fields. */
const namedTasks = (value: RetroplanningValue) => value.tasks.filter((t) => t.name.trim())

/**
 * The schedule of a retroplanning and, per task, planned (latest) dates,
 * variance and alert level. Tasks without a valid duration are left out of
 * the schedule (and reported). `today` is an ISO date.
 */
export function planRows(value: RetroplanningValue, thresholds: AlertThresholds, today: string): { rows: PlanRow[]; problems: PlanProblem[] } {
  const named = namedTasks(value)
  const valid = (t: RetroTask) => Number.isInteger(t.duration) && t.duration! >= 1
  const tasks = named.filter(valid)
  const ids = new Set(tasks.map((t) => t.id))
  const undated: PlanProblem[] = named
    .filter((t) => !valid(t))
    .map((t) => ({ kind: 'duration', taskIds: [t.id], message: RETRO_MESSAGES.noDuration(t.name.trim()) }))
  const schedule = value.deadline
    ? scheduleBackwards(
        tasks.map((t) => ({ id: t.id, name: t.name.trim(), duration: t.duration!, dependsOn: t.dependsOn.filter((d) => ids.has(d)) })),
        value.deadline,
        { projectStart: value.projectStart ?? undefined },
      )
    : { slots: new Map<string, Slot>(), problems: [] }
  const rows = value.tasks.map((task): PlanRow => {
    const slot = schedule.slots.get(task.id) ?? null
    let variance: number | null = null
    let overdue = false
    if (slot && task.actualFinish) variance = varianceInWorkingDays(slot.latestFinish, task.actualFinish)
    else if (slot && today > slot.latestFinish) {
      variance = varianceInWorkingDays(slot.latestFinish, today)
      overdue = true
    }
    return { task, slot, variance, overdue, level: variance === null ? null : delayLevel(variance, thresholds) }
  })
  return { rows, problems: [...undated, ...schedule.problems] }
}

/** Structural problems of a retroplanning, in French, for the hints. */
export function retroplanningProblems(value: RetroplanningValue, options: { tracking: boolean; thresholds: AlertThresholds; today: string }): string[] {
  const problems: string[] = []
  if (!value.deadline) problems.push(RETRO_MESSAGES.noDeadline)
  const tasks = namedTasks(value)
  if (tasks.length === 0) problems.push(RETRO_MESSAGES.noTasks)
  const { rows, problems: schedule } = planRows(value, options.thresholds, options.today)
  problems.push(...schedule.map((p) => p.message))
  const noOwner = tasks.filter((t) => !t.owner.trim())
  if (noOwner.length) problems.push(RETRO_MESSAGES.noOwner(noOwner.map((t) => t.name.trim())))
  if (options.tracking) {
    const red = rows.filter((r) => r.level === 'rouge')
    if (red.length) problems.push(RETRO_MESSAGES.red(red.map((r) => ({ name: r.task.name.trim(), variance: r.variance! }))))
  }
  return problems
}

/**
 * The geometry of a Gantt chart, shared by the screen and the exported image:
 * the scheduled rows, the calendar span they cover (with the deadline and
 * actual dates), and positions as fractions of that span. Null when nothing
 * can be drawn yet.
 */
export type GanttFrame = {
  placed: (PlanRow & { slot: Slot })[]
  deadline: string
  first: string
  last: string
  /** Where a day starts, from 0 (first day) to 1 (after the last). */
  offset: (iso: string) => number
  /** How much of the span the days from `from` to `to` (both included) take. */
  extent: (from: string, to: string) => number
  /** Where an actual bar ends: its finish, else today while it runs, else its start. */
  actualEnd: (task: RetroTask) => string
  todayInside: boolean
}

export function ganttFrame(rows: PlanRow[], deadline: string | null, today: string): GanttFrame | null {
  const placed = rows.filter((r): r is PlanRow & { slot: Slot } => r.slot !== null)
  if (!deadline || placed.length === 0) return null
  const dates = [
    deadline,
    ...placed.flatMap((r) => [r.slot.latestStart, r.slot.latestFinish, r.task.actualStart, r.task.actualFinish].filter((d): d is string => Boolean(d))),
  ]
  const first = dates.reduce((a, b) => (a < b ? a : b))
  const last = dates.reduce((a, b) => (a > b ? a : b))
  const day = (iso: string) => parseIsoDate(iso).getTime() / 86_400_000
  const span = day(last) + 1 - day(first)
  return {
    placed,
    deadline,
    first,
    last,
    offset: (iso) => (day(iso) - day(first)) / span,
    extent: (from, to) => (day(to) + 1 - day(from)) / span,
    actualEnd: (task) => task.actualFinish ?? (task.actualStart && today > task.actualStart ? today : task.actualStart!),
    todayInside: today >= first && today <= last,
  }
}
