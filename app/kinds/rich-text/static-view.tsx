import { getSchema, type Extensions } from '@tiptap/core'
import { Node, type Mark } from '@tiptap/pm/model'
import { renderJSONContentToReactElement } from '@tiptap/static-renderer/json/react'
import { domOutputSpecToReactElement, renderToElement } from '@tiptap/static-renderer/pm/react'
import { Fragment, createElement, useMemo, type ReactNode } from 'react'
import { richTextExtensions } from './extensions'
import { RICH_TEXT_LABELS } from './labels'
import { richTextToPlain } from './rich-text'
import { sanitize } from './sanitize'

type Render = (doc: Node) => ReactNode

/**
 * A renderer for one extension list, built once: tiptap's static renderer
 * otherwise rebuilds the schema and the node mapping from the extensions on
 * every call, which was most of a dossier page's server time.
 */
function rendererFor(extensions: Extensions): { schema: ReturnType<typeof getSchema>; render: Render } {
  const schema = getSchema(extensions)
  let mapped: ((ctx: { content: Node }) => ReactNode) | null = null
  const render: Render = (doc) => {
    if (mapped) return mapped({ content: doc })
    return renderToElement<ReactNode>({
      // Keeps the renderer tiptap builds from the extensions, and renders with it.
      renderer: (options) => (mapped = renderJSONContentToReactElement<Mark, Node>(options)),
      domOutputSpecToElement: domOutputSpecToReactElement,
      mapDefinedTypes: { doc: ({ children }) => createElement(Fragment, {}, children), text: ({ node }) => node.text ?? '' },
      content: doc,
      extensions,
    })
  }
  return { schema, render }
}

/** The renderers of the last image bases used (one per jury copy): a few, not one per copy ever shown. */
const renderers = new Map<string, ReturnType<typeof rendererFor>>()
const rendererOf = (imageBase: string) => {
  let r = renderers.get(imageBase)
  if (!r) {
    if (renderers.size >= 8) renderers.delete(renderers.keys().next().value!)
    renderers.set(imageBase, (r = rendererFor(imageBase ? richTextExtensions({ imageBase }) : richTextExtensions())))
  }
  return r
}

/** The text without its layout, when it cannot be rendered. */
function PlainText({ doc }: { doc: unknown }) {
  let lines: string[] = []
  try {
    lines = richTextToPlain(doc as never)
      .split('\n')
      .filter((l) => l.trim())
  } catch {
    // Nothing readable: the notice alone.
  }
  return (
    <>
      <p className="card__muted">{RICH_TEXT_LABELS.plainFallback}</p>
      {lines.map((l, i) => (
        <p key={i}>{l}</p>
      ))}
    </>
  )
}

/** The stored JSON as React elements, sanitised first; null when it still cannot be rendered. Images under `imageBase` (see extensions.ts). */
export function renderRichText(doc: unknown, imageBase = ''): ReactNode | null {
  try {
    const { schema, render } = rendererOf(imageBase)
    return render(Node.fromJSON(schema, sanitize(doc)))
  } catch {
    return null
  }
}

/**
 * Read-only rendering of stored rich-text JSON with the editor's own schema
 * (no HTML stored), in the browser: conflict views, the editor's first paint.
 * Malformed stored content is repaired (sanitize.ts) or shown as plain text, never thrown.
 */
export function StaticRichText({ doc, imageBase }: { doc: unknown; imageBase?: string }) {
  const element = useMemo(() => renderRichText(doc, imageBase), [doc, imageBase])
  return <div className="rt-content rt-content--static">{element ?? <PlainText doc={doc} />}</div>
}

export default StaticRichText
