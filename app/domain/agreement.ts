/**
 * Agreement between two jurors who graded the same copies, pure: percent
 * agreement, Cohen's kappa and its reading by the Landis & Koch bands.
 *
 * Levels are compared as nominal categories (unweighted kappa): on the
 * four-level scale, « Maîtrisé » against « Acquis » is a disagreement just as
 * « Maîtrisé » against « Non acquis » is.
 */

export type KappaResult = {
  /** Share of the items both jurors gave the same level (p₀). */
  observed: number
  /** Share of agreement expected by chance from how often each juror used each level (pₑ). */
  expected: number
  /** (p₀ − pₑ) / (1 − pₑ); null when pₑ is 1 (both jurors used one and the same level for every item: nothing to correct for). */
  kappa: number | null
}

function checkPairs(a: readonly string[], b: readonly string[]): void {
  if (a.length !== b.length) throw new Error(`Agreement needs two equally long lists of levels (got ${a.length} and ${b.length}).`)
  // No item compared: no share of anything can be given (0/0). The callers only compute agreement over at least one item.
  if (a.length === 0) throw new Error('Agreement needs at least one item graded by both jurors (got two empty lists).')
}

/**
 * Cohen's kappa of two jurors over the same items: `a[i]` and `b[i]` are the
 * levels the two gave item i. Throws when the lists differ in length or are
 * empty (agreement over no item is undefined, and a NaN would travel silently
 * into tables and workbooks).
 *
 * Computed on counts so that the result is one division of integers:
 * with n items, A agreements and S = Σₖ aₖ·bₖ (aₖ, bₖ: how many times each
 * juror used level k), p₀ = A/n, pₑ = S/n², κ = (n·A − S) / (n² − S).
 */
export function cohensKappa(a: readonly string[], b: readonly string[]): KappaResult {
  checkPairs(a, b)
  const n = a.length
  let agreements = 0
  const countsA = new Map<string, number>()
  const countsB = new Map<string, number>()
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) agreements++
    countsA.set(a[i]!, (countsA.get(a[i]!) ?? 0) + 1)
    countsB.set(b[i]!, (countsB.get(b[i]!) ?? 0) + 1)
  }
  let chance = 0
  for (const [level, count] of countsA) chance += count * (countsB.get(level) ?? 0)
  const observed = agreements / n
  const expected = chance / (n * n)
  const kappa = chance === n * n ? null : (n * agreements - chance) / (n * n - chance)
  return { observed, expected, kappa }
}

/** Share of the items both jurors gave the same level (same checks as cohensKappa). */
export function percentAgreement(a: readonly string[], b: readonly string[]): number {
  checkPairs(a, b)
  let agreements = 0
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) agreements++
  return agreements / a.length
}

// ——— Reading a kappa: Landis & Koch (1977) ———

export const AGREEMENT_BANDS = ['poor', 'slight', 'fair', 'moderate', 'substantial', 'almost-perfect'] as const
export type AgreementBand = (typeof AGREEMENT_BANDS)[number]

export type AgreementBandInfo = {
  id: AgreementBand
  /** Highest kappa of the band, inclusive (« désaccord »: below 0, exclusive); the band starts above the previous one's. */
  max: number
  /** The French reading shown to admins. */
  label: string
  /** Landis & Koch's own word for it. */
  english: string
  /** The range as printed in the reading guide. */
  range: string
}

/**
 * The bands, lowest first. Landis & Koch print them as 0,00–0,20, 0,21–0,40…
 * for kappas rounded to two decimals; here each band runs up to its upper
 * bound inclusive, so that an unrounded kappa (0,205) still falls in one.
 */
export const AGREEMENT_BAND_INFO: readonly AgreementBandInfo[] = [
  { id: 'poor', max: 0, label: 'Désaccord', english: 'poor', range: 'moins de 0' },
  { id: 'slight', max: 0.2, label: 'Accord faible', english: 'slight', range: '0 à 0,20' },
  { id: 'fair', max: 0.4, label: 'Accord passable', english: 'fair', range: '0,21 à 0,40' },
  { id: 'moderate', max: 0.6, label: 'Accord modéré', english: 'moderate', range: '0,41 à 0,60' },
  { id: 'substantial', max: 0.8, label: 'Accord important', english: 'substantial', range: '0,61 à 0,80' },
  { id: 'almost-perfect', max: 1, label: 'Accord presque parfait', english: 'almost perfect', range: '0,81 à 1' },
]

