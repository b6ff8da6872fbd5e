import { z } from 'zod'

/**
 * Schema of the référentiel data file (templates/referentiel.json).
 * Texts are kept verbatim from the certifier's document; only the PDF's
 * line breaks and hyphenation are mended.
 */

const text = z.string().trim().min(1, 'texte vide')

export const epreuveTypeIdSchema = z.enum(['mise-en-situation', 'serious-game', 'cas-pratique', 'rapport-de-competences'])
export type EpreuveTypeId = z.infer<typeof epreuveTypeIdSchema>

export const criterionSchema = z.object({
  id: z.string().regex(/^C\d{1,2}\.\d-\d{1,2}$/, 'id de critère mal formé'),
  text,
})

export const competencySchema = z.object({
  id: z.string().regex(/^C\d{1,2}\.\d$/, 'id de compétence mal formé'),
  text,
  /** The heading the criteria sit under, e.g. « Qualité du plan de collecte d’informations ». */
  criteriaHeading: text,
  criteria: z.array(criterionSchema).min(1),
})

export const activitySchema = z.object({
  id: z.string().regex(/^A\d{1,2}$/, 'id d’activité mal formé'),
  title: text,
  competencies: z.array(competencySchema).min(1),
})

export const deliverableSchema = z.object({
  part: z.enum(['written', 'oral', 'rex']),
  /** Verbatim, including its label (« Livrables attendus à l’écrit : … »). */
  text,
})

export const evaluationSchema = z.object({
  /** Stable slug, e.g. `msp-a2`, `fiche-veille`. */
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  type: epreuveTypeIdSchema,
  /** Verbatim title of the modality, e.g. « Fiche de compétences « Veille » ». */
  title: text,
  competencyIds: z.array(z.string().regex(/^C\d{1,2}\.\d$/)).min(1),
  /** Verbatim work-mode line, e.g. « Travail écrit + oral collectif ». */
  workMode: text,
  mode: z.enum(['individual', 'group']),
  groupSize: z.object({ min: z.number().int().min(1), max: z.number().int().min(1) }).nullable(),
  parts: z.object({ written: z.boolean(), oral: z.boolean(), rex: z.boolean() }),
  /** Verbatim context paragraph (« A partir de … »). */
  context: text,
  /** Verbatim deliverables; empty when the document lists none. */
  deliverables: z.array(deliverableSchema),
})

export const referentielSchema = z.object({
  title: text,
  level: z.number().int().min(1).max(8),
  certifier: text,
  epreuveTypes: z.array(z.object({ id: epreuveTypeIdSchema, label: text })).length(4),
  activities: z.array(activitySchema).min(1),
  evaluations: z.array(evaluationSchema).min(1),
})

export type Referentiel = z.infer<typeof referentielSchema>
export type Activity = z.infer<typeof activitySchema>
export type Competency = z.infer<typeof competencySchema>
export type Criterion = z.infer<typeof criterionSchema>
export type Evaluation = z.infer<typeof evaluationSchema>
export type Deliverable = z.infer<typeof deliverableSchema>
