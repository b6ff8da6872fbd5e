import { useState } from 'react'
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { Level } from '~/domain/kpi'
import { KPI_LABELS, type KpiUnit } from './labels'
import { roundTicks } from './ticks'

/** The dashboard's recharts charts, in their own chunk (see dashboard.tsx). Decorative: each has a data table. */
const COLORS: Record<Level, string> = { vert: '#166534', orange: '#b45309', rouge: '#a11a1a' }
const NEUTRAL = '#9a968a'
const INK = '#1b1f2a'
const TICK = { fontSize: 12, fill: '#4a5162' }
const number = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('fr-FR', { maximumFractionDigits: 2 }) : String(v))
const percent = (v: unknown) => `${number(v)}\u00a0%`

type Props =
  | { kind: 'achievement'; bars: { id: string; label: string; rate: number | null; level: Level | null }[] }
  | { kind: 'trend'; points: { period: string; target: number | null; actual: number | null }[]; unit: KpiUnit }

export default function KpiCharts(props: Props) {
  // The names' column takes two fifths of a narrow chart, 200 px at most; there, names wrap on more lines and rows get taller.
  const [width, setWidth] = useState(600)
  if (props.kind === 'achievement') {
    const data = props.bars.filter((b) => b.rate !== null)
    if (data.length === 0) return <p className="card__muted">{KPI_LABELS.noAchievement}</p>
    const rates = data.map((b) => b.rate!)
    const ticks = roundTicks(Math.min(...rates), Math.max(100, ...rates), 3)
    return (
      <ResponsiveContainer width="100%" height={Math.max(160, (width < 480 ? 58 : 40) * data.length + 50)} onResize={setWidth}>
        <BarChart data={data} layout="vertical" margin={{ left: 4, right: 28, top: 18, bottom: 4 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" ticks={ticks} domain={[ticks[0]!, ticks[ticks.length - 1]!]} tickFormatter={percent} tick={TICK} interval={0} />
          <YAxis type="category" dataKey="label" width={Math.min(200, Math.round(width * 0.4))} tick={TICK} />
          <Tooltip formatter={(v) => [percent(v), KPI_LABELS.columns.achievement]} />
          <ReferenceLine x={100} stroke={INK} strokeDasharray="4 2" label={{ value: KPI_LABELS.series.target, position: 'top', fontSize: 12, fill: INK }} />
          <Bar dataKey="rate" isAnimationActive={false} barSize={18}>
            {data.map((b) => (
              <Cell key={b.id} fill={b.level ? COLORS[b.level] : NEUTRAL} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    )
  }
  const suffix = props.unit ? `\u00a0${props.unit}` : ''
  const values = props.points.flatMap((p) => [p.target, p.actual]).filter((v): v is number => v !== null)
  const ticks = roundTicks(Math.min(0, ...values), Math.max(0, ...values), 4)
  return (
    <ResponsiveContainer width="100%" height={220}>
      <LineChart data={props.points} margin={{ left: 4, right: 16, top: 8, bottom: 4 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="period" tick={TICK} />
        <YAxis
          ticks={ticks}
          domain={[ticks[0]!, ticks[ticks.length - 1]!]}
          interval={0}
          tickFormatter={(v: number) => `${number(v)}${suffix}`}
          width={72}
          tick={TICK}
        />
        <Tooltip formatter={(v, name) => [`${number(v)}${suffix}`, name === 'target' ? KPI_LABELS.series.target : KPI_LABELS.series.actual]} />
        <Legend formatter={(name) => (name === 'target' ? KPI_LABELS.series.target : KPI_LABELS.series.actual)} />
        <Line type="monotone" dataKey="target" stroke="#4a5162" strokeDasharray="5 3" isAnimationActive={false} connectNulls />
        <Line type="monotone" dataKey="actual" stroke="#1f3a8a" strokeWidth={2} isAnimationActive={false} connectNulls />
      </LineChart>
    </ResponsiveContainer>
  )
}
