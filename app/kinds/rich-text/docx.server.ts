import {
  BorderStyle,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  ExternalHyperlink,
  Paragraph,
  Table,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type ParagraphChild,
} from 'docx'
import { anchorPassage } from '~/domain/anchoring'
import { cell, heading, para, PRIMARY, uploadedImage } from '~/services/exports/docx-parts.server'
import type { DocxContext, DocxPassageComments, DocxWriter } from '../types.server'
import { anchoringText } from './anchoring'
import { RICH_TEXT_LABELS } from './labels'
import { richTextToPlain, walk, type RichTextMark, type RichTextNode } from './rich-text'
import { sanitize } from './sanitize'

/** The rich text in Word: its headings, marks, lists, quotes, tables and images, from the sanitised JSON. */

type Range = { id: number; start: number; end: number }

/**
 * Word comment ranges around commented passages. Offsets count characters of
 * the document's anchoring text (its text nodes in order, nothing between
 * blocks, as app/kinds/rich-text/anchoring.ts), so each text node is given its
 * offset first; runs are then split where a passage starts or ends. A range
 * starts before the first written character of its passage and ends after the
 * last, across paragraphs, list items and table cells alike.
 */
class CommentRanges {
  private readonly offsets = new WeakMap<object, number>()
  private readonly open = new Set<Range>()
  private readonly closed = new Set<Range>()

  constructor(
    doc: RichTextNode,
    private readonly ranges: Range[],
  ) {
    let offset = 0
    walk(doc, ({ node, type }) => {
      if (type !== 'text') return
      this.offsets.set(node, offset)
      offset += typeof node.text === 'string' ? node.text.length : 0
    })
  }

  /** The pieces of a text node, cut where a passage starts or ends: [start, end) in anchoring offsets. */
  pieces(node: RichTextNode): { start: number; end: number }[] | null {
    const start = this.offsets.get(node)
    const length = node.text?.length ?? 0
    if (start === undefined || length === 0) return null
    const end = start + length
    const cuts = new Set([start, end])
    for (const r of this.ranges) for (const at of [r.start, r.end]) if (at > start && at < end) cuts.add(at)
    const sorted = [...cuts].sort((a, b) => a - b)
    return sorted.slice(1).map((to, i) => ({ start: sorted[i]!, end: to }))
  }

  /** Markers before the characters [start, …): ends of passages already over, starts of passages under way. */
  before(start: number): ParagraphChild[] {
    const out = this.endWhere((r) => r.end <= start)
    for (const r of this.ranges) {
      if (this.open.has(r) || this.closed.has(r) || !(r.start <= start && start < r.end)) continue
      this.open.add(r)
      out.push(new CommentRangeStart(r.id))
    }
    return out
  }

  /** Markers after the characters [… , end). */
  after(end: number): ParagraphChild[] {
    return this.endWhere((r) => r.end <= end)
  }

  /** A paragraph ending the ranges whose last characters were not written (none in a well-formed document), or null. */
  rest(): Paragraph | null {
    const ends = this.endWhere(() => true)
    return ends.length ? new Paragraph({ children: ends }) : null
  }

  /** The comments whose range was written. */
  placed(): number[] {
    return [...this.closed].map((r) => r.id)
  }

  private endWhere(test: (r: Range) => boolean): ParagraphChild[] {
    const out: ParagraphChild[] = []
    for (const r of [...this.open]) {
      if (!test(r)) continue
      this.open.delete(r)
      this.closed.add(r)
      out.push(new CommentRangeEnd(r.id), new TextRun({ children: [new CommentReference(r.id)] }))
    }
    return out
  }
}

function inlines(nodes: RichTextNode[] | undefined, ranges: CommentRanges | null): ParagraphChild[] {
  const out: ParagraphChild[] = []
  for (const n of nodes ?? []) {
    if (n.type === 'hardBreak') {
      out.push(new TextRun({ text: '', break: 1 }))
      continue
    }
    if (n.type !== 'text') continue
    const marks = new Set((n.marks ?? []).map((m) => m.type))
    const link = (n.marks ?? []).find((m): m is RichTextMark => m.type === 'link')
    const href = typeof link?.attrs?.href === 'string' ? link.attrs.href : null
    const text = n.text ?? ''
    const textRun = (part: string) => {
      const r = new TextRun({
        text: part,
        bold: marks.has('bold') || undefined,
        italics: marks.has('italic') || undefined,
        underline: marks.has('underline') || link ? {} : undefined,
        strike: marks.has('strike') || undefined,
        color: link ? PRIMARY : undefined,
      })
      return href ? new ExternalHyperlink({ link: href, children: [r] }) : r
    }
    const pieces = ranges?.pieces(n)
    if (!ranges || !pieces) {
      out.push(textRun(text))
      continue
    }
    const first = pieces[0]!.start
    for (const piece of pieces) {
      out.push(...ranges.before(piece.start), textRun(text.slice(piece.start - first, piece.end - first)), ...ranges.after(piece.end))
    }
  }
  return out
}

