import { z } from 'zod'
import { slug, text } from '../atoms'
import { CHECKLIST_LABELS } from './labels'

/** Points to tick, listed by the template; the learner stores which are done. */

export const configSchema = z.object({
  kind: z.literal('checklist'),
  items: z.array(z.object({ id: slug, label: text })).min(1),
})
export type ChecklistConfig = z.infer<typeof configSchema>
export type ChecklistItem = ChecklistConfig['items'][number]

export const valueSchema = z.object({ checked: z.record(z.string(), z.boolean('oui ou non est attendu')) }).strict()
export type ChecklistValue = z.infer<typeof valueSchema>

/** The value schema of one checklist: only the points its template lists. */
export function valueSchemaFor(config: ChecklistConfig): z.ZodType<ChecklistValue> {
  const known = new Set(config.items.map((i) => i.id))
  return z
    .object({
      checked: z.record(z.string(), z.boolean('oui ou non est attendu')).superRefine((checked, ctx) => {
        for (const id of Object.keys(checked)) {
          if (!known.has(id)) ctx.addIssue({ code: 'custom', message: CHECKLIST_LABELS.unknownItem(id), path: [id] })
        }
      }),
    })
    .strict()
}
