import { Bar, BarChart, CartesianGrid, Cell, XAxis, YAxis } from 'recharts'
import { COLORS, FONT, fr, rasterise, svgOf, textWidth, WIDTH, wrapLabel, type ChartImage } from '~/services/exports/charts.server'
import { categoryName, type CategoryTotals } from './budget'
import { BUDGET_LABELS as L, money } from './labels'

/**
 * The budget chart of the Word export: planned and actual per category as
 * paired horizontal bars (actual coloured by its alert), drawn by recharts on
 * the server and rasterised, with the figures in its alt text.
 */
const FONT_SIZE = 12
const PLANNED = '#9db4d9'
const NEUTRAL = '#4a5162'
const LEGEND = 28

export function budgetChartSvg(totals: readonly CategoryTotals[]): { svg: string; width: number; height: number; alt: string } | null {
  const data = totals
    .filter((t) => t.planned > 0 || (t.actual ?? 0) > 0)
    .map((t) => ({ id: t.category, label: categoryName(t.category), planned: t.planned, actual: t.actual ?? 0, level: t.level }))
  if (!data.length) return null
  const maxLabel = Math.round(WIDTH * 0.35)
  const lines = new Map(data.map((d) => [d.label, wrapLabel(d.label, maxLabel)]))
  const axisWidth = Math.max(60, ...[...lines.values()].flat().map((l) => textWidth(l))) + 18
  const top = Math.max(...data.flatMap((d) => [d.planned, d.actual]))
  const right = Math.ceil(textWidth(`${fr(top)} €`) / 2) + 10
  const height = Math.max(180, 52 * data.length + 50) + LEGEND
  const svg = svgOf(
    <BarChart width={WIDTH} height={height - LEGEND} data={data} layout="vertical" margin={{ left: 8, right, top: 12, bottom: 8 }} style={{ fontFamily: FONT }}>
      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" tickFormatter={(v: number) => `${fr(v)} €`} tickCount={5} tick={{ fontSize: FONT_SIZE }} />
      <YAxis
        type="category"
        dataKey="label"
        width={axisWidth}
        interval={0}
        tick={({ x = 0, y = 0, payload }: { x?: number; y?: number; payload?: { value?: unknown } }) => {
          const rows = lines.get(String(payload?.value ?? '')) ?? [String(payload?.value ?? '')]
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
        }}
      />
      <Bar dataKey="planned" fill={PLANNED} isAnimationActive={false} barSize={14} />
      <Bar dataKey="actual" isAnimationActive={false} barSize={14}>
        {data.map((d) => (
          <Cell key={d.id} fill={d.level ? COLORS[d.level] : NEUTRAL} />
        ))}
      </Bar>
    </BarChart>,
  )
  // The legend, drawn under the plot (recharts' legend is HTML under SSR).
  const y = height - 10
  const x = axisWidth + 8
  const legend =
    `<g font-family="${FONT}" font-size="11"><rect x="${x}" y="${y - 9}" width="14" height="10" fill="${PLANNED}"/><text x="${x + 18}" y="${y}">${L.series.planned}</text>` +
    `<rect x="${x + 70}" y="${y - 9}" width="14" height="10" fill="${NEUTRAL}"/><text x="${x + 88}" y="${y}">${L.series.actual} (couleur de l’alerte)</text></g>`
  const full = svg.replace(/^<svg([^>]*)height="\d+"/, `<svg$1height="${height}"`).replace(/viewBox="0 0 (\d+) \d+"/, `viewBox="0 0 $1 ${height}"`)
  const alt = L.chartAlt(data.map((d) => ({ category: d.label, planned: money(d.planned), actual: money(totals.find((t) => t.category === d.id)?.actual) })))
  return { svg: full.replace(/<\/svg>$/, `${legend}</svg>`), width: WIDTH, height, alt }
}

export function budgetChartImages(totals: readonly CategoryTotals[]): ChartImage[] {
  const chart = budgetChartSvg(totals)
  return chart ? [rasterise(chart.svg, chart.width, chart.height, chart.alt)] : []
}
