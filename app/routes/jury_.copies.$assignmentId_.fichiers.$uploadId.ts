import type { LoaderFunctionArgs } from '@remix-run/node'
import { copyFile, requireAssignment } from '~/services/jury-access.server'
import { fileHeaders } from '~/services/uploads.server'

/**
 * An image or evidence file of a juror's copy, from the frozen snapshot (never
 * the live upload): for the assignment's juror only. Like /fichiers/:id, with
 * no file name: nothing in the response says whose it is.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assignment } = await requireAssignment(request, params.assignmentId)
  const file = await copyFile(assignment, params.uploadId ?? '')
  if (!file) throw new Response('Ce fichier ne fait pas partie de la copie.', { status: 404 })
  return new Response(new Uint8Array(file.bytes), { headers: fileHeaders(file.mime, file.bytes.byteLength, null) })
}
