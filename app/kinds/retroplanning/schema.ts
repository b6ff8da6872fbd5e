import { z } from 'zod'
import { rowId } from '../atoms'
import { LIMITS, RETRO_LABELS } from './labels'

/** Retroplanning / Gantt (C5.2, C10.2, C12.4): tasks scheduled backwards from a deadline, optionally tracked against actual dates. */

/** Delay thresholds, in working days, from which a task is orange or red. */
export const alertThresholdsSchema = z
  .object({ orange: z.number().int().min(1), rouge: z.number().int().min(1) })
  .refine((t) => t.rouge > t.orange, { message: 'le seuil rouge doit dépasser le seuil orange' })

export const configSchema = z.object({
  kind: z.literal('retroplanning'),
  /** Label of the column that groups tasks (« Action de communication », « Phase »…). */
  groupLabel: z.string().default(RETRO_LABELS.defaultGroup),
  /** Planned vs actual: actual dates, variance and alert level per task. */
  tracking: z.boolean().default(false),
  alerts: alertThresholdsSchema.default({ orange: 1, rouge: 3 }),
})
export type RetroplanningConfig = z.infer<typeof configSchema>
export type AlertThresholds = RetroplanningConfig['alerts']

const date = z.string('une date est attendue').regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format JJ/MM/AAAA')
const text = (max: number = LIMITS.text) => z.string('un texte est attendu').max(max, `${max.toLocaleString('fr-FR')} caractères au plus`)

export const taskSchema = z
  .object({
    id: rowId,
    /** The action or phase the task belongs to (its label is the template's `groupLabel`). */
    group: text(),
    name: text(),
    owner: text(LIMITS.owner),
    stakeholders: text(),
    constraints: text(),
    duration: z
      .number('un nombre de jours ouvrés est attendu')
      .int('un nombre entier de jours ouvrés est attendu')
      .min(0, 'la durée ne peut pas être négative')
      .max(LIMITS.duration, `${LIMITS.duration.toLocaleString('fr-FR')} jours ouvrés au plus`)
      .nullable(),
    dependsOn: z.array(rowId).max(LIMITS.dependencies, `${LIMITS.dependencies} tâches au plus`),
    actualStart: date.nullable(),
    /** Actual finish, or its current estimate. */
    actualFinish: date.nullable(),
  })
  .strict()

/** The stored value: the same shape whatever the template sets (tracking only shows or hides the actual dates). */
export const valueSchema = z
  .object({
    deadline: date.nullable(),
    projectStart: date.nullable(),
    tasks: z.array(taskSchema).max(LIMITS.tasks, `${LIMITS.tasks} tâches au plus`),
  })
  .strict()
export type RetroplanningValue = z.infer<typeof valueSchema>
export type RetroTask = RetroplanningValue['tasks'][number]

/** The value schema does not depend on the template's settings. */
export function valueSchemaFor(_config: RetroplanningConfig): z.ZodType<RetroplanningValue> {
  return valueSchema
}
