import type { CurvePoint } from './experience-map'
import { EXPERIENCE_LABELS, formatScore, SCORE_MAX, SCORE_MIN, SCORES } from './labels'

/**
 * The experience curve (C7.1-4) as a plain SVG: the customer's curve and the
 * company's, one column per stage, the gap drawn between them (red where it
 * reaches the alert). The same drawing on screen (at the width it has) and in
 * the Word export (rasterised on the server). No hooks, no recharts.
 */

export const CURVE_COLORS = { customer: '#1f3a8a', company: '#b45309', gap: '#a11a1a', grid: '#d5d2c8', ink: '#1b1f2a', muted: '#4a5162' }

const FONT_SIZE = 12
const LINE = 15
/** An estimate of a label's width: DejaVu / system sans average 0.58 em per character. */
const widthOf = (text: string) => text.length * FONT_SIZE * 0.58

/** A stage label cut into at most two lines of `width` pixels (« … » when cut). */
export function wrap(label: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word
    if (!line || widthOf(candidate) <= width) line = candidate
    else {
      lines.push(line)
      line = word
    }
  }
  if (line) lines.push(line)
  const kept = lines.slice(0, 2)
  let last = kept[kept.length - 1] ?? ''
  if (lines.length > 2 || widthOf(last) > width) {
    while (last.length > 1 && widthOf(`${last}…`) > width) last = last.slice(0, -1).trimEnd()
    kept[kept.length - 1] = `${last}…`
  }
  return kept
}

export type CurveLayout = { width: number; height: number; left: number; top: number; plotWidth: number; plotHeight: number; stacked: boolean }

const LEGEND_GAP = 18
const legendItem = (label: string) => 28 + widthOf(label)

export function curveLayout(width: number, count: number): CurveLayout {
  const left = 40
  const plotWidth = Math.max(40 * Math.max(count, 1), width - left - 12)
  const s = EXPERIENCE_LABELS.series
  // A narrow chart puts the two series of its legend one under the other.
  const stacked = legendItem(s.customer) + LEGEND_GAP + legendItem(s.company) > plotWidth
  const top = stacked ? 56 : 40
  const plotHeight = 180
  return { width: left + plotWidth + 12, height: top + plotHeight + 2 * LINE + 18, left, top, plotWidth, plotHeight, stacked }
}

/** The x of a stage's column centre and the y of a score. */
export const xOf = (l: CurveLayout, index: number, count: number) => l.left + (l.plotWidth / Math.max(count, 1)) * (index + 0.5)
export const yOf = (l: CurveLayout, score: number) => l.top + ((SCORE_MAX - score) / (SCORE_MAX - SCORE_MIN)) * l.plotHeight

/** The polyline segments of a curve: consecutive stages that both have a score. */
function segments(points: CurvePoint[], key: 'customer' | 'company', l: CurveLayout): string[] {
  const out: string[] = []
  let current: string[] = []
  points.forEach((p, i) => {
    const v = p[key]
    if (v === null) {
      if (current.length > 1) out.push(current.join(' '))
      current = []
      return
    }
    current.push(`${xOf(l, i, points.length).toFixed(1)},${yOf(l, v).toFixed(1)}`)
  })
  if (current.length > 1) out.push(current.join(' '))
  return out
}

export function CurveSvg({ points, width, fontFamily }: { points: CurvePoint[]; width: number; fontFamily?: string }) {
  const n = points.length
  const l = curveLayout(width, n)
  const column = l.plotWidth / Math.max(n, 1)
  // Narrow columns show the stage's number only: its name is in the data table.
  const named = column >= 64
  const c = CURVE_COLORS
  const s = EXPERIENCE_LABELS.series
  const bottom = l.top + l.plotHeight
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={l.width}
      height={l.height}
      viewBox={`0 0 ${l.width} ${l.height}`}
      fontFamily={fontFamily}
      fontSize={FONT_SIZE}
      className="xmap-curve__svg"
    >
      {/* Legend */}
      <g transform={`translate(${l.left}, 14)`}>
        <line x1={0} y1={0} x2={22} y2={0} stroke={c.customer} strokeWidth={3} />
        <circle cx={11} cy={0} r={4} fill={c.customer} />
        <text x={28} y={4} fill={c.ink}>
          {s.customer}
        </text>
        <g transform={l.stacked ? 'translate(0, 18)' : `translate(${legendItem(s.customer) + LEGEND_GAP}, 0)`}>
          <line x1={0} y1={0} x2={22} y2={0} stroke={c.company} strokeWidth={2.5} strokeDasharray="6 4" />
          <rect x={7} y={-4} width={8} height={8} fill={c.company} />
          <text x={28} y={4} fill={c.ink}>
            {s.company}
          </text>
        </g>
      </g>
      {/* Scale */}
      {SCORES.map((v) => (
        <g key={v}>
          <line
            x1={l.left}
            x2={l.left + l.plotWidth}
            y1={yOf(l, v)}
            y2={yOf(l, v)}
            stroke={v === 0 ? c.muted : c.grid}
            strokeDasharray={v === 0 ? undefined : '3 3'}
          />
          <text x={l.left - 8} y={yOf(l, v) + 4} textAnchor="end" fill={c.muted}>
            {formatScore(v)}
          </text>
        </g>
      ))}
      {/* Gaps */}
      {points.map((p, i) =>
        p.customer !== null && p.company !== null && p.customer !== p.company ? (
          <g key={`gap-${p.id}`}>
            <line
              x1={xOf(l, i, n)}
              x2={xOf(l, i, n)}
              y1={yOf(l, p.customer)}
              y2={yOf(l, p.company)}
              stroke={p.large ? c.gap : c.muted}
              strokeWidth={p.large ? 6 : 2}
              strokeOpacity={p.large ? 0.35 : 0.5}
            />
            <text
              x={xOf(l, i, n) + 8}
              y={(yOf(l, p.customer) + yOf(l, p.company)) / 2 + 4}
              fill={p.large ? c.gap : c.muted}
              fontWeight={p.large ? 'bold' : undefined}
            >
              {formatScore(p.gap)}
            </text>
          </g>
        ) : null,
      )}
      {segments(points, 'company', l).map((d, i) => (
        <polyline key={`company-${i}`} points={d} fill="none" stroke={c.company} strokeWidth={2.5} strokeDasharray="6 4" />
      ))}
      {segments(points, 'customer', l).map((d, i) => (
        <polyline key={`customer-${i}`} points={d} fill="none" stroke={c.customer} strokeWidth={3} />
      ))}
      {points.map((p, i) => (
        <g key={p.id}>
          {p.company !== null ? <rect x={xOf(l, i, n) - 4.5} y={yOf(l, p.company) - 4.5} width={9} height={9} fill={c.company} /> : null}
          {p.customer !== null ? <circle cx={xOf(l, i, n)} cy={yOf(l, p.customer)} r={5} fill={c.customer} stroke="#ffffff" strokeWidth={1.5} /> : null}
          <text x={xOf(l, i, n)} y={bottom + 18} textAnchor="middle" fill={c.ink}>
            {(named ? wrap(`${i + 1}. ${p.name}`, column - 8) : [String(i + 1)]).map((line, k) => (
              <tspan key={k} x={xOf(l, i, n)} dy={k === 0 ? 0 : LINE}>
                {line}
              </tspan>
            ))}
          </text>
        </g>
      ))}
    </svg>
  )
}
