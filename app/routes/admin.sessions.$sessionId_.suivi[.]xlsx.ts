import type { LoaderFunctionArgs } from '@remix-run/node'
import { requirePermission } from '~/services/auth.server'
import { fileResponse } from '~/services/exports/response.server'
import { filtersOf, followUp, followUpParams, followUpWorkbook } from '~/services/follow-up.server'

/** The follow-up as Excel, with the page's filters and every matching candidate (not one page): admins only, as the page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:examSession:any')
  const data = await followUp(params.sessionId ?? '', filtersOf(followUpParams(new URL(request.url))), { all: true })
  if (!data) throw new Response('Cette session d’examen n’existe pas.', { status: 404 })
  return fileResponse(await followUpWorkbook(data), `Suivi — ${data.session.name}`.replaceAll('/', '-'), 'xlsx')
}
