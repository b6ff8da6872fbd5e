import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { Level } from '~/domain/kpi'
import { KPI_LABELS, type KpiUnit } from './labels'

/** The dashboard's recharts charts, in their own chunk (see dashboard.tsx). Decorative: each has a data table. */
const COLORS: Record<Level, string> = { vert: '#166534', orange: '#b45309', rouge: '#a11a1a' }
const NEUTRAL = '#9a968a'
const number = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('fr-FR', { maximumFractionDigits: 2 }) : String(v))

type Props =
  | { kind: 'achievement'; bars: { id: string; label: string; rate: number | null; level: Level | null }[] }
  | { kind: 'trend'; points: { period: string; target: number | null; actual: number | null }[]; unit: KpiUnit }

export default function KpiCharts(props: Props) {
  if (props.kind === 'achievement') {
    const data = props.bars.filter((b) => b.rate !== null)
    if (data.length === 0) return <p className="card__muted">{KPI_LABELS.noAchievement}</p>
    return (
      <ResponsiveContainer width="100%" height={Math.max(160, 40 * data.length + 50)}>
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 24, top: 8, bottom: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis
            type="number"
            unit=" %"
            tickFormatter={number}
            domain={[0, (max: number) => Math.max(125, Math.ceil(max / 25) * 25)]}
            tickCount={6}
            allowDecimals={false}
          />
          <YAxis type="category" dataKey="label" width={180} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(v) => [`${number(v)} %`, KPI_LABELS.columns.achievement]} />
          <ReferenceLine x={100} stroke="#1b1f2a" strokeDasharray="4 2" label={{ value: KPI_LABELS.series.target, position: 'top', fontSize: 12 }} />
          <Bar dataKey="rate" isAnimationActive={false}>
            {data.map((b) => (
              <Cell key={b.id} fill={b.level ? COLORS[b.level] : NEUTRAL} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    )
  }
  const suffix = props.unit ? ` ${props.unit}` : ''
  return (
    <ResponsiveContainer width="100%" height={220}>
      <LineChart data={props.points} margin={{ left: 8, right: 24, top: 8, bottom: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="period" tick={{ fontSize: 12 }} />
        <YAxis tickFormatter={number} unit={suffix} width={80} />
        <Tooltip formatter={(v, name) => [`${number(v)}${suffix}`, name === 'target' ? KPI_LABELS.series.target : KPI_LABELS.series.actual]} />
        <Legend formatter={(name) => (name === 'target' ? KPI_LABELS.series.target : KPI_LABELS.series.actual)} />
        <Line type="monotone" dataKey="target" stroke="#4a5162" strokeDasharray="5 3" isAnimationActive={false} connectNulls />
        <Line type="monotone" dataKey="actual" stroke="#1f3a8a" strokeWidth={2} isAnimationActive={false} connectNulls />
      </LineChart>
    </ResponsiveContainer>
  )
}
