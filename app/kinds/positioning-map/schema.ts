import { z } from 'zod'
import { rowId } from '../atoms'
import { DEFAULT_SCALE, MAX_BRANDS, MAX_SHARE, scoreText, type Scale } from './labels'

/**
 * The perceptual / positioning map (C1.3): two named axes with their poles,
 * the company and its competitors placed by a score on each axis, an
 * optional bubble size (market share) and a comment per brand.
 */

const scaleSchema = z
  .object({ min: z.number().int().min(-100), max: z.number().int().max(100) })
  .strict()
  .refine((s) => s.max - s.min >= 2 && s.max - s.min <= 20, {
    message: 'l’échelle va d’une note à une autre, de 2 à 20 points plus haut (ex. −5 à 5, 0 à 10)',
  })

export const configSchema = z.object({
  kind: z.literal('positioningMap'),
  /** The scores each axis takes, e.g. −5 to 5 (default) or 0 to 10; the quadrant lines cross at the middle. */
  scale: scaleSchema.default(DEFAULT_SCALE),
})
export type PositioningMapConfig = z.infer<typeof configSchema>

const AXIS_TEXT = 80
const NAME = 120
const COMMENT = 1_000

const axisSchema = z.object({ name: z.string().max(AXIS_TEXT), low: z.string().max(AXIS_TEXT), high: z.string().max(AXIS_TEXT) }).strict()
const brandSchema = z
  .object({
    id: rowId,
    name: z.string().max(NAME),
    x: z.number().finite().nullable(),
    y: z.number().finite().nullable(),
    /** Market share in percent (12 means 12 %): the bubble's size. */
    size: z.number().finite().nullable(),
    comment: z.string().max(COMMENT),
  })
  .strict()

export const valueSchema = z
  .object({
    x: axisSchema,
    y: axisSchema,
    brands: z.array(brandSchema).max(MAX_BRANDS),
    /** The brand that is « l’entreprise » (one at most; the hints ask for one). */
    companyId: rowId.nullable(),
  })
  .strict()
export type PositioningMapValue = z.infer<typeof valueSchema>
export type Brand = PositioningMapValue['brands'][number]
export type Axis = PositioningMapValue['x']

const axisFor = () =>
  z
    .object({
      name: z.string().max(AXIS_TEXT, `le nom de l’axe dépasse ${AXIS_TEXT} caractères`),
      low: z.string().max(AXIS_TEXT, `le pôle dépasse ${AXIS_TEXT} caractères`),
      high: z.string().max(AXIS_TEXT, `le pôle dépasse ${AXIS_TEXT} caractères`),
    })
    .strict()

const scoreFor = ({ min, max }: Scale) => {
  const message = `la note doit être comprise entre ${scoreText(min)} et ${scoreText(max)}`
  return z.number('un nombre est attendu').finite('un nombre est attendu').min(min, message).max(max, message).nullable()
}

/** The value checked against the map's scale, with French messages. */
export function valueSchemaFor(config: PositioningMapConfig): z.ZodType<PositioningMapValue> {
  const score = scoreFor(config.scale)
  const shareMessage = `la part de marché doit être comprise entre 0 et ${MAX_SHARE}\u00a0%`
  const brand = z
    .object({
      id: rowId,
      name: z.string().max(NAME, `le nom dépasse ${NAME} caractères`),
      x: score,
      y: score,
      size: z.number('un nombre est attendu').finite('un nombre est attendu').min(0, shareMessage).max(MAX_SHARE, shareMessage).nullable(),
      comment: z.string().max(COMMENT, `le commentaire dépasse ${COMMENT} caractères`),
    })
    .strict()
  return z
    .object({
      x: axisFor(),
      y: axisFor(),
      brands: z.array(brand).max(MAX_BRANDS, `${MAX_BRANDS} marques au plus`),
      companyId: rowId.nullable(),
    })
    .strict()
    .superRefine((value, ctx) => {
      const seen = new Set<string>()
      value.brands.forEach((b, i) => {
        if (seen.has(b.id)) ctx.addIssue({ code: 'custom', message: 'marque en double', path: ['brands', i, 'id'] })
        seen.add(b.id)
      })
      if (value.companyId !== null && !seen.has(value.companyId)) {
        ctx.addIssue({ code: 'custom', message: 'l’entreprise doit être l’une des marques de la liste', path: ['companyId'] })
      }
    })
}
