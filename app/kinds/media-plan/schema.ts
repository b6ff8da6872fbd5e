import { z } from 'zod'
import { isoDate, rowId, text as label } from '../atoms'
import { DEFAULT_MEDIA_TYPES, DEFAULT_PHASE_NATURES, LIMITS } from './labels'
import { MARRONNIER_IDS } from './marronniers-data'

/**
 * Media plan (C10.1): the media retained, their waves (dates, budget,
 * format, objective) on a yearly calendar with the commercial phases the
 * learner names and the French marronniers she chooses to show.
 */

export const configSchema = z.object({
  kind: z.literal('mediaPlan'),
  /** The types of media offered for each medium. */
  mediaTypes: z.array(label).min(1).default(DEFAULT_MEDIA_TYPES),
  /** The natures offered for each commercial phase. */
  phaseNatures: z.array(label).min(1).default(DEFAULT_PHASE_NATURES),
})
export type MediaPlanConfig = z.infer<typeof configSchema>

const text = (max: number = LIMITS.text) => z.string('un texte est attendu').max(max, `${max.toLocaleString('fr-FR')} caractères au plus`)
const date = isoDate.nullable()

const mediumShape = { id: rowId, name: text(LIMITS.name), type: z.string() }

const waveSchema = z
  .object({
    id: rowId,
    /** The medium the wave runs on (null until chosen). */
    mediumId: rowId.nullable(),
    name: text(LIMITS.name),
    /** The commercial phase the wave serves, if any. */
    phaseId: rowId.nullable(),
    start: date,
    end: date,
    budget: z.number('un montant est attendu').finite().min(0, 'le budget ne peut pas être négatif').max(LIMITS.budget, 'montant trop élevé').nullable(),
    insertions: z
      .number('un nombre est attendu')
      .int('un nombre entier est attendu')
      .min(0, 'le nombre ne peut pas être négatif')
      .max(LIMITS.insertions, `${LIMITS.insertions.toLocaleString('fr-FR')} au plus`)
      .nullable(),
    format: text(),
    objective: text(),
  })
  .strict()

const phaseShape = { id: rowId, name: text(LIMITS.name), nature: z.string(), start: date, end: date, stake: text() }

const shape = (medium: z.ZodType<z.infer<z.ZodObject<typeof mediumShape>>>, phase: z.ZodType<z.infer<z.ZodObject<typeof phaseShape>>>) =>
  z
    .object({
      year: z.number('une année est attendue').int('une année est attendue').min(2000, 'année à partir de 2000').max(2100, 'année jusqu’à 2100').nullable(),
      /** The month the plan's twelve months start with (1: January). */
      firstMonth: z.number().int().min(1, 'mois de 1 à 12').max(12, 'mois de 1 à 12'),
      media: z.array(medium).max(LIMITS.media, `${LIMITS.media} médias au plus`),
      waves: z.array(waveSchema).max(LIMITS.waves, `${LIMITS.waves} vagues au plus`),
      phases: z.array(phase).max(LIMITS.phases, `${LIMITS.phases} phases au plus`),
      marronniers: z.array(z.enum(MARRONNIER_IDS, 'marronnier inconnu')).max(MARRONNIER_IDS.length),
    })
    .strict()

/** The stored value, whatever the template. */
export const valueSchema = shape(z.object(mediumShape).strict(), z.object(phaseShape).strict())
export type MediaPlanValue = z.infer<typeof valueSchema>
export type Medium = MediaPlanValue['media'][number]
export type Wave = MediaPlanValue['waves'][number]
export type Phase = MediaPlanValue['phases'][number]

const oneOf = (options: string[], what: string) =>
  z.union([z.enum(options as [string, ...string[]]), z.literal('')], { error: `${what} inconnu : choisissez parmi ${options.join(', ')}` })

/** The value checked against the template: known media types and phase natures. */
export function valueSchemaFor(config: MediaPlanConfig): z.ZodType<MediaPlanValue> {
  return shape(
    z.object({ ...mediumShape, type: oneOf(config.mediaTypes, 'type de média') }).strict(),
    z.object({ ...phaseShape, nature: oneOf(config.phaseNatures, 'nature de phase') }).strict(),
  )
}
