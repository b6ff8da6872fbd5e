import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireDossierAccess } from '~/services/dossier-access.server'
import { dossierDownload } from '~/services/exports/dossier-exports.server'

/** The dossier's structured parts as an Excel workbook (`?section=<id>`: that section only). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireDossierAccess(request, params.dossierId, 'export')
  return await dossierDownload(access, 'xlsx', new URL(request.url).searchParams.get('section'))
}
