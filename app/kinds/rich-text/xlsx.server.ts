import type { XlsxWriter } from '../types.server'

/** A rich text belongs to the Word export only: no sheet of its own. */
export const xlsx: XlsxWriter<'richText'> = null
