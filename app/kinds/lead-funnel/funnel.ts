import { formatNumber } from '~/domain/format'
import { FUNNEL_LABELS, formatGap, formatVolume, passage } from './labels'
import type { FunnelStage, LeadFunnelValue } from './schema'

/**
 * The lead funnel's computations (C6.3-2), pure. A stage's `rate` is the
 * percent of the previous stage that reaches it.
 *
 * - Backwards, from the target: the volume each stage needs, up to the top.
 *   A stage needs the next stage's need divided by the next rate, rounded
 *   UP (one cannot have 0.4 lead: 7 customers at 30 % need 24 qualified leads, not 23.3).
 * - Forwards, from the volume planned at the top: what each stage yields,
 *   the previous yield times the rate, rounded DOWN (23.3 expected leads are 23 leads).
 *
 * Both round after 6 decimals, as the Excel sheet does (ROUND(…;6)), so that
 * 500 ÷ 2 % is 25 000 and not 25 001 because of binary fractions. Rounding up
 * backwards and down forwards means the volume needed at the top, planned,
 * always yields at least the target.
 */

const clean = (x: number) => Math.round(x * 1e6) / 1e6
export const roundUp = (x: number) => Math.ceil(clean(x))
export const roundDown = (x: number) => Math.floor(clean(x))

/** The index of the stage the target counts: the chosen one, else the last. */
export function targetIndex(value: LeadFunnelValue): number {
  const i = value.targetStageId ? value.stages.findIndex((s) => s.id === value.targetStageId) : -1
  return i >= 0 ? i : value.stages.length - 1
}

/**
 * Backwards: the volume needed at each stage to reach `target` at stage `at`;
 * null below that stage and above a missing or zero rate.
 */
export function neededVolumes(stages: readonly Pick<FunnelStage, 'rate'>[], target: number | null, at: number): (number | null)[] {
  const needed: (number | null)[] = stages.map(() => null)
  if (target === null || at < 0 || at >= stages.length) return needed
  needed[at] = target
  for (let i = at; i > 0; i--) {
    const rate = stages[i]!.rate
    const next = needed[i] ?? null
    if (next === null || rate === null || rate <= 0) break
    needed[i - 1] = roundUp((next * 100) / rate)
  }
  return needed
}

/** Forwards: what each stage yields from `planned` at the top; null after a missing rate. */
export function expectedVolumes(stages: readonly Pick<FunnelStage, 'rate'>[], planned: number | null): (number | null)[] {
  const expected: (number | null)[] = stages.map(() => null)
  if (planned === null || stages.length === 0) return expected
  expected[0] = planned
  for (let i = 1; i < stages.length; i++) {
    const rate = stages[i]!.rate
    const previous = expected[i - 1] ?? null
    if (previous === null || rate === null) break
    expected[i] = roundDown((previous * rate) / 100)
  }
  return expected
}

export type FunnelRow = {
  id: string
  name: string
  /** Percent from the previous stage (null for the first stage, or missing). */
  rate: number | null
  needed: number | null
  expected: number | null
  /** Expected minus needed (negative: short). */
  gap: number | null
}

export type FunnelResult = {
  rows: FunnelRow[]
  targetIndex: number
  /** Expected minus target at the target stage, null until both are known. */
  gap: number | null
  /** True when the volume planned reaches the target; null until it can be told. */
  reached: boolean | null
}

/** Both computations, stage by stage, and the verdict. */
export function computeFunnel(value: LeadFunnelValue): FunnelResult {
  const at = targetIndex(value)
  const needed = neededVolumes(value.stages, value.target, at)
  const expected = expectedVolumes(value.stages, value.planned)
  const rows = value.stages.map((s, i) => {
    const [n, e] = [needed[i]!, expected[i]!]
    return { id: s.id, name: s.name, rate: i === 0 ? null : s.rate, needed: n, expected: e, gap: n === null || e === null ? null : e - n }
  })
  const gap = rows[at]?.gap ?? null
  return { rows, targetIndex: at, gap, reached: gap === null ? null : gap >= 0 }
}

/** A stage's name for sentences, « étape 3 » when it has none. */
export const stageName = (s: { name: string }, i: number) => s.name.trim() || `étape ${i + 1}`

/** True when nothing was written: no number, no objective, no source, the stages as the template gave them. */
export function isBlankFunnel(value: LeadFunnelValue, defaults: readonly string[]): boolean {
  return (
    value.target === null &&
    value.planned === null &&
    value.objectiveId === null &&
    value.stages.every((s, i) => s.rate === null && !s.source.trim() && s.name.trim() === (defaults[i] ?? '')) &&
    value.stages.length === defaults.length
  )
}

/** What the funnel lacks or gets wrong, in French, for the hints. */
export function funnelProblems(value: LeadFunnelValue): string[] {
  const p = FUNNEL_LABELS.problems
  const stages = value.stages
  const problems: string[] = []
  if (stages.length < 2) return [p.tooFew]
  const unnamed = stages.flatMap((s, i) => (s.name.trim() ? [] : [i + 1]))
  if (unnamed.length) problems.push(p.unnamed(unnamed.join(', ')))
  const passages = (test: (s: FunnelStage) => boolean) =>
    stages.flatMap((s, i) => (i > 0 && test(s) ? [{ passage: passage(stageName(stages[i - 1]!, i - 1), stageName(s, i)), rate: s.rate }] : []))
  const missing = passages((s) => s.rate === null)
  if (missing.length) problems.push(p.missingRates(missing.map((m) => m.passage)))
  const over = passages((s) => s.rate !== null && s.rate > 100)
  if (over.length) problems.push(p.overHundred(over.map((o) => `«\u00a0${o.passage}\u00a0» (${formatNumber(o.rate!)}\u00a0%)`)))
  const zero = passages((s) => s.rate === 0)
  if (zero.length) problems.push(p.zero(zero.map((z) => z.passage)))
  if (value.target === null) problems.push(p.noTarget)
  if (value.planned === null) problems.push(p.noPlanned(stageName(stages[0]!, 0)))
  const result = computeFunnel(value)
  if (result.reached === false) {
    const at = result.targetIndex
    const top = result.rows[0]!
    problems.push(
      p.missed(
        stageName(stages[at]!, at),
        formatVolume(result.rows[at]!.expected),
        formatVolume(value.target),
        formatGap(result.gap),
        stageName(stages[0]!, 0),
        formatVolume(top.needed),
        formatVolume(top.expected),
      ),
    )
  }
  return problems
}

/** The verdict under the picture, in French. */
export function funnelStatus(value: LeadFunnelValue, result: FunnelResult = computeFunnel(value)): string {
  const s = FUNNEL_LABELS.status
  if (value.target === null) return s.noTarget
  if (result.reached === null) return s.incomplete
  const at = result.targetIndex
  const stage = stageName(value.stages[at]!, at)
  const expected = formatVolume(result.rows[at]!.expected)
  return result.reached ? s.reached(stage, expected, formatVolume(value.target)) : s.missed(stage, expected, formatVolume(value.target), formatGap(result.gap))
}
