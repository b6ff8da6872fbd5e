import {
  AlignmentType,
  Bookmark,
  HeadingLevel,
  ImageRun,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx'
import { imageSize } from 'image-size'
import type { ChartImage } from './charts.server'
import { commented } from './docx-comments.server'
import type { DossierExport } from './model.server'

/**
 * The building blocks of the Word export, shared by the document
 * (docx.server.ts) and by each field kind's Word writer (app/kinds/<kind>/docx.server.ts).
 */
export const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5] as const
export const heading = (level: number) => HEADINGS[Math.min(level, HEADINGS.length) - 1]!
export const PRIMARY = '1F3A8A'
export const SOFT = 'E6EBF7'
/** Text width of an A4 page with 2.5 cm margins, in twips. */
export const TEXT_WIDTH = 9070
export const MAX_IMAGE_WIDTH = 600 // px at 96 dpi: the text width of an A4 page with 2.5 cm margins

/* ---------------- Text helpers ---------------- */

export const run = (text: string, options: { bold?: boolean; italics?: boolean; color?: string; size?: number } = {}) => new TextRun({ text, ...options })
export const para = (text: string, options: { bold?: boolean; italics?: boolean; color?: string } = {}) => new Paragraph({ children: [run(text, options)] })
export const labelled = (label: string, value: string) => new Paragraph({ children: [run(`${label} : `, { bold: true }), run(value || '—')] })

/** A heading the table of contents links to; `comments`: ids of Word comments on it (export with comments). */
export function headingWithBookmark(
  ctx: { bookmarks: number },
  level: number,
  text: string,
  comments: readonly number[] = [],
): { paragraph: Paragraph; anchor: string } {
  const anchor = `titre-${++ctx.bookmarks}`
  return { paragraph: new Paragraph({ heading: heading(level), children: commented(comments, [new Bookmark({ id: anchor, children: [run(text)] })]) }), anchor }
}

/** Text width of an A4 landscape page with the same margins, in twips: wide tables get a landscape page. */
export const LANDSCAPE_TEXT_WIDTH = 14002
/**
 * Table text is 10 pt, or 8.5 pt in a table that would not fit otherwise.
 * Widths are estimated for the widest font the file may be shown in: Calibri
 * in Word, but DejaVu Sans in a LibreOffice without Calibri's metric twin, where
 * a character (digits and « % » especially) is about 12 twips wide per point (bold: 13).
 */
const SIZES = { normal: 20, compact: 17 } as const
type Size = keyof typeof SIZES
const STYLE_IDS: Record<Size, { text: string; header: string }> = {
  normal: { text: 'TableText', header: 'TableHeader' },
  compact: { text: 'TableTextCompact', header: 'TableHeaderCompact' },
}
const charTwips = (size: Size, bold: boolean) => (SIZES[size] / 2) * (bold ? 13 : 12)
/** Left and right cell margins, plus a little slack for rounding in Word and LibreOffice. */
const CELL_PADDING = 200 + 80

/** A cell's text, with its fill and the ids of Word comments on it (export with comments). */
type CellContent = string | { text: string; fill?: string; comments?: readonly number[] }
const textOf = (c: CellContent | undefined) => (c === undefined ? '' : typeof c === 'string' ? c : c.text)
/** Words a line may break between: ordinary spaces only (a no-break space keeps « 200 % » whole). */
const words = (text: string) => text.split(/[ \t\n\r]+/)

/**
 * Paragraph styles of table text (10 pt; headers bold), declared once in the
 * document (docx.server.ts) instead of on every run: a long export writes far less XML.
 */
export const TABLE_STYLES = [
  { id: STYLE_IDS.normal.text, name: 'Texte de tableau', basedOn: 'Normal', run: { size: SIZES.normal }, paragraph: { spacing: { after: 0, line: 252 } } },
  { id: STYLE_IDS.normal.header, name: 'En-tête de tableau', basedOn: STYLE_IDS.normal.text, run: { bold: true } },
  { id: STYLE_IDS.compact.text, name: 'Texte de tableau serré', basedOn: STYLE_IDS.normal.text, run: { size: SIZES.compact } },
  { id: STYLE_IDS.compact.header, name: 'En-tête de tableau serré', basedOn: STYLE_IDS.compact.text, run: { bold: true } },
]
/** Inner margins of every table cell, set once per table. */
const CELL_MARGINS = { top: 60, bottom: 60, left: 100, right: 100 }

export function cell(
  text: string | Paragraph[],
  options: { header?: boolean; fill?: string; align?: 'right'; size?: Size; comments?: readonly number[] } = {},
): TableCell {
  const styles = STYLE_IDS[options.size ?? 'normal']
  const style = options.header ? styles.header : styles.text
  const alignment = options.align === 'right' ? AlignmentType.RIGHT : undefined
  const lines = typeof text === 'string' ? text.split('\n') : []
  const comments = options.comments ?? []
  const children =
    typeof text !== 'string'
      ? text
      : comments.length
        ? // The comments' range runs from the first line to the last.
          [
            new Paragraph({
              style,
              alignment,
              children: commented(
                comments,
                lines.map((line, i) => new TextRun({ text: line, break: i ? 1 : undefined })),
              ),
            }),
          ]
        : lines.map((line) => new Paragraph({ style, alignment, text: line }))
  const fill = options.fill ?? (options.header ? SOFT : undefined)
  return new TableCell({
    children: children.length ? children : [new Paragraph({ style })],
    shading: fill ? { type: ShadingType.CLEAR, color: 'auto', fill } : undefined,
  })
}

