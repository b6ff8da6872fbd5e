import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { requireDossierAccess } from '~/services/dossier-access.server'
import { MAX_IMAGE_BYTES, saveUpload, sniffImage } from '~/services/uploads.server'

const error = (status: number, message: string) => Response.json({ error: message }, { status })

export async function loader(_: LoaderFunctionArgs) {
  return error(405, 'Utilisez POST pour envoyer une image.')
}

/** Image upload into a dossier (PNG, JPEG, WebP, GIF; 2 MB). SVG is refused: it can carry scripts. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, dossier } = await requireDossierAccess(request, params.dossierId, 'update')
  if (Number(request.headers.get('Content-Length') ?? 0) > MAX_IMAGE_BYTES + 64 * 1024) {
    return error(413, 'L’image dépasse 2 Mo : réduisez-la avant de l’insérer.')
  }
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    return error(400, 'Envoi illisible : choisissez à nouveau l’image.')
  }
  const file = form.get('image')
  if (!(file instanceof File) || file.size === 0) return error(400, 'Aucune image reçue.')
  if (file.size > MAX_IMAGE_BYTES) return error(413, 'L’image dépasse 2 Mo : réduisez-la avant de l’insérer.')
  const bytes = new Uint8Array(await file.arrayBuffer())
  const mime = sniffImage(bytes)
  if (!mime) return error(400, 'Ce format n’est pas accepté : PNG, JPEG, WebP ou GIF.')
  const upload = await saveUpload(dossier.id, user.id, bytes, mime)
  return Response.json({ src: `/fichiers/${upload.id}` }, { status: 201 })
}
