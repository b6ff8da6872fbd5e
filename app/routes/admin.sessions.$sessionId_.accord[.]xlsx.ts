import type { LoaderFunctionArgs } from '@remix-run/node'
import { sessionAgreement } from '~/services/agreement.server'
import { requirePermission } from '~/services/auth.server'
import { agreementTitle, agreementXlsx } from '~/services/exports/agreement-xlsx.server'
import { fileResponse } from '~/services/exports/response.server'

/** The agreement between jurors as Excel (sheets Critères, Épreuves, Paires, Lecture): admins only, as the page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:examSession:any')
  const report = await sessionAgreement(params.sessionId ?? '')
  if (!report) throw new Response('Cette session d’examen n’existe pas.', { status: 404 })
  return fileResponse(await agreementXlsx(report), agreementTitle(report).replaceAll('/', '-'), 'xlsx')
}
