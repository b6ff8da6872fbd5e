import type { Node as PMNode } from '@tiptap/pm/model'
import { walk, type RichTextDoc } from './rich-text'

/**
 * The text that passage comments are anchored in (app/domain/anchoring.ts):
 * the document's text nodes concatenated in document order, with nothing
 * between blocks — exactly the DOM `textContent` of the editor's content and
 * of the static view, so that an offset means the same thing in the stored
 * JSON, in ProseMirror and on the page. Hard breaks and images add nothing.
 *
 * Only types from ProseMirror are imported: this module stays light enough
 * for the page that lists comments; the mapping functions receive the
 * editor's document.
 */

/** The anchoring text of a stored document. Never throws: malformed documents are read with `walk` (text of unknown nodes is kept, as sanitize.ts keeps it). */
export function anchoringText(doc: RichTextDoc | unknown): string {
  const parts: string[] = []
  walk(doc, ({ node, type }) => {
    if (type !== 'text') return
    if (typeof node.text === 'string') parts.push(node.text)
    return false
  })
  return parts.join('')
}

export type PmRange = { from: number; to: number }

/**
 * ProseMirror ranges of several anchoring-text ranges in one walk over the document. A range starting at the end of a text node starts
 * at the beginning of the next one (and one ending at the beginning of a node ends at the end of the previous one), so that a passage
 * never reaches into a block it has no character of. Null for a range outside the text or reversed.
 */
export function textRangesToPm(doc: PMNode, ranges: readonly { start: number; end: number }[]): (PmRange | null)[] {
  const result: (PmRange | null)[] = ranges.map(() => null)
  // Every boundary, sorted. A start (and the end of an empty range) is looked up strictly inside a text node, the end of a range up to
  // a node's end: at equal offsets, ends come first, then starts, then ends of empty ranges.
  type Boundary = { offset: number; range: number; isStart: boolean; strict: boolean }
  const order = (b: Boundary) => (b.strict ? (b.isStart ? 1 : 2) : 0)
  const boundaries: Boundary[] = []
  const from: number[] = ranges.map(() => -1)
  ranges.forEach((r, i) => {
    if (!Number.isInteger(r.start) || !Number.isInteger(r.end) || r.start < 0 || r.end < r.start) return
    const empty = r.start === r.end
    boundaries.push({ offset: r.start, range: i, isStart: true, strict: true }, { offset: r.end, range: i, isStart: false, strict: empty })
  })
  boundaries.sort((a, b) => a.offset - b.offset || order(a) - order(b))
  let next = 0
  let offset = 0
  let lastEnd = -1
  const settle = (b: Boundary, pos: number) => {
    if (b.isStart) from[b.range] = pos
    else if (from[b.range]! >= 0) result[b.range] = { from: from[b.range]!, to: Math.max(from[b.range]!, pos) }
  }
  doc.descendants((node, pos) => {
    if (next >= boundaries.length) return false
    if (!node.isText) return true
    const length = node.text!.length
    while (next < boundaries.length) {
      const b = boundaries[next]!
      if (b.strict ? b.offset >= offset + length : b.offset > offset + length) break
      settle(b, pos + Math.max(0, b.offset - offset))
      next++
    }
    offset += length
    lastEnd = pos + length
    return false
  })
  // Offsets at the very end of the text (an empty range after the last character).
  for (; next < boundaries.length; next++) {
    const b = boundaries[next]!
    if (b.offset === offset && lastEnd >= 0) settle(b, lastEnd)
  }
  return result
}

/** The ProseMirror range of `[start, end)` of the anchoring text, or null. */
export function textRangeToPm(doc: PMNode, start: number, end: number): PmRange | null {
  return textRangesToPm(doc, [{ start, end }])[0] ?? null
}

/** The anchoring-text offset of a ProseMirror position: the characters of text before it. */
export function pmToTextOffset(doc: PMNode, pos: number): number {
  const to = Math.max(0, Math.min(pos, doc.content.size))
  let offset = 0
  doc.nodesBetween(0, to, (node, at) => {
    if (!node.isText) return true
    offset += Math.min(node.text!.length, to - at)
    return false
  })
  return offset
}
