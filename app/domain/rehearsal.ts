/**
 * Rehearsing an oral (issue 16 §2): the timer of a talk, part by part. Pure: every function that
 * depends on time takes `now` (milliseconds since the epoch) from the caller, so that tests drive it
 * with fake timestamps and the screen with `Date.now()`.
 *
 * The talk is an ordered list of parts, each with the minutes allotted to it (or none). The timer
 * always counts for the current part: moving to another part closes the running segment of the
 * previous one, and coming back to a part adds to the time already spent on it.
 */

/** What the rehearsal needs of a part of the talk (the oral-support kind's part has more). */
export type RehearsalPart = {
  id: string
  title: string
  /** Minutes allotted to the part, or null when the learner has not set any. */
  minutes: number | null
}

/** One rehearsal kept in the oral-support value. */
export type PastRehearsal = {
  id: string
  /** When it was finished, ISO 8601. */
  at: string
  seconds: number
  /** Seconds spent per part id (a part added after the rehearsal has none). */
  parts: Record<string, number>
}

/** What a finished rehearsal hands over to be kept. */
export type RehearsalSummary = { seconds: number; parts: Record<string, number> }

export type RehearsalStatus = 'ready' | 'running' | 'paused' | 'finished'

export type RehearsalState = {
  status: RehearsalStatus
  /** Index of the current part. */
  index: number
  /** Milliseconds spent per part id, closed segments only. */
  spent: Record<string, number>
  /** When the running segment started (status `running` only), else null. */
  since: number | null
}

/** The state of a timer against its allotted time. */
export type TimeState = 'ok' | 'warning' | 'over'

// ---------------------------------------------------------------------------------------------
// The state machine. Every transition returns a new state; an action that makes no sense in the
// current status (pausing a paused rehearsal, moving past the last part…) returns the same state.
// ---------------------------------------------------------------------------------------------

export function readyRehearsal(): RehearsalState {
  return { status: 'ready', index: 0, spent: {}, since: null }
}

/** Closes the running segment into the current part. */
function close(state: RehearsalState, parts: readonly RehearsalPart[], now: number): Record<string, number> {
  if (state.status !== 'running' || state.since === null) return state.spent
  const id = parts[state.index]?.id
  if (id === undefined) return state.spent
  // A clock that goes backwards (a changed system time) never removes time already spent.
  const segment = Math.max(0, now - state.since)
  return { ...state.spent, [id]: (state.spent[id] ?? 0) + segment }
}

export function start(state: RehearsalState, parts: readonly RehearsalPart[], now: number): RehearsalState {
  if (state.status !== 'ready' || parts.length === 0) return state
  return { ...state, status: 'running', since: now }
}

export function pause(state: RehearsalState, parts: readonly RehearsalPart[], now: number): RehearsalState {
  if (state.status !== 'running') return state
  return { ...state, status: 'paused', spent: close(state, parts, now), since: null }
}

export function resume(state: RehearsalState, now: number): RehearsalState {
  if (state.status !== 'paused') return state
  return { ...state, status: 'running', since: now }
}

/** Space: starts a ready rehearsal, pauses a running one, resumes a paused one. */
export function toggle(state: RehearsalState, parts: readonly RehearsalPart[], now: number): RehearsalState {
  if (state.status === 'ready') return start(state, parts, now)
  if (state.status === 'running') return pause(state, parts, now)
  if (state.status === 'paused') return resume(state, now)
  return state
}

/**
 * Moves to part `index` (clamped to the talk). A running timer keeps running, now for that part;
 * a paused or ready rehearsal only changes the part shown. A finished rehearsal does not move.
 */
export function goTo(state: RehearsalState, parts: readonly RehearsalPart[], index: number, now: number): RehearsalState {
  if (state.status === 'finished' || parts.length === 0) return state
  const target = Math.min(Math.max(0, index), parts.length - 1)
  if (target === state.index) return state
  return {
    ...state,
    index: target,
    spent: close(state, parts, now),
    since: state.status === 'running' ? now : null,
  }
}

export function next(state: RehearsalState, parts: readonly RehearsalPart[], now: number): RehearsalState {
  return goTo(state, parts, state.index + 1, now)
}

export function previous(state: RehearsalState, parts: readonly RehearsalPart[], now: number): RehearsalState {
  return goTo(state, parts, state.index - 1, now)
}

