import { z } from 'zod'
import { GRADE_PARTS } from '~/domain/grading'

/**
 * The writes of the jury API (`POST /api/jury/:assignmentId`), server only:
 * zod stays out of the pages' code. Whether a level belongs to the session's
 * scale and a row to the grid is checked by the grading service, which knows
 * them.
 */

export const COMMENT_MAX = 5_000
export const JUSTIFICATION_MIN = 10
export const JUSTIFICATION_MAX = 2_000
export const EVIDENCE_MAX = 50

const nbsp = '\u00a0'
const id = (what: string) =>
  z
    .string({ error: `${what} manquant.` })
    .min(1, `${what} manquant.`)
    .max(200, `${what} invalide.`)
const baseVersion = z
  .number({ error: 'La version de départ est manquante : rechargez la page.' })
  .int('La version de départ est invalide : rechargez la page.')
  .min(0, 'La version de départ est invalide : rechargez la page.')

const EVIDENCE_ERROR = 'Une preuve citée n’a pas pu être lue : citez-la de nouveau.'
const PassageEvidence = z.strictObject({
  kind: z.literal('passage'),
  submissionId: id('Dépôt'),
  sectionId: id('Section'),
  selectors: z
    .tuple([
      z.strictObject({ type: z.literal('TextQuoteSelector'), exact: z.string().min(1).max(20_000), prefix: z.string().max(200), suffix: z.string().max(200) }),
      z.strictObject({ type: z.literal('TextPositionSelector'), start: z.number().int().min(0), end: z.number().int().min(0) }),
    ])
    .refine(([, p]) => p.end > p.start),
})
const ItemEvidence = z.strictObject({
  kind: z.literal('item'),
  submissionId: id('Dépôt'),
  sectionId: id('Section'),
  itemId: id('Élément'),
  label: z.string().max(500),
})
const OneEvidence = z.discriminatedUnion('kind', [PassageEvidence, ItemEvidence])

/**
 * Evidence is checked piece by piece but kept as sent (strict objects: no
 * other key), so that the stored JSON is byte for byte what the grid holds
 * and compares its draft with.
 */
const Evidence = z
  .array(z.unknown(), { error: EVIDENCE_ERROR })
  .max(EVIDENCE_MAX, `Un critère cite ${EVIDENCE_MAX} preuves au plus.`)
  .superRefine((list, ctx) => {
    if (list.some((e) => !OneEvidence.safeParse(e).success)) ctx.addIssue({ code: 'custom', message: EVIDENCE_ERROR })
  })

export const CellOpSchema = z.object({
  op: z.literal('cell'),
  criterionId: id('Critère'),
  part: z.enum(GRADE_PARTS, { error: 'La partie notée doit être l’écrit, l’oral ou le REX.' }),
  learnerId: z.string({ error: 'Candidat·e manquant·e.' }).max(200),
  baseVersion,
  level: z.string({ error: 'Le niveau est invalide.' }).max(100).nullable().optional(),
  // Kept verbatim (the grid compares what it sent with what is stored); shown as plain text.
  comment: z
    .string({ error: 'Le commentaire doit être du texte.' })
    .max(COMMENT_MAX, `Le commentaire est limité à 5${nbsp}000 caractères : raccourcissez-le.`)
    .optional(),
  evidence: Evidence.optional(),
})

export const OverrideOpSchema = z
  .object({
    op: z.literal('override'),
    competencyId: id('Compétence'),
    learnerId: z.string({ error: 'Candidat·e manquant·e.' }).max(200),
    baseVersion,
    result: z.enum(['acquired', 'not-acquired'], { error: 'La décision doit être « Acquise », « Non acquise » ou aucune.' }).nullable(),
    justification: z
      .string({ error: 'La justification doit être du texte.' })
      .trim()
      .max(JUSTIFICATION_MAX, `La justification est limitée à 2${nbsp}000 caractères.`)
      .default(''),
  })
  .refine((o) => o.result === null || o.justification.length >= JUSTIFICATION_MIN, {
    message: `Justifiez la décision du jury (${JUSTIFICATION_MIN} caractères au moins).`,
    path: ['justification'],
  })

export const GridOpSchema = z.discriminatedUnion(
  'op',
  [CellOpSchema, OverrideOpSchema, z.object({ op: z.literal('close') }), z.object({ op: z.literal('reopen') })],
  { error: 'Opération inconnue : enregistrez un critère, une décision, ou closez ou rouvrez la grille.' },
)

export type CellOp = z.infer<typeof CellOpSchema>
export type OverrideOp = z.infer<typeof OverrideOpSchema>
export type GridOpInput = z.infer<typeof GridOpSchema>