/** Tables too wide for a portrait page: the document puts their section on a landscape page. */
const wideTables = new WeakSet<Table>()
export const isWide = (block: FileChild) => block instanceof Table && wideTables.has(block)

/**
 * Column widths that never split a word: each column is at least as wide as
 * its longest word (headers in bold), and what is left of the page goes to
 * the columns with the most text. Null when the words alone do not fit `width`
 * (with `squeeze`: the words' widths scaled down to fit).
 */
export function columnWidths(headers: string[], rows: CellContent[][], width: number, size: Size = 'normal', squeeze = false): number[] | null {
  const [plain, bold] = [charTwips(size, false), charTwips(size, true)]
  const columns = headers.map((h, i) => {
    const body = rows.map((r) => textOf(r[i]))
    const longestWord = Math.max(...words(h).map((w) => w.length * bold), ...body.flatMap((t) => words(t).map((w) => w.length * plain)))
    const min = longestWord + CELL_PADDING
    // What the column would like: its longest line on one line, within reason.
    const wish = Math.min(Math.max(...[h, ...body].map((t) => t.length)) * plain + CELL_PADDING, width * 0.45)
    return { min, want: Math.max(min, wish) }
  })
  const minTotal = columns.reduce((n, c) => n + c.min, 0)
  // Squeezed: every column keeps its share of the words' widths (a long word is cut, a short number column stays narrow).
  if (minTotal > width) return squeeze ? columns.map((c) => Math.floor((c.min * width) / minTotal)) : null
  const extra = columns.reduce((n, c) => n + (c.want - c.min), 0)
  const spare = width - minTotal
  const widths = columns.map((c) => c.min + (extra > 0 ? ((c.want - c.min) * spare) / extra : spare / columns.length))
  // Whatever is left when every column has what it wants is shared evenly.
  const left = width - widths.reduce((a, b) => a + b, 0)
  return widths.map((w) => Math.floor(w + left / columns.length))
}

/** Layouts tried in turn: the first where every word fits its column wins. */
const LAYOUTS: { width: number; size: Size; landscape: boolean }[] = [
  { width: TEXT_WIDTH, size: 'normal', landscape: false },
  { width: TEXT_WIDTH, size: 'compact', landscape: false },
  { width: LANDSCAPE_TEXT_WIDTH, size: 'normal', landscape: true },
  { width: LANDSCAPE_TEXT_WIDTH, size: 'compact', landscape: true },
]

/**
 * A table with a repeated, shaded header row; rows never split across pages.
 * `right` marks numeric columns. A table whose words cannot fit a portrait
 * page, even in smaller type, is marked wide (see `isWide`) and laid out for a landscape page.
 */
export function table(headers: string[], rows: CellContent[][], right: boolean[] = []): Table {
  const fits = LAYOUTS.map((l) => ({ ...l, widths: columnWidths(headers, rows, l.width, l.size) })).find((l) => l.widths)
  // Words too long for any page are cut by Word: the widest layout, each column as wide as its words allow.
  const { size, landscape, widths } = fits ?? {
    size: 'compact' as const,
    landscape: true,
    widths: columnWidths(headers, rows, LANDSCAPE_TEXT_WIDTH, 'compact', true),
  }
  const total = widths!.reduce((a, b) => a + b, 0)
  const result = new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: widths!,
    layout: TableLayoutType.FIXED,
    margins: CELL_MARGINS,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: headers.map((h, i) => cell(h, { header: true, size, align: right[i] ? 'right' : undefined })),
      }),
      ...rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: r.map((c, i) =>
              cell(textOf(c), {
                size,
                fill: typeof c === 'string' ? undefined : c.fill,
                comments: typeof c === 'string' ? undefined : c.comments,
                align: right[i] ? 'right' : undefined,
              }),
            ),
          }),
      ),
    ],
  })
  if (landscape) wideTables.add(result)
  return result
}

export const LEVEL_FILLS = { vert: 'E3F3E8', orange: 'FFF0D9', rouge: 'FBE9E9' } as const

/* ---------------- Images ---------------- */

type ImageType = 'png' | 'jpg' | 'gif'
const MIME_TO_TYPE: Record<string, ImageType> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif' }

export function imageParagraph(data: Buffer, type: ImageType, alt: string, size?: { width: number; height: number }): Paragraph {
  const dims = size ?? imageSize(new Uint8Array(data))
  const scale = Math.min(1, MAX_IMAGE_WIDTH / (dims.width || MAX_IMAGE_WIDTH))
  return new Paragraph({
    children: [
      new ImageRun({
        type,
        data,
        transformation: { width: Math.round((dims.width || MAX_IMAGE_WIDTH) * scale), height: Math.round((dims.height || 300) * scale) },
        altText: { name: alt.slice(0, 100), description: alt, title: alt.slice(0, 100) },
      }),
    ],
  })
}

/** An uploaded image (`/fichiers/<id>`) of this dossier, or a text stand-in (unknown file, WebP that Word cannot show). */
export function uploadedImage(src: string, alt: string, model: DossierExport): Paragraph {
  const image = model.images.get(src)
  const type = image ? MIME_TO_TYPE[image.mime] : undefined
  if (!image || !type) return para(`[Image : ${alt || 'sans texte alternatif'}]`, { italics: true })
  return imageParagraph(Buffer.from(image.data), type, alt)
}

export const chartParagraphs = (images: ChartImage[]): FileChild[] =>
  images.flatMap((img) => [
    imageParagraph(img.png, 'png', img.alt, { width: img.width, height: img.height }),
    para(img.alt, { italics: true, color: '4A5162' }),
  ])