export const AGREEMENT_BAND_LABELS = Object.fromEntries(AGREEMENT_BAND_INFO.map((b) => [b.id, b.label])) as Record<AgreementBand, string>

/** What an uncomputable kappa (null) is called. */
export const NO_KAPPA_LABEL = 'Non calculable'

/** The Landis & Koch band of a kappa (below 0: « désaccord »). */
export function landisKoch(kappa: number): AgreementBand {
  if (Number.isNaN(kappa)) throw new Error('A kappa cannot be NaN.')
  if (kappa < 0) return 'poor'
  return AGREEMENT_BAND_INFO.find((b) => b.id !== 'poor' && kappa <= b.max)?.id ?? 'almost-perfect'
}

/** The band of a kappa, or null when the kappa could not be computed. */
export function bandOf(kappa: number | null): AgreementBand | null {
  return kappa === null ? null : landisKoch(kappa)
}

/** The reading guide shown above the figures (and in the workbook), paragraph by paragraph. */
export const AGREEMENT_GUIDE: readonly string[] = [
  'Le pourcentage d’accord est la part des niveaux identiques\u00a0: pour chaque critère noté par les deux correcteurs d’une même copie, ont-ils donné le même niveau\u202f?',
  'Une part de cet accord est due au hasard\u00a0: deux correcteurs qui donnent presque toujours «\u00a0Acquis\u00a0» tombent souvent d’accord sans s’être concertés. L’accord attendu par hasard se calcule d’après la fréquence à laquelle chacun utilise chaque niveau.',
  'Le kappa de Cohen retire cette part\u00a0: κ = (accord observé − accord attendu) ÷ (1 − accord attendu). Il vaut 1 quand l’accord est parfait, 0 quand il n’est pas meilleur que le hasard, et il est négatif quand les correcteurs s’accordent moins que le hasard ne le ferait.',
  'Il est «\u00a0non calculable\u00a0» quand les deux correcteurs n’ont donné qu’un seul et même niveau\u00a0: l’accord attendu par hasard est alors de 100\u00a0%, tout comme l’accord observé.',
  'Les niveaux sont comparés tels quels\u00a0: sur l’échelle à quatre niveaux, «\u00a0Maîtrisé\u00a0» contre «\u00a0Acquis\u00a0» compte comme un désaccord, au même titre que «\u00a0Maîtrisé\u00a0» contre «\u00a0Non acquis\u00a0».',
  'Sur peu de niveaux comparés, le kappa varie beaucoup d’une copie à l’autre\u00a0: lisez-le avec leur nombre, et avec le pourcentage d’accord.',
]

/** The source of the bands, as cited under the guide. */
export const LANDIS_KOCH_SOURCE =
  'Landis J. R. et Koch G. G. (1977), «\u00a0The measurement of observer agreement for categorical data\u00a0», Biometrics, 33(1), p.\u00a0159-174.'

// ——— French figures ———
// Written by hand rather than with Intl: the server's and the browser's ICU data differ (the space before « % »), and
// a page rendered on one and hydrated on the other must read the same.

/** « 70 % » (no-break space before the sign), rounded to the whole percent. */
export function formatShare(value: number): string {
  return `${Math.round(value * 100)}\u00a0%`
}

/** « 0,40 », « −0,20 » (a true minus sign), « non calculable » for null. */
export function formatKappa(kappa: number | null): string {
  if (kappa === null) return NO_KAPPA_LABEL.toLowerCase()
  const rounded = Math.round(kappa * 100)
  const text = (Math.abs(rounded) / 100).toFixed(2).replace('.', ',')
  return rounded < 0 ? `\u2212${text}` : text
}
