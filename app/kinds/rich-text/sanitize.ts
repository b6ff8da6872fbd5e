import { Fragment, Mark, type ContentMatch, type Node as PMNode, type NodeType } from '@tiptap/pm/model'
import { attrProblem, headingLevel, REQUIRED_ATTRS } from './attrs'
import { editorSchema as schema } from './pm-schema'
import { MAX_DEPTH, plainBlocks, richTextToPlain, type RichTextDoc } from './rich-text'

/**
 * Stored rich text made safe to show. Values saved before the editor's schema
 * was enforced may hold empty texts, nodes out of place (a document inside a
 * document, a table cell at the top), unknown attributes or hundreds of
 * nested quotes: each renderer (server HTML, browser view, Word) passes the
 * value through `sanitize` first, which never throws and returns a document
 * the editor's own schema accepts:
 * - empty texts, unknown nodes and marks, images not uploaded here and unsafe links are dropped;
 * - a node out of place is wrapped when it is text, otherwise unwrapped (its children take its place);
 * - below a few levels from the depth limit, a nested block becomes plain paragraphs.
 */

type Loose = { type?: unknown; content?: unknown; text?: unknown; attrs?: unknown; marks?: unknown }
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Blocks this deep or deeper are flattened: wrapping their text again (table › row › cell › paragraph) stays within MAX_DEPTH. */
const FLATTEN_DEPTH = MAX_DEPTH - 3

function attrsOf(owner: string, declared: Record<string, unknown> | undefined, raw: unknown): Record<string, unknown> | null {
  const attrs: Record<string, unknown> = {}
  const given = isObject(raw) ? (raw as Record<string, unknown>) : {}
  for (const name of Object.keys(declared ?? {})) {
    const value = given[name]
    if (owner === 'heading' && name === 'level') attrs.level = headingLevel(value)
    else if (value !== undefined && !attrProblem(owner, name, value)) attrs[name] = value
  }
  const required = REQUIRED_ATTRS[owner]
  return required && attrs[required] === undefined ? null : attrs
}

function marksOf(raw: unknown): readonly Mark[] {
  if (!Array.isArray(raw)) return Mark.none
  const marks: Mark[] = []
  for (const m of raw) {
    const type = isObject(m) && typeof m.type === 'string' ? schema.marks[m.type] : undefined
    if (!type) continue
    const attrs = attrsOf(type.name, type.spec.attrs, (m as Loose).attrs)
    if (attrs) marks.push(type.create(attrs))
  }
  return Mark.setFrom(marks)
}

/** A nested block as plain paragraphs, one per line of text. */
function flatten(json: Loose): PMNode[] {
  return plainBlocks(json as RichTextDoc)
    .map((b) => b.text.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((text) => schema.nodes.paragraph!.create(null, schema.text(text)))
}

/** The nodes that take the place of `json` (none, itself, or its children when it cannot stand here). */
function build(json: unknown, depth: number): PMNode[] {
  if (!isObject(json)) return []
  const name = typeof json.type === 'string' ? json.type : ''
  if (name === 'text') return typeof json.text === 'string' && json.text !== '' ? [schema.text(json.text, marksOf(json.marks))] : []
  const type = name === 'doc' ? undefined : schema.nodes[name]
  if (depth >= FLATTEN_DEPTH && !type?.isTextblock && !type?.isLeaf) return flatten(json)
  const children = Array.isArray(json.content) ? json.content.flatMap((c) => build(c, depth + 1)) : []
  // Unknown nodes and documents inside the document give their children.
  if (!type) return children
  if (type.isLeaf) {
    const attrs = attrsOf(name, type.spec.attrs, json.attrs)
    return attrs ? [type.create(attrs)] : []
  }
  const content = fit(type, children)
  if (content.length === 0 && !type.isTextblock) return []
  const node = type.createAndFill(attrsOf(name, type.spec.attrs, json.attrs), content)
  return node ? [node] : children
}

/**
 * Wraps `first` (and the inline nodes after it, taken from the top of `pending`) in what
 * the parent's content expression asks for (text in a paragraph, a paragraph in a list item…), or null.
 */
function wrap(match: ContentMatch, first: PMNode, pending: PMNode[]): PMNode | null {
  const wrapping = match.findWrapping(first.type)
  if (!wrapping?.length) return null
  const inner = wrapping[wrapping.length - 1]!
  let count = 0
  if (first.isInline) while (count < pending.length && pending[pending.length - 1 - count]!.isInline) count++
  const group = [first, ...pending.slice(pending.length - count).reverse()]
  let node = inner.createAndFill(null, fit(inner, group))
  for (let i = wrapping.length - 2; i >= 0 && node; i--) node = wrapping[i]!.createAndFill(null, node)
  if (node && match.matchType(node.type)) pending.length -= count
  return node
}

/** The children a node of this type can hold, in order: each fits as it is, wrapped, unwrapped, or is dropped. */
function fit(parent: NodeType, children: PMNode[]): PMNode[] {
  const out: PMNode[] = []
  let match = parent.contentMatch
  // The children still to place, the next one on top.
  const pending = children.slice().reverse()
  while (pending.length) {
    let child = pending.pop()!
    if (child.isText && parent.inlineContent) child = child.mark(parent.allowedMarks(child.marks))
    const next = match.matchType(child.type)
    if (next) {
      out.push(child)
      match = next
      continue
    }
    if (child.isInline || child.isLeaf || child.isTextblock) {
      const wrapped = wrap(match, child, pending)
      const after = wrapped && match.matchType(wrapped.type)
      if (wrapped && after) {
        out.push(wrapped)
        match = after
        continue
      }
    }
    // Out of place: its children take its place (a paragraph inside a paragraph gives its text).
    for (let i = child.childCount - 1; i >= 0; i--) pending.push(child.child(i))
  }
  return out
}

function plainDoc(input: unknown): PMNode {
  let lines: string[] = []
  try {
    lines = richTextToPlain(input as RichTextDoc).split('\n')
  } catch {
    // Nothing readable.
  }
  const paragraphs = lines
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => schema.nodes.paragraph!.create(null, schema.text(l)))
  return schema.nodes.doc!.create(null, paragraphs.length ? paragraphs : [schema.nodes.paragraph!.create()])
}

/** A ProseMirror document of the editor's schema, whatever was stored. Never throws. */
export function sanitizeNode(input: unknown): PMNode {
  try {
    const root = isObject(input) && input.type === 'doc' ? input.content : [input]
    const children = Array.isArray(root) ? root.flatMap((c) => build(c, 2)) : []
    const doc = schema.nodes.doc!.createAndFill(null, Fragment.fromArray(fit(schema.nodes.doc!, children)))
    if (!doc) return plainDoc(input)
    doc.check()
    return doc
  } catch {
    return plainDoc(input)
  }
}

/** The stored value as JSON the editor and the renderers accept (see `sanitizeNode`). Never throws. */
export const sanitize = (input: unknown): RichTextDoc => sanitizeNode(input).toJSON() as RichTextDoc
