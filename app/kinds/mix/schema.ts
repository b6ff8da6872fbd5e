import { z } from 'zod'
import { option } from '../atoms'
import { DEFAULT_FOUR_P, DEFAULT_MIX_EXTENSIONS, E_IDS, FOUR_E, type EId } from './labels'

/** Marketing mix (C3.3): the 4P with sub-parts, extensions up to 10P, then the 4E linked to the P they transform. */

export const configSchema = z.object({
  kind: z.literal('mix'),
  fourP: z
    .array(option.extend({ parts: z.array(option).min(1) }))
    .length(4)
    .default(DEFAULT_FOUR_P),
  /** The list the learner picks extensions from (up to `maxExtensions`). */
  extensions: z.array(option).min(1).default(DEFAULT_MIX_EXTENSIONS),
  maxExtensions: z.number().int().min(1).max(6).default(6),
})
export type MixConfig = z.infer<typeof configSchema>
export type MixOption = { id: string; label: string }

const MAX_TEXT = 5_000
const text = z.string().max(MAX_TEXT, `le texte dépasse ${MAX_TEXT.toLocaleString('fr-FR')} caractères`)

const eShape = {
  proposal: text,
  illustration: text,
  personalisation: text,
  links: z.array(z.string()),
}
const extensionShape = { id: z.string(), content: text, context: text }
const eValue = z.object(eShape).strict()

/** The stored value, whatever the template: P id → sub-part id → text; the extensions picked, in order; the 4E. */
export const valueSchema = z
  .object({
    p: z.record(z.string(), z.record(z.string(), text.optional()).optional()),
    extensions: z.array(z.object(extensionShape).strict()),
    e: z
      .object({
        emotion: eValue.optional(),
        experience: eValue.optional(),
        exclusivite: eValue.optional(),
        engagement: eValue.optional(),
      })
      .strict(),
  })
  .strict()
export type MixValue = z.infer<typeof valueSchema>
export type MixExtension = MixValue['extensions'][number]
export type MixE = NonNullable<MixValue['e'][EId]>

/** Fails to compile when the stored 4E and FOUR_E (labels.ts) disagree. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const sameE: Same<keyof MixValue['e'], EId> = true
void sameE

/** The value checked against the template: known P, sub-parts and extensions, 10P at most, each extension once, links to known P. */
export function valueSchemaFor(config: MixConfig): z.ZodType<MixValue> {
  const extensionIds = config.extensions.map((x) => x.id) as [string, ...string[]]
  const itemIds = [...config.fourP.map((p) => p.id), ...extensionIds] as [string, ...string[]]
  const unknownKeys = (message: string) => ({
    error: (issue: { code?: string }) => (issue.code === 'unrecognized_keys' ? message : undefined),
  })
  const p = z.strictObject(
    Object.fromEntries(
      config.fourP.map((fp) => [
        fp.id,
        z
          .partialRecord(
            z.enum(fp.parts.map((part) => part.id) as [string, ...string[]]),
            text,
            unknownKeys(`sous-partie inconnue du P « ${fp.label} » : ${fp.parts.map((part) => part.label).join(', ')} sont attendues`),
          )
          .optional(),
      ]),
    ),
    unknownKeys(`P inconnu : ${config.fourP.map((fp) => fp.label).join(', ')} sont attendus`),
  )
  const e = z
    .object({
      ...eShape,
      links: z.array(z.enum(itemIds, 'lien vers un P qui n’est pas dans le mix')).max(itemIds.length, `${itemIds.length} liens au plus`),
    })
    .strict()
  return z
    .object({
      p,
      extensions: z
        .array(
          z
            .object({
              ...extensionShape,
              id: z.enum(extensionIds, `extension inconnue : choisissez parmi ${config.extensions.map((x) => x.label).join(', ')}`),
            })
            .strict(),
        )
        .max(config.maxExtensions, `${config.maxExtensions} extensions au plus (${4 + config.maxExtensions}P)`)
        .refine((xs) => new Set(xs.map((x) => x.id)).size === xs.length, 'extension choisie deux fois'),
      e: z.strictObject(
        Object.fromEntries(E_IDS.map((id) => [id, e.optional()])),
        unknownKeys(`E inconnu : ${FOUR_E.map((x) => x.label).join(', ')} sont attendus`),
      ),
    })
    .strict()
}