/** Stops the timer for good. A rehearsal that never started cannot be finished. */
export function finish(state: RehearsalState, parts: readonly RehearsalPart[], now: number): RehearsalState {
  if (state.status !== 'running' && state.status !== 'paused') return state
  return { ...state, status: 'finished', spent: close(state, parts, now), since: null }
}

// ---------------------------------------------------------------------------------------------
// Time spent.
// ---------------------------------------------------------------------------------------------

/** Milliseconds spent on a part so far, the running segment included. */
export function partElapsedMs(state: RehearsalState, parts: readonly RehearsalPart[], partId: string, now: number): number {
  const closed = state.spent[partId] ?? 0
  const running = state.status === 'running' && state.since !== null && parts[state.index]?.id === partId
  return running ? closed + Math.max(0, now - (state.since as number)) : closed
}

/** Milliseconds spent on the whole talk so far. */
export function totalElapsedMs(state: RehearsalState, parts: readonly RehearsalPart[], now: number): number {
  return parts.reduce((sum, part) => sum + partElapsedMs(state, parts, part.id, now), 0)
}

/** Whole seconds shown by a running timer: a second counts once it is over (0,9 s shows « 0 s »). */
export function elapsedSeconds(ms: number): number {
  return Math.floor(Math.max(0, ms) / 1000)
}

/**
 * What a finished rehearsal keeps: seconds per part, rounded to the nearest second, and the total as
 * the sum of the parts (so that the parts of a kept rehearsal always add up to its total). Every part
 * of the talk is listed, at 0 when it was skipped.
 */
export function summarize(state: RehearsalState, parts: readonly RehearsalPart[], now: number): RehearsalSummary {
  const perPart: Record<string, number> = {}
  let seconds = 0
  for (const part of parts) {
    const s = Math.round(partElapsedMs(state, parts, part.id, now) / 1000)
    perPart[part.id] = s
    seconds += s
  }
  return { seconds, parts: perPart }
}

// ---------------------------------------------------------------------------------------------
// Against the allotted time.
// ---------------------------------------------------------------------------------------------

/** Seconds allotted to a part, or null. */
export function allottedSeconds(part: RehearsalPart): number | null {
  return part.minutes === null || !Number.isFinite(part.minutes) || part.minutes <= 0 ? null : Math.round(part.minutes * 60)
}

/**
 * Seconds allotted to the whole talk: the sum of the parts that have a time, or null when none has.
 * A part without a time adds nothing (its time is unknown, not zero).
 */
export function talkAllottedSeconds(parts: readonly RehearsalPart[]): number | null {
  let total: number | null = null
  for (const part of parts) {
    const s = allottedSeconds(part)
    if (s !== null) total = (total ?? 0) + s
  }
  return total
}

/** The warning starts this many seconds before the end, at least. */
export const WARNING_MIN_SECONDS = 30
/** The warning starts this share of the allotted time before the end, at least. */
export const WARNING_SHARE = 0.1

/**
 * Seconds before the end at which a timer turns to « warning »: the last 10 % or the last 30 s,
 * whichever is larger — 30 s for any allotted time up to 5 minutes, 10 % beyond (1 min for a
 * 10-minute part, 2 min for a 20-minute talk). Thirty seconds is the least a speaker needs to
 * conclude a part; 10 % keeps the warning useful on a long talk. Capped at the allotted time itself:
 * a 20-second part is in its warning from the start.
 */
export function warningSeconds(allotted: number): number {
  return Math.min(allotted, Math.max(WARNING_MIN_SECONDS, allotted * WARNING_SHARE))
}

/**
 * 'ok' until the warning starts, 'warning' until the allotted time is reached (exactly on time is
 * still 'warning'), 'over' beyond it. Without an allotted time there is nothing to be late for: 'ok'.
 */
export function timeState(elapsed: number, allotted: number | null): TimeState {
  if (allotted === null) return 'ok'
  if (elapsed > allotted) return 'over'
  if (elapsed >= allotted - warningSeconds(allotted)) return 'warning'
  return 'ok'
}

export const TIME_STATE_LABELS: Record<TimeState, string> = {
  ok: 'Dans les temps',
  warning: 'Bientôt la fin',
  over: 'Temps dépassé',
}

