import { addDays, addWorkingDays, frenchHolidays, parseIsoDate } from '~/domain/calendar'
import { varianceInWorkingDays, type PlanRow } from './retroplanning'

/**
 * The calendar of the on-screen Gantt chart (whole weeks from Monday, their
 * ISO numbers, the months they cross, the public holidays that fall on a
 * working day) and the critical path of a backward schedule. Dates are ISO
 * calendar dates; one date format on the chart: « 15 févr. ». Pure.
 */

const dayMonth = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', timeZone: 'UTC' })
const monthYear = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' })

/** « 15 févr. »: the one date format of the chart. */
export const chartDate = (iso: string) => dayMonth.format(parseIsoDate(iso))

/** The words of the on-screen chart (the kind's other words are in labels.ts). */
export const GANTT_WORDS = {
  week: (n: number) => `S${n}`,
  deadlineOn: (iso: string) => `Date finale · ${chartDate(iso)}`,
  todayOn: (iso: string) => `Aujourd’hui · ${chartDate(iso)}`,
  legendCritical: 'Chemin critique : la chaîne la plus longue, sans marge',
  legendPlanned: 'Autre tâche (au plus tard)',
  legendSlack: 'Marge : la tâche peut commencer plus tôt',
  legendActual: 'Réel, coloré selon l’alerte',
  legendOff: 'Week-end ou jour férié',
  slack: 'Marge (jours ouvrés)',
  criticalCell: '0 (chemin critique)',
  /** The name of the focusable box that scrolls the chart: what it shows, in one sentence. */
  summary: (caption: string, deadline: string, critical: string[]) =>
    `${caption}, jusqu’au ${chartDate(deadline)}.${critical.length ? ` Chemin critique : ${critical.join(' → ')}.` : ''} Le détail est dans le tableau qui suit.`,
} as const

/** The weekday of an ISO date, Monday 0 … Sunday 6. */
const weekday = (iso: string) => (parseIsoDate(iso).getUTCDay() + 6) % 7

/** The ISO 8601 week number (weeks start on Monday; week 1 holds the year’s first Thursday). */
export function isoWeek(iso: string): number {
  const thursday = parseIsoDate(addDays(iso, 3 - weekday(iso)))
  const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1)
  return Math.floor((thursday.getTime() - jan1) / 86_400_000 / 7) + 1
}

/**
 * Axis ticks of the Word export's chart, in the screen's one date format: the
 * Monday of each week from `first` to `last` (« 15 mars »), or `first` alone
 * when no Monday falls in between.
 */
export function ganttTicks(first: string, last: string): { date: string; label: string }[] {
  const ticks: { date: string; label: string }[] = []
  for (let d = addDays(first, (7 - weekday(first)) % 7); d <= last; d = addDays(d, 7)) ticks.push({ date: d, label: chartDate(d) })
  return ticks.length ? ticks : [{ date: first, label: chartDate(first) }]
}

export type GanttCalendar = {
  /** The Monday the chart starts on. */
  start: string
  /** Days shown: whole weeks, Monday to Sunday. */
  days: number
  weeks: { start: string; label: string; date: string }[]
  /** The months crossed, with the day they start at (0-based) and how many of their days are shown. */
  months: { from: number; days: number; label: string }[]
  /** Public holidays on a weekday (weekends are shaded anyway). */
  holidays: { day: number; name: string }[]
  /** The 0-based column of a date. */
  day: (iso: string) => number
}

/** Whole weeks around `first` … `last`, labelled « S7 » and « 15 févr. », with the months and holidays they cross. */
export function ganttCalendar(first: string, last: string): GanttCalendar {
  const start = addDays(first, -weekday(first))
  const end = addDays(last, 6 - weekday(last))
  const origin = parseIsoDate(start).getTime()
  const day = (iso: string) => Math.round((parseIsoDate(iso).getTime() - origin) / 86_400_000)
  const days = day(end) + 1
  const weeks: GanttCalendar['weeks'] = []
  for (let d = start; d <= end; d = addDays(d, 7)) weeks.push({ start: d, label: GANTT_WORDS.week(isoWeek(d)), date: chartDate(d) })
  const months: GanttCalendar['months'] = []
  for (let d = start; d <= end;) {
    const next = addDays(`${d.slice(0, 7)}-01`, 32).slice(0, 7) + '-01'
    const to = next <= end ? next : addDays(end, 1)
    months.push({ from: day(d), days: day(to) - day(d), label: monthYear.format(parseIsoDate(d)) })
    d = to
  }
  const years = [...new Set([start.slice(0, 4), end.slice(0, 4)])].map(Number)
  const holidays = years
    .flatMap((y) => [...frenchHolidays(y)])
    .filter(([iso]) => iso >= start && iso <= end && weekday(iso) < 5)
    .map(([iso, name]) => ({ day: day(iso), name }))
  return { start, days, weeks, months, holidays, day }
}

export type Slack = { earliestStart: string; slack: number; critical: boolean }

/**
 * The critical path of a backward schedule. Each task sits at its latest
 * dates; the project must start on the earliest of them. Passing forwards
 * from that start along the dependencies gives each task's earliest start;
 * its slack is the working days between both starts. Tasks without slack
 * form the chain that fixes the project's start: the critical path.
 */
export function slackOf(rows: readonly PlanRow[]): Map<string, Slack> {
  const placed = new Map(rows.flatMap((r) => (r.slot && r.task.duration ? [[r.task.id, { ...r, slot: r.slot, duration: r.task.duration }] as const] : [])))
  const result = new Map<string, Slack>()
  if (placed.size === 0) return result
  const projectStart = [...placed.values()].map((r) => r.slot.latestStart).reduce((a, b) => (a < b ? a : b))
  const earliest = new Map<string, string>()
  const visiting = new Set<string>()
  const earliestStart = (id: string): string => {
    const known = earliest.get(id)
    if (known) return known
    // A cycle has no schedule (planRows gives no slots): this only guards against bad input.
    if (visiting.has(id)) return projectStart
    visiting.add(id)
    let start = projectStart
    for (const dep of placed.get(id)!.task.dependsOn) {
      const before = placed.get(dep)
      if (!before) continue
      const after = addWorkingDays(addWorkingDays(earliestStart(dep), before.duration - 1), 1)
      if (after > start) start = after
    }
    earliest.set(id, start)
    return start
  }
  for (const [id, r] of placed) {
    const start = earliestStart(id)
    const slack = varianceInWorkingDays(start, r.slot.latestStart)
    result.set(id, { earliestStart: start, slack, critical: slack <= 0 })
  }
  return result
}
