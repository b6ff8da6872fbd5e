import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireDossierAccess } from '~/services/dossier-access.server'
import { dossierDownload } from '~/services/exports/dossier-exports.server'

/**
 * The dossier as a Word document (`?section=<id>`: that section only;
 * `?commentaires=1`: with the comment threads as Word comments, for the learners and tutors of the dossier).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireDossierAccess(request, params.dossierId, 'export')
  const query = new URL(request.url).searchParams
  return await dossierDownload(access, 'docx', query.get('section'), { comments: query.get('commentaires') === '1' })
}
