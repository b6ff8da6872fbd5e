/**
 * Marketing performance formulas (C14.1, C14.2, C15.1). Each returns null
 * when it cannot be computed (missing value, division by zero), never NaN
 * or Infinity. Ratios are fractions (0.25 = 25 %). Pure. The KPI dashboard
 * field that uses them (indicators, achievements, trends) is app/kinds/kpi/.
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
