import fs from 'node:fs'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { fileTypeFromBuffer } from 'file-type'
import { filesDir, getDb, schema } from './db.server'
import {
  type Attachment,
  attachmentDisplay,
  ATTACHMENT_TYPES,
  type AttachmentExtension,
  attachmentName,
  ATTACHMENTS_ACCEPTED,
  extensionOfMime,
} from '~/domain/attachments'
import { type IMAGE_TYPES, MAX_IMAGE_BYTES } from '~/domain/images'

export { MAX_IMAGE_BYTES }

/** Uploaded files: `uploads/` in the files folder (FILES_DIR, or the database's folder). */
export function uploadsDir() {
  return path.join(filesDir(), 'uploads')
}

/** Checks the first bytes: the declared type must match the file's real signature. */
export function sniffImage(bytes: Uint8Array): (typeof IMAGE_TYPES)[number] | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b)
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png'
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif'
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp'
  return null
}

/**
 * An evidence file's real type, from its bytes (file-type reads the
 * signatures, and inside a zip the parts that make a .docx, .xlsx, .odt…),
 * or a French reason to refuse it. A file renamed .pdf stays what it is.
 */
export async function sniffAttachment(bytes: Uint8Array): Promise<{ ext: AttachmentExtension; mime: string } | { error: string }> {
  if (bytes.byteLength === 0) return { error: 'Ce fichier est vide.' }
  const detected = await fileTypeFromBuffer(bytes)
  const ext = detected && Object.hasOwn(ATTACHMENT_TYPES, detected.ext) ? (detected.ext as AttachmentExtension) : null
  if (ext) return { ext, mime: ATTACHMENT_TYPES[ext].mime }
  if (detected) return { error: `${ATTACHMENTS_ACCEPTED}\u00a0; d’après son contenu, ce fichier est du type «\u00a0${detected.ext}\u00a0».` }
  return { error: `${ATTACHMENTS_ACCEPTED}\u00a0; d’après son contenu, ce fichier n’en est pas un.` }
}

/** Keeps an evidence file of a dossier; what a table cell stores for it. */
export async function saveAttachment(
  dossierId: string,
  uploaderId: string,
  bytes: Uint8Array,
  file: { ext: AttachmentExtension; mime: string; name: string },
): Promise<Attachment> {
  const name = attachmentName(file.name, file.ext)
  const row = await saveUpload(dossierId, uploaderId, bytes, file.mime, name)
  return { src: `/fichiers/${row.id}`, name, mime: row.mime, size: row.size }
}

export async function saveUpload(dossierId: string, uploaderId: string, bytes: Uint8Array, mime: string, name: string | null = null) {
  const row = (await getDb().insert(schema.uploads).values({ dossierId, uploaderId, mime, size: bytes.byteLength, name }).returning())[0]!
  fs.mkdirSync(uploadsDir(), { recursive: true })
  fs.writeFileSync(path.join(uploadsDir(), row.id), bytes)
  return row
}

export async function findUpload(id: string) {
  return (await getDb().select().from(schema.uploads).where(eq(schema.uploads.id, id)))[0]
}

export function readUpload(id: string): Buffer | null {
  const file = path.join(uploadsDir(), id)
  return fs.existsSync(file) ? fs.readFileSync(file) : null
}

/**
 * The headers a stored file is served with: its sniffed type (never guessed
 * again by the browser), images and PDFs shown in the page, office files
 * downloaded under their name (`name` null: « piece-jointe.xlsx », a juror's
 * copy names nobody).
 */
export function fileHeaders(mime: string, size: number, name: string | null): HeadersInit {
  const inline = attachmentDisplay(mime) !== 'download'
  const download = name ?? `piece-jointe.${extensionOfMime(mime) ?? 'bin'}`
  const ascii =
    download
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '_') || 'fichier'
  return {
    'Content-Type': mime,
    'Content-Length': String(size),
    'Cache-Control': 'private, max-age=86400, immutable',
    'X-Content-Type-Options': 'nosniff',
    'Content-Disposition':
      inline && !name ? 'inline' : `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(download)}`,
  }
}
