const TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  zip: 'application/zip',
} as const

/** « Étude (v2) d’été.pdf » → « etude-v2-d-ete.pdf »: a name every file system and old client takes. */
export function asciiFileName(fileName: string): string {
  const dot = fileName.lastIndexOf('.')
  const slug = (text: string) =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase()
  const extension = dot > 0 ? slug(fileName.slice(dot + 1)) : ''
  const base = slug(dot > 0 ? fileName.slice(0, dot) : fileName) || 'document'
  return extension ? `${base}.${extension}` : base
}

/** A download's header: the ASCII name for old clients, the exact (accented) one for the others (RFC 6266, RFC 5987). */
export function attachment(fileName: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${asciiFileName(fileName)}"; filename*=UTF-8''${encoded}`
}

/** A generated file as a download, never cached. */
export function fileResponse(buffer: Buffer, title: string, extension: keyof typeof TYPES): Response {
  return new Response(new Uint8Array(buffer), {
    headers: {
      'Content-Type': TYPES[extension],
      'Content-Length': String(buffer.byteLength),
      'Content-Disposition': attachment(`${title}.${extension}`),
      'Cache-Control': 'private, no-store',
    },
  })
}
