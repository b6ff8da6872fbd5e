import { CartesianGrid, Customized, ReferenceLine, Scatter, ScatterChart, XAxis, YAxis } from 'recharts'
import { axisTitle, PMAP_LABELS, scoreText, type AxisKey, type PoleKey, type Scale } from './labels'
import { mapPoints, middle, shortName, wrapText, type MapPoint } from './map'
import type { PositioningMapValue } from './schema'

/**
 * The perceptual map drawn with recharts at a fixed size: the same SVG on
 * screen (scaled by CSS, see `.pmap-chart`) and in the Word export
 * (rasterised on the server). Quadrant lines cross at the middle of the
 * scale; the poles are written at both ends of each axis, in the margins, so
 * that no label is cut off.
 */
export const CHART_WIDTH = 640
export const CHART_HEIGHT = 480
const MARGIN = { top: 64, right: 132, bottom: 64, left: 132 } as const
/** Where bubbles and names may go. */
const PLOT = { left: MARGIN.left, top: MARGIN.top, width: CHART_WIDTH - MARGIN.left - MARGIN.right, height: CHART_HEIGHT - MARGIN.top - MARGIN.bottom }
/** Room between the scale's ends and the plot's edges, so that a bubble at −5 or 5 stays clear of the poles' labels. */
const PAD = 26

const INK = '#1b1f2a'
const INK_SOFT = '#4a5162'
const LINE = '#d9d6cc'
const LINE_STRONG = '#9a968a'
const COMPETITOR = '#1f3a8a'
const COMPANY = '#9a3412'
const LINE_HEIGHT = 15
/** Average width of a character at 12 px (DejaVu Sans is among the widest fonts the export uses). */
const CHAR = 7

/** A brand on the chart, with its bubble's radius and where its name goes above (or under) it. */
type Point = MapPoint & { radius: number; stack: number; clearance: number }

/** Bubble radii (area ∝ market share); names of brands at about the same place are stacked, not overprinted. */
function placed(value: PositioningMapValue, scale: Scale): Point[] {
  const points = mapPoints(value)
  const biggest = Math.max(0, ...points.map((p) => p.size ?? 0))
  const radius = (p: MapPoint) => (p.size === null || biggest === 0 ? 7 : Math.max(5, 28 * Math.sqrt(p.size / biggest)))
  const near = (scale.max - scale.min) / 12
  const close = (p: MapPoint, q: MapPoint) => Math.abs(q.x - p.x) < near * 2 && Math.abs(q.y - p.y) < near
  return points.map((p, i) => ({
    ...p,
    radius: radius(p),
    stack: points.slice(0, i).filter((q) => close(p, q)).length,
    clearance: Math.max(...points.filter((q) => close(p, q)).map(radius)),
  }))
}

const halo = { stroke: '#ffffff', strokeWidth: 3, strokeLinejoin: 'round' as const, paintOrder: 'stroke' as const }

/** A bubble and its name, the name kept inside the picture. */
function Bubble({ cx, cy, payload, fontFamily }: { cx?: number; cy?: number; payload?: Point; fontFamily: string }) {
  if (cx === undefined || cy === undefined || !payload) return <g />
  const colour = payload.company ? COMPANY : COMPETITOR
  const name = shortName(payload.name || PMAP_LABELS.brand) + (payload.company ? ` (${PMAP_LABELS.company.toLowerCase()})` : '')
  const width = name.length * (payload.company ? CHAR + 0.6 : CHAR)
  const x = Math.min(Math.max(cx, PLOT.left + width / 2), PLOT.left + PLOT.width - width / 2)
  // Names go above their bubble, or under it near the top of the plot (the pole's label sits above the plot).
  const above = cy - payload.clearance - 6 - payload.stack * LINE_HEIGHT
  const y = above - 12 < PLOT.top ? cy + payload.clearance + 16 + payload.stack * LINE_HEIGHT : above
  return (
    <g>
      <circle
        cx={cx}
        cy={cy}
        r={payload.radius}
        fill={colour}
        fillOpacity={payload.size === null ? 0.9 : 0.35}
        stroke={colour}
        strokeWidth={payload.company ? 3 : 1.5}
      />
      {payload.company ? <circle cx={cx} cy={cy} r={3} fill="#ffffff" /> : null}
      <text x={x} y={y} textAnchor="middle" fontSize={12} fontWeight={payload.company ? 700 : 400} fill={INK} fontFamily={fontFamily} {...halo}>
        {name}
      </text>
    </g>
  )
}

/** A pole's label: its words, or the pole's place in grey when the learner has not named it yet. */
function poleWords(value: PositioningMapValue, key: AxisKey, pole: PoleKey) {
  const words = value[key][pole].trim()
  return { words: words || PMAP_LABELS.pole[key][pole], given: Boolean(words) }
}

