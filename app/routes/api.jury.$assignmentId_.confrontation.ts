import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { frenchTypography as ft } from '~/domain/format'
import { requireUser } from '~/services/auth.server'
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
const MAX_BODY_BYTES = 20_000

const json = (status: number, body: Record<string, unknown>) => Response.json(body, { status })
const refusal = (status: number, message: string, extra: Record<string, unknown> = {}) => json(status, { message: ft(message), ...extra })

const tooLarge = () => refusal(413, 'La demande est trop volumineuse : raccourcissez le commentaire.')

export async function loader(_: LoaderFunctionArgs) {
  return refusal(405, 'Utilisez POST pour enregistrer un niveau retenu.')
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  if (request.method !== 'POST') return refusal(405, 'Utilisez POST pour enregistrer un niveau retenu.')
  try {
    // Who may write comes first: a stranger learns nothing from the body's checks.
    authorizeAssignment(user, params.assignmentId ?? '')
    if (Number(request.headers.get('Content-Length') ?? 0) > MAX_BODY_BYTES) return tooLarge()
    const raw = await request.text()
    if (raw.length > MAX_BODY_BYTES) return tooLarge()
    let body: unknown
    try {
      body = JSON.parse(raw)
    } catch {
      return refusal(400, 'La demande n’est pas du JSON valide.')
    }
    const op = ConfrontationOpSchema.safeParse(body)
    if (!op.success) {
      const issues = [...new Set(op.error.issues.map((i) => ft(i.message)))]
      return json(400, { message: issues[0] ?? ft('La demande est incomplète.'), issues })
    }
    return json(200, applyConfrontationOp(user, params.assignmentId ?? '', op.data))
  } catch (error) {
    if (error instanceof ReconciliationError) return refusal(error.status, error.message, error.current)
    if (error instanceof Response && error.status >= 400 && error.status < 500) return refusal(error.status, await error.text())
    throw error
  }
}
