import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/services/auth.server'
import { rosterWorkbook } from '~/services/cohort-import.server'
import { fileResponse } from '~/services/exports/response.server'
import { resultsSession } from '~/services/results-access.server'

/** The learners enrolled in a session, as Excel: admins only, as the page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:examSession:any')
  const session = await resultsSession(params.sessionId ?? '')
  if (!session) throw new Response('Cette session d’examen n’existe pas.', { status: 404 })
  return fileResponse(await rosterWorkbook(session.id), `Inscrits — ${session.name}`.replaceAll('/', '-'), 'xlsx')
}
