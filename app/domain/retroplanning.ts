import { addDays, addWorkingDays, parseIsoDate, workingDayOnOrBefore, workingDaysBetween } from './calendar'
import { formatDate, formatShortDate } from './format'
import type { Level } from './kpi'

/**
 * Backward scheduling (rétroplanning): from a final deadline, each task's
 * latest finish and start, in French working days, with finish-to-start
 * dependencies. Detects cycles and chains that cannot fit. Pure.
 */
export type PlanTask = { id: string; name: string; duration: number; dependsOn: string[] }
export type Slot = { latestStart: string; latestFinish: string }
export type PlanProblem =
  | { kind: 'duration'; taskIds: string[]; message: string }
  | { kind: 'unknown-dependency'; taskIds: string[]; message: string }
  | { kind: 'cycle'; taskIds: string[]; message: string }
  | { kind: 'too-late'; taskIds: string[]; message: string }
export type Schedule = { slots: Map<string, Slot>; problems: PlanProblem[] }

const quote = (s: string) => `« ${s} »`

export function scheduleBackwards(tasks: PlanTask[], deadline: string, options: { projectStart?: string } = {}): Schedule {
  const byId = new Map(tasks.map((t) => [t.id, t]))
  const problems: PlanProblem[] = []

  for (const t of tasks) {
    if (!Number.isInteger(t.duration) || t.duration < 1) {
      problems.push({ kind: 'duration', taskIds: [t.id], message: `La tâche ${quote(t.name)} n’a pas de durée valide (un nombre entier de jours ouvrés, au moins 1).` })
    }
    for (const dep of t.dependsOn) {
      if (!byId.has(dep)) problems.push({ kind: 'unknown-dependency', taskIds: [t.id], message: `La tâche ${quote(t.name)} dépend d’une tâche qui n’existe pas.` })
    }
  }
  const cycle = findCycle(tasks, byId)
  if (cycle) {
    const names = cycle.map((id) => byId.get(id)!.name)
    problems.push({
      kind: 'cycle',
      taskIds: cycle,
      message: `Dépendances circulaires : ${[...names, names[0]!].map(quote).join(' → ')}. Une tâche ne peut pas attendre sa propre fin.`,
    })
  }
  if (problems.length > 0) return { slots: new Map(), problems }

  // Successors: the tasks that wait for each task.
  const successors = new Map<string, string[]>(tasks.map((t) => [t.id, []]))
  for (const t of tasks) for (const dep of t.dependsOn) successors.get(dep)!.push(t.id)

  const end = workingDayOnOrBefore(deadline)
  const slots = new Map<string, Slot>()
  const next = new Map<string, string | null>() // the successor that constrains each task
  const place = (id: string): Slot => {
    const known = slots.get(id)
    if (known) return known
    const task = byId.get(id)!
    let latestFinish = end
    let by: string | null = null
    for (const s of successors.get(id)!) {
      const candidate = addWorkingDays(place(s).latestStart, -1)
      if (candidate < latestFinish) {
        latestFinish = candidate
        by = s
      }
    }
    const slot = { latestFinish, latestStart: addWorkingDays(latestFinish, -(task.duration - 1)) }
    slots.set(id, slot)
    next.set(id, by)
    return slot
  }
  for (const t of tasks) place(t.id)

  if (options.projectStart) {
    const start = options.projectStart
    // Report each chain from a task with no predecessor that should have started before the project.
    for (const t of tasks) {
      const slot = slots.get(t.id)!
      if (t.dependsOn.length > 0 || slot.latestStart >= start) continue
      const chain: string[] = [t.id]
      for (let n = next.get(t.id); n; n = next.get(n)) chain.push(n)
      const total = chain.reduce((sum, id) => sum + byId.get(id)!.duration, 0)
      const available = workingDaysBetween(start, end)
      problems.push({
        kind: 'too-late',
        taskIds: chain,
        message: `La chaîne ${chain.map((id) => quote(byId.get(id)!.name)).join(' → ')} ne tient pas : ${total} jours ouvrés de travail pour ${available} disponibles. Il faudrait commencer ${quote(t.name)} le ${formatDate(slot.latestStart)}, avant le début du projet (${formatDate(start)}).`,
      })
    }
  }
  return { slots, problems }
}

