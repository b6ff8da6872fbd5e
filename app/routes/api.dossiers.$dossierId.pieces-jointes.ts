import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { ATTACHMENT_TOO_LARGE, MAX_ATTACHMENT_BYTES } from '~/domain/attachments'
import { requireDossierAccess } from '~/services/dossier-access.server'
import { saveAttachment, sniffAttachment } from '~/services/uploads.server'

const error = (status: number, message: string) => Response.json({ error: message }, { status })

export async function loader(_: LoaderFunctionArgs) {
  return error(405, 'Utilisez POST pour joindre un fichier.')
}

/**
 * An evidence file joined to a table of the dossier (issue 15 §4): PDF, image
 * or office document, 10 MB at most, its type read from its bytes. Answers
 * what the cell stores: `{ src, name, mime, size }`.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, dossier } = await requireDossierAccess(request, params.dossierId, 'update')
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    return error(400, 'Envoi illisible\u00a0: choisissez à nouveau le fichier.')
  }
  const file = form.get('file')
  if (!(file instanceof File) || file.size === 0) return error(400, 'Aucun fichier reçu, ou un fichier vide.')
  if (file.size > MAX_ATTACHMENT_BYTES) return error(413, ATTACHMENT_TOO_LARGE)
  const bytes = new Uint8Array(await file.arrayBuffer())
  const sniffed = await sniffAttachment(bytes)
  if ('error' in sniffed) return error(400, sniffed.error)
  return Response.json(await saveAttachment(dossier.id, user.id, bytes, { ...sniffed, name: file.name }), { status: 201 })
}
