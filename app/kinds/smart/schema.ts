import { z } from 'zod'
import { formatNumber } from '~/domain/format'
import { isoDate, rowId } from '../atoms'
import { OBJECTIVE_KINDS } from './labels'
import { LIMITS } from './smart'

/** SMART objectives (C6.2): global and intermediate objectives, checked quality by quality. */
export const configSchema = z.object({
  kind: z.literal('smart'),
})
export type SmartConfig = z.infer<typeof configSchema>

const tooLong = (max: number) => `le texte dépasse ${formatNumber(max)} caractères`
const text = (max: number) => z.string().max(max, tooLong(max))
const num = z.number('un nombre est attendu').finite('un nombre est attendu').nullable()

const objectiveSchema = z
  .object({
    id: rowId,
    label: text(LIMITS.text),
    kind: z.enum(OBJECTIVE_KINDS, 'type attendu : global ou intermédiaire'),
    /** For an intermediate objective: the global one it serves. */
    parentId: rowId.nullable(),
    indicator: text(LIMITS.text),
    baseline: num,
    target: num,
    unit: text(LIMITS.unit),
    deadline: isoDate.nullable(),
    owner: text(LIMITS.owner),
    resources: text(LIMITS.text),
    /** Who it was discussed and agreed with. */
    agreedWith: text(LIMITS.agreedWith),
  })
  .strict()

/** The stored value: the objectives of a section, in reading order. */
export const valueSchema = z.object({ objectives: z.array(objectiveSchema).max(LIMITS.objectives, `${LIMITS.objectives} objectifs au plus`) }).strict()
export type SmartValue = z.infer<typeof valueSchema>
export type Objective = SmartValue['objectives'][number]

/** A SMART section's value schema: the template sets nothing that changes it. */
export function valueSchemaFor(_config: SmartConfig): z.ZodType<SmartValue> {
  return valueSchema
}