type List = { ordered: boolean; level: number; instance: number }

function richBlocks(nodes: RichTextNode[] | undefined, ctx: DocxContext, ranges: CommentRanges | null, list?: List, quote = false): FileChild[] {
  const out: FileChild[] = []
  for (const n of nodes ?? []) {
    switch (n.type) {
      case 'paragraph':
        out.push(
          new Paragraph({
            children: inlines(n.content, ranges),
            ...(quote ? { style: 'Citation' } : {}),
            ...(list
              ? list.ordered
                ? { numbering: { reference: 'ordered', level: list.level, instance: list.instance } }
                : { bullet: { level: list.level } }
              : {}),
          }),
        )
        break
      case 'heading': {
        const level = Number(n.attrs?.level ?? 3)
        // Content headings start at h3 in the editor: they sit right under the section heading.
        out.push(new Paragraph({ heading: heading(ctx.level - 1 + Math.max(1, level - 2)), children: inlines(n.content, ranges) }))
        break
      }
      case 'bulletList':
      case 'orderedList': {
        const ordered = n.type === 'orderedList'
        const instance = ordered ? ctx.nextListInstance() : 0
        const level = list ? list.level + 1 : 0
        for (const item of n.content ?? []) out.push(...richBlocks(item.content, ctx, ranges, { ordered, level: Math.min(level, 4), instance }, quote))
        break
      }
      case 'listItem':
        out.push(...richBlocks(n.content, ctx, ranges, list, quote))
        break
      case 'blockquote':
        out.push(...richBlocks(n.content, ctx, ranges, list, true))
        break
      case 'horizontalRule':
        out.push(new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '9A968A', space: 1 } }, children: [] }))
        break
      case 'image':
        out.push(uploadedImage(String(n.attrs?.src ?? ''), String(n.attrs?.alt ?? ''), ctx.model))
        break
      case 'table': {
        const rows = (n.content ?? []).map(
          (row) =>
            new TableRow({
              tableHeader: (row.content ?? []).every((c) => c.type === 'tableHeader') || undefined,
              children: (row.content ?? []).map((c) => {
                const blocks = richBlocks(c.content, ctx, ranges).filter((b): b is Paragraph => b instanceof Paragraph)
                return cell(blocks, { header: c.type === 'tableHeader' })
              }),
            }),
        )
        if (rows.length) out.push(new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows }), new Paragraph(''))
        break
      }
      default:
        break
    }
  }
  return out
}

/** The text without its layout, after a notice, when the layout cannot be written. */
function plainBlocks(value: unknown): FileChild[] {
  let text = ''
  try {
    text = richTextToPlain(value as never)
  } catch {
    // Nothing readable: the notice alone.
  }
  return [
    para(RICH_TEXT_LABELS.plainFallback, { italics: true }),
    ...text
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => para(l)),
  ]
}

/** The passages of `comments` found in the current text, as ranges of its anchoring text (the others stay unplaced). */
function anchoredRanges(doc: RichTextNode, comments: DocxPassageComments): Range[] {
  const text = anchoringText(doc)
  return comments.comments.flatMap(({ id, selectors }) => {
    const found = anchorPassage(text, selectors)
    return found && found.end > found.start ? [{ id, start: found.start, end: found.end }] : []
  })
}

/**
 * The stored value is sanitised first (values saved before the checks may be
 * malformed or nested too deep); an export never fails because of a section's content.
 * With `ctx.passages`, each passage found in the current text gets its Word comment range.
 */
export const docx: DocxWriter<'richText'> = (_field, value, ctx) => {
  try {
    const doc = sanitize(value)
    const ranges = ctx.passages?.comments.length ? new CommentRanges(doc as RichTextNode, anchoredRanges(doc as RichTextNode, ctx.passages)) : null
    const blocks = richBlocks(doc.content, ctx, ranges)
    if (ranges) {
      const rest = ranges.rest()
      if (rest) blocks.push(rest)
      for (const id of ranges.placed()) ctx.passages!.placed.add(id)
    }
    return blocks
  } catch {
    return plainBlocks(value)
  }
}
