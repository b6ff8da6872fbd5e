import { type Attachment, ATTACHMENT_TOO_LARGE, MAX_ATTACHMENT_BYTES } from '~/domain/attachments'
import { IMAGE_TYPES, MAX_IMAGE_BYTES } from '~/domain/images'

export { IMAGE_TYPES }

/** Checks and uploads an image into a dossier; returns its address or a French error. */
export async function uploadImage(url: string, file: File | null): Promise<{ src: string } | { error: string }> {
  if (!file) return { error: 'Choisissez une image (PNG, JPEG, WebP ou GIF).' }
  if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) return { error: 'Ce format n’est pas accepté : PNG, JPEG, WebP ou GIF.' }
  if (file.size > MAX_IMAGE_BYTES) return { error: 'L’image dépasse 2 Mo : réduisez-la avant de l’insérer.' }
  try {
    const body = new FormData()
    body.set('image', file)
    const res = await fetch(url, { method: 'POST', body })
    const json = (await res.json().catch(() => ({}))) as { src?: string; error?: string }
    return res.ok && json.src ? { src: json.src } : { error: json.error ?? 'L’image n’a pas pu être envoyée. Réessayez.' }
  } catch {
    return { error: 'Connexion impossible : l’image n’a pas été envoyée. Réessayez quand vous serez en ligne.' }
  }
}

/** Sends an evidence file (its type is checked by the server, from its bytes); returns what its cell stores or a French error. */
export async function uploadAttachment(url: string, file: File): Promise<{ file: Attachment } | { error: string }> {
  if (file.size === 0) return { error: 'Ce fichier est vide.' }
  if (file.size > MAX_ATTACHMENT_BYTES) return { error: ATTACHMENT_TOO_LARGE }
  try {
    const body = new FormData()
    body.set('file', file)
    const res = await fetch(url, { method: 'POST', body })
    const json = (await res.json().catch(() => ({}))) as Partial<Attachment> & { error?: string }
    if (res.ok && json.src && json.name && json.mime && json.size) return { file: { src: json.src, name: json.name, mime: json.mime, size: json.size } }
    return { error: json.error ?? 'Le fichier n’a pas pu être joint. Réessayez.' }
  } catch {
    return { error: 'Connexion impossible\u00a0: le fichier n’a pas été joint. Réessayez quand vous serez en ligne.' }
  }
}
