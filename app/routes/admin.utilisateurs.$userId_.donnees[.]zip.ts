import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/services/auth.server'
import { DataProtectionError, learnerExport } from '~/services/data-protection.server'
import { fileResponse } from '~/services/exports/response.server'

/**
 * Everything the app holds about one learner, as a zip (donnees.json, their
 * files, a README): admins only; written to the audit log. An unknown account
 * is 404; an account that is not a learner's, or is anonymised, 409.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, 'read:user:any')
  try {
    const { zip, title } = await learnerExport(admin, params.userId ?? '')
    return fileResponse(zip, title, 'zip')
  } catch (error) {
    if (error instanceof DataProtectionError) throw new Response(error.message, { status: error.status })
    throw error
  }
}
