import { BorderStyle, ExternalHyperlink, Paragraph, Table, TableRow, TextRun, WidthType, type FileChild, type ParagraphChild } from 'docx'
import { cell, heading, para, PRIMARY, uploadedImage } from '~/services/exports/docx-parts.server'
import type { DocxContext, DocxWriter } from '../types.server'
import { RICH_TEXT_LABELS } from './labels'
import { richTextToPlain, type RichTextMark, type RichTextNode } from './rich-text'
import { sanitize } from './sanitize'

/** The rich text in Word: its headings, marks, lists, quotes, tables and images, from the sanitised JSON. */

function inlines(nodes: RichTextNode[] | undefined): ParagraphChild[] {
  const out: ParagraphChild[] = []
  for (const n of nodes ?? []) {
    if (n.type === 'hardBreak') {
      out.push(new TextRun({ text: '', break: 1 }))
      continue
    }
    if (n.type !== 'text') continue
    const marks = new Set((n.marks ?? []).map((m) => m.type))
    const link = (n.marks ?? []).find((m): m is RichTextMark => m.type === 'link')
    const textRun = new TextRun({
      text: n.text ?? '',
      bold: marks.has('bold') || undefined,
      italics: marks.has('italic') || undefined,
      underline: marks.has('underline') || link ? {} : undefined,
      strike: marks.has('strike') || undefined,
      color: link ? PRIMARY : undefined,
    })
    const href = typeof link?.attrs?.href === 'string' ? link.attrs.href : null
    out.push(href ? new ExternalHyperlink({ link: href, children: [textRun] }) : textRun)
  }
  return out
}

type List = { ordered: boolean; level: number; instance: number }

function richBlocks(nodes: RichTextNode[] | undefined, ctx: DocxContext, list?: List, quote = false): FileChild[] {
  const out: FileChild[] = []
  for (const n of nodes ?? []) {
    switch (n.type) {
      case 'paragraph':
        out.push(
          new Paragraph({
            children: inlines(n.content),
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
        out.push(new Paragraph({ heading: heading(ctx.level - 1 + Math.max(1, level - 2)), children: inlines(n.content) }))
        break
      }
      case 'bulletList':
      case 'orderedList': {
        const ordered = n.type === 'orderedList'
        const instance = ordered ? ctx.nextListInstance() : 0
        const level = list ? list.level + 1 : 0
        for (const item of n.content ?? []) out.push(...richBlocks(item.content, ctx, { ordered, level: Math.min(level, 4), instance }, quote))
        break
      }
      case 'listItem':
        out.push(...richBlocks(n.content, ctx, list, quote))
        break
      case 'blockquote':
        out.push(...richBlocks(n.content, ctx, list, true))
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
                const blocks = richBlocks(c.content, ctx).filter((b): b is Paragraph => b instanceof Paragraph)
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

/**
 * The stored value is sanitised first (values saved before the checks may be
 * malformed or nested too deep); an export never fails because of a section's content.
 */
export const docx: DocxWriter<'richText'> = (_field, value, ctx) => {
  try {
    return richBlocks(sanitize(value).content, ctx)
  } catch {
    return plainBlocks(value)
  }
}
