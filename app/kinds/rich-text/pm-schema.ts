import { getSchema } from '@tiptap/core'
import { richTextExtensions } from './extensions'

/**
 * The editor's own ProseMirror schema, built from the same extension list as
 * the editor: what it accepts decides what a saved value may hold (check.ts)
 * and how a stored one is repaired before it is shown (sanitize.ts). Needs no DOM.
 */
export const editorSchema = getSchema(richTextExtensions())