/** A dependency cycle as a list of task ids, or null. */
function findCycle(tasks: PlanTask[], byId: Map<string, PlanTask>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>()
  const stack: string[] = []
  const visit = (id: string): string[] | null => {
    if (state.get(id) === 'done') return null
    if (state.get(id) === 'visiting') return stack.slice(stack.indexOf(id))
    state.set(id, 'visiting')
    stack.push(id)
    for (const dep of byId.get(id)?.dependsOn ?? []) {
      if (!byId.has(dep)) continue
      const found = visit(dep)
      if (found) return found
    }
    stack.pop()
    state.set(id, 'done')
    return null
  }
  for (const t of tasks) {
    const found = visit(t.id)
    if (found) return found.reverse()
  }
  return null
}

/* ---------- The retroplanning field: tasks, schedule, planned vs actual ---------- */

export type RetroTask = {
  id: string
  /** The action or phase the task belongs to. */
  group: string
  name: string
  owner: string
  stakeholders: string
  constraints: string
  duration: number | null
  dependsOn: string[]
  actualStart: string | null
  /** Actual finish, or its current estimate. */
  actualFinish: string | null
}
export type RetroValue = { deadline: string | null; projectStart: string | null; tasks: RetroTask[] }
export type AlertThresholds = { orange: number; rouge: number }
export type AlertLevel = Level

export const EMPTY_RETROPLANNING: RetroValue = { deadline: null, projectStart: null, tasks: [] }

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
const namedTasks = (value: RetroValue) => value.tasks.filter((t) => t.name.trim())

/**
 * The schedule of a retroplanning and, per task, planned (latest) dates,
 * variance and alert level. Tasks without a valid duration are left out of
 * the schedule (and reported). `today` is an ISO date.
 */
export function planRows(value: RetroValue, thresholds: AlertThresholds, today: string): { rows: PlanRow[]; problems: PlanProblem[] } {
  const named = namedTasks(value)
  const valid = (t: RetroTask) => Number.isInteger(t.duration) && t.duration! >= 1
  const tasks = named.filter(valid)
  const ids = new Set(tasks.map((t) => t.id))
  const undated: PlanProblem[] = named
    .filter((t) => !valid(t))
    .map((t) => ({ kind: 'duration', taskIds: [t.id], message: `La tâche « ${t.name.trim()} » n’a pas de durée (en jours ouvrés).` }))
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
export function retroplanningProblems(value: RetroValue, options: { tracking: boolean; thresholds: AlertThresholds; today: string }): string[] {
  const problems: string[] = []
  if (!value.deadline) problems.push('Pas de date finale : le rétroplanning se calcule à rebours à partir d’elle.')
  const tasks = namedTasks(value)
  if (tasks.length === 0) problems.push('Aucune tâche pour l’instant.')
  const { rows, problems: schedule } = planRows(value, options.thresholds, options.today)
  problems.push(...schedule.map((p) => p.message))
  const noOwner = tasks.filter((t) => !t.owner.trim())
  if (noOwner.length) problems.push(`Sans responsable : ${noOwner.map((t) => `« ${t.name.trim()} »`).join(', ')}.`)
  if (options.tracking) {
    const red = rows.filter((r) => r.level === 'rouge')
    if (red.length) {
      problems.push(
        `En alerte rouge : ${red.map((r) => `« ${r.task.name.trim()} » (${r.variance} j)`).join(', ')}. Dites qui est alerté et quel ajustement vous proposez.`,
      )
    }
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
  const dates = [deadline, ...placed.flatMap((r) => [r.slot.latestStart, r.slot.latestFinish, r.task.actualStart, r.task.actualFinish].filter((d): d is string => Boolean(d)))]
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

/** Axis ticks of a Gantt chart: its first day, then the first day of each month after it. */
export function ganttTicks(first: string, last: string): { date: string; label: string }[] {
  const month = new Intl.DateTimeFormat('fr-FR', { month: 'short', year: '2-digit', timeZone: 'UTC' })
  const ticks = [{ date: first, label: formatShortDate(first) }]
  for (let d = addDays(`${first.slice(0, 7)}-01`, 32).slice(0, 7) + '-01'; d <= last; d = addDays(d, 32).slice(0, 7) + '-01') {
    ticks.push({ date: d, label: month.format(parseIsoDate(d)) })
  }
  return ticks
}
