import { formatNumber } from '~/domain/format'

/**
 * The French words of the KPI / ROI dashboard kind (C14.1, C14.2, C15.1,
 * C15.2), for the screen, Word and Excel alike, and the formula kinds a
 * template may require. No zod here: the browser imports this file.
 */

export const KPI_FORMULAS = ['manual', 'roi', 'roas', 'roti', 'conversion', 'cac', 'basket', 'clv'] as const
export type KpiFormula = (typeof KPI_FORMULAS)[number]
export type KpiUnit = '%' | '€' | '×' | ''

/** The indicator categories, by default (a template may give its own). */
export const DEFAULT_KPI_CATEGORIES = ['Notoriété', 'Engagement', 'Acquisition', 'Conversion', 'Fidélisation', 'Rentabilité']

/** Input ids: letters only (the stored value refuses others). */
export const INPUT_ID = /^[a-zA-Z]{1,20}$/

/**
 * Each formula kind: its French name, the unit of its result and the inputs
 * it is computed from (their labels are the editor's and the Excel headers).
 * The computations are in kpi.ts.
 */
export const FORMULA_TEXTS: Record<KpiFormula, { label: string; unit: KpiUnit; inputs: { id: string; label: string }[] }> = {
  manual: { label: 'Valeur saisie', unit: '', inputs: [{ id: 'value', label: 'Valeur réelle' }] },
  roi: {
    label: 'ROI',
    unit: '%',
    inputs: [
      { id: 'gain', label: 'Gain attribuable (€)' },
      { id: 'cost', label: 'Coût (€)' },
    ],
  },
  roas: {
    label: 'ROAS',
    unit: '×',
    inputs: [
      { id: 'revenue', label: 'Chiffre d’affaires généré (€)' },
      { id: 'adSpend', label: 'Dépenses publicitaires (€)' },
    ],
  },
  roti: {
    label: 'ROTI',
    unit: '%',
    inputs: [
      { id: 'gain', label: 'Gain attribuable (€)' },
      { id: 'hours', label: 'Temps investi (heures)' },
      { id: 'hourlyCost', label: 'Coût horaire (€)' },
    ],
  },
  conversion: {
    label: 'Taux de conversion',
    unit: '%',
    inputs: [
      { id: 'conversions', label: 'Conversions' },
      { id: 'visitors', label: 'Visiteurs' },
    ],
  },
  cac: {
    label: 'Coût d’acquisition client',
    unit: '€',
    inputs: [
      { id: 'spend', label: 'Dépenses marketing (€)' },
      { id: 'newCustomers', label: 'Nouveaux clients' },
    ],
  },
  basket: {
    label: 'Panier moyen',
    unit: '€',
    inputs: [
      { id: 'revenue', label: 'Chiffre d’affaires (€)' },
      { id: 'orders', label: 'Commandes' },
    ],
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
  },
}

/** An input's label without its unit, in lower case, for sentences: « gain attribuable ». */
export const inputWord = (label: string) => label.replace(/ \(.*\)$/, '').toLowerCase()

/** A value in its display unit, in French (« 87,5 % », « 3 × », « 45 € »), « — » when missing. */
export function formatKpi(value: number | null, unit: KpiUnit): string {
  if (value === null) return '—'
  const n = formatNumber(Math.round(value * 100) / 100)
  return unit ? `${n}\u00a0${unit}` : n
}

/** An achievement in percent (« 125 % »), « — » when missing. */
export const formatRate = (rate: number | null) => (rate === null ? '—' : `${formatNumber(rate)}\u00a0%`)

