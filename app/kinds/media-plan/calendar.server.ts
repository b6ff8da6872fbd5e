import { formatShortDate } from '~/domain/format'
import { escape, FONT, rasterise, WIDTH, type ChartImage } from '~/services/exports/charts.server'
import { MEDIA_LABELS as L } from './labels'
import { mediumRows, phaseBars, planPeriod, shownMarronniers, yearCalendar } from './media-plan'
import type { MediaPlanValue } from './schema'

/**
 * The media plan's calendar for the Word export, drawn as SVG from the same
 * geometry as the screen (`yearCalendar`, `mediumRows`) and rasterised to PNG:
 * months along the top, the phases as bands, the marronniers, a row of waves per medium.
 */

const LABEL_COLUMN = 132
const TOP = 20
const PHASE_ROW = 20
const MARRONNIER_ROW = 30
const ROW = 24
const FONT_SIZE = 10
export const TONES = ['#1f3a8a', '#9a3412', '#166534', '#6b21a8', '#0f766e', '#854d0e']
const BANDS = ['#e6ebf7', '#fdeee4', '#e3f3e8']

/** A text no wider than `max` pixels (an average glyph is 0,6 em; DejaVu errs wide), else its start and « … ». */
export function fit(text: string, max: number, size = FONT_SIZE): string {
  const t = text.trim().replace(/\s+/g, ' ')
  const chars = Math.floor(max / (size * 0.62))
  return t.length <= chars ? t : chars <= 1 ? '' : `${t.slice(0, chars - 1).trimEnd()}…`
}
const round = (n: number) => Math.round(n * 10) / 10

export type CalendarSvg = { svg: string; width: number; height: number; alt: string }

/** The calendar as SVG, or null while the plan has no year. */
export function calendarSvg(value: MediaPlanValue): CalendarSvg | null {
  const period = planPeriod(value)
  if (!period) return null
  const cal = yearCalendar(period)
  const rows = mediumRows(value, period)
  const phases = phaseBars(value, period)
  const marronniers = shownMarronniers(value, period)
  const chart = WIDTH - LABEL_COLUMN - 6
  const perDay = chart / cal.days
  const x = (iso: string) => round(LABEL_COLUMN + cal.day(iso) * perDay)
  const w = (from: string, to: string) => round(Math.max((cal.day(to) - cal.day(from) + 1) * perDay, 2))
  const mediaTop = TOP + PHASE_ROW + MARRONNIER_ROW
  const height = mediaTop + ROW * Math.max(rows.length, 1) + 6
  const text = (left: number, y: number, content: string, fill: string, extra = '') =>
    `<text x="${round(left)}" y="${y}" fill="${fill}"${extra}>${escape(content)}</text>`
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="${FONT}" font-size="${FONT_SIZE}">`]

  cal.months.forEach((m, i) => {
    const left = round(LABEL_COLUMN + m.from * perDay)
    if (i % 2) parts.push(`<rect x="${left}" y="${TOP}" width="${round(m.days * perDay)}" height="${height - TOP - 6}" fill="#f6f5f1"/>`)
    parts.push(`<line x1="${left}" y1="4" x2="${left}" y2="${height - 6}" stroke="#d9d6cc"/>`)
    parts.push(text(left + 2, 14, fit(m.short, m.days * perDay - 3), '#1b1f2a', ' font-weight="bold"'))
  })
  phases.forEach((p, i) => {
    parts.push(`<rect x="${x(p.start)}" y="${TOP}" width="${w(p.start, p.end)}" height="${height - TOP - 6}" fill="${BANDS[i % 3]}" opacity="0.8"/>`)
  })
  parts.push(text(4, TOP + 14, L.phases, '#4a5162'))
  phases.forEach((p) => {
    parts.push(`<rect x="${x(p.start)}" y="${TOP + 3}" width="${w(p.start, p.end)}" height="14" rx="2" fill="none" stroke="#4a5162"/>`)
    parts.push(text(x(p.start) + 2, TOP + 14, fit(p.name, Math.max(w(p.start, p.end), 60) - 3, 9), '#1b1f2a', ' font-size="9"'))
  })
  const mTop = TOP + PHASE_ROW
  parts.push(text(4, mTop + 18, L.marronniersRow, '#4a5162'))
  marronniers.forEach((m, i) => {
    const y = mTop + (i % 2 ? 24 : 12)
    if (m.start === m.end) parts.push(`<path d="M${x(m.start)} ${y - 8}l4 4l-4 4l-4 -4z" fill="#9a3412"/>`)
    else parts.push(`<rect x="${x(m.start)}" y="${y - 6}" width="${w(m.start, m.end)}" height="5" fill="#9a3412"/>`)
    parts.push(text(x(m.start) + 5, y, fit(m.label, 70, 8), '#9a3412', ' font-size="8"'))
  })
  rows.forEach((r, i) => {
    const y = mediaTop + i * ROW
    parts.push(`<line x1="0" y1="${y}" x2="${WIDTH}" y2="${y}" stroke="#d9d6cc"/>`)
    parts.push(text(4, y + 15, fit(r.name, LABEL_COLUMN - 8), '#1b1f2a', ' font-weight="bold"'))
    for (const b of r.bars) {
      parts.push(`<rect x="${x(b.start)}" y="${y + 5}" width="${w(b.start, b.end)}" height="14" rx="2" fill="${TONES[i % TONES.length]}"/>`)
      const room = w(b.start, b.end) - 4
      if (room > 24) parts.push(text(x(b.start) + 2, y + 15, fit(b.name, room, 9), '#ffffff', ' font-size="9"'))
    }
  })
  parts.push('</svg>')
  const alt = L.calendarAlt(
    formatShortDate(period.first),
    formatShortDate(period.last),
    rows.map((r) => ({ medium: r.name, waves: r.bars.map((b) => L.waveSpan(b.name, formatShortDate(b.start), formatShortDate(b.end))) })),
  )
  return { svg: parts.join(''), width: WIDTH, height, alt }
}

/** The calendar as a PNG for Word, or null while the plan has no year. */
export function calendarImage(value: MediaPlanValue): ChartImage | null {
  const drawn = calendarSvg(value)
  return drawn ? rasterise(drawn.svg, drawn.width, drawn.height, drawn.alt) : null
}
