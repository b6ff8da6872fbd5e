/**
 * The EcoIndex of a web page (ecoindex.fr, GreenIT / Collectif Conception
 * numérique responsable): a score from 0 to 100 and a grade from A to G,
 * computed from three things a browser measures — DOM elements, requests and
 * transferred kilobytes. Each is placed in the distribution of the HTTP
 * Archive pages (its quantile table, linear between two quantiles), weighted
 * 3, 2 and 1. Tables and thresholds of the reference (cnumr/ecoindex_reference,
 * as used by ecoindex_python). Pure.
 */

/** The 21 bounds of each metric's 20 quantiles (HTTP Archive). */
export const ECOINDEX_QUANTILES = {
  dom: [0, 47, 75, 159, 233, 298, 358, 417, 476, 537, 603, 674, 753, 843, 949, 1076, 1237, 1459, 1801, 2479, 594601],
  requests: [0, 2, 15, 25, 34, 42, 49, 56, 63, 70, 78, 86, 95, 105, 117, 130, 147, 170, 205, 281, 3920],
  sizeKb: [
    0, 1.37, 144.7, 319.53, 479.46, 631.97, 783.38, 937.91, 1098.62, 1265.47, 1448.32, 1648.27, 1876.08, 2142.06, 2465.37, 2866.31, 3401.59, 4155.73, 5400.08,
    8037.54, 223212.26,
  ],
} as const

export type EcoIndexGrade = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G'

/** A page gets a grade when its score is strictly above the grade's bound; below every bound, G. */
export const ECOINDEX_GRADES: readonly { grade: EcoIndexGrade; above: number }[] = [
  { grade: 'A', above: 80 },
  { grade: 'B', above: 70 },
  { grade: 'C', above: 55 },
  { grade: 'D', above: 40 },
  { grade: 'E', above: 25 },
  { grade: 'F', above: 10 },
]

export type PageMetrics = {
  /** Elements in the document (`document.getElementsByTagName('*').length`). */
  dom: number
  /** Requests the page made, the document included. */
  requests: number
  /** Bytes transferred over the network, in kilobytes (1 KB = 1 024 bytes). */
  sizeKb: number
}

/** Where `value` falls in `quantiles`, from 0 to 20, linear between two bounds. */
export function quantilePosition(quantiles: readonly number[], value: number): number {
  for (let i = 1; i < quantiles.length; i++) {
    const upper = quantiles[i]!
    if (value < upper) {
      const lower = quantiles[i - 1]!
      return i - 1 + (value - lower) / (upper - lower)
    }
  }
  return quantiles.length - 1
}

/** The score, rounded to a whole number as the reference does. */
export function ecoIndexScore({ dom, requests, sizeKb }: PageMetrics): number {
  const q = ECOINDEX_QUANTILES
  const weighted = 3 * quantilePosition(q.dom, dom) + 2 * quantilePosition(q.requests, requests) + quantilePosition(q.sizeKb, sizeKb)
  return Math.round(100 - (5 * weighted) / 6)
}

export function ecoIndexGrade(score: number): EcoIndexGrade {
  return ECOINDEX_GRADES.find((g) => score > g.above)?.grade ?? 'G'
}

export function ecoIndex(metrics: PageMetrics): { score: number; grade: EcoIndexGrade } {
  const score = ecoIndexScore(metrics)
  return { score, grade: ecoIndexGrade(score) }
}
