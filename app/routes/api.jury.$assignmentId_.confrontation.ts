import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/services/auth.server'
import { jsonOpAction, jsonRefusal } from '~/services/json-op-action.server'
import { authorizeAssignment } from '~/services/jury-access.server'
import { ConfrontationOpSchema } from '~/services/reconciliation-input.server'
import { applyConfrontationOp, ReconciliationError } from '~/services/reconciliation.server'

/**
 * The confrontation's writes (JSON), as /api/jury/:assignmentId for the grid:
 * an agreed level, closing and reopening the confrontation. One of the two
 * jurors of a double-marked copy, on their own assignment (403 otherwise, 404
 * for an unknown copy or one not double-marked); only the lead juror writes
 * (403 for the other); 400 with a French message for a refused write, 409
 * with the stored value when another tab wrote first.
 */
const NOT_POST = 'Utilisez POST pour enregistrer un niveau retenu.'

export async function loader(_: LoaderFunctionArgs) {
  return jsonRefusal(405, NOT_POST)
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  if (request.method !== 'POST') return jsonRefusal(405, NOT_POST)
  const assignmentId = params.assignmentId ?? ''
  return await jsonOpAction(request, {
    authorize: async () => await authorizeAssignment(user, assignmentId),
    maxBytes: 20_000,
    tooLarge: 'La demande est trop volumineuse : raccourcissez le commentaire.',
    schema: ConfrontationOpSchema,
    apply: async (op) => await applyConfrontationOp(user, assignmentId, op),
    errorClass: ReconciliationError,
  })
}
