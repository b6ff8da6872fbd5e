import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireDossierAccess } from '~/services/dossier-access.server'
import { dossierDownload } from '~/services/exports/dossier-exports.server'

/** The dossier as a Word document (`?section=<id>`: that section only). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireDossierAccess(request, params.dossierId, 'export')
  return dossierDownload(access, 'docx', new URL(request.url).searchParams.get('section'))
}
