import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string'
import { richTextExtensions } from '~/components/fields/rich-text-extensions'
import type { RichTextDoc } from '~/domain/rich-text'

const extensions = richTextExtensions()

/**
 * Stored rich-text JSON as HTML, rendered on the server with the editor's own
 * schema (text and attributes escaped by the renderer; the JSON was validated
 * when saved). Read-only pages use it so they ship no editor code.
 */
export function richTextHtml(doc: RichTextDoc): string {
  return renderToHTMLString({ content: doc, extensions })
}
