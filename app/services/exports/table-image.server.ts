import { escape, FONT, rasterise, textWidth, type ChartImage } from './charts.server'

/**
 * A table drawn as a picture, for a slide that shows a section without a
 * chart of its own (a persona card, the SMART objectives, the mix, a table):
 * an optional heading (title, facts, quote), then header row and rows, each
 * cell's text wrapped to its column and cut after a few lines. What does not
 * fit is said in a last line rather than shrunk out of sight.
 */
export type TablePicture = {
  heading?: { title: string; facts?: string; quote?: string }
  /** Column headers; null for a two-column card of labels and values. */
  headers: string[] | null
  rows: string[][]
  /** Relative column widths (equal by default). */
  weights?: number[]
  alt: string
}

const WIDTH = 640
const PAD = 10
const FONT_SIZE = 14
const LINE = 19
const MAX_LINES = 3
const MAX_ROWS = 8
const INK = '#1f2937'
const MUTED = '#4b5563'
const RULE = '#cbd2dc'
const HEAD = '#1e3a5f'
const STRIPE = '#f3f5f9'

/** A text cut into lines of at most `width` pixels (paragraphs kept), `maxLines` at most, the last ending with « … » when cut. */
export function wrapText(text: string, width: number, fontSize = FONT_SIZE, maxLines = MAX_LINES): string[] {
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word
      if (!line || textWidth(candidate, fontSize) <= width) line = candidate
      else {
        lines.push(line)
        line = word
      }
    }
    lines.push(line)
  }
  while (lines.length > 1 && !lines[lines.length - 1]) lines.pop()
  const kept = lines.slice(0, maxLines).map((l) => {
    // A single word wider than the column is cut.
    let out = l
    while (out.length > 1 && textWidth(out, fontSize) > width) out = out.slice(0, -1)
    return out === l ? l : `${out.slice(0, -1)}…`
  })
  if (lines.length > maxLines) {
    let last = kept[kept.length - 1] ?? ''
    while (last && textWidth(`${last}…`, fontSize) > width) last = last.slice(0, -1).trimEnd()
    kept[kept.length - 1] = `${last}…`
  }
  return kept
}

const textAt = (x: number, y: number, lines: string[], attrs: string) =>
  `<text x="${x}" y="${y}" font-family="${FONT}" ${attrs}>${lines
    .map((l, i) => `<tspan x="${x}" dy="${i === 0 ? 0 : LINE}">${escape(l)}</tspan>`)
    .join('')}</text>`

/** The picture as SVG with its size (exported for tests). */
export function tableSvg({ heading, headers, rows, weights }: TablePicture): { svg: string; width: number; height: number } {
  const parts: string[] = []
  let y = PAD
  if (heading) {
    const title = wrapText(heading.title, WIDTH - 2 * PAD, 22, 2)
    parts.push(textAt(PAD, y + 22, title, `font-size="22" font-weight="bold" fill="${INK}"`))
    y += 22 + (title.length - 1) * LINE + 10
    if (heading.facts) {
      const facts = wrapText(heading.facts, WIDTH - 2 * PAD, FONT_SIZE, 2)
      parts.push(textAt(PAD, y + FONT_SIZE, facts, `font-size="${FONT_SIZE}" fill="${MUTED}"`))
      y += FONT_SIZE + (facts.length - 1) * LINE + 10
    }
    if (heading.quote) {
      const quote = wrapText(heading.quote, WIDTH - 4 * PAD, 16, 3)
      const h = 16 + (quote.length - 1) * LINE + 2 * PAD
      parts.push(`<rect x="${PAD}" y="${y}" width="4" height="${h}" fill="${HEAD}"/>`)
      parts.push(textAt(3 * PAD, y + PAD + 14, quote, `font-size="16" font-style="italic" fill="${INK}"`))
      y += h + 12
    }
  }
  const columns = headers?.length ?? rows[0]?.length ?? 1
  const w = weights?.length === columns ? weights : Array.from({ length: columns }, () => 1)
  const total = w.reduce((a, b) => a + b, 0)
  const inner = WIDTH - 2 * PAD
  const widths = w.map((x) => (x / total) * inner)
  const lefts = widths.map((_, i) => PAD + widths.slice(0, i).reduce((a, b) => a + b, 0))
  const drawRow = (cells: string[], fill: string | null, attrs: (column: number) => string) => {
    const wrapped = cells.map((c, i) => wrapText(c || '—', widths[i]! - 2 * PAD))
    const h = Math.max(...wrapped.map((l) => l.length)) * LINE + PAD
    if (fill) parts.push(`<rect x="${PAD}" y="${y}" width="${inner}" height="${h}" fill="${fill}"/>`)
    wrapped.forEach((lines, i) => parts.push(textAt(lefts[i]! + PAD, y + PAD / 2 + FONT_SIZE, lines, attrs(i))))
    parts.push(`<line x1="${PAD}" x2="${PAD + inner}" y1="${y + h}" y2="${y + h}" stroke="${RULE}"/>`)
    y += h
  }
  if (headers) drawRow(headers, HEAD, () => `font-size="${FONT_SIZE}" font-weight="bold" fill="#ffffff"`)
  const shown = rows.slice(0, MAX_ROWS)
  shown.forEach((row, r) =>
    drawRow(row, r % 2 ? STRIPE : null, (i) =>
      headers === null && i === 0 ? `font-size="${FONT_SIZE}" font-weight="bold" fill="${HEAD}"` : `font-size="${FONT_SIZE}" fill="${INK}"`,
    ),
  )
  if (rows.length > shown.length) {
    const more = rows.length - shown.length
    parts.push(
      textAt(
        PAD,
        y + LINE,
        [`… et ${more} ligne${more > 1 ? 's' : ''} de plus dans le dossier`],
        `font-size="${FONT_SIZE}" font-style="italic" fill="${MUTED}"`,
      ),
    )
    y += LINE + PAD
  }
  const height = Math.ceil(y + PAD)
  return {
    svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">${parts.join('')}</svg>`,
    width: WIDTH,
    height,
  }
}

export function tableImage(picture: TablePicture): ChartImage {
  const { svg, width, height } = tableSvg(picture)
  return rasterise(svg, width, height, picture.alt)
}
