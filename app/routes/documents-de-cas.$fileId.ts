import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/services/auth.server'
import { authorizeCaseFile, readCaseFile } from '~/services/case-materials.server'
import { attachment } from '~/services/exports/response.server'

/**
 * A file of a case's material, as a download: for the admins, and for the
 * learners, tutors and jurors who may see a dossier of its session and
 * épreuve (app/services/case-materials.server.ts mayReadCaseMaterial).
 * Served with its checked type; helmet (server.ts) adds `X-Content-Type-Options: nosniff`
 * to every response, so a browser never guesses another one.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const file = await authorizeCaseFile(user, params.fileId ?? '')
  const bytes = readCaseFile(file)
  if (!bytes) throw new Response('Ce document n’existe plus.', { status: 404 })
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': file.mime,
      'Content-Length': String(bytes.byteLength),
      'Content-Disposition': attachment(file.name),
      // Material may be replaced or withdrawn: the browser asks again each time.
      'Cache-Control': 'private, no-cache',
      ETag: `"${file.sha256}"`,
    },
  })
}
