import { formatNumber } from './format'

/**
 * Marketing performance formulas (C14.1, C14.2, C15.1). Each returns null
 * when it cannot be computed (missing value, division by zero), never NaN
 * or Infinity. Ratios are fractions (0.25 = 25 %). Pure.
 */
type N = number | null | undefined

const ok = (...values: N[]): boolean => values.every((v) => typeof v === 'number' && Number.isFinite(v))
const ratio = (a: N, b: N) => (ok(a, b) && b !== 0 ? a! / b! : null)

/** ROI = (gain − coût) / coût */
export const roi = (gain: N, cost: N) => (ok(gain, cost) && cost !== 0 ? (gain! - cost!) / cost! : null)

/** ROAS = chiffre d’affaires généré / dépenses publicitaires */
export const roas = (revenue: N, adSpend: N) => ratio(revenue, adSpend)

/**
 * ROTI (return on time invested) = (gain − coût du temps) / coût du temps,
 * where the time cost is hours × hourly cost.
 */
export const roti = (gain: N, hours: N, hourlyCost: N) => (ok(gain, hours, hourlyCost) ? roi(gain, hours! * hourlyCost!) : null)

/** Taux de conversion = conversions / visiteurs */
export const conversionRate = (conversions: N, visitors: N) => ratio(conversions, visitors)

/** Coût d’acquisition client = dépenses marketing / nouveaux clients */
export const acquisitionCost = (spend: N, newCustomers: N) => ratio(spend, newCustomers)

/** Panier moyen = chiffre d’affaires / nombre de commandes */
export const averageBasket = (revenue: N, orders: N) => ratio(revenue, orders)

/**
 * Valeur vie client (CLV) = panier moyen × fréquence d’achat annuelle ×
 * durée de vie (années) × taux de marge (1 when margin is not given).
 */
export const customerLifetimeValue = (basket: N, frequencyPerYear: N, years: N, margin: N = 1) =>
  ok(basket, frequencyPerYear, years, margin) ? basket! * frequencyPerYear! * years! * margin! : null

/** Variance of actual against target, as a fraction of the target. */
export const variance = (actual: N, target: N) => (ok(actual, target) && target !== 0 ? (actual! - target!) / Math.abs(target!) : null)

export type Level = 'vert' | 'orange' | 'rouge'
export const LEVEL_LABELS: Record<Level, string> = { vert: 'Vert', orange: 'Orange', rouge: 'Rouge' }
/** « Alerte verte », agreed in French. */
export const LEVEL_PHRASES: Record<Level, string> = { vert: 'Alerte verte', orange: 'Alerte orange', rouge: 'Alerte rouge' }

/**
 * Alert level of an actual value against its target: achievement ≥ `green`
 * is vert, ≥ `orange` is orange, below is rouge (for indicators where lower is
 * better, pass `lowerIsBetter`).
 */
export function alertLevel(actual: N, target: N, thresholds = { green: 1, orange: 0.8 }, lowerIsBetter = false): Level | null {
  if (!ok(actual, target) || target === 0 || (lowerIsBetter && actual === 0)) return null
  const achievement = lowerIsBetter ? target! / actual! : actual! / target!
  return achievement >= thresholds.green ? 'vert' : achievement >= thresholds.orange ? 'orange' : 'rouge'
}

/* ---------- The KPI dashboard field: indicators, computed values, alerts ---------- */

export type KpiFormula = 'manual' | 'roi' | 'roas' | 'roti' | 'conversion' | 'cac' | 'basket' | 'clv'
export type KpiUnit = '%' | '€' | '×' | ''
type Inputs = Record<string, number | null | undefined>

/**
 * Each formula kind: its French name, the unit of its result, the inputs it
 * is computed from, and whether a lower value is better. Results of ratio
 * formulas are shown in percent (25 = 25 %), as targets are typed.
 */
export const FORMULAS: Record<
  KpiFormula,
  { label: string; unit: KpiUnit; inputs: { id: string; label: string }[]; lowerIsBetter?: boolean; compute: (i: Inputs) => number | null }
> = {
  manual: { label: 'Valeur saisie', unit: '', inputs: [{ id: 'value', label: 'Valeur réelle' }], compute: (i) => (ok(i.value) ? i.value! : null) },
  roi: {
    label: 'ROI',
    unit: '%',
    inputs: [{ id: 'gain', label: 'Gain attribuable (€)' }, { id: 'cost', label: 'Coût (€)' }],
    compute: (i) => percent(roi(i.gain, i.cost)),
  },
  roas: {
    label: 'ROAS',
    unit: '×',
    inputs: [{ id: 'revenue', label: 'Chiffre d’affaires généré (€)' }, { id: 'adSpend', label: 'Dépenses publicitaires (€)' }],
    compute: (i) => roas(i.revenue, i.adSpend),
  },
  roti: {
    label: 'ROTI',
    unit: '%',
    inputs: [{ id: 'gain', label: 'Gain attribuable (€)' }, { id: 'hours', label: 'Temps investi (heures)' }, { id: 'hourlyCost', label: 'Coût horaire (€)' }],
    compute: (i) => percent(roti(i.gain, i.hours, i.hourlyCost)),
  },
  conversion: {
    label: 'Taux de conversion',
    unit: '%',
    inputs: [{ id: 'conversions', label: 'Conversions' }, { id: 'visitors', label: 'Visiteurs' }],
    compute: (i) => percent(conversionRate(i.conversions, i.visitors)),
  },
  cac: {
    label: 'Coût d’acquisition client',
    unit: '€',
    lowerIsBetter: true,
    inputs: [{ id: 'spend', label: 'Dépenses marketing (€)' }, { id: 'newCustomers', label: 'Nouveaux clients' }],
    compute: (i) => acquisitionCost(i.spend, i.newCustomers),
  },
  basket: {
    label: 'Panier moyen',
    unit: '€',
    inputs: [{ id: 'revenue', label: 'Chiffre d’affaires (€)' }, { id: 'orders', label: 'Commandes' }],
    compute: (i) => averageBasket(i.revenue, i.orders),
  },
  clv: {
    label: 'Valeur vie client (CLV)',
    unit: '€',
    inputs: [
      { id: 'basket', label: 'Panier moyen (€)' },
      { id: 'frequency', label: 'Achats par an' },
      { id: 'years', label: 'Durée de vie (années)' },
      { id: 'margin', label: 'Taux de marge (%)' },
    ],
    compute: (i) => customerLifetimeValue(i.basket, i.frequency, i.years, ok(i.margin) ? i.margin! / 100 : 1),
  },
}

