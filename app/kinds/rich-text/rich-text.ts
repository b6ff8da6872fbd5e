import type { RichTextMark, RichTextNode, RichTextValue } from './schema'

/**
 * Rich-text values: the editor's ProseMirror JSON, restricted to the nodes
 * and marks the editor offers (validated by schema.ts against the editor's own
 * schema). Never HTML. This module stays free of zod and of tiptap: it is used
 * by the kind's definition, in every page.
 *
 * Stored documents are read defensively: a value saved before the checks
 * existed may be malformed (empty text, nodes out of place, deep nesting), so
 * the walkers below are iterative and never throw.
 */
export type { RichTextMark, RichTextNode }
export type RichTextDoc = RichTextValue

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

/** A web address as typed (« www.exemple.fr ») made into one the server accepts (« https://www.exemple.fr »). */
export function completeUrl(typed: string): string {
  const url = typed.trim()
  if (url === '' || SAFE_URL.test(url)) return url
  if (/^[^\s@/:]+@[^\s@/]+\.[^\s@/]+$/.test(url)) return `mailto:${url}`
  if (/^(\/\/)?[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+([/?#]\S*)?$/u.test(url)) return `https://${url.replace(/^\/\//, '')}`
  return url
}

/** Deepest nesting of nodes a document may have, the document itself being level 1 (about 18 nested lists). */
export const MAX_DEPTH = 40
/** Most children a node may have. */
export const MAX_CHILDREN = 10_000
/** Most marks a text may carry. */
export const MAX_MARKS = 10

export const EMPTY_DOC: RichTextDoc = { type: 'doc', content: [{ type: 'paragraph' }] }

/** A node as read from storage: anything, checked before use. */
type Loose = { type?: unknown; content?: unknown; text?: unknown; attrs?: unknown; marks?: unknown }
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v)
const typeOf = (n: Loose) => (typeof n.type === 'string' ? n.type : '')
export const childrenOf = (n: unknown): unknown[] => (isObject(n) && Array.isArray(n.content) ? n.content : [])
const attr = (n: Loose, name: string): unknown => (isObject(n.attrs) ? (n.attrs as Record<string, unknown>)[name] : undefined)

export type WalkStep = {
  node: Loose
  type: string
  /** 1 for the document, 2 for its blocks… */
  depth: number
  /** Position among the parent's children. */
  index: number
  parentType: string
  parent: WalkStep | null
}

/** Where a node sits inside the document, as zod reports it: ['content', 2, 'content', 0]. Built on demand (deep documents). */
export function pathOf(step: WalkStep): (string | number)[] {
  const path: (string | number)[] = []
  for (let s: WalkStep | null = step; s?.parent; s = s.parent) path.unshift('content', s.index)
  return path
}

/**
 * Visits every node in document order without recursion (a stored document
 * may be nested thousands of levels deep). `enter` may return false to skip a
 * node's children; `leave` is called after them. Values that are not nodes are skipped.
 */
export function walk(doc: unknown, enter: (step: WalkStep) => boolean | void, leave?: (step: WalkStep) => void): void {
  if (!isObject(doc)) return
  const stack: { step: WalkStep; leaving: boolean }[] = [
    { step: { node: doc, type: typeOf(doc), depth: 1, index: 0, parentType: '', parent: null }, leaving: false },
  ]
  while (stack.length) {
    const { step, leaving } = stack.pop()!
    if (leaving) {
      leave?.(step)
      continue
    }
    const descend = enter(step) !== false
    if (leave) stack.push({ step, leaving: true })
    if (!descend) continue
    const children = childrenOf(step.node)
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]
      if (!isObject(child)) continue
      stack.push({ step: { node: child, type: typeOf(child), depth: step.depth + 1, index: i, parentType: step.type, parent: step }, leaving: false })
    }
  }
}

/** Nodes whose children are blocks read one after the other (each child block is a line of plain text). */
const CONTAINERS = new Set(['doc', 'bulletList', 'orderedList', 'blockquote', 'table', 'listItem'])
const TEXTBLOCKS = new Set(['paragraph', 'heading'])

const imageText = (n: Loose) => {
  const alt = attr(n, 'alt')
  return typeof alt === 'string' && alt.trim() ? `[${alt}]` : ''
}

export type PlainBlock = { type: string; text: string }

/**
 * The document as lines of plain text, each with the type of the block it
 * comes from (paragraph, heading, tableRow, image…). Table rows are one line,
 * cells separated by « | »; hard breaks are new lines.
 */
export function plainBlocks(doc: RichTextDoc): PlainBlock[] {
  const blocks: PlainBlock[] = []
  let line: { root: Loose; type: string; text: string } | null = null
  const own = (step: WalkStep) => {
    if (step.type === 'text') return typeof step.node.text === 'string' ? step.node.text : ''
    if (step.type === 'hardBreak') return '\n'
    if (step.type === 'image') return imageText(step.node)
    return ''
  }
  walk(
    doc,
    (step) => {
      if (!line) {
        if (CONTAINERS.has(step.type)) return
        line = { root: step.node, type: step.type, text: own(step) }
        return
      }
      if (step.index > 0 && step.parentType === 'tableRow') line.text += ' | '
      else if (step.index > 0 && !TEXTBLOCKS.has(step.parentType) && step.parentType !== 'text') line.text += ' '
      line.text += own(step)
    },
    (step) => {
      if (line && line.root === step.node) {
        blocks.push({ type: line.type, text: line.text })
        line = null
      }
    },
  )
  return blocks
}

/** The plain text of a document, blocks separated by new lines. */
export function richTextToPlain(doc: RichTextDoc): string {
  return plainBlocks(doc)
    .map((b) => b.text)
    .filter((s) => s.trim())
    .join('\n')
}

/** The words of a text: runs of characters between spaces that hold at least a letter or a digit. */
export function wordsOf(text: string): string[] {
  return text.split(/[\s\u00a0\u202f]+/).filter((w) => /[\p{L}\p{N}]/u.test(w))
}

export function wordCount(doc: RichTextDoc): number {
  return wordsOf(richTextToPlain(doc)).length
}

/** The images of a document, in reading order, with their text alternative ('' when missing). */
export function imagesOf(doc: RichTextDoc): { src: string; alt: string }[] {
  const out: { src: string; alt: string }[] = []
  walk(doc, ({ node, type }) => {
    if (type !== 'image') return
    const src = attr(node, 'src')
    const alt = attr(node, 'alt')
    out.push({ src: typeof src === 'string' ? src : '', alt: typeof alt === 'string' ? alt.trim() : '' })
  })
  return out
}

/** Images without a text alternative (alt is required for accessibility). */
export function imagesWithoutAlt(doc: RichTextDoc): number {
  return imagesOf(doc).filter((i) => !i.alt).length
}

/** The text of each heading, in reading order. */
export const headingsOf = (doc: RichTextDoc): string[] =>
  plainBlocks(doc)
    .filter((b) => b.type === 'heading')
    .map((b) => b.text.trim())
    .filter(Boolean)
