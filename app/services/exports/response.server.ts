import { exportFileName } from './docx.server'

const TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const

/** A generated file as a download: an ASCII file name for old clients, the accented one for the others. */
export function fileResponse(buffer: Buffer, title: string, extension: keyof typeof TYPES): Response {
  return new Response(new Uint8Array(buffer), {
    headers: {
      'Content-Type': TYPES[extension],
      'Content-Length': String(buffer.byteLength),
      'Content-Disposition': `attachment; filename="${exportFileName(title, extension)}"; filename*=UTF-8''${encodeURIComponent(`${title}.${extension}`)}`,
      'Cache-Control': 'private, no-store',
    },
  })
}
