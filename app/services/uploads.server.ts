import fs from 'node:fs'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { getDb, schema } from './db.server'

import { type IMAGE_TYPES, MAX_IMAGE_BYTES } from '~/domain/images'

export { MAX_IMAGE_BYTES }

export function uploadsDir() {
  const dbUrl = process.env.DATABASE_URL ?? './data/atelier.db'
  return path.resolve(process.cwd(), path.dirname(dbUrl.replace(/^file:/, '')), 'uploads')
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

export function saveUpload(dossierId: string, uploaderId: string, bytes: Uint8Array, mime: string) {
  const row = getDb().insert(schema.uploads).values({ dossierId, uploaderId, mime, size: bytes.byteLength }).returning().get()
  fs.mkdirSync(uploadsDir(), { recursive: true })
  fs.writeFileSync(path.join(uploadsDir(), row.id), bytes)
  return row
}

export function findUpload(id: string) {
  return getDb().select().from(schema.uploads).where(eq(schema.uploads.id, id)).get()
}

export function readUpload(id: string): Buffer | null {
  const file = path.join(uploadsDir(), id)
  return fs.existsSync(file) ? fs.readFileSync(file) : null
}
