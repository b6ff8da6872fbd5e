import { acquisitionCost, alertLevel, averageBasket, conversionRate, customerLifetimeValue, roas, roi, roti, type Level } from '~/domain/kpi'
import { FORMULA_TEXTS, inputWord, type KpiFormula, type KpiUnit } from './labels'
import type { KpiRow, KpiThresholds, KpiValue } from './schema'

/**
 * The KPI dashboard field: indicators, their values computed from their
 * inputs with the ratio formulas of app/domain/kpi.ts, achievement and alert
 * levels, trends. Pure.
 */
type Inputs = Record<string, number | null | undefined>

const ok = (...values: (number | null | undefined)[]): boolean => values.every((v) => typeof v === 'number' && Number.isFinite(v))
const percent = (fraction: number | null): number | null => (fraction === null ? null : fraction * 100)

/**
 * Each formula kind: its words (labels.ts), whether a lower value is better,
 * and its computation. Results of ratio formulas are in percent (25 = 25 %),
 * as targets are typed.
 */
export const FORMULAS: Record<
  KpiFormula,
  { label: string; unit: KpiUnit; inputs: { id: string; label: string }[]; lowerIsBetter?: boolean; compute: (i: Inputs) => number | null }
> = {
  manual: { ...FORMULA_TEXTS.manual, compute: (i) => (ok(i.value) ? i.value! : null) },
  roi: { ...FORMULA_TEXTS.roi, compute: (i) => percent(roi(i.gain, i.cost)) },
  roas: { ...FORMULA_TEXTS.roas, compute: (i) => roas(i.revenue, i.adSpend) },
  roti: { ...FORMULA_TEXTS.roti, compute: (i) => percent(roti(i.gain, i.hours, i.hourlyCost)) },
  conversion: { ...FORMULA_TEXTS.conversion, compute: (i) => percent(conversionRate(i.conversions, i.visitors)) },
  cac: { ...FORMULA_TEXTS.cac, lowerIsBetter: true, compute: (i) => acquisitionCost(i.spend, i.newCustomers) },
  basket: { ...FORMULA_TEXTS.basket, compute: (i) => averageBasket(i.revenue, i.orders) },
  clv: { ...FORMULA_TEXTS.clv, compute: (i) => customerLifetimeValue(i.basket, i.frequency, i.years, ok(i.margin) ? i.margin! / 100 : 1) },
}

/** Inputs that may stay empty (the CLV margin defaults to 100 %). */
export const OPTIONAL_INPUTS: Partial<Record<KpiFormula, string[]>> = { clv: ['margin'] }

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

/** The indicators that have a name (the others are drafts: not counted, not exported). */
export const named = (rows: KpiRow[]) => rows.filter((r) => r.name.trim())

/** Structural problems of a dashboard, in French, for the hints. */
export function kpiProblems(value: KpiValue, requiredFormulas: readonly KpiFormula[] = []): string[] {
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
    const missing = FORMULAS[r.formula].inputs.filter((i) => !ok(r.inputs[i.id]) && !OPTIONAL_INPUTS[r.formula]?.includes(i.id))
    problems.push(
      missing.length
        ? `« ${r.name.trim()} » : valeur réelle incalculable, il manque ${missing.map((i) => inputWord(i.label)).join(', ')}.`
        : `« ${r.name.trim()} » : valeur réelle incalculable (division par zéro).`,
    )
  }
  return problems
}

/** An indicator's label with its period: « Taux de conversion (T1 2027) ». */
export const kpiLabel = (r: KpiRow) => (r.period.trim() ? `${r.name.trim()} (${r.period.trim()})` : r.name.trim())

/** Per named indicator: its label (with the period), achievement in percent and alert level — the achievement chart's data. */
export function kpiAchievements(value: KpiValue, thresholds: KpiThresholds): { id: string; label: string; rate: number | null; level: Level | null }[] {
  return named(value.rows).map((r) => {
    const a = achievement(r)
    return { id: r.id, label: kpiLabel(r), rate: a === null ? null : Math.round(a * 1000) / 10, level: kpiLevel(r, thresholds) }
  })
}

export type KpiTrend = { name: string; unit: KpiUnit; points: { period: string; target: number | null; actual: number | null }[] }

/** Rows grouped by indicator name, in the order first met, for trend charts (only indicators measured over two periods or more). */
export function kpiTrends(value: KpiValue): KpiTrend[] {
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
