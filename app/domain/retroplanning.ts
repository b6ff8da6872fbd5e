import { addWorkingDays, workingDayOnOrBefore, workingDaysBetween } from './calendar'
import { formatDate } from './format'

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
      problems.push({
        kind: 'duration',
        taskIds: [t.id],
        message: `La tâche ${quote(t.name)} n’a pas de durée valide (un nombre entier de jours ouvrés, au moins 1).`,
      })
    }
    for (const dep of t.dependsOn) {
      if (!byId.has(dep))
        problems.push({ kind: 'unknown-dependency', taskIds: [t.id], message: `La tâche ${quote(t.name)} dépend d’une tâche qui n’existe pas.` })
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
