import { addDays, parseIsoDate } from '~/domain/calendar'
import { formatShortDate } from '~/domain/format'
import { MEDIA_MESSAGES as M, mediumNumber, MONTHS, phaseNumber, quoted, SHORT_MONTHS, waveNumber } from './labels'
import { marronniersBetween, type DatedMarronnier } from './marronniers'
import type { MediaPlanValue, Medium, Phase, Wave } from './schema'

/**
 * The media plan's computations: its twelve months, the calendar geometry,
 * budgets per wave, medium, phase and in total, and the problems the hints
 * name. Pure; dates are ISO calendar dates.
 */

export const EMPTY_MEDIA_PLAN: MediaPlanValue = { year: null, firstMonth: 1, media: [], waves: [], phases: [], marronniers: [] }

export const emptyMedium = (id: string): Medium => ({ id, name: '', type: '' })
export const emptyWave = (id: string, mediumId: string | null = null): Wave => ({
  id,
  mediumId,
  name: '',
  phaseId: null,
  start: null,
  end: null,
  budget: null,
  insertions: null,
  format: '',
  objective: '',
})
export const emptyPhase = (id: string): Phase => ({ id, name: '', nature: '', start: null, end: null, stake: '' })

/** The names a reader recognises, « Média 2 » while unnamed. */
export const mediumName = (m: Medium, index: number) => m.name.trim() || mediumNumber(index)
export const waveName = (w: Wave, index: number) => w.name.trim() || waveNumber(index)
export const phaseName = (p: Phase, index: number) => p.name.trim() || phaseNumber(index)

const pad = (n: number) => String(n).padStart(2, '0')

/** The plan's twelve months: from the first day of its first month to the day before the same month a year later. */
export function planPeriod(value: Pick<MediaPlanValue, 'year' | 'firstMonth'>): { first: string; last: string } | null {
  if (value.year === null) return null
  const first = `${value.year}-${pad(value.firstMonth)}-01`
  const next = value.firstMonth === 1 ? `${value.year + 1}-01-01` : `${value.year + 1}-${pad(value.firstMonth)}-01`
  return { first, last: addDays(next, -1) }
}

/** « 2027 », or « septembre 2027 – août 2028 » for a plan that does not start in January. */
export function periodLabel(value: Pick<MediaPlanValue, 'year' | 'firstMonth'>): string {
  if (value.year === null) return ''
  if (value.firstMonth === 1) return String(value.year)
  const lastMonth = value.firstMonth - 2 // 0-based month before the first one
  return `${MONTHS[value.firstMonth - 1]} ${value.year} – ${MONTHS[lastMonth]} ${value.year + 1}`
}

export type YearCalendar = {
  first: string
  last: string
  /** Days shown (365 or 366). */
  days: number
  /** Each month: its first day (0-based), its length, its names. */
  months: { from: number; days: number; label: string; short: string; year: number }[]
  /** The 0-based day of a date (clamped to the period). */
  day: (iso: string) => number
}