// ---------------------------------------------------------------------------------------------
// Progress across rehearsals.
// ---------------------------------------------------------------------------------------------

export type RehearsalProgress = {
  count: number
  /** Seconds rehearsed over every kept rehearsal. */
  totalSeconds: number
  /** Oldest first. */
  ordered: PastRehearsal[]
  last: PastRehearsal | null
  previous: PastRehearsal | null
  /**
   * With an allotted time: the rehearsal closest to it (a tie goes to the one within the time, then
   * to the latest). Without: the shortest (then the latest). Null when none is kept.
   */
  best: PastRehearsal | null
  /** Last minus previous, in seconds (negative: shorter). Null with fewer than two rehearsals. */
  change: number | null
  /** Did the last rehearsal get closer to the allotted time than the previous one? Null without both. */
  trend: 'closer' | 'further' | 'same' | null
}

/**
 * The learner's progress over the kept rehearsals, against the talk's allotted time (in seconds,
 * or null). Rehearsals are ordered by `at`; an invalid date sorts first.
 */
export function rehearsalProgress(rehearsals: readonly PastRehearsal[], allotted: number | null): RehearsalProgress {
  const time = (r: PastRehearsal) => {
    const t = Date.parse(r.at)
    return Number.isNaN(t) ? -Infinity : t
  }
  const ordered = [...rehearsals].sort((a, b) => time(a) - time(b))
  const last = ordered.at(-1) ?? null
  const previous = ordered.at(-2) ?? null
  const gap = (r: PastRehearsal) => (allotted === null ? r.seconds : Math.abs(r.seconds - allotted))
  const over = (r: PastRehearsal) => (allotted !== null && r.seconds > allotted ? 1 : 0)
  let best: PastRehearsal | null = null
  for (const r of ordered) {
    // Later rehearsals win ties: `<=`.
    if (best === null || gap(r) < gap(best) || (gap(r) === gap(best) && over(r) <= over(best))) best = r
  }
  let trend: RehearsalProgress['trend'] = null
  if (last && previous && allotted !== null) {
    const d = gap(last) - gap(previous)
    trend = d < 0 ? 'closer' : d > 0 ? 'further' : 'same'
  }
  return {
    count: ordered.length,
    totalSeconds: ordered.reduce((sum, r) => sum + r.seconds, 0),
    ordered,
    last,
    previous,
    best,
    change: last && previous ? last.seconds - previous.seconds : null,
    trend,
  }
}

/** The last `count` rehearsals, newest first, for a short table. */
export function latestRehearsals(rehearsals: readonly PastRehearsal[], count = 5): PastRehearsal[] {
  return rehearsalProgress(rehearsals, null).ordered.slice(-count).reverse()
}

// ---------------------------------------------------------------------------------------------
// French durations.
// ---------------------------------------------------------------------------------------------

const NBSP = '\u00a0'
const MINUS = '\u2212'
const pad = (n: number) => String(n).padStart(2, '0')

function minutesAndSeconds(total: number): string {
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  if (hours > 0) return `${hours}${NBSP}h${NBSP}${pad(minutes)}${NBSP}min${NBSP}${pad(seconds)}`
  return `${minutes}${NBSP}min${NBSP}${pad(seconds)}`
}

/**
 * A duration in whole seconds, as a French speaker writes it: « 45 s », « 2 min 05 », « 1 h 02 min 05 »
 * (no-break spaces). A fraction is dropped; a negative duration is written as its size.
 */
export function formatDuration(seconds: number): string {
  const total = Math.floor(Math.abs(seconds))
  return total < 60 ? `${total}${NBSP}s` : minutesAndSeconds(total)
}

/**
 * Time left on a timer: « 1 min 30 », « 45 s » while there is some, « −0 min 30 » once over
 * (a true minus sign, and minutes always shown so that an overrun never reads like time left).
 */
export function formatRemaining(seconds: number): string {
  const whole = Math.trunc(seconds)
  return whole < 0 ? `${MINUS}${minutesAndSeconds(-whole)}` : formatDuration(whole)
}

/** A change between two rehearsals: « +1 min 05 », « −45 s », « ±0 s ». */
export function formatChange(seconds: number): string {
  const whole = Math.trunc(seconds)
  if (whole === 0) return `±0${NBSP}s`
  return `${whole > 0 ? '+' : MINUS}${formatDuration(whole)}`
}
