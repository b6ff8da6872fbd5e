import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/services/auth.server'
import { dossierDownload } from '~/services/exports/dossier-exports.server'

/** The dossier's structured parts as an Excel workbook (`?section=<id>`: that section only). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:dossier:own')
  return dossierDownload(user, params.dossierId ?? '', 'xlsx', new URL(request.url).searchParams.get('section'))
}
