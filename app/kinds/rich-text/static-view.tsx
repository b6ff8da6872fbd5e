import { renderToReactElement } from '@tiptap/static-renderer/pm/react'
import { useMemo, type ReactNode } from 'react'
import { richTextExtensions } from './extensions'
import { RICH_TEXT_LABELS } from './labels'
import { richTextToPlain } from './rich-text'
import { sanitize } from './sanitize'

const defaultExtensions = richTextExtensions()

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
    return renderToReactElement({ content: sanitize(doc), extensions: imageBase ? richTextExtensions({ imageBase }) : defaultExtensions })
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
