import type { LoaderFunctionArgs } from '@remix-run/node'
import { minutesDownload } from '~/services/exports/deliberation-documents.server'
import { requireResultsOfficer } from '~/services/results-access.server'

/** The minutes of the session's deliberation as Word: for its jury president and admins (403 otherwise). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await requireResultsOfficer(request, params.sessionId)
  return await minutesDownload(session)
}
