import { renderToReactElement } from '@tiptap/static-renderer/pm/react'
import { useMemo } from 'react'
import type { RichTextDoc } from '~/domain/rich-text'
import { richTextExtensions } from './rich-text-extensions'

const extensions = richTextExtensions()

/** Read-only rendering of stored rich-text JSON with the editor's own schema (no HTML stored). */
export function RichTextView({ doc }: { doc: RichTextDoc }) {
  const element = useMemo(() => renderToReactElement({ content: doc, extensions }), [doc])
  return <div className="rt-content rt-content--static">{element}</div>
}
