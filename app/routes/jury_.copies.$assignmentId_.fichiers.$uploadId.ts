import type { LoaderFunctionArgs } from '@remix-run/node'
import { copyFile, requireAssignment } from '~/services/jury-access.server'

/**
 * An image of a juror's copy, from the frozen snapshot (never the live
 * upload): for the assignment's juror only. Like /fichiers/:id, with no file
 * name: nothing in the response says whose it is.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { assignment } = await requireAssignment(request, params.assignmentId)
  const file = copyFile(assignment, params.uploadId ?? '')
  if (!file) throw new Response('Cette image ne fait pas partie de la copie.', { status: 404 })
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      'Content-Type': file.mime,
      'Content-Length': String(file.bytes.byteLength),
      'Cache-Control': 'private, max-age=86400, immutable',
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': 'inline',
    },
  })
}
