import type { FunnelRow } from './funnel'
import { FUNNEL_LABELS, formatGap, formatPercent, formatVolume } from './labels'

/**
 * The funnel drawn in SVG, one band per stage narrowing from reach to
 * customers (a stylised funnel: the band widths show the order, the figures
 * say the volumes, which span orders of magnitude), the rate of each passage
 * between two bands. Drawn at the width it is shown (the screen measures it,
 * Word draws at 640): texts keep their size. Decorative on screen: the data
 * table says the same. No recharts, no DOM: the server rasterises it too.
 */

const INK = '#1b1f2a'
const SOFT = '#4a5162'
const DANGER = '#a11a1a'
const PRIMARY = '#1f3a8a'
/** Band fills from the top down (contrast with ink ≥ 10:1). */
const FILLS = ['#bccaf0', '#c9d4f2', '#d5def5', '#dfe6f7', '#e6ebf7', '#eef1fa']

export type FunnelSvgProps = { rows: FunnelRow[]; targetIndex: number; width: number; fontFamily?: string }

export function funnelHeight(count: number, width: number): number {
  const { band, gap, top } = metrics(width)
  return count === 0 ? 0 : top + count * band + (count - 1) * gap + 8
}

const metrics = (width: number) => {
  const narrow = width < 440
  return { narrow, band: narrow ? 62 : 46, gap: 26, top: 8 }
}

export function FunnelSvg({ rows, targetIndex, width, fontFamily }: FunnelSvgProps) {
  const { narrow, band, gap, top } = metrics(width)
  const n = rows.length
  const height = funnelHeight(n, width)
  const pad = 4
  const full = width - 2 * pad
  const narrowest = Math.max(full * 0.36, Math.min(full, 120))
  // Edge k (0 … n): the funnel's width at the top of band k, the bottom of the last band at n.
  const edge = (k: number) => full - ((full - narrowest) * k) / Math.max(1, n)
  const cx = width / 2
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      fontFamily={fontFamily}
      aria-hidden="true"
      focusable="false"
    >
      {rows.map((row, i) => {
        const y = top + i * (band + gap)
        const [a, b] = [edge(i) / 2, edge(i + 1) / 2]
        const target = i === targetIndex
        const short = row.gap !== null && row.gap < 0
        const needed = `${FUNNEL_LABELS.neededShort} : ${formatVolume(row.needed)}`
        const expected = `${FUNNEL_LABELS.expectedShort} : ${formatVolume(row.expected)}${short ? ` (${formatGap(row.gap)})` : ''}`
        const name = `${row.name.trim() || FUNNEL_LABELS.stage(i)}${target ? ` · ${FUNNEL_LABELS.fields.target.toLowerCase()}` : ''}`
        return (
          <g key={row.id}>
            {i > 0 ? (
              <text x={cx} y={y - gap / 2 + 4} textAnchor="middle" fontSize={12} fill={row.rate === null ? DANGER : SOFT}>
                {`↓ ${row.rate === null ? FUNNEL_LABELS.rateMissing : FUNNEL_LABELS.rateBetween(formatPercent(row.rate))}`}
              </text>
            ) : null}
            <polygon
              points={`${cx - a},${y} ${cx + a},${y} ${cx + b},${y + band} ${cx - b},${y + band}`}
              fill={FILLS[Math.min(i, FILLS.length - 1)]}
              stroke={target ? PRIMARY : 'none'}
              strokeWidth={target ? 2.5 : 0}
            />
            <text x={cx} y={y + 19} textAnchor="middle" fontSize={14} fontWeight="bold" fill={INK}>
              {name}
            </text>
            {narrow ? (
              <>
                <text x={cx} y={y + 37} textAnchor="middle" fontSize={12} fill={INK}>
                  {needed}
                </text>
                <text x={cx} y={y + 53} textAnchor="middle" fontSize={12} fill={short ? DANGER : INK}>
                  {expected}
                </text>
              </>
            ) : (
              <text x={cx} y={y + 37} textAnchor="middle" fontSize={12} fill={INK}>
                {needed}
                {' · '}
                <tspan fill={short ? DANGER : INK}>{expected}</tspan>
              </text>
            )}
          </g>
        )
      })}
    </svg>
  )
}
