import { lazy, Suspense } from 'react'
import type { ViewProps } from '../types.browser'

/** The client renderer, loaded only when no server-rendered HTML was given (conflict views). */
const StaticRichText = lazy(() => import('./static-view'))

/**
 * A rich text, read-only. Pages that render it on the server (history,
 * print: html.server.ts) pass `html` and ship no renderer; the others render
 * the stored JSON in the browser.
 */
export default function RichTextView({ value, html }: ViewProps<'richText'>) {
  if (html !== undefined) return <div className="rt-content rt-content--static" dangerouslySetInnerHTML={{ __html: html }} />
  return (
    <Suspense fallback={<div className="rt-content rt-content--static" aria-busy="true" />}>
      <StaticRichText doc={value} />
    </Suspense>
  )
}
