import { z } from 'zod'
import { GRADE_PARTS } from '~/domain/grading'
import { COMMENT_MAX } from './grading-input.server'

/**
 * The writes of the confrontation API (`POST /api/jury/:assignmentId/confrontation`),
 * server only. Whether the cell diverges and the level belongs to the
 * session's scale is checked by the reconciliation service, which knows them.
 */

const nbsp = '\u00a0'
const id = (what: string) =>
  z
    .string({ error: `${what} manquant.` })
    .min(1, `${what} manquant.`)
    .max(200, `${what} invalide.`)

export const AGREED_COMMENT_REQUIRED = 'Expliquez en quelques mots le niveau retenu : le commentaire de la confrontation est obligatoire.'

export const AgreeOpSchema = z.object({
  op: z.literal('agree'),
  criterionId: id('Critère'),
  part: z.enum(GRADE_PARTS, { error: 'La partie notée doit être l’écrit, l’oral ou le REX.' }),
  learnerId: z.string({ error: 'Candidat·e manquant·e.' }).max(200),
  baseVersion: z
    .number({ error: 'La version de départ est manquante : rechargez la page.' })
    .int('La version de départ est invalide : rechargez la page.')
    .min(0, 'La version de départ est invalide : rechargez la page.'),
  level: z.string({ error: 'Choisissez le niveau retenu.' }).min(1, 'Choisissez le niveau retenu.').max(100, 'Le niveau est invalide.'),
  // Shown as plain text; trimmed, required.
  comment: z
    .string({ error: 'Le commentaire doit être du texte.' })
    .trim()
    .min(1, AGREED_COMMENT_REQUIRED)
    .max(COMMENT_MAX, `Le commentaire est limité à 5${nbsp}000 caractères : raccourcissez-le.`),
})

export const ConfrontationOpSchema = z.discriminatedUnion('op', [AgreeOpSchema, z.object({ op: z.literal('close') }), z.object({ op: z.literal('reopen') })], {
  error: 'Opération inconnue : enregistrez un niveau retenu, ou closez ou rouvrez la confrontation.',
})

export type AgreeOp = z.infer<typeof AgreeOpSchema>
export type ConfrontationOpInput = z.infer<typeof ConfrontationOpSchema>
