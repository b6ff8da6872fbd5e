import { axisLine, axisTitle, PMAP_LABELS, quoted, scoreText, shareText, type AxisKey, type PoleKey, type Scale } from './labels'
import type { Axis, Brand, PositioningMapValue } from './schema'

/** The perceptual map's pure computations: who counts, who is placed, how a brand is named. */

export const AXES: readonly AxisKey[] = ['x', 'y']
export const POLES: readonly PoleKey[] = ['low', 'high']

export const emptyAxis = (): Axis => ({ name: '', low: '', high: '' })
export const emptyMap = (): PositioningMapValue => ({ x: emptyAxis(), y: emptyAxis(), brands: [], companyId: null })
export const emptyBrand = (id: string): Brand => ({ id, name: '', x: null, y: null, size: null, comment: '' })

const given = (n: number | null) => n !== null
/** A brand with anything typed in it. */
export const isFilled = (b: Brand) => Boolean(b.name.trim() || b.comment.trim()) || given(b.x) || given(b.y) || given(b.size)
/** A brand that has a score on both axes, so it shows on the chart. */
export const isPlaced = (b: Brand) => given(b.x) && given(b.y)
const axisFilled = (a: Axis) => Boolean(a.name.trim() || a.low.trim() || a.high.trim())

export const isMapEmpty = (value: PositioningMapValue) => !value.brands.some(isFilled) && !axisFilled(value.x) && !axisFilled(value.y)

export const companyOf = (value: PositioningMapValue): Brand | undefined => value.brands.find((b) => b.id === value.companyId)
export const isCompany = (value: PositioningMapValue, b: Brand) => b.id === value.companyId
/** The filled brands other than the company: what `minRows` counts. */
export const competitors = (value: PositioningMapValue) => value.brands.filter((b) => !isCompany(value, b) && isFilled(b))

/** « Entreprise — Maison Dupont », « Concurrent 2 — Biocoop » (competitors counted in list order). */
export function brandLabel(value: PositioningMapValue, brand: Brand): string {
  const name = brand.name.trim()
  if (isCompany(value, brand)) return name ? `${PMAP_LABELS.roleCompany} — ${name}` : PMAP_LABELS.roleCompany
  const n = value.brands.filter((b) => !isCompany(value, b)).findIndex((b) => b.id === brand.id) + 1
  return name ? `${PMAP_LABELS.competitor(n)} — ${name}` : PMAP_LABELS.competitor(n)
}

/** A brand in a sentence: “Biocoop”, or « Concurrent 3 » when it has no name yet. */
export const brandRef = (value: PositioningMapValue, brand: Brand) => (brand.name.trim() ? quoted(brand.name.trim()) : brandLabel(value, brand))

/** An axis name inside a sentence: « prix », « RSE », « axe horizontal ». */
export function axisWord(key: AxisKey, axis: Axis): string {
  const title = axisTitle(key, axis)
  const second = title.charAt(1)
  return second && second === second.toLowerCase() && second !== second.toUpperCase() ? title.charAt(0).toLowerCase() + title.slice(1) : title
}

