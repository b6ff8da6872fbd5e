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

export function headingWithBookmark(ctx: { bookmarks: number }, level: number, text: string): { paragraph: Paragraph; anchor: string } {
  const anchor = `titre-${++ctx.bookmarks}`
  return { paragraph: new Paragraph({ heading: heading(level), children: [new Bookmark({ id: anchor, children: [run(text)] })] }), anchor }
}

/** Text width of an A4 landscape page with the same margins, in twips: wide tables get a landscape page. */
export const LANDSCAPE_TEXT_WIDTH = 14002
/** Table text is 10 pt; an average Calibri character at 10 pt is about 100 twips wide (bold: 110). */
const TABLE_FONT_SIZE = 20
const CHAR_TWIPS = 104
const BOLD_CHAR_TWIPS = 116
/** Left and right cell margins, plus a little slack for rounding in Word and LibreOffice. */
const CELL_PADDING = 200 + 80

type CellContent = string | { text: string; fill?: string }
const textOf = (c: CellContent | undefined) => (c === undefined ? '' : typeof c === 'string' ? c : c.text)
/** Words a line may break between: ordinary spaces only (a no-break space keeps « 200 % » whole). */
const words = (text: string) => text.split(/[ \t\n\r]+/)

export function cell(text: string | Paragraph[], options: { header?: boolean; fill?: string; align?: 'right'; width?: number } = {}): TableCell {
  const children =
    typeof text === 'string'
      ? text.split('\n').map(
          (line) =>
            new Paragraph({
              alignment: options.align === 'right' ? AlignmentType.RIGHT : undefined,
              children: [run(line, { bold: options.header, size: TABLE_FONT_SIZE })],
            }),
        )
      : text
  return new TableCell({
    children: children.length ? children : [new Paragraph('')],
    shading: (options.fill ?? (options.header ? SOFT : undefined)) ? { type: ShadingType.CLEAR, color: 'auto', fill: options.fill ?? SOFT } : undefined,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    width: options.width ? { size: options.width, type: WidthType.DXA } : undefined,
  })
}

/** Tables too wide for a portrait page: the document puts their section on a landscape page. */
const wideTables = new WeakSet<Table>()
export const isWide = (block: FileChild) => block instanceof Table && wideTables.has(block)

/**
 * Column widths that never split a word: each column is at least as wide as
 * its longest word (headers in bold), and what is left of the page goes to
 * the columns with the most text. Null when the words alone do not fit `width`.
 */
export function columnWidths(headers: string[], rows: CellContent[][], width: number): number[] | null {
  const columns = headers.map((h, i) => {
    const body = rows.map((r) => textOf(r[i]))
    const longestWord = Math.max(...words(h).map((w) => w.length * BOLD_CHAR_TWIPS), ...body.flatMap((t) => words(t).map((w) => w.length * CHAR_TWIPS)))
    const min = longestWord + CELL_PADDING
    // What the column would like: its longest line on one line, within reason.
    const wish = Math.min(Math.max(...[h, ...body].map((t) => t.length)) * CHAR_TWIPS + CELL_PADDING, width * 0.45)
    return { min, want: Math.max(min, wish) }
  })
  const minTotal = columns.reduce((n, c) => n + c.min, 0)
  if (minTotal > width) return null
  const extra = columns.reduce((n, c) => n + (c.want - c.min), 0)
  const spare = width - minTotal
  const widths = columns.map((c) => c.min + (extra > 0 ? ((c.want - c.min) * spare) / extra : spare / columns.length))
  // Whatever is left when every column has what it wants is shared evenly.
  const left = width - widths.reduce((a, b) => a + b, 0)
  return widths.map((w) => Math.floor(w + left / columns.length))
}

/**
 * A table with a repeated, shaded header row; rows never split across pages.
 * `right` marks numeric columns. A table whose words cannot fit a portrait
 * page is marked wide (see `isWide`) and laid out for a landscape page.
 */
export function table(headers: string[], rows: CellContent[][], right: boolean[] = []): Table {
  const portrait = columnWidths(headers, rows, TEXT_WIDTH)
  const widths = portrait ?? columnWidths(headers, rows, LANDSCAPE_TEXT_WIDTH) ?? headers.map(() => Math.floor(LANDSCAPE_TEXT_WIDTH / headers.length))
  const total = widths.reduce((a, b) => a + b, 0)
  const result = new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: headers.map((h, i) => cell(h, { header: true, align: right[i] ? 'right' : undefined, width: widths[i] })),
      }),
      ...rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: r.map((c, i) =>
              typeof c === 'string'
                ? cell(c, { align: right[i] ? 'right' : undefined, width: widths[i] })
                : cell(c.text, { fill: c.fill, align: right[i] ? 'right' : undefined, width: widths[i] }),
            ),
          }),
      ),
    ],
  })
  if (!portrait) wideTables.add(result)
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