/** Pole labels at the four ends of the cross, axis names along the quadrant lines, a frame around the plot. */
function Frame({ value, scale, fontFamily }: { value: PositioningMapValue; scale: Scale; fontFamily: string }) {
  const midX = PLOT.left + PLOT.width / 2
  const midY = PLOT.top + PLOT.height / 2
  const label = (key: AxisKey, pole: PoleKey, max: number, lines: number) => {
    const { words, given } = poleWords(value, key, pole)
    const score = `(${scoreText(pole === 'low' ? scale.min : scale.max)})`
    return { lines: wrapText(words, max, lines), score, fill: given ? INK : INK_SOFT, style: given ? 'normal' : 'italic' }
  }
  const top = label('y', 'high', 52, 3)
  const bottom = label('y', 'low', 52, 3)
  const left = label('x', 'low', Math.floor((MARGIN.left - 16) / CHAR), 5)
  const right = label('x', 'high', Math.floor((MARGIN.right - 16) / CHAR), 5)
  // The pole's score follows its words: on the same line above and under the plot, on a line of its own beside it.
  const text = (l: ReturnType<typeof label>, x: number, firstY: number, anchor: 'start' | 'middle' | 'end') => (
    <text x={x} y={firstY} textAnchor={anchor} fontSize={13} fontWeight={700} fontStyle={l.style} fill={l.fill} fontFamily={fontFamily}>
      {l.lines.map((line, i) => (
        <tspan key={i} x={x} dy={i === 0 ? 0 : LINE_HEIGHT}>
          {line}
          {anchor === 'middle' && i === l.lines.length - 1 ? <tspan fontWeight={400} fontStyle="normal" fill={INK_SOFT}>{`\u00a0${l.score}`}</tspan> : null}
        </tspan>
      ))}
      {anchor === 'middle' ? null : (
        <tspan x={x} dy={LINE_HEIGHT} fontWeight={400} fontStyle="normal" fontSize={12} fill={INK_SOFT}>
          {l.score}
        </tspan>
      )}
    </text>
  )
  const xName = shortName(axisTitle('x', value.x), 40)
  const yName = shortName(axisTitle('y', value.y), 40)
  return (
    <g>
      <rect x={PLOT.left} y={PLOT.top} width={PLOT.width} height={PLOT.height} fill="none" stroke={LINE_STRONG} />
      {text(top, midX, PLOT.top - 12 - (top.lines.length - 1) * LINE_HEIGHT, 'middle')}
      {text(bottom, midX, PLOT.top + PLOT.height + 22, 'middle')}
      {text(left, PLOT.left - 10, midY + 4 - (left.lines.length * LINE_HEIGHT) / 2, 'end')}
      {text(right, PLOT.left + PLOT.width + 10, midY + 4 - (right.lines.length * LINE_HEIGHT) / 2, 'start')}
      <text x={PLOT.left + PLOT.width - 6} y={midY - 7} textAnchor="end" fontSize={11} fontStyle="italic" fill={INK_SOFT} fontFamily={fontFamily} {...halo}>
        {`${xName} →`}
      </text>
      <text x={midX + 7} y={PLOT.top + 14} textAnchor="start" fontSize={11} fontStyle="italic" fill={INK_SOFT} fontFamily={fontFamily} {...halo}>
        {`↑ ${yName}`}
      </text>
    </g>
  )
}

/** The integer ticks of the scale (grid lines), at most about ten. */
function ticks({ min, max }: Scale): number[] {
  const step = Math.max(1, Math.ceil((max - min) / 10))
  const out: number[] = []
  for (let t = min; t <= max; t += step) out.push(t)
  return out
}

/**
 * The chart itself, an <svg> of CHART_WIDTH × CHART_HEIGHT. Decorative for
 * assistive technologies: the caller labels it (role="img" and the summary)
 * and shows the data table beside it. `id` keeps the SVG ids the same on the
 * server and in the browser.
 */
export function PositioningChart({ value, scale, id, fontFamily = 'inherit' }: { value: PositioningMapValue; scale: Scale; id: string; fontFamily?: string }) {
  const points = placed(value, scale)
  const mid = middle(scale)
  const domain: [number, number] = [scale.min, scale.max]
  const shape = (props: unknown) => <Bubble {...(props as { cx?: number; cy?: number; payload?: Point })} fontFamily={fontFamily} />
  return (
    <ScatterChart id={id} width={CHART_WIDTH} height={CHART_HEIGHT} margin={MARGIN}>
      <CartesianGrid stroke={LINE} strokeDasharray="2 4" />
      <XAxis type="number" dataKey="x" domain={domain} ticks={ticks(scale)} padding={{ left: PAD, right: PAD }} hide />
      <YAxis type="number" dataKey="y" domain={domain} ticks={ticks(scale)} padding={{ top: PAD, bottom: PAD }} hide />
      <ReferenceLine x={mid} stroke={INK_SOFT} strokeWidth={1.5} />
      <ReferenceLine y={mid} stroke={INK_SOFT} strokeWidth={1.5} />
      <Customized component={<Frame value={value} scale={scale} fontFamily={fontFamily} />} />
      <Scatter data={points.filter((p) => !p.company)} shape={shape} isAnimationActive={false} />
      <Scatter data={points.filter((p) => p.company)} shape={shape} isAnimationActive={false} />
    </ScatterChart>
  )
}
