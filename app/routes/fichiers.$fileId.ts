import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/services/auth.server'
import { authorizeDossier } from '~/services/dossier-access.server'
import { fileHeaders, findUpload, readUpload } from '~/services/uploads.server'

/** An uploaded image or evidence file, for the people who may read its dossier. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const upload = await findUpload(params.fileId ?? '')
  if (!upload) throw new Response('Ce fichier n’existe pas.', { status: 404 })
  await authorizeDossier(user, upload.dossierId, 'read')
  const bytes = readUpload(upload.id)
  if (!bytes) throw new Response('Ce fichier n’existe plus.', { status: 404 })
  return new Response(new Uint8Array(bytes), { headers: fileHeaders(upload.mime, bytes.byteLength, upload.name) })
}
