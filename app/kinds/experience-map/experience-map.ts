import { EXPERIENCE_LABELS, STAGE_TEXTS } from './labels'
import type { ExperienceMapValue, Stage } from './schema'

/**
 * The experience map's computations (C7.1-4): per stage, the gap between the
 * emotion the customer lives and the one the company imagines, the curves'
 * points and the structural problems the hints report. Pure.
 */

export const emptyStage = (id: string): Stage => ({
  id,
  name: '',
  touchpoints: '',
  doing: '',
  thinking: '',
  feeling: '',
  customer: null,
  company: null,
  painPoints: '',
  opportunities: '',
  gapNote: '',
})

export const emptyExperienceMap = (): ExperienceMapValue => ({ persona: { sourceId: null, name: '', summary: '' }, objectives: [], stages: [] })

/** A stage nothing has been written in (added, then left). */
export const isBlankStage = (s: Stage): boolean => STAGE_TEXTS.every((k) => !s[k].trim()) && s.customer === null && s.company === null

/** The stages that say something, in journey order. */
export const stagesOf = (value: ExperienceMapValue): Stage[] => value.stages.filter((s) => !isBlankStage(s))

/** Customer − company, in points: negative when the company believes the experience better than the customer lives it; null without both scores. */
export function stageGap(stage: Pick<Stage, 'customer' | 'company'>): number | null {
  if (stage.customer === null || stage.company === null) return null
  return stage.customer - stage.company
}

/** True when the curves diverge enough at this stage to need an explanation. */
export const isLargeGap = (gap: number | null, alert: number): boolean => gap !== null && Math.abs(gap) >= alert

/** A stage's name as the chart, tables and hints show it: its name, or « Étape 3 ». */
export const stageName = (s: Stage, index: number): string => s.name.trim() || `Étape ${index + 1}`

export type CurvePoint = { id: string; index: number; name: string; customer: number | null; company: number | null; gap: number | null; large: boolean }

/** One point per stage that says something: both scores and their gap (the chart's and the data table's rows). */
export function curvePoints(value: ExperienceMapValue, alert: number): CurvePoint[] {
  return stagesOf(value).map((s, index) => {
    const gap = stageGap(s)
    return { id: s.id, index, name: stageName(s, index), customer: s.customer, company: s.company, gap, large: isLargeGap(gap, alert) }
  })
}

/** The mean of the numbers that are there, rounded to a tenth; null when none. */
export function mean(values: (number | null)[]): number | null {
  const there = values.filter((v): v is number => v !== null)
  if (!there.length) return null
  return Math.round((there.reduce((a, b) => a + b, 0) / there.length) * 10) / 10
}

/** The means of both curves and of the gaps, over the stages scored. */
export function curveSummary(points: CurvePoint[]): { customer: number | null; company: number | null; gap: number | null } {
  return { customer: mean(points.map((p) => p.customer)), company: mean(points.map((p) => p.company)), gap: mean(points.map((p) => p.gap)) }
}

/** True when the recall at the top says something. */
export const hasPersona = (value: ExperienceMapValue) => Boolean(value.persona.name.trim() || value.persona.summary.trim())
export const recalledObjectives = (value: ExperienceMapValue) => value.objectives.filter((o) => o.label.trim())

/** The structural problems of a map, in French, for the hints. */
export function experienceProblems(value: ExperienceMapValue, alert: number): string[] {
  const p = EXPERIENCE_LABELS.problems
  const problems: string[] = []
  if (!hasPersona(value)) problems.push(p.noPersona)
  if (!recalledObjectives(value).length) problems.push(p.noObjectives)
  const stages = stagesOf(value)
  const names = (test: (s: Stage) => boolean) => stages.flatMap((s, i) => (test(s) ? [`« ${stageName(s, i)} »`] : []))
  const noTouchpoints = names((s) => !s.touchpoints.trim())
  if (noTouchpoints.length) problems.push(p.noTouchpoints(noTouchpoints))
  const noDtf = names((s) => !s.doing.trim() || !s.thinking.trim() || !s.feeling.trim())
  if (noDtf.length) problems.push(p.noDtf(noDtf))
  const noScore = names((s) => s.customer === null || s.company === null)
  if (noScore.length) problems.push(p.noScore(noScore))
  const unexplained = names((s) => isLargeGap(stageGap(s), alert) && !s.gapNote.trim())
  if (unexplained.length) problems.push(p.gapUnexplained(unexplained, alert))
  return problems
}