export const KPI_LABELS = {
  kind: 'Tableau de bord d’indicateurs',
  /** « Indicateur 1 — Taux de conversion »: the legend of an indicator in the editor, and its item label. */
  indicator: (index: number, name?: string) => `Indicateur ${index + 1}${name?.trim() ? ` — ${name.trim()}` : ''}`,
  /** The fields of an indicator in the editor. */
  fields: {
    name: 'Indicateur',
    category: 'Catégorie',
    formula: 'Calcul',
    period: 'Période',
    target: 'Cible',
    source: 'Source de la donnée',
    objectiveId: 'Objectif SMART mesuré',
  },
  /** « Cible (%) », « Cible (ratio) »: the target's label with its unit. */
  target: (unit: KpiUnit) => `Cible${unit ? ` (${unit === '×' ? 'ratio' : unit})` : ''}`,
  notANumber: 'un nombre est attendu, par exemple 1\u202f250,5',
  periodPlaceholder: 'T1 2027, mars…',
  sourcePlaceholder: 'CRM, Google Analytics, service financier…',
  deletedObjective: 'Objectif supprimé',
  /** Column headers (screen dashboard, Word, Excel). */
  columns: {
    name: 'Indicateur',
    period: 'Période',
    category: 'Catégorie',
    formula: 'Calcul',
    source: 'Source',
    objective: 'Objectif SMART',
    target: 'Cible',
    actual: 'Réel',
    achievement: 'Atteinte',
    alert: 'Alerte',
  },
  /** The dashboard's cards and what they say about its table. */
  cards: {
    list: (caption: string) => `Indicateurs : ${caption}`,
    target: (value: string) => `Cible ${value}`,
    noTarget: 'Pas de cible',
    ofTarget: (rate: string) => `${rate} de la cible`,
    before: (period: string, value: string) => `${period} : ${value}`,
    dataBelow: (table: string) => `Les données de ce graphique sont dans le ${table} ci-dessous (colonne «\u00a0${KPI_LABELS.columns.achievement}\u00a0»).`,
    tableData: 'Données du tableau de bord (tableau)',
  },
  noIndicators: 'Aucun indicateur pour l’instant.',
  dashboardLater: 'Le tableau de bord apparaîtra avec le premier indicateur.',
  add: '+ Ajouter un indicateur',
  anotherPeriod: 'Mesurer une autre période',
  /** « Réel : 50 % — 125 % de la cible — Alerte verte » */
  actualLine: 'Réel :',
  ofTarget: (rate: string) => ` — ${rate} de la cible`,
  dashboard: (caption: string) => `Tableau de bord : ${caption}`,
  thresholds: (green: number, orange: number) =>
    `Vert à partir de ${formatNumber(green * 100)}\u00a0% de la cible, orange à partir de ${formatNumber(orange * 100)}\u00a0%, rouge en dessous (pour un coût d’acquisition, plus bas est meilleur).`,
  achievementChart: 'Taux d’atteinte des cibles',
  achievementChartData: 'tableau de bord',
  noAchievement: 'Aucun indicateur n’a encore une cible et une valeur réelle.',
  trendChart: (name: string) => `Évolution : ${name}`,
  trendData: (name: string) => `Données du graphique « ${name} » (tableau)`,
  chartLoading: 'Chargement du graphique…',
  /** Alt texts of the exported charts. */
  achievementAlt: (bars: { label: string; rate: number }[]) =>
    `Taux d’atteinte des cibles : ${bars.map((b) => `${b.label} ${formatNumber(b.rate)} %`).join(' ; ')}.`,
  trendAlt: (name: string, points: { period: string; actual: string; target: string }[]) =>
    `Évolution de « ${name} » : ${points.map((p) => `${p.period} : réel ${p.actual}, cible ${p.target}`).join(' ; ')}.`,
  /** Excel legend under the sheet. */
  sheetLegend: (green: number, orange: number) =>
    `Atteinte = Réel ÷ Cible (Cible ÷ Réel pour le coût d’acquisition client). Alerte verte à partir de ${Math.round(green * 100)} %, orange à partir de ${Math.round(orange * 100)} %, rouge en dessous.`,
  /** Review sentences: « Indicateur “Taux de conversion” : cible 2 → 3 % ; réel 2,5 % → 3,1 %. » */
  diff: {
    name: 'nom',
    period: 'période',
    category: 'catégorie',
    formula: 'calcul',
    target: 'cible',
    actual: 'réel',
    source: 'source',
    linked: 'objectif SMART relié',
    unlinked: 'objectif SMART délié',
    changed: (name: string, changes: string[]) => `Indicateur ${name} : ${changes.join(' ; ')}.`,
    added: (name: string) => `Indicateur ajouté : “${name}”.`,
    removed: (name: string) => `Indicateur supprimé : ${name}.`,
    reordered: 'Indicateurs réordonnés.',
  },
  /** Series of the trend charts. */
  series: { target: 'Cible', actual: 'Réel' },
} as const
