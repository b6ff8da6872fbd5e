import { Resvg } from '@resvg/resvg-js'
import { renderToStaticMarkup } from 'react-dom/server'
import { Bar, BarChart, CartesianGrid, Cell, Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts'
import { formatShortDate } from '~/domain/format'
import { kpiAchievements, kpiTrends, type KpiThresholds, type KpiValue, type Level } from '~/domain/kpi'
import { ganttFrame, ganttTicks, type PlanRow } from '~/domain/retroplanning'

/**
 * Charts for the exports, drawn on the server from the same data as the
 * screen (app/domain) and rasterised to PNG: recharts renders a full SVG
 * under SSR at a fixed size (2.15), resvg turns it into pixels.
 */
export type ChartImage = { png: Buffer; width: number; height: number; alt: string }

export const WIDTH = 640
export const COLORS: Record<Level, string> = { vert: '#166534', orange: '#b45309', rouge: '#a11a1a' }
export const FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif'
export const fr = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('fr-FR', { maximumFractionDigits: 2 }) : String(v))

export function rasterise(svg: string, width: number, height: number, alt: string): ChartImage {
  const markup = svg.includes('xmlns=') ? svg : svg.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"')
  const withBackground = markup.replace(/(<svg[^>]*>)/, `$1<rect width="100%" height="100%" fill="#ffffff"/>`)
  const png = new Resvg(withBackground, {
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    fitTo: { mode: 'width', value: width * 2 },
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

/** The achievement bar chart and one trend chart per indicator measured over several periods. */
export function kpiChartImages(value: KpiValue, thresholds: KpiThresholds): ChartImage[] {
  const images: ChartImage[] = []
  const bars = kpiAchievements(value, thresholds).filter((b) => b.rate !== null)
  if (bars.length) {
    const height = Math.max(160, 40 * bars.length + 60)
    const max = Math.max(125, Math.ceil(Math.max(...bars.map((b) => b.rate!)) / 25) * 25)
    const svg = svgOf(
      <BarChart width={WIDTH} height={height} data={bars} layout="vertical" margin={{ left: 8, right: 24, top: 16, bottom: 8 }} style={{ fontFamily: FONT }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" unit=" %" tickFormatter={fr} domain={[0, max]} tickCount={6} allowDecimals={false} />
        <YAxis type="category" dataKey="label" width={200} tick={{ fontSize: 12 }} />
        <ReferenceLine x={100} stroke="#1b1f2a" strokeDasharray="4 2" />
        <Bar dataKey="rate" isAnimationActive={false}>
          {bars.map((b) => (
            <Cell key={b.id} fill={b.level ? COLORS[b.level] : '#9a968a'} />
          ))}
        </Bar>
      </BarChart>,
    )
    const alt = `Taux d’atteinte des cibles : ${bars.map((b) => `${b.label} ${fr(b.rate)} %`).join(' ; ')}.`
    images.push(rasterise(svg, WIDTH, height, alt))
  }
  for (const t of kpiTrends(value)) {
    const suffix = t.unit ? ` ${t.unit}` : ''
    const svg = svgOf(
      <LineChart width={WIDTH} height={240} data={t.points} margin={{ left: 8, right: 24, top: 16, bottom: 20 }} style={{ fontFamily: FONT }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="period" tick={{ fontSize: 12 }} />
        <YAxis tickFormatter={fr} unit={suffix} width={80} />
        <Line type="monotone" dataKey="target" stroke="#4a5162" strokeDasharray="5 3" isAnimationActive={false} connectNulls />
        <Line type="monotone" dataKey="actual" stroke="#1f3a8a" strokeWidth={2} isAnimationActive={false} connectNulls />
      </LineChart>,
    )
    const legend =
      `<g font-family="${FONT}" font-size="11"><line x1="96" y1="232" x2="120" y2="232" stroke="#4a5162" stroke-dasharray="5 3"/><text x="124" y="236">Cible</text>` +
      `<line x1="170" y1="232" x2="194" y2="232" stroke="#1f3a8a" stroke-width="2"/><text x="198" y="236">Réel</text></g>`
    const alt = `Évolution de « ${t.name} » : ${t.points.map((p) => `${p.period} : réel ${p.actual === null ? '—' : fr(p.actual) + suffix}, cible ${p.target === null ? '—' : fr(p.target) + suffix}`).join(' ; ')}.`
    images.push(rasterise(svg.replace(/<\/svg>$/, `${legend}</svg>`), WIDTH, 240, alt))
  }
  return images
}

export const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** A Gantt chart of a retroplanning (planned bars, actual bars coloured by alert, deadline and today). */
export function ganttImage(rows: PlanRow[], deadline: string | null, today: string, tracking: boolean): ChartImage | null {
  const frame = ganttFrame(rows, deadline, today)
  if (!frame) return null
  const { placed, first, last } = frame
  const label = 170
  const chart = WIDTH - label - 16
  const rowH = 26
  const top = 28
  const height = top + rowH * placed.length + 12
  const x = (iso: string) => label + frame.offset(iso) * chart
  const w = (from: string, to: string) => Math.max(frame.extent(from, to) * chart, 2)
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="${FONT}" font-size="11">`]
  for (const { date, label: text } of ganttTicks(first, last)) {
    parts.push(`<line x1="${x(date)}" y1="${top - 14}" x2="${x(date)}" y2="${height - 8}" stroke="#d9d6cc"/>`)
    parts.push(`<text x="${x(date) + 2}" y="${top - 16}" fill="#4a5162">${escape(text)}</text>`)
  }
  placed.forEach(({ task, slot, level }, i) => {
    const y = top + i * rowH
    const name = task.name.length > 28 ? `${task.name.slice(0, 27)}…` : task.name
    parts.push(`<text x="4" y="${y + 14}" fill="#1b1f2a">${escape(name)}</text>`)
    parts.push(`<rect x="${x(slot.latestStart)}" y="${y + 3}" width="${w(slot.latestStart, slot.latestFinish)}" height="10" rx="2" fill="#1f3a8a"/>`)
    if (tracking && task.actualStart) {
      parts.push(`<rect x="${x(task.actualStart)}" y="${y + 15}" width="${w(task.actualStart, frame.actualEnd(task))}" height="6" rx="2" fill="${COLORS[level ?? 'vert']}"/>`)
    }
  })
  const deadlineX = x(frame.deadline) + w(frame.deadline, frame.deadline)
  parts.push(`<line x1="${deadlineX}" y1="${top - 6}" x2="${deadlineX}" y2="${height - 8}" stroke="#1b1f2a" stroke-width="2"/>`)
  parts.push(`<text x="${deadlineX - 4}" y="${height - 1}" text-anchor="end" fill="#1b1f2a">Date finale</text>`)
  if (frame.todayInside) {
    parts.push(`<line x1="${x(today)}" y1="${top - 6}" x2="${x(today)}" y2="${height - 8}" stroke="#d97706" stroke-width="2" stroke-dasharray="4 3"/>`)
  }
  parts.push('</svg>')
  const alt = `Diagramme de Gantt jusqu’au ${formatShortDate(frame.deadline)} : ${placed.map(({ task, slot }) => `${task.name} du ${formatShortDate(slot.latestStart)} au ${formatShortDate(slot.latestFinish)}`).join(' ; ')}.`
  return rasterise(parts.join(''), WIDTH, height, alt)
}
