import { z } from 'zod'
import { formatNumber } from '~/domain/format'
import { rowId } from '../atoms'
import { UPLOAD_SRC } from '../rich-text/rich-text'
import { LIMITS } from './persona'

/** Personae « portrait-robot » (C3.2): profiling fields, media consumption, inclusion notes, avatar. */
export const configSchema = z.object({
  kind: z.literal('persona'),
})
export type PersonaConfig = z.infer<typeof configSchema>

const tooLong = (max: number) => `le texte dépasse ${formatNumber(max)} caractères`
const text = z.string().max(LIMITS.text, tooLong(LIMITS.text))

const mediaSchema = z
  .object({
    id: rowId,
    channel: z.string().max(LIMITS.channel, tooLong(LIMITS.channel)),
    intensity: z.union([z.literal(1), z.literal(2), z.literal(3)], 'intensité attendue : faible, moyenne ou forte').nullable(),
  })
  .strict()

const personaSchema = z
  .object({
    id: rowId,
    firstName: z.string().max(LIMITS.firstName, tooLong(LIMITS.firstName)),
    age: z
      .number('un âge en années est attendu')
      .int('un âge en années entières est attendu')
      .min(0, 'l’âge ne peut être négatif')
      .max(120, 'l’âge dépasse 120 ans')
      .nullable(),
    location: text,
    csp: text,
    family: text,
    tastes: text,
    habits: text,
    brands: text,
    media: z.array(mediaSchema).max(LIMITS.media, `${LIMITS.media} canaux au plus`),
    needs: text,
    frustrations: text,
    quote: z.string().max(LIMITS.quote, tooLong(LIMITS.quote)),
    inclusion: text,
    avatar: z
      .object({
        src: z.string().regex(UPLOAD_SRC, 'image inconnue : ajoutez-la de nouveau'),
        alt: z.string().max(LIMITS.alt, tooLong(LIMITS.alt)),
      })
      .strict()
      .nullable(),
  })
  .strict()

/** The stored value: the personae of a section, in reading order. */
export const valueSchema = z.object({ personas: z.array(personaSchema).max(LIMITS.personas, `${LIMITS.personas} personae au plus`) }).strict()
export type PersonaValue = z.infer<typeof valueSchema>
export type Persona = PersonaValue['personas'][number]
export type MediaUse = Persona['media'][number]

/** A persona section's value schema: the template sets nothing that changes it. */
export function valueSchemaFor(_config: PersonaConfig): z.ZodType<PersonaValue> {
  return valueSchema
}
