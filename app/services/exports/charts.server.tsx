import fs from 'node:fs'
import { Resvg } from '@resvg/resvg-js'
import { renderToStaticMarkup } from 'react-dom/server'
import type { Level } from '~/domain/kpi'

/**
 * Charts for the exports, drawn on the server from the same data as the
 * screen and rasterised to PNG: recharts renders a full SVG under SSR at a
 * fixed size (2.15), resvg turns it into pixels. Each kind draws its own
 * charts (app/kinds/<kind>/*.server.tsx) with these helpers.
 */
export type ChartImage = { png: Buffer; width: number; height: number; alt: string }

export const WIDTH = 640
export const COLORS: Record<Level, string> = { vert: '#166534', orange: '#b45309', rouge: '#a11a1a' }
export const FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif'
export const fr = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('fr-FR', { maximumFractionDigits: 2 }) : String(v))

/**
 * The fonts charts are drawn with. Loading the two DejaVu files is much
 * faster than scanning every system font for each image; without them
 * (another system), resvg scans the system fonts.
 */
const DEJAVU = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf']
const fonts = DEJAVU.every((f) => fs.existsSync(f)) ? { loadSystemFonts: false, fontFiles: DEJAVU } : { loadSystemFonts: true }

export function rasterise(svg: string, width: number, height: number, alt: string): ChartImage {
  const markup = svg.includes('xmlns=') ? svg : svg.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"')
  const withBackground = markup.replace(/(<svg[^>]*>)/, `$1<rect width="100%" height="100%" fill="#ffffff"/>`)
  const png = new Resvg(withBackground, {
    font: { ...fonts, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    // 1.5 pixels per point: 144 dpi once in the page, sharp on screen and in print, and a third faster to encode than 2.
    fitTo: { mode: 'width', value: Math.round(width * 1.5) },
  })
    .render()
    .asPng()
  return { png, width, height, alt }
}

/** The <svg> element of a server-rendered recharts chart. */
export function svgOf(element: JSX.Element): string {
  const html = renderToStaticMarkup(element)
  const start = html.indexOf('<svg')
  // The chart surface is the first <svg>; legends are HTML around it.
  const end = html.indexOf('</svg>', start)
  if (start < 0 || end < 0) throw new Error('recharts rendered no SVG on the server')
  return html.slice(start, end + '</svg>'.length)
}

export const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** Advance widths of DejaVu Sans, in thousandths of an em, for the characters labels use; others count as wide. */
const ADVANCES: Record<string, number> = {
  ' ': 318,
  '\u00a0': 318,
  '\u202f': 318,
  '!': 400,
  '%': 950,
  '(': 390,
  ')': 390,
  ',': 318,
  '-': 361,
  '.': 318,
  '/': 337,
  ':': 337,
  ';': 337,
  '’': 318,
  "'": 275,
  '«': 557,
  '»': 557,
  '—': 1000,
  '–': 500,
  '…': 1000,
  '×': 838,
  '€': 636,
  '&': 780,
  '+': 838,
  a: 613,
  b: 635,
  c: 550,
  d: 635,
  e: 615,
  f: 352,
  g: 635,
  h: 634,
  i: 278,
  j: 278,
  k: 579,
  l: 278,
  m: 974,
  n: 634,
  o: 612,
  p: 635,
  q: 635,
  r: 411,
  s: 521,
  t: 392,
  u: 634,
  v: 592,
  w: 818,
  x: 592,
  y: 592,
  z: 525,
  A: 684,
  B: 686,
  C: 698,
  D: 770,
  E: 632,
  F: 575,
  G: 775,
  H: 752,
  I: 295,
  J: 295,
  K: 656,
  L: 557,
  M: 863,
  N: 748,
  O: 787,
  P: 603,
  Q: 787,
  R: 695,
  S: 635,
  T: 611,
  U: 732,
  V: 684,
  W: 989,
  X: 685,
  Y: 611,
  Z: 685,
}
const DIGIT = 636
const WIDE = 800

/** The width of a text in pixels, in DejaVu Sans (accents do not change a letter's width). Slightly generous, never short. */
export function textWidth(text: string, fontSize = 12): number {
  let units = 0
  for (const ch of text.normalize('NFD').replace(/\p{M}/gu, '')) units += /\d/.test(ch) ? DIGIT : (ADVANCES[ch] ?? WIDE)
  return Math.ceil((units / 1000) * fontSize * 1.04)
}

/** A label cut into lines of at most `width` pixels, two lines at most (the second ends with « … » if it had to be cut). */
export function wrapLabel(label: string, width: number, maxLines = 2): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word
    if (!line || textWidth(candidate) <= width) line = candidate
    else {
      lines.push(line)
      line = word
    }
  }
  if (line) lines.push(line)
  const kept = lines.slice(0, maxLines)
  let last = kept.length ? kept[kept.length - 1]! : ''
  if (lines.length > maxLines || textWidth(last) > width) {
    while (last && textWidth(`${last}…`) > width) last = last.slice(0, -1).trimEnd()
    kept[kept.length - 1] = `${last}…`
  }
  return kept
}
