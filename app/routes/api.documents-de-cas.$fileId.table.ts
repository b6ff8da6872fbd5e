import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/services/auth.server'
import { authorizeCaseFile, CaseMaterialError, caseTableOf } from '~/services/case-materials.server'

const error = (status: number, message: string) => Response.json({ error: message }, { status, headers: { 'Cache-Control': 'private, no-store' } })

/**
 * The first table of a case's CSV or Excel file, as JSON (`CaseTable`), for
 * the import into a table of a dossier: the same readers as the download.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  let file
  try {
    file = await authorizeCaseFile(user, params.fileId ?? '')
  } catch (refusal) {
    if (refusal instanceof Response) return error(refusal.status, await refusal.text())
    throw refusal
  }
  try {
    return Response.json(await caseTableOf(file), { headers: { 'Cache-Control': 'private, no-store' } })
  } catch (failure) {
    if (failure instanceof CaseMaterialError) return error(failure.status, failure.message)
    throw failure
  }
}
