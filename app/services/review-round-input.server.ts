import { z } from 'zod'
import { REVIEW_MESSAGE_MAX, REVIEW_SUMMARY_MAX } from '~/domain/review-round'

/** The review round forms, shared by the routes and the service (server only: zod stays out of the pages' code). */
export const RequestReviewSchema = z.object({
  message: z.string('Le message doit être du texte.').trim().max(REVIEW_MESSAGE_MAX, 'Le message est limité à 2\u00a0000 caractères.').default(''),
})

export const CloseRoundSchema = z.object({
  summary: z
    .string('Écrivez la synthèse de la relecture.')
    .trim()
    .min(1, 'Écrivez la synthèse de la relecture avant de la clore.')
    .max(REVIEW_SUMMARY_MAX, 'La synthèse est limitée à 5\u00a0000 caractères.'),
})
