/**
 * Rich-text values: the editor's ProseMirror JSON, restricted to the nodes
 * and marks the editor offers (validated by rich-text.schema.ts). Never HTML.
 * This module stays free of zod: it is used in the browser too.
 */
export const RICH_TEXT_NODES = [
  'doc',
  'paragraph',
  'text',
  'heading',
  'bulletList',
  'orderedList',
  'listItem',
  'blockquote',
  'hardBreak',
  'horizontalRule',
  'table',
  'tableRow',
  'tableHeader',
  'tableCell',
  'image',
] as const
export const RICH_TEXT_MARKS = ['bold', 'italic', 'underline', 'strike', 'link'] as const

/** Link targets the editor accepts. */
export const SAFE_URL = /^(https?:\/\/|mailto:)[^\s]+$/i
/** Images can only come from the app's own uploads. */
export const UPLOAD_SRC = /^\/fichiers\/[0-9a-f-]{36}$/

export type RichTextMark = { type: (typeof RICH_TEXT_MARKS)[number]; attrs?: Record<string, unknown> }
export type RichTextNode = {
  type: (typeof RICH_TEXT_NODES)[number]
  attrs?: Record<string, unknown>
  content?: RichTextNode[]
  text?: string
  marks?: RichTextMark[]
}
export type RichTextDoc = { type: 'doc'; content?: RichTextNode[] }

export const EMPTY_DOC: RichTextDoc = { type: 'doc', content: [{ type: 'paragraph' }] }

function walk(n: RichTextNode, visit: (n: RichTextNode) => void) {
  visit(n)
  for (const c of n.content ?? []) walk(c, visit)
}

/** The plain text of a document, blocks separated by new lines. */
export function richTextToPlain(doc: RichTextDoc): string {
  const out: string[] = []
  const block = (n: RichTextNode): string => {
    if (n.type === 'text') return n.text ?? ''
    if (n.type === 'hardBreak') return '\n'
    if (n.type === 'image') return typeof n.attrs?.alt === 'string' ? `[${n.attrs.alt}]` : ''
    return (n.content ?? []).map(block).join(n.type === 'tableRow' ? ' | ' : '')
  }
  const visitBlocks = (nodes: RichTextNode[]) => {
    for (const n of nodes) {
      if (['bulletList', 'orderedList', 'blockquote', 'table', 'listItem'].includes(n.type)) visitBlocks(n.content ?? [])
      else out.push(block(n))
    }
  }
  visitBlocks(doc.content ?? [])
  return out.filter((s) => s.trim()).join('\n')
}

export function wordCount(doc: RichTextDoc): number {
  return richTextToPlain(doc)
    .split(/[\s\u00a0\u202f]+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length
}

/** Images without a text alternative (alt is required for accessibility). */
export function imagesWithoutAlt(doc: RichTextDoc): number {
  let n = 0
  for (const c of doc.content ?? []) {
    walk(c, (x) => {
      if (x.type === 'image' && !(typeof x.attrs?.alt === 'string' && x.attrs.alt.trim())) n++
    })
  }
  return n
}
