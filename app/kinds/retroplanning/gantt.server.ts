import { formatShortDate } from '~/domain/format'
import { COLORS, escape, FONT, rasterise, WIDTH, type ChartImage } from '~/services/exports/charts.server'
import { RETRO_LABELS } from './labels'
import { ganttFrame, type PlanRow } from './retroplanning'
import { ganttTicks } from './timeline'

/**
 * The Gantt chart of the Word export, drawn as SVG from the same geometry as
 * the screen (`ganttFrame`) and rasterised to PNG. Texts are placed from
 * their estimated width so that none is cut: a long task name is shortened
 * with « … » inside the label column, and axis labels stay inside the image.
 */

export const FONT_SIZE = 11
/** Width of the task names' column, left of the bars. */
export const LABEL_COLUMN = 170
/** Margin kept free at both sides of the image and right of a task name. */
export const PAD = 4
const ROW_HEIGHT = 26
const TOP = 28

/**
 * Advance widths of DejaVu Sans (the font the PNG is drawn with), in ems,
 * for the characters French labels use. Accented letters count as their base
 * letter; anything else counts as a capital M, so estimates err on the wide side.
 */
const WIDTHS: Record<string, number> = {
  ...spread('ijl', 0.278),
  ...spread('IJ', 0.295),
  ...spread(' .,’', 0.318),
  ...spread(':;|/', 0.337),
  ...spread("'", 0.275),
  ...spread('!', 0.4),
  ...spread('f', 0.352),
  ...spread('-', 0.361),
  ...spread('()', 0.39),
  ...spread('t', 0.392),
  ...spread('r', 0.411),
  ...spread('–', 0.5),
  ...spread('s', 0.521),
  ...spread('z', 0.525),
  ...spread('c', 0.55),
  ...spread('L', 0.557),
  ...spread('F', 0.575),
  ...spread('k', 0.579),
  ...spread('vxy', 0.592),
  ...spread('P', 0.603),
  ...spread('TY', 0.611),
  ...spread('«»', 0.612),
  ...spread('aoe', 0.615),
  ...spread('E', 0.632),
  ...spread('bdghnpqu', 0.634),
  ...spread('0123456789S€', 0.636),
  ...spread('K', 0.656),
  ...spread('VXZB', 0.686),
  ...spread('R', 0.695),
  ...spread('C', 0.698),
  ...spread('A', 0.711),
  ...spread('U', 0.732),
  ...spread('HN', 0.752),
  ...spread('DG&', 0.775),
  ...spread('OQ', 0.787),
  ...spread('w', 0.818),
  ...spread('+=#', 0.838),
  ...spread('M', 0.863),
  ...spread('%', 0.95),
  ...spread('m', 0.974),
  ...spread('W', 0.989),
  ...spread('…—@œæ', 1.02),
}
const WIDEST = 1.02

function spread(chars: string, width: number): Record<string, number> {
  return Object.fromEntries([...chars].map((c) => [c, width]))
}

/** The estimated width of a text in pixels at this font size (2 % more, for the rounding of glyphs at small sizes). */
export function textWidth(text: string, size = FONT_SIZE): number {
  let ems = 0
  for (const c of text) ems += WIDTHS[c] ?? WIDTHS[c.normalize('NFD')[0]!] ?? WIDEST
  return ems * size * 1.02
}

/** The text, or its beginning followed by « … », no wider than `max` pixels. */
export function fitText(text: string, max: number, size = FONT_SIZE): string {
  const whole = text.trim().replace(/\s+/g, ' ')
  if (textWidth(whole, size) <= max) return whole
  const chars = [...whole]
  for (let n = chars.length - 1; n > 0; n--) {
    const cut = `${chars.slice(0, n).join('').trimEnd()}…`
    if (textWidth(cut, size) <= max) return cut
  }
  return '…'
}

/** A left-anchored x where a text of this width fits between `min` and `max`, as near `wanted` as can be. */
const clamp = (wanted: number, width: number, min: number, max: number) => Math.max(min, Math.min(wanted, max - width))
const round = (n: number) => Math.round(n * 10) / 10

