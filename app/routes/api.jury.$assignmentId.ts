import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/services/auth.server'
import { GridOpSchema } from '~/services/grading-input.server'
import { applyGridOp, GradingError } from '~/services/grading.server'
import { jsonOpAction, jsonRefusal } from '~/services/json-op-action.server'
import { authorizeAssignment } from '~/services/jury-access.server'

/**
 * The jury grid's writes (JSON): a cell, a competency decision, closing and
 * reopening the grid. The juror of the assignment only (403 otherwise, 404
 * for an unknown copy); 400 with a French message for a refused write, 409
 * with the stored value when another tab or juror wrote first.
 */
const NOT_POST = 'Utilisez POST pour enregistrer une note.'

export async function loader(_: LoaderFunctionArgs) {
  return jsonRefusal(405, NOT_POST)
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  if (request.method !== 'POST') return jsonRefusal(405, NOT_POST)
  const assignmentId = params.assignmentId ?? ''
  return await jsonOpAction(request, {
    authorize: async () => await authorizeAssignment(user, assignmentId),
    maxBytes: 200_000,
    tooLarge: 'La demande est trop volumineuse : raccourcissez le commentaire ou citez moins de preuves.',
    schema: GridOpSchema,
    apply: async (op) => await applyGridOp(user, assignmentId, op),
    errorClass: GradingError,
  })
}