function percent(fraction: number | null): number | null {
  return fraction === null ? null : fraction * 100
}

/** A value in its display unit, in French (« 87,5 % », « 3 × », « 45 € »), « — » when missing. */
export function formatKpi(value: number | null, unit: KpiUnit): string {
  if (value === null) return '—'
  const n = formatNumber(Math.round(value * 100) / 100)
  return unit ? `${n}\u00a0${unit}` : n
}

export type KpiRow = {
  id: string
  name: string
  category: string
  formula: KpiFormula
  /** The period measured (« T1 2027 », « Mars »…): rows of one indicator over several periods make its trend. */
  period: string
  target: number | null
  inputs: Record<string, number | null>
  source: string
  /** A SMART objective of the same candidate this indicator measures. */
  objectiveId: string | null
}
export type KpiValue = { rows: KpiRow[] }
export type KpiThresholds = { green: number; orange: number }

export function emptyKpi(id: string, formula: KpiFormula = 'manual'): KpiRow {
  return { id, name: '', category: '', formula, period: '', target: null, inputs: {}, source: '', objectiveId: null }
}

/** The indicator's actual value, computed from its inputs, in its display unit. */
export const kpiActual = (row: KpiRow): number | null => FORMULAS[row.formula].compute(row.inputs)

/** Actual ÷ target (inverted when lower is better), or null. */
export function achievement(row: KpiRow): number | null {
  const actual = kpiActual(row)
  if (!ok(actual, row.target) || row.target === 0) return null
  if (FORMULAS[row.formula].lowerIsBetter) return actual === 0 ? null : row.target! / actual!
  return actual! / row.target!
}

export function kpiLevel(row: KpiRow, thresholds: KpiThresholds): Level | null {
  return alertLevel(kpiActual(row), row.target, thresholds, FORMULAS[row.formula].lowerIsBetter)
}

const named = (rows: KpiRow[]) => rows.filter((r) => r.name.trim())

/** Structural problems of a dashboard, in French, for the hints. */
export function kpiProblems(value: KpiValue, requiredFormulas: KpiFormula[] = []): string[] {
  const rows = named(value.rows)
  const problems: string[] = []
  if (rows.length === 0) problems.push('Aucun indicateur pour l’instant.')
  for (const f of requiredFormulas) {
    if (!rows.some((r) => r.formula === f)) problems.push(`Aucun indicateur calculé en ${FORMULAS[f].label} : ajoutez-en un.`)
  }
  const noTarget = rows.filter((r) => r.target === null)
  if (noTarget.length) problems.push(`Sans valeur cible : ${noTarget.map((r) => `« ${r.name.trim()} »`).join(', ')}.`)
  for (const r of rows) {
    if (kpiActual(r) !== null) continue
    const missing = FORMULAS[r.formula].inputs.filter((i) => !ok(r.inputs[i.id]) && !(r.formula === 'clv' && i.id === 'margin'))
    problems.push(
      missing.length
        ? `« ${r.name.trim()} » : valeur réelle incalculable, il manque ${missing.map((i) => i.label.replace(/ \(.*\)$/, '').toLowerCase()).join(', ')}.`
        : `« ${r.name.trim()} » : valeur réelle incalculable (division par zéro).`,
    )
  }
  return problems
}

/** Per named indicator: its label (with the period), achievement in percent and alert level — the achievement chart's data. */
export function kpiAchievements(value: KpiValue, thresholds: KpiThresholds): { id: string; label: string; rate: number | null; level: Level | null }[] {
  return named(value.rows).map((r) => {
    const a = achievement(r)
    return {
      id: r.id,
      label: r.period.trim() ? `${r.name.trim()} (${r.period.trim()})` : r.name.trim(),
      rate: a === null ? null : Math.round(a * 1000) / 10,
      level: kpiLevel(r, thresholds),
    }
  })
}

/** Rows grouped by indicator name, in the order first met, for trend charts (only indicators measured over two periods or more). */
export function kpiTrends(value: KpiValue): { name: string; unit: KpiUnit; points: { period: string; target: number | null; actual: number | null }[] }[] {
  const groups = new Map<string, KpiRow[]>()
  for (const r of named(value.rows)) {
    const key = r.name.trim()
    groups.set(key, [...(groups.get(key) ?? []), r])
  }
  return [...groups.entries()]
    .filter(([, rows]) => rows.length >= 2)
    .map(([name, rows]) => ({
      name,
      unit: FORMULAS[rows[0]!.formula].unit,
      points: rows.map((r) => ({ period: r.period.trim() || '—', target: r.target, actual: kpiActual(r) })),
    }))
}
