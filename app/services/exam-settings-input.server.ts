import { z } from 'zod'
import { COMPETENCY_RULES, GRADING_SCALE_IDS, type CompetencyRule, type GradingScaleId } from '~/domain/grading'
import { parisInstant } from '~/domain/hand-in'
import { referentiel } from './referentiel.server'

/**
 * The forms of an exam session's hand-in and grading settings, shared by the
 * route and the service (server only: zod stays out of the pages' code).
 * Times are Paris wall-clock times, as `<input type="datetime-local">` sends them.
 */

/** The most criteria a competency of the référentiel has: « at least N » beyond it would mean « all ». */
export const MAX_CRITERIA = Math.max(...referentiel.activities.flatMap((a) => a.competencies.map((c) => c.criteria.length)))
export const REASON_MAX = 500
/** The time of an oral the school may set, in whole minutes. */
export const ORAL_MINUTES = { min: 1, max: 240 } as const
export const ORAL_MINUTES_ERROR = `Indiquez la durée de l’oral en minutes entières, de ${ORAL_MINUTES.min} à ${ORAL_MINUTES.max}, ou laissez le champ vide.`

/** A Paris wall-clock time « YYYY-MM-DDTHH:mm » → its instant. */
const parisTime = (missing: string) =>
  z
    .string(missing)
    .trim()
    .min(1, missing)
    .transform((value, ctx) => {
      const instant = parisInstant(value)
      if (!instant) {
        ctx.addIssue({ code: 'custom', message: 'Cette date n’est pas valide\u00a0: saisissez le jour et l’heure (par exemple 15/06/2027 18:00).' })
        return z.NEVER
      }
      return instant
    })

const CUTOFF_BEFORE_DUE = 'La clôture ne peut pas précéder la date limite\u00a0: elle lui est égale (aucun retard accepté) ou postérieure.'

const cutoffNotBeforeDue = <T extends { dueAt: Date; cutoffAt: Date }>(value: T, ctx: z.RefinementCtx) => {
  // Zod runs refinements even when a date failed to parse: compare only two dates.
  if (!(value.dueAt instanceof Date) || !(value.cutoffAt instanceof Date)) return
  if (value.cutoffAt.getTime() < value.dueAt.getTime()) ctx.addIssue({ code: 'custom', path: ['cutoffAt'], message: CUTOFF_BEFORE_DUE })
}

export const GradingFormSchema = z
  .object({
    intent: z.literal('grading'),
    scale: z.enum(GRADING_SCALE_IDS, 'Choisissez une échelle de notation.'),
    rule: z.enum(COMPETENCY_RULES, 'Choisissez une règle d’acquisition des compétences.'),
    min: z.string().trim().optional(),
  })
  .transform((value, ctx): { scale: GradingScaleId; rule: CompetencyRule } => {
    if (value.rule === 'all') return { scale: value.scale, rule: { rule: 'all' } }
    const min = value.min && /^\d{1,3}$/.test(value.min) ? Number(value.min) : NaN
    if (!Number.isInteger(min) || min < 1 || min > MAX_CRITERIA) {
      ctx.addIssue({ code: 'custom', path: ['min'], message: `Indiquez un nombre entier de critères entre 1 et ${MAX_CRITERIA}.` })
      return z.NEVER
    }
    return { scale: value.scale, rule: { rule: 'at-least', min } }
  })

export const InstanceFormSchema = z
  .object({
    intent: z.literal('instance'),
    evaluationId: z.string().min(1).max(64),
    dueAt: parisTime('Indiquez la date limite de dépôt.'),
    cutoffAt: parisTime('Indiquez la date de clôture des dépôts.'),
    anonymous: z.literal('on').optional(),
    doubleMarking: z.literal('on').optional(),
    // Empty: no time set. Sent only by the épreuves with an oral.
    oralMinutes: z
      .string()
      .trim()
      .optional()
      .refine((v) => !v || (/^\d{1,3}$/.test(v) && Number(v) >= ORAL_MINUTES.min && Number(v) <= ORAL_MINUTES.max), ORAL_MINUTES_ERROR),
  })
  .superRefine(cutoffNotBeforeDue)
  .transform((v) => ({
    evaluationId: v.evaluationId,
    dueAt: v.dueAt,
    cutoffAt: v.cutoffAt,
    anonymous: v.anonymous === 'on',
    doubleMarking: v.doubleMarking === 'on',
    oralMinutes: v.oralMinutes ? Number(v.oralMinutes) : null,
  }))

export const ExtensionFormSchema = z
  .object({
    intent: z.literal('extension'),
    evaluationId: z.string().min(1).max(64),
    learner: z
      .string('Choisissez un·e candidat·e dans la liste.')
      .trim()
      .min(1, 'Choisissez un·e candidat·e dans la liste.')
      .max(400, 'Choisissez un·e candidat·e dans la liste.'),
    dueAt: parisTime('Indiquez la nouvelle date limite.'),
    cutoffAt: parisTime('Indiquez la nouvelle date de clôture.'),
    reason: z
      .string('Indiquez le motif du report.')
      .trim()
      .min(1, 'Indiquez le motif du report.')
      .max(REASON_MAX, `Le motif est limité à ${REASON_MAX} caractères.`),
  })
  .superRefine(cutoffNotBeforeDue)

export const RemoveExtensionFormSchema = z.object({
  intent: z.literal('remove-extension'),
  extensionId: z.string().min(1).max(64),
})

/** The extension of an instance's window: its times and reason. */
export type ExtensionInput = { dueAt: Date; cutoffAt: Date; reason: string }
/** `doubleMarking` left out: unchanged (false for a new instance). */
/** `oralMinutes`: undefined keeps the stored time, null clears it. */
export type InstanceInput = { dueAt: Date; cutoffAt: Date; anonymous: boolean; doubleMarking?: boolean; oralMinutes?: number | null }

export { CUTOFF_BEFORE_DUE }
