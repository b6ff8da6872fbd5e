import { formatNumber } from '~/domain/format'

/** The French words of the perceptual map (C1.3), for the screen, Word and Excel alike. */

export type AxisKey = 'x' | 'y'
export type PoleKey = 'low' | 'high'
/** The axis words of a value (what the learner typed). */
export type AxisText = { name: string; low: string; high: string }
/** The ends of the scale a template sets. */
export type Scale = { min: number; max: number }

/** Default scale: −5 (one pole) to +5 (the other), the middle (0) where the quadrant lines cross. */
export const DEFAULT_SCALE: Scale = { min: -5, max: 5 }
export const MAX_BRANDS = 40
export const MAX_SHARE = 100

export const PMAP_LABELS = {
  kind: 'Carte perceptuelle',
  axes: 'Axes de la carte',
  axis: { x: 'Axe horizontal', y: 'Axe vertical' } as Record<AxisKey, string>,
  axisName: 'Nom de l’axe',
  /** Completes « Nom de l’axe » for assistive technologies (the fieldset's legend says it on screen). */
  axisAdjective: { x: 'horizontal', y: 'vertical' } as Record<AxisKey, string>,
  axesHelp: (min: string, max: string, mid: string) =>
    'Choisissez deux critères de positionnement définis en amont. ' +
    `Chaque marque reçoit une note de ${min} à ${max} sur chaque axe\u00a0; ${mid} est le centre de la carte.`,
  placeholders: {
    x: { name: 'ex. Prix', low: 'ex. Prix bas', high: 'ex. Prix élevé' },
    y: { name: 'ex. Image', low: 'ex. Tradition', high: 'ex. Innovation' },
  } as Record<AxisKey, Record<'name' | PoleKey, string>>,
  pole: { x: { low: 'Pôle gauche', high: 'Pôle droit' }, y: { low: 'Pôle bas', high: 'Pôle haut' } } as Record<AxisKey, Record<PoleKey, string>>,
  brands: 'Marques placées',
  brand: 'Marque',
  size: 'Part de marché',
  sizeUnit: '(%)',
  comment: 'Commentaire',
  company: 'L’entreprise',
  isCompany: 'C’est l’entreprise',
  role: 'Rôle',
  roleCompany: 'Entreprise',
  roleCompetitor: 'Concurrent',
  yes: 'Oui',
  no: 'Non',
  number: 'N°',
  actions: 'Actions',
  addBrand: 'Ajouter une marque',
  noBrands: 'Aucune marque placée.',
  noBrandsYet: 'Aucune marque pour l’instant\u00a0: ajoutez l’entreprise puis ses concurrents.',
  tooManyBrands: (max: number) => `${max} marques au plus\u00a0: une carte plus chargée ne se lit plus.`,
  notANumber: 'un nombre est attendu (ex. 2,5)',
  clamped: (to: string, min: string, max: string) => `ramené à ${to} (de ${min} à ${max})`,
  range: (min: string, max: string) => `(${min} à ${max})`,
  chartTitle: 'Carte perceptuelle',
  notPlaced: 'non placée sur la carte',
  /** « Concurrent 2 », counted among competitors only. */
  competitor: (n: number) => `Concurrent ${n}`,
  row: (index: number) => `ligne ${index + 1}`,
} as const

/** A score as French text, with a true minus sign: « −2,5 ». */
export const scoreText = (n: number) => formatNumber(n).replace('-', '−')

/** A score or « — ». */
export const scoreOrDash = (n: number | null | undefined) => (n === null || n === undefined ? '—' : scoreText(n))

/** A market share or « — »: « 12,5 % ». */
export const shareText = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${formatNumber(n)}\u00a0%`)

/** The axis as the learner named it, or « Axe horizontal ». */
export const axisTitle = (key: AxisKey, axis: AxisText) => axis.name.trim() || PMAP_LABELS.axis[key]

/** A pole with the score it stands for: « Prix bas (−5) », « Pôle gauche (−5) » when unnamed. */
export const poleTitle = (key: AxisKey, pole: PoleKey, axis: AxisText, scale: Scale) =>
  `${axis[pole].trim() || PMAP_LABELS.pole[key][pole]} (${scoreText(pole === 'low' ? scale.min : scale.max)})`

/** The column header of an axis' scores: « Prix (−5 Prix bas → 5 Prix élevé) ». */
export function scoreHeader(key: AxisKey, axis: AxisText, scale: Scale): string {
  const low = axis.low.trim()
  const high = axis.high.trim()
  const ends = `${scoreText(scale.min)}${low ? ` ${low}` : ''} → ${scoreText(scale.max)}${high ? ` ${high}` : ''}`
  return `${axisTitle(key, axis)} (${ends})`
}

/** The axis in one line: « Prix, de « Prix bas » (−5) à « Prix élevé » (5) ». */
export function axisLine(key: AxisKey, axis: AxisText, scale: Scale): string {
  const pole = (p: PoleKey) => (axis[p].trim() ? `«\u00a0${axis[p].trim()}\u00a0»` : PMAP_LABELS.pole[key][p].toLowerCase())
  const ends = `de ${pole('low')} (${scoreText(scale.min)}) à ${pole('high')} (${scoreText(scale.max)})`
  return axis.name.trim() ? `${axis.name.trim()}, ${ends}` : ends
}

/** A name in a sentence: “Biocoop”. */
export const quoted = (name: string) => `“${name}”`
