import { z } from 'zod'
import { formatNumber } from '~/domain/format'
import { rowId, text } from '../atoms'
import { DEFAULT_FUNNEL_STAGES, FUNNEL_LIMITS as LIMITS } from './labels'

/**
 * Lead funnel (C6.3-2): stages from reach to customers, a conversion rate
 * between each, computed backwards from a target and forwards from the volume planned.
 */

export const configSchema = z.object({
  kind: z.literal('leadFunnel'),
  /** The stages a new funnel starts with, from reach to customers. */
  stages: z.array(text).min(2).max(LIMITS.stages).default(DEFAULT_FUNNEL_STAGES),
})
export type LeadFunnelConfig = z.infer<typeof configSchema>

const volume = z
  .number('un nombre est attendu')
  .int('un nombre entier est attendu')
  .min(0, 'le volume ne peut être négatif')
  .max(LIMITS.volume, `le volume dépasse ${formatNumber(LIMITS.volume)}`)
  .nullable()

const stageSchema = z
  .object({
    id: rowId,
    name: z.string().max(LIMITS.name, `le nom de l’étape dépasse ${LIMITS.name} caractères`),
    /** Percent of the previous stage that reaches this one (25 = 25 %); the first stage has none. */
    rate: z
      .number('un nombre est attendu')
      .finite('un nombre fini est attendu')
      .min(0, 'le taux ne peut être négatif')
      .max(LIMITS.rate, `le taux dépasse ${formatNumber(LIMITS.rate)}\u00a0%`)
      .nullable(),
    /** Where the rate comes from (history, sector average, assumption). */
    source: z.string().max(LIMITS.source, `l’origine du taux dépasse ${LIMITS.source} caractères`),
  })
  .strict()

/** The stored value, whatever the template. */
export const valueSchema = z
  .object({
    stages: z.array(stageSchema).max(LIMITS.stages, `${LIMITS.stages} étapes au plus`),
    /** The learner's SMART objective the target comes from (its target is copied into `target`, which the learner may correct). */
    objectiveId: rowId.nullable(),
    /** The volume aimed at at the target stage. */
    target: volume,
    /** The stage the target counts (null: the last stage). */
    targetStageId: rowId.nullable(),
    /** The volume the action plan brings to the first stage. */
    planned: volume,
  })
  .strict()
export type LeadFunnelValue = z.infer<typeof valueSchema>
export type FunnelStage = LeadFunnelValue['stages'][number]

/** A funnel's value schema: the template's stages are only where a new funnel starts. */
export function valueSchemaFor(_config: LeadFunnelConfig): z.ZodType<LeadFunnelValue> {
  return valueSchema.refine((v) => v.targetStageId === null || v.stages.some((s) => s.id === v.targetStageId), {
    message: 'l’étape de la cible n’existe pas',
    path: ['targetStageId'],
  })
}
