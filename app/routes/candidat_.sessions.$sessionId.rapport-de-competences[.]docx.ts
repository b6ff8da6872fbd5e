import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/services/auth.server'
import { rapportDownload } from '~/services/exports/dossier-exports.server'

/** The learner's whole rapport de compétences for one session, as one Word document. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:dossier:own')
  return await rapportDownload(user, params.sessionId ?? '')
}
