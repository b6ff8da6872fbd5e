import { formatNumber } from '~/domain/format'
import type { KindDefinition } from '../types'
import { minRowsMessage, type RowNouns, problemsOrNull } from '../wording'
import { FORMULAS, kpiActual, kpiProblems, named } from './kpi'
import { formatKpi, KPI_LABELS } from './labels'
import type { KpiConfig, KpiRow, KpiValue } from './schema'
import { itemChanges, withOrder } from '../list-diff'

const INDICATORS: RowNouns = ['indicateur', 'indicateurs', 'attendus']

const label = (row: KpiRow, index: number) => KPI_LABELS.indicator(index, row.name)
/** « “Taux de conversion” » or « Indicateur 2 » when it has no name yet. */
const quoted = (row: KpiRow, index: number) => (row.name.trim() ? `“${row.name.trim()}”` : `${index + 1}`)
const f = KPI_LABELS.fields
const w = KPI_LABELS.diff

/** What changed in one indicator, in words: « cible 2 → 3 % », « réel 2,5 % → 3,1 % »… */
function rowChanges(a: KpiRow, b: KpiRow): string[] {
  const changes: string[] = []
  const text = (word: string, x: string, y: string) => {
    if (x.trim() !== y.trim()) changes.push(`${word} ${x.trim() || '—'} → ${y.trim() || '—'}`)
  }
  text(w.name, a.name, b.name)
  text(w.period, a.period, b.period)
  text(w.category, a.category, b.category)
  if (a.formula !== b.formula) changes.push(`${w.formula} ${FORMULAS[a.formula].label} → ${FORMULAS[b.formula].label}`)
  const [ua, ub] = [FORMULAS[a.formula].unit, FORMULAS[b.formula].unit]
  // The same target in another unit is a change too (« 40 % → 40 × »).
  if (a.target !== b.target || (ua !== ub && a.target !== null)) {
    const before = a.target === null ? '—' : ua === ub ? formatNumber(a.target) : formatKpi(a.target, ua)
    changes.push(`${w.target} ${before} → ${formatKpi(b.target, ub)}`)
  }
  const [ra, rb] = [formatKpi(kpiActual(a), ua), formatKpi(kpiActual(b), ub)]
  if (ra !== rb) changes.push(`${w.actual} ${ra} → ${rb}`)
  text(w.source, a.source, b.source)
  if (a.objectiveId !== b.objectiveId) changes.push(b.objectiveId ? w.linked : w.unlinked)
  return changes
}

export const definition: KindDefinition<KpiConfig, KpiValue> = {
  label: KPI_LABELS.kind,
  empty: () => ({ rows: [] }),
  isEmpty: (value) => named(value.rows).length === 0,
  rules: {
    minRows: (hint, value, _config, { title }) => minRowsMessage(named(value.rows).length, hint.min, title, INDICATORS),
    kindChecks: (_hint, value, config) => problemsOrNull(kpiProblems(value, config.requiredFormulas)),
  },
  items: (value) => value.rows.map((row, i) => ({ id: row.id, label: label(row, i) })),
  diff: (before, after) =>
    withOrder(
      itemChanges(before.rows, after.rows, {
        isBlank: (row) => !row.name.trim(),
        added: (row) => w.added(row.name.trim()),
        changed(was, row, i) {
          const fields = rowChanges(was, row)
          return fields.length ? [w.changed(quoted(was.name.trim() ? was : row, i), fields)] : []
        },
        removed: (row, i) => w.removed(quoted(row, i)),
      }),
      w.reordered,
    ),
  plainText: (value) =>
    named(value.rows)
      .map((r) =>
        [r.name, r.period, r.category, FORMULAS[r.formula].label, r.source]
          .map((s) => s.trim())
          .filter(Boolean)
          .join(' | '),
      )
      .join('\n'),
  locate(path, value) {
    const [rows, index, field, input] = path
    if (rows !== 'rows') return null
    if (typeof index !== 'number') return 'Indicateurs'
    const row = value.rows[index]
    const place = row ? label(row, index) : KPI_LABELS.indicator(index)
    if (field === 'inputs') {
      const spec = row ? FORMULAS[row.formula].inputs.find((i) => i.id === input) : undefined
      return `${place}, ${spec?.label ?? 'données du calcul'}`
    }
    const name = typeof field === 'string' && field in f ? f[field as keyof typeof f] : undefined
    return name ? `${place}, ${field === 'target' && row ? KPI_LABELS.target(FORMULAS[row.formula].unit) : name}` : place
  },
  excel: true,
}
