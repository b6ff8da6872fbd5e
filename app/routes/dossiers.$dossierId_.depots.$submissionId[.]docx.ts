import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireDossierAccess } from '~/services/dossier-access.server'
import { snapshotDownload } from '~/services/exports/snapshot-export.server'

/** One hand-in of a dossier (its frozen snapshot, with its fingerprint) as Word: for the learners of the dossier. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireDossierAccess(request, params.dossierId, 'update')
  return await snapshotDownload(access.dossier, params.submissionId ?? '')
}
