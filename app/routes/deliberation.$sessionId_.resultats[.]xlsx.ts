import type { LoaderFunctionArgs } from '@remix-run/node'
import { resultsGridDownload } from '~/services/exports/deliberation-documents.server'
import { requireResultsOfficer } from '~/services/results-access.server'

/** The session's results grid as Excel: for its jury president and admins (403 otherwise). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await requireResultsOfficer(request, params.sessionId)
  return await resultsGridDownload(session)
}
