import { formatFileSize } from './format'

/**
 * Evidence files (issue 15 §4): a file of the learner's in a table cell
 * (column type `file`) — an office document they produced, a document they
 * followed up, a production. Its real type is read from its bytes
 * (app/services/uploads.server.ts); images and PDFs show inline. Pure: the
 * table kind, the upload route, the body cap and the exports share it.
 */

/** The largest evidence file (the upload route's body cap is a little above it). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024

/** What a learner may attach, by the extension file-type gives: its served type and its French name. */
export const ATTACHMENT_TYPES = {
  pdf: { mime: 'application/pdf', label: 'PDF' },
  png: { mime: 'image/png', label: 'Image PNG' },
  jpg: { mime: 'image/jpeg', label: 'Image JPEG' },
  gif: { mime: 'image/gif', label: 'Image GIF' },
  webp: { mime: 'image/webp', label: 'Image WebP' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Document Word' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Classeur Excel' },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', label: 'Présentation PowerPoint' },
  odt: { mime: 'application/vnd.oasis.opendocument.text', label: 'Texte OpenDocument' },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', label: 'Classeur OpenDocument' },
  odp: { mime: 'application/vnd.oasis.opendocument.presentation', label: 'Présentation OpenDocument' },
} as const
export type AttachmentExtension = keyof typeof ATTACHMENT_TYPES
export const ATTACHMENT_MIMES = Object.values(ATTACHMENT_TYPES).map((t) => t.mime) as [string, ...string[]]

/** The `accept` of the file input: extensions a file picker understands. */
export const ATTACHMENT_ACCEPT = Object.keys(ATTACHMENT_TYPES)
  .map((ext) => `.${ext}`)
  .concat('.jpeg')
  .join(',')

export const ATTACHMENTS_ACCEPTED = 'Sont acceptés les PDF, les images (PNG, JPEG, GIF, WebP) et les fichiers Word, Excel, PowerPoint ou OpenDocument'
export const ATTACHMENT_TOO_LARGE = 'Le fichier dépasse 10\u00a0Mo\u00a0: compressez-le (PDF, images) ou scindez-le, puis joignez-le de nouveau.'

/** A file in a table cell: its address (`/fichiers/<upload id>`, frozen with a hand-in like an image), its name, type and size. */
export type Attachment = { src: string; name: string; mime: string; size: number }

export const ATTACHMENT_SRC = /^\/fichiers\/[0-9a-f-]{36}$/

/** True for a stored attachment (a table cell holds text, a number or one of these). */
export function isAttachment(v: unknown): v is Attachment {
  return typeof v === 'object' && v !== null && typeof (v as Attachment).src === 'string' && typeof (v as Attachment).name === 'string'
}

const typeOf = (mime: string) => Object.values(ATTACHMENT_TYPES).find((t) => t.mime === mime)
export const extensionOfMime = (mime: string): AttachmentExtension | null =>
  (Object.keys(ATTACHMENT_TYPES) as AttachmentExtension[]).find((ext) => ATTACHMENT_TYPES[ext].mime === mime) ?? null

/** « PDF », « Classeur Excel »: the kind of file, in French. */
export const attachmentTypeLabel = (mime: string) => typeOf(mime)?.label ?? 'Fichier'

/** How a file shows: an image inline, a PDF in a viewer, anything else as a download. */
export function attachmentDisplay(mime: string): 'image' | 'pdf' | 'download' {
  if (mime.startsWith('image/')) return 'image'
  return mime === 'application/pdf' ? 'pdf' : 'download'
}

/** « PDF, 120 Ko »: what the file is, beside its name. */
export const attachmentDetails = (a: Pick<Attachment, 'mime' | 'size'>) => `${attachmentTypeLabel(a.mime)}, ${formatFileSize(a.size)}`

/** « bilan.xlsx (Classeur Excel, 12 Ko) »: a file as one line of text (tables, Word, Excel, diffs). */
export const attachmentText = (a: Attachment) => `${a.name} (${attachmentDetails(a)})`

/** The name a file is kept under: the learner's, cleaned, with the extension of its real type. */
export function attachmentName(name: string, ext: AttachmentExtension): string {
  const clean = name
    .replace(/[\\/]/g, '_')
    // eslint-disable-next-line no-control-regex -- control characters never belong in a file name
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
  const current = /\.([A-Za-z0-9]{1,5})$/.exec(clean)?.[1] ?? null
  const same = current !== null && (current.toLowerCase() === ext || (ext === 'jpg' && current.toLowerCase() === 'jpeg'))
  const base = (current ? clean.slice(0, -(current.length + 1)) : clean).trim().slice(0, 150) || 'fichier'
  return same ? `${base}.${current}` : `${base}.${ext}`
}

/**
 * A value with the names of its attachments replaced by « Pièce jointe 1
 * (PDF) »…: for an anonymous copy, whose juror must not read a candidate's
 * name in a file name. Every other part of the value is kept.
 */
export function withoutAttachmentNames<T>(value: T): T {
  let n = 0
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk)
    if (isAttachment(v)) {
      n += 1
      const ext = extensionOfMime(v.mime) ?? 'bin'
      return { ...v, name: `piece-jointe-${n}.${ext}` }
    }
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
    return v
  }
  return walk(value) as T
}
