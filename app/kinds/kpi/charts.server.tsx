import { Bar, BarChart, CartesianGrid, Cell, Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts'
import { COLORS, FONT, fr, rasterise, svgOf, textWidth, WIDTH, wrapLabel, type ChartImage } from '~/services/exports/charts.server'
import { kpiAchievements, kpiTrends, type KpiTrend } from './kpi'
import { KPI_LABELS } from './labels'
import type { KpiThresholds, KpiValue } from './schema'

/**
 * The KPI charts of the Word export: the achievement bars and one trend per
 * indicator measured over several periods, drawn by recharts on the server
 * and rasterised. recharts cannot measure text under SSR, so the room the
 * labels need is measured here (DejaVu Sans, the font resvg draws with) and
 * given to the axes and margins: no label is cut at the edge of the image.
 */

const FONT_SIZE = 12
const TICK_GAP = 14 // tick line (6) + space between tick and text (8)
const NEUTRAL = '#9a968a'

/** The widest category axis a bar chart gives its labels, in pixels. */
const MAX_LABEL_WIDTH = Math.round(WIDTH * 0.4)

type TickProps = { x?: number; y?: number; payload?: { value?: unknown } }

/** A category tick drawn on one or two lines, right-aligned against the axis. */
function WrappedTick({ x = 0, y = 0, payload, lines }: TickProps & { lines: Map<string, string[]> }) {
  const label = String(payload?.value ?? '')
  const rows = lines.get(label) ?? [label]
  const first = -((rows.length - 1) * (FONT_SIZE + 2)) / 2
  return (
    <text x={x} y={y} textAnchor="end" fontSize={FONT_SIZE} fill="#4a5162" fontFamily={FONT}>
      {rows.map((row, i) => (
        <tspan key={i} x={x} dy={i === 0 ? first + FONT_SIZE * 0.355 : FONT_SIZE + 2}>
          {row}
        </tspan>
      ))}
    </text>
  )
}

export type ChartSvg = { svg: string; width: number; height: number; alt: string }

/** The achievement bar chart: the Y axis as wide as its longest label (wrapped beyond 40 % of the width). */
export function achievementSvg(value: KpiValue, thresholds: KpiThresholds): ChartSvg | null {
  const bars = kpiAchievements(value, thresholds).flatMap((b) => (b.rate === null ? [] : [{ ...b, rate: b.rate }]))
  if (!bars.length) return null
  const lines = new Map(bars.map((b) => [b.label, wrapLabel(b.label, MAX_LABEL_WIDTH)]))
  const axisWidth = Math.max(60, ...[...lines.values()].flat().map((l) => textWidth(l))) + TICK_GAP + 4
  const height = Math.max(160, 40 * bars.length + 60)
  const max = Math.max(125, Math.ceil(Math.max(...bars.map((b) => b.rate)) / 25) * 25)
  // The last tick of the value axis is centred on the right edge of the plot.
  const right = Math.max(24, Math.ceil(textWidth(`${fr(max)} %`) / 2) + 6)
  const svg = svgOf(
    <BarChart width={WIDTH} height={height} data={bars} layout="vertical" margin={{ left: 8, right, top: 16, bottom: 8 }} style={{ fontFamily: FONT }}>
      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" unit=" %" tickFormatter={fr} domain={[0, max]} tickCount={6} allowDecimals={false} tick={{ fontSize: FONT_SIZE }} />
      <YAxis type="category" dataKey="label" width={axisWidth} interval={0} tick={(props: TickProps) => <WrappedTick {...props} lines={lines} />} />
      <ReferenceLine x={100} stroke="#1b1f2a" strokeDasharray="4 2" />
      <Bar dataKey="rate" isAnimationActive={false}>
        {bars.map((b) => (
          <Cell key={b.id} fill={b.level ? COLORS[b.level] : NEUTRAL} />
        ))}
      </Bar>
    </BarChart>,
  )
  return { svg, width: WIDTH, height, alt: KPI_LABELS.achievementAlt(bars) }
}

const TREND_HEIGHT = 240

/** A trend: the Y axis as wide as its values, room on the right for the last period, the legend under the plot. */
export function trendSvg(trend: KpiTrend): ChartSvg {
  const suffix = trend.unit ? ` ${trend.unit}` : ''
  const values = trend.points.flatMap((p) => [p.target, p.actual]).filter((v): v is number => v !== null)
  // recharts rounds the axis up to a « nice » tick: measure a value of the next power of ten too.
  const top = Math.max(1, ...values.map(Math.abs))
  const candidates = [...values, 10 ** Math.ceil(Math.log10(top)), ...(values.some((v) => v < 0) ? [-(10 ** Math.ceil(Math.log10(top)))] : [])]
  const axisWidth = Math.max(60, ...candidates.map((v) => textWidth(`${fr(v)}${suffix}`))) + TICK_GAP + 4
  const periods = trend.points.map((p) => p.period)
  // Points sit on the edges of the plot: the first and last periods are centred there.
  const left = Math.max(8, Math.ceil(textWidth(periods[0] ?? '') / 2) - axisWidth + 4)
  const right = Math.max(24, Math.ceil(textWidth(periods[periods.length - 1] ?? '') / 2) + 6)
  const svg = svgOf(
    <LineChart width={WIDTH} height={TREND_HEIGHT} data={trend.points} margin={{ left, right, top: 16, bottom: 20 }} style={{ fontFamily: FONT }}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="period" interval={0} tick={{ fontSize: FONT_SIZE }} />
      <YAxis tickFormatter={fr} unit={suffix} width={axisWidth} tick={{ fontSize: FONT_SIZE }} />
      <Line type="monotone" dataKey="target" stroke="#4a5162" strokeDasharray="5 3" isAnimationActive={false} connectNulls />
      <Line type="monotone" dataKey="actual" stroke="#1f3a8a" strokeWidth={2} isAnimationActive={false} connectNulls />
    </LineChart>,
  )
  const x = left + axisWidth
  const y = TREND_HEIGHT - 8
  const { target, actual } = KPI_LABELS.series
  const legend =
    `<g font-family="${FONT}" font-size="11"><line x1="${x}" y1="${y - 4}" x2="${x + 24}" y2="${y - 4}" stroke="#4a5162" stroke-dasharray="5 3"/><text x="${x + 28}" y="${y}">${target}</text>` +
    `<line x1="${x + 74}" y1="${y - 4}" x2="${x + 98}" y2="${y - 4}" stroke="#1f3a8a" stroke-width="2"/><text x="${x + 102}" y="${y}">${actual}</text></g>`
  const show = (v: number | null) => (v === null ? '—' : fr(v) + suffix)
  const alt = KPI_LABELS.trendAlt(
    trend.name,
    trend.points.map((p) => ({ period: p.period, actual: show(p.actual), target: show(p.target) })),
  )
  return { svg: svg.replace(/<\/svg>$/, `${legend}</svg>`), width: WIDTH, height: TREND_HEIGHT, alt }
}

/** The achievement bar chart and one trend chart per indicator measured over several periods, as images. */
export function kpiChartImages(value: KpiValue, thresholds: KpiThresholds): ChartImage[] {
  const charts = [achievementSvg(value, thresholds), ...kpiTrends(value).map(trendSvg)].filter((c): c is ChartSvg => c !== null)
  return charts.map((c) => rasterise(c.svg, c.width, c.height, c.alt))
}