/** The calendar of the plan's year, a column per day grouped by month (French names). */
export function yearCalendar(period: { first: string; last: string }): YearCalendar {
  const origin = parseIsoDate(period.first).getTime()
  const raw = (iso: string) => Math.round((parseIsoDate(iso).getTime() - origin) / 86_400_000)
  const days = raw(period.last) + 1
  const months: YearCalendar['months'] = []
  for (let d = period.first; d <= period.last;) {
    const m = Number(d.slice(5, 7))
    const y = Number(d.slice(0, 4))
    const next = m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`
    months.push({ from: raw(d), days: raw(next) - raw(d), label: `${MONTHS[m - 1]} ${y}`, short: SHORT_MONTHS[m - 1]!, year: y })
    d = next
  }
  return { first: period.first, last: period.last, days, months, day: (iso) => Math.max(0, Math.min(days - 1, raw(iso))) }
}

/** A wave or phase with both dates, in order. */
const dated = (x: { start: string | null; end: string | null }): x is { start: string; end: string } => x.start !== null && x.end !== null && x.start <= x.end

/** True when a wave has something the learner typed. */
export const waveFilled = (w: Wave) =>
  Boolean(w.name.trim() || w.mediumId || w.start || w.end || w.budget !== null || w.insertions !== null || w.format.trim() || w.objective.trim() || w.phaseId)

export type MediumRow = {
  medium: Medium
  index: number
  name: string
  /** The medium's waves with both dates inside the plan (clipped to it), for the calendar. */
  bars: { wave: Wave; index: number; name: string; start: string; end: string }[]
  waves: number
  budget: number
}

export type Budgets = {
  byMedium: { id: string; name: string; type: string; waves: number; budget: number }[]
  byPhase: { id: string | null; name: string; budget: number }[]
  /** Waves not attached to any known medium. */
  unassigned: number
  total: number
}

/** Budgets per medium, per commercial phase, and in total (a wave without budget counts 0). */
export function budgets(value: MediaPlanValue): Budgets {
  const byMedium = value.media.map((m, i) => {
    const own = value.waves.filter((w) => w.mediumId === m.id)
    return { id: m.id, name: mediumName(m, i), type: m.type, waves: own.length, budget: sum(own) }
  })
  const known = new Set(value.media.map((m) => m.id))
  const unassigned = sum(value.waves.filter((w) => !w.mediumId || !known.has(w.mediumId)))
  const phases = new Set(value.phases.map((p) => p.id))
  const byPhase: Budgets['byPhase'] = value.phases.map((p, i) => ({
    id: p.id,
    name: phaseName(p, i),
    budget: sum(value.waves.filter((w) => w.phaseId === p.id)),
  }))
  const outside = value.waves.filter((w) => !w.phaseId || !phases.has(w.phaseId))
  if (outside.some((w) => w.budget)) byPhase.push({ id: null, name: '', budget: sum(outside) })
  return { byMedium, byPhase, unassigned, total: sum(value.waves) }
}

/** Sums euros to the cent (no float drift: 0,1 + 0,2 = 0,3). */
function sum(waves: readonly Wave[]): number {
  return waves.reduce((cents, w) => cents + Math.round((w.budget ?? 0) * 100), 0) / 100
}

/** One row per medium for the calendar, with its waves clipped to the plan's year. */
export function mediumRows(value: MediaPlanValue, period: { first: string; last: string }): MediumRow[] {
  return value.media.map((medium, index) => {
    const own = value.waves.map((wave, i) => ({ wave, i })).filter(({ wave }) => wave.mediumId === medium.id)
    const bars = own
      .filter(({ wave }) => dated(wave) && wave.end >= period.first && wave.start <= period.last)
      .map(({ wave, i }) => ({
        wave,
        index: i,
        name: waveName(wave, i),
        start: wave.start! < period.first ? period.first : wave.start!,
        end: wave.end! > period.last ? period.last : wave.end!,
      }))
    return { medium, index, name: mediumName(medium, index), bars, waves: own.length, budget: sum(own.map(({ wave }) => wave)) }
  })
}

/** The commercial phases with both dates that touch the plan's year, clipped to it. */
export function phaseBars(value: MediaPlanValue, period: { first: string; last: string }) {
  return value.phases.flatMap((phase, index) =>
    dated(phase) && phase.end >= period.first && phase.start <= period.last
      ? [
          {
            phase,
            index,
            name: phaseName(phase, index),
            start: phase.start < period.first ? period.first : phase.start,
            end: phase.end > period.last ? period.last : phase.end,
          },
        ]
      : [],
  )
}

/** The marronniers the learner chose, dated in the plan's year. */
export function shownMarronniers(value: MediaPlanValue, period: { first: string; last: string }): DatedMarronnier[] {
  return value.marronniers.length ? marronniersBetween(period.first, period.last, value.marronniers) : []
}

/** What the hints say is missing or wrong, in French. */
export function mediaPlanProblems(value: MediaPlanValue): string[] {
  const problems: string[] = []
  const period = planPeriod(value)
  if (!period) problems.push(M.noYear)
  const named = value.media.filter((m) => m.name.trim())
  if (named.length === 0) problems.push(M.noMedia)
  if (!value.phases.some((p) => p.name.trim())) problems.push(M.noPhases)
  const waves = value.waves.map((w, i) => ({ w, name: quoted(waveName(w, i)) })).filter(({ w }) => waveFilled(w))
  const names = (pick: (w: Wave) => boolean) => waves.filter(({ w }) => pick(w)).map(({ name }) => name)
  const known = new Set(value.media.map((m) => m.id))
  const noMedium = names((w) => !w.mediumId || !known.has(w.mediumId))
  if (noMedium.length) problems.push(M.noMedium(noMedium))
  const noDates = names((w) => !w.start || !w.end)
  if (noDates.length) problems.push(M.noDates(noDates))
  const reversed = names((w) => Boolean(w.start && w.end && w.end < w.start))
  if (reversed.length) problems.push(M.endBeforeStart(reversed))
  const noBudget = names((w) => w.budget === null || w.budget === 0)
  if (noBudget.length) problems.push(M.noBudget(noBudget))
  if (period) {
    const outside = names((w) =>
      Boolean((w.start && (w.start < period.first || w.start > period.last)) || (w.end && (w.end < period.first || w.end > period.last))),
    )
    if (outside.length) problems.push(M.outside(outside, `${formatShortDate(period.first)} – ${formatShortDate(period.last)}`))
  }
  const idle = value.media.map((m, i) => ({ m, i })).filter(({ m }) => m.name.trim() && !value.waves.some((w) => w.mediumId === m.id))
  if (idle.length) problems.push(M.noWave(idle.map(({ m, i }) => quoted(mediumName(m, i)))))
  return problems
}
