import type { LoaderFunctionArgs } from '@remix-run/node'
import { attestationDownload } from '~/services/exports/deliberation-documents.server'
import { requireAttestationAccess } from '~/services/results-access.server'

/**
 * A candidate's attestation of the blocs validated, as Word: for the session's
 * jury president and admins, and for the candidate themselves once the
 * results are published (404 before); never for another learner (403).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await requireAttestationAccess(request, params.sessionId, params.learnerId)
  return await attestationDownload(session, params.learnerId ?? '')
}