export type GanttSvg = { svg: string; width: number; height: number; alt: string }

/** The Gantt chart as SVG (planned bars, actual bars coloured by alert, deadline and today), or null when nothing can be drawn yet. */
export function ganttSvg(rows: PlanRow[], deadline: string | null, today: string, tracking: boolean): GanttSvg | null {
  const frame = ganttFrame(rows, deadline, today)
  if (!frame) return null
  const { placed, first, last } = frame
  const chart = WIDTH - LABEL_COLUMN - 16
  const height = TOP + ROW_HEIGHT * placed.length + 12
  const x = (iso: string) => round(LABEL_COLUMN + frame.offset(iso) * chart)
  const w = (from: string, to: string) => round(Math.max(frame.extent(from, to) * chart, 2))
  const text = (left: number, y: number, content: string, fill: string) => `<text x="${round(left)}" y="${y}" fill="${fill}">${escape(content)}</text>`
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="${FONT}" font-size="${FONT_SIZE}">`]

  // Week ticks: every line is drawn; a label that would overlap the previous one is left out, the last one is kept inside the image.
  let labelsEnd = -Infinity
  for (const { date, label } of ganttTicks(first, last)) {
    parts.push(`<line x1="${x(date)}" y1="${TOP - 14}" x2="${x(date)}" y2="${height - 8}" stroke="#d9d6cc"/>`)
    const width = textWidth(label)
    const left = clamp(x(date) + 2, width, LABEL_COLUMN, WIDTH - PAD)
    if (left < labelsEnd + 6) continue
    parts.push(text(left, TOP - 16, label, '#4a5162'))
    labelsEnd = left + width
  }
  placed.forEach(({ task, slot, level }, i) => {
    const y = TOP + i * ROW_HEIGHT
    parts.push(text(PAD, y + 14, fitText(task.name, LABEL_COLUMN - 3 * PAD), '#1b1f2a'))
    parts.push(`<rect x="${x(slot.latestStart)}" y="${y + 3}" width="${w(slot.latestStart, slot.latestFinish)}" height="10" rx="2" fill="#1f3a8a"/>`)
    if (tracking && task.actualStart) {
      parts.push(
        `<rect x="${x(task.actualStart)}" y="${y + 15}" width="${w(task.actualStart, frame.actualEnd(task))}" height="6" rx="2" fill="${COLORS[level ?? 'vert']}"/>`,
      )
    }
  })
  const deadlineX = round(x(frame.deadline) + w(frame.deadline, frame.deadline))
  parts.push(`<line x1="${deadlineX}" y1="${TOP - 6}" x2="${deadlineX}" y2="${height - 8}" stroke="#1b1f2a" stroke-width="2"/>`)
  const deadlineLabel = RETRO_LABELS.deadline
  const deadlineWidth = textWidth(deadlineLabel)
  parts.push(text(clamp(deadlineX - 4 - deadlineWidth, deadlineWidth, PAD, WIDTH - PAD), height - 1, deadlineLabel, '#1b1f2a'))
  if (frame.todayInside) {
    parts.push(`<line x1="${x(today)}" y1="${TOP - 6}" x2="${x(today)}" y2="${height - 8}" stroke="#d97706" stroke-width="2" stroke-dasharray="4 3"/>`)
  }
  parts.push('</svg>')
  const alt = RETRO_LABELS.ganttAlt(
    formatShortDate(frame.deadline),
    placed.map(({ task, slot }) => ({ name: task.name.trim(), start: formatShortDate(slot.latestStart), finish: formatShortDate(slot.latestFinish) })),
  )
  return { svg: parts.join(''), width: WIDTH, height, alt }
}

/** The Gantt chart as a PNG for Word, or null when nothing can be drawn yet. */
export function ganttImage(rows: PlanRow[], deadline: string | null, today: string, tracking: boolean): ChartImage | null {
  const drawn = ganttSvg(rows, deadline, today, tracking)
  return drawn ? rasterise(drawn.svg, drawn.width, drawn.height, drawn.alt) : null
}
