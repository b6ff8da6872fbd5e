import { z } from 'zod'
import { formatNumber } from '~/domain/format'
import { rowId } from '../atoms'
import { UPLOAD_SRC } from '../rich-text/rich-text'
import { LIMITS, ORALS } from './timing'

/**
 * Preparing an oral (issue 16): the talk's parts (message, time, speakers,
 * notes, visuals), the jury's anticipated questions, and the rehearsals' times.
 */
export const configSchema = z.object({
  kind: z.literal('oralSupport'),
  /** Whose oral: the grand oral of the rapport de compétences, an MSP's collective oral, the serious game's per-candidate presentations. */
  oral: z.enum(ORALS),
  /** The talk's duration, when the référentiel states one (a school may set it later). */
  minutes: z.number().positive().max(600).optional(),
})
export type OralSupportConfig = z.infer<typeof configSchema>

const tooLong = (max: number) => `le texte dépasse ${formatNumber(max)} caractères`
const text = (max: number) => z.string().max(max, tooLong(max))

const visualSchema = z.discriminatedUnion('kind', [
  z
    .object({
      id: rowId,
      kind: z.literal('image'),
      src: z.string().regex(UPLOAD_SRC, 'image inconnue : ajoutez-la de nouveau'),
      alt: text(LIMITS.alt).trim().min(1, 'texte alternatif attendu'),
    })
    .strict(),
  // A section of the same dossier, or of another dossier of the learner's (`dossierId`) with its title in the label.
  z
    .object({ id: rowId, kind: z.literal('section'), sectionId: z.string().max(100), dossierId: z.string().max(64).optional(), label: text(LIMITS.title) })
    .strict(),
])

const partSchema = z
  .object({
    id: rowId,
    title: text(LIMITS.title),
    message: text(LIMITS.message),
    minutes: z
      .number('un nombre est attendu')
      .finite('un nombre est attendu')
      .min(0, 'une durée positive est attendue')
      .max(600, '600 minutes au plus')
      .nullable(),
    /** Learner ids of the group's members who speak in this part. */
    speakers: z.array(z.string().max(64)).max(20),
    notes: text(LIMITS.notes),
    visuals: z.array(visualSchema).max(LIMITS.visuals, `${LIMITS.visuals} supports au plus`),
  })
  .strict()

const questionSchema = z
  .object({
    id: rowId,
    question: text(LIMITS.question),
    answer: text(LIMITS.answer),
    criteria: z.array(z.string().max(30)).max(30),
  })
  .strict()

const rehearsalSchema = z
  .object({
    id: rowId,
    at: z.string().datetime({ offset: true, message: 'date et heure attendues' }),
    seconds: z.number().int().min(0).max(36_000),
    /** Seconds spent on each part, by part id. */
    parts: z.record(z.string(), z.number().int().min(0).max(36_000)),
  })
  .strict()

export const valueSchema = z
  .object({
    parts: z.array(partSchema).max(LIMITS.parts, `${LIMITS.parts} parties au plus`),
    questions: z.array(questionSchema).max(LIMITS.questions, `${LIMITS.questions} questions au plus`),
    /** Newest last. */
    rehearsals: z.array(rehearsalSchema).max(LIMITS.rehearsals, `${LIMITS.rehearsals} répétitions au plus`),
  })
  .strict()
export type OralSupportValue = z.infer<typeof valueSchema>
export type OralPart = OralSupportValue['parts'][number]
export type OralVisual = OralPart['visuals'][number]
export type OralQuestion = OralSupportValue['questions'][number]

export function valueSchemaFor(_config: OralSupportConfig): z.ZodType<OralSupportValue> {
  return valueSchema
}
