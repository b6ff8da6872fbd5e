import { z } from 'zod'
import { formatNumber } from '~/domain/format'
import { rowId } from '../atoms'
import { LIMITS, SCORE_MAX, SCORE_MIN, EXPERIENCE_LABELS } from './labels'

/**
 * Experience map (C7.1): the persona and the global objectives recalled at
 * the top, the stages of the journey with their touchpoints, « Doing –
 * Thinking – Feeling », the emotion lived by the customer and the one the
 * company imagines (two curves), pain points and opportunities.
 */
export const configSchema = z.object({
  kind: z.literal('experienceMap'),
  /** The gap between the two curves (in points, either way) from which a stage needs an explanation. */
  gapAlert: z
    .number()
    .int()
    .min(1)
    .max(SCORE_MAX - SCORE_MIN)
    .default(2),
})
export type ExperienceMapConfig = z.infer<typeof configSchema>

const tooLong = (max: number) => `le texte dépasse ${formatNumber(max)} caractères`
const str = (max: number) => z.string().max(max, tooLong(max))
const score = z
  .number(EXPERIENCE_LABELS.scoreError)
  .int(EXPERIENCE_LABELS.scoreError)
  .min(SCORE_MIN, EXPERIENCE_LABELS.scoreError)
  .max(SCORE_MAX, EXPERIENCE_LABELS.scoreError)
  .nullable()

const stageSchema = z
  .object({
    id: rowId,
    name: str(LIMITS.name),
    touchpoints: str(LIMITS.touchpoints),
    doing: str(LIMITS.text),
    thinking: str(LIMITS.text),
    feeling: str(LIMITS.text),
    /** The emotion the customer lives at this stage. */
    customer: score,
    /** The emotion the company believes it offers. */
    company: score,
    painPoints: str(LIMITS.text),
    opportunities: str(LIMITS.text),
    /** Why the curves diverge here (expected where they diverge by `gapAlert` or more). */
    gapNote: str(LIMITS.text),
  })
  .strict()

/** A recalled item keeps its text: the map reads the same if the source dossier changes; `sourceId` says where it was picked. */
const personaSchema = z.object({ sourceId: rowId.nullable(), name: str(LIMITS.persona), summary: str(LIMITS.summary) }).strict()
const objectiveSchema = z.object({ id: rowId, sourceId: rowId.nullable(), label: str(LIMITS.objective) }).strict()

export const valueSchema = z
  .object({
    persona: personaSchema,
    objectives: z.array(objectiveSchema).max(LIMITS.objectives, `${LIMITS.objectives} objectifs au plus`),
    stages: z.array(stageSchema).max(LIMITS.stages, `${LIMITS.stages} étapes au plus`),
  })
  .strict()
export type ExperienceMapValue = z.infer<typeof valueSchema>
export type Stage = ExperienceMapValue['stages'][number]
export type RecalledObjective = ExperienceMapValue['objectives'][number]

/** The template sets nothing that changes the value's shape. */
export function valueSchemaFor(_config: ExperienceMapConfig): z.ZodType<ExperienceMapValue> {
  return valueSchema
}