/** « A, B et C ». */
export function frenchList(items: string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`
}

/** What is missing on an axis: « nom de l’axe », « pôle gauche »… */
export function axisGaps(key: AxisKey, axis: Axis): string[] {
  return [
    ...(axis.name.trim() ? [] : [PMAP_LABELS.axisName.toLowerCase()]),
    ...POLES.filter((p) => !axis[p].trim()).map((p) => PMAP_LABELS.pole[key][p].toLowerCase()),
  ]
}

/** The map's structural problems, in French, for the `kindChecks` hint. */
export function mapProblems(value: PositioningMapValue): string[] {
  if (isMapEmpty(value)) return ['Carte à construire : nommez les deux axes et leurs pôles, puis placez l’entreprise et ses concurrents.']
  const problems: string[] = []
  for (const key of AXES) {
    const axis = value[key]
    const gaps = axisGaps(key, axis)
    if (gaps.length) {
      const named = axis.name.trim() ? ` «\u00a0${axis.name.trim()}\u00a0»` : ''
      problems.push(`${PMAP_LABELS.axis[key]}${named} à compléter\u00a0: ${frenchList(gaps)}.`)
    }
  }
  const company = companyOf(value)
  if (!company) problems.push('Aucune marque n’est désignée comme l’entreprise\u00a0: cochez «\u00a0C’est l’entreprise\u00a0» sur sa ligne.')
  else if (!isPlaced(company)) {
    const name = company.name.trim() ? ` ${quoted(company.name.trim())}` : ''
    problems.push(`L’entreprise${name} n’est pas placée sur la carte\u00a0: donnez-lui une note sur chaque axe.`)
  }
  const unplaced = competitors(value).filter((b) => !isPlaced(b))
  if (unplaced.length) problems.push(`Concurrents non placés sur la carte (une note manque)\u00a0: ${unplaced.map((b) => brandRef(value, b)).join(', ')}.`)
  const unnamed = value.brands.filter((b) => isFilled(b) && !b.name.trim())
  if (unnamed.length) problems.push(`Marques sans nom\u00a0: ${unnamed.map((b) => brandLabel(value, b)).join(', ')}.`)
  return problems
}

/** A brand on the chart. */
export type MapPoint = { id: string; name: string; x: number; y: number; size: number | null; company: boolean }

/** The placed brands, in list order, the company flagged. */
export const mapPoints = (value: PositioningMapValue): MapPoint[] =>
  value.brands.filter(isPlaced).map((b) => ({ id: b.id, name: b.name.trim(), x: b.x!, y: b.y!, size: b.size, company: isCompany(value, b) }))

/** The middle of the scale, where the quadrant lines cross. */
export const middle = (scale: Scale) => (scale.min + scale.max) / 2

/** What the chart shows, in words: the text alternative of the image (screen and Word). */
export function mapSummary(value: PositioningMapValue, scale: Scale): string {
  const axes = AXES.map((k) => `${PMAP_LABELS.axis[k]}\u00a0: ${axisLine(k, value[k], scale)}.`).join(' ')
  const points = mapPoints(value)
  if (points.length === 0) return `${PMAP_LABELS.chartTitle}. ${axes} Aucune marque n’est encore placée.`
  const brands = points.map((p) => {
    const name = (p.name || PMAP_LABELS.brand) + (p.company ? ` (${PMAP_LABELS.company.toLowerCase()})` : '')
    const size = p.size === null ? '' : `, ${PMAP_LABELS.size.toLowerCase()} ${shareText(p.size)}`
    return `${name}\u00a0: ${axisWord('x', value.x)} ${scoreText(p.x)}, ${axisWord('y', value.y)} ${scoreText(p.y)}${size}`
  })
  return `${PMAP_LABELS.chartTitle}. ${axes} ${brands.join(' ; ')}.`
}

/** Splits a label into lines of at most `max` characters (words cut only when longer than a line), `lines` lines at most. */
export function wrapText(text: string, max: number, lines = 3): string[] {
  const out: string[] = []
  let line = ''
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    let rest = word
    while (rest.length > max) {
      if (line) out.push(line)
      out.push(rest.slice(0, max - 1) + '-')
      rest = rest.slice(max - 1)
      line = ''
    }
    if (!line) line = rest
    else if (line.length + 1 + rest.length <= max) line += ` ${rest}`
    else {
      out.push(line)
      line = rest
    }
  }
  if (line) out.push(line)
  if (out.length <= lines) return out
  const kept = out.slice(0, lines)
  const last = kept[lines - 1]!
  kept[lines - 1] = `${last.length >= max ? last.slice(0, max - 1) : last}…`
  return kept
}

/** A name shortened for the chart (the table keeps it whole). */
export const shortName = (name: string, max = 26) => (name.length > max ? `${name.slice(0, max - 1)}…` : name)

/** A number as the learner edits it: « 2,5 ». */
export const numberDraft = (n: number | null) => (n === null ? '' : String(n).replace('.', ','))
