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
