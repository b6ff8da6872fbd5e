import type { Node as PMNode } from '@tiptap/pm/model'
import { escapeHTML, renderJSONContentToString } from '@tiptap/static-renderer/json/html-string'
import { domOutputSpecToHTMLString, renderToElement, serializeChildrenToHTMLString } from '@tiptap/static-renderer/pm/html-string'
import { richTextExtensions } from './extensions'
import { RICH_TEXT_LABELS } from './labels'
import { editorSchema } from './pm-schema'
import { richTextToPlain } from './rich-text'
import { sanitizeNode } from './sanitize'

type Render = (ctx: { content: PMNode }) => string
let cachedRender: Render | undefined

/**
 * The static renderer of the editor's extensions, built once. `renderToHTMLString`
 * does what this does (same mappings for doc and text) but rebuilds the node
 * and mark mappings on every call, about 2 ms a section: a jury copy or a
 * print page renders dozens.
 */
function render(): Render {
  if (!cachedRender)
    renderToElement<string>({
      renderer: (options) => (cachedRender = renderJSONContentToString(options as never) as unknown as Render),
      domOutputSpecToElement: domOutputSpecToHTMLString,
      mapDefinedTypes: {
        doc: ({ children }) => serializeChildrenToHTMLString(children),
        text: ({ node }) => escapeHTML(node.text ?? ''),
      },
      content: editorSchema.topNodeType.createAndFill()!,
      extensions: richTextExtensions(),
    })
  return cachedRender!
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** The text without its layout, when it cannot be rendered: one paragraph per line, after a notice. */
export function plainHtml(doc: unknown): string {
  let text = ''
  try {
    text = richTextToPlain(doc as never)
  } catch {
    // Nothing readable: the notice alone.
  }
  const lines = text.split('\n').filter((l) => l.trim())
  return [`<p class="card__muted">${escape(RICH_TEXT_LABELS.plainFallback)}</p>`, ...lines.map((l) => `<p>${escape(l)}</p>`)].join('')
}

/**
 * Stored rich-text JSON as HTML, rendered on the server with the editor's own
 * schema (text and attributes escaped by the renderer). The stored value is
 * sanitised first (values saved before the checks may be malformed), and a
 * value that still cannot be rendered is shown as plain text: a page never
 * fails because of a section's content. Read-only pages use it so they ship
 * no editor code.
 */
export function richTextHtml(doc: unknown): string {
  try {
    return render()({ content: sanitizeNode(doc) })
  } catch {
    return plainHtml(doc)
  }
}
