import { formatMoney, formatNumber } from '~/domain/format'

/**
 * The French words of the budget kind (C13.3), for the screen, Word and
 * Excel alike. No zod here: the browser imports this file.
 */

/** The budget categories, by default (a template may give its own). */
export const DEFAULT_BUDGET_CATEGORIES = [
  'Conception et création',
  'Production et impression',
  'Achat d’espaces et diffusion',
  'Événementiel',
  'Prestataires et sous-traitance',
  'Ressources humaines internes',
  'Frais divers',
]

export const CHARGES = ['fixe', 'variable'] as const
export type Charge = (typeof CHARGES)[number]
export const CHARGE_LABELS: Record<Charge, string> = { fixe: 'Fixe', variable: 'Variable' }

/** Upper bounds of what a learner may type. */
export const LIMITS = { amount: 100_000_000, days: 10_000, rate: 100_000, text: 300, note: 2_000 } as const

/** « 1 250,00 € », « — » when missing. */
export const money = (value: number | null | undefined) => (value === null || value === undefined ? '—' : formatMoney(value))
/** A variance with its sign: « +125,00 € », « −40,00 € », « 0,00 € ». */
export const signedMoney = (value: number | null) =>
  value === null ? '—' : value > 0 ? `+${formatMoney(value)}` : value < 0 ? `−${formatMoney(-value)}` : formatMoney(0)
/** A variance rate (a fraction) in percent with its sign: « +12,5 % », « −4 % ». */
export function signedPercent(rate: number | null): string {
  if (rate === null) return '—'
  const p = Math.round(rate * 1000) / 10
  const n = formatNumber(Math.abs(p))
  return `${p > 0 ? '+' : p < 0 ? '−' : ''}${n}\u00a0%`
}
/** « 4,5 j » */
export const days = (value: number | null) => (value === null ? '—' : `${formatNumber(value)}\u00a0j`)

export const BUDGET_LABELS = {
  kind: 'Budget',
  uncategorised: 'Sans catégorie',
  /** Item labels: « Dépense 3 — Impression des flyers », « Coût humain 1 — Chef de projet ». */
  expense: (index: number, label?: string) => `Dépense ${index + 1}${label?.trim() ? ` — ${label.trim()}` : ''}`,
  human: (index: number, label?: string) => `Coût humain ${index + 1}${label?.trim() ? ` — ${label.trim()}` : ''}`,
  /** Fields of a line (grid headers, places of refused values). */
  fields: {
    category: 'Catégorie',
    subcategory: 'Sous-catégorie',
    label: 'Poste de dépense',
    humanLabel: 'Fonction ou intervenant',
    charge: 'Charge',
    planned: 'Prévu (€)',
    actual: 'Réel (€)',
    plannedDays: 'Jours prévus',
    actualDays: 'Jours réels',
    dailyRate: 'Taux journalier (€)',
    note: 'Commentaire, conduite à tenir',
  },
  /** Column headers of the summary, the view, Word and Excel. */
  columns: {
    category: 'Catégorie',
    subcategory: 'Sous-catégorie',
    label: 'Poste',
    charge: 'Charge',
    type: 'Type',
    plannedDays: 'Jours prévus',
    actualDays: 'Jours réels',
    dailyRate: 'Taux journalier',
    planned: 'Prévu',
    actual: 'Réel',
    variance: 'Écart',
    rate: 'Écart %',
    alert: 'Alerte',
    note: 'Commentaire',
    lines: 'Lignes',
  },
  types: { expense: 'Dépense', human: 'Coût humain' },
  /** « 5 j × 450,00 € » */
  humanFormula: (d: number | null, rate: number | null) => `${days(d)} × ${money(rate)}`,
  expenses: 'Dépenses',
  humanCosts: 'Coûts humains (jours × taux journalier)',
  expensesGrid: (caption: string) => `Dépenses : ${caption}`,
  humanGrid: (caption: string) => `Coûts humains : ${caption}`,
  addExpense: 'Ajouter une dépense',
  addHuman: 'Ajouter un coût humain',
  noExpenses: 'Aucune dépense pour l’instant.',
  noHuman: 'Aucun coût humain pour l’instant.',
  summaryLater: 'La synthèse apparaîtra avec la première ligne chiffrée.',
  summary: (caption: string) => `Synthèse du budget : ${caption}`,
  summaryTable: (caption: string) => `Budget par catégorie : ${caption}`,
  linesTable: (caption: string) => `Lignes du budget : ${caption}`,
  chart: 'Prévu et réel par catégorie',
  chartData: 'Les données de ce graphique sont dans le tableau « Budget par catégorie » ci-dessous.',
  total: 'Total général',
  subtotal: (category: string) => `Sous-total ${category}`,
  cards: { planned: 'Budget prévu', actual: 'Réalisé', variance: 'Écart' },
  /** « 37 % du budget consommé » */
  consumed: (rate: number) => `${formatNumber(Math.round(rate * 1000) / 10)}\u00a0% du budget prévu`,
  alertsTitle: 'Alertes de dépassement',
  noAlerts: 'Aucun dépassement : chaque ligne reste sous le seuil d’alerte.',
  /** « Production et impression › Flyers : +12,5 % (1 125,00 € pour 1 000,00 € prévus) » */
  alert: (what: string, rate: string, actual: string, planned: string) => `${what} : ${rate} (${actual} pour ${planned} prévus)`,
  unplanned: (what: string, actual: string) => `${what} : ${actual} dépensés sans montant prévu`,
  categoryAlert: (category: string) => `Catégorie ${category}`,
  overall: 'Budget global',
  thresholds: (orange: number, red: number) =>
    `Alerte orange à partir de +${formatNumber(orange * 100)}\u00a0% du prévu, rouge à partir de +${formatNumber(red * 100)}\u00a0%.`,
  series: { planned: 'Prévu', actual: 'Réel' },
  chartAlt: (bars: { category: string; planned: string; actual: string }[]) =>
    `Prévu et réel par catégorie : ${bars.map((b) => `${b.category} : prévu ${b.planned}, réel ${b.actual}`).join(' ; ')}.`,
  /** Excel. */
  sheet: {
    thresholds: 'Seuils d’alerte (écart rapporté au prévu)',
    orange: 'Seuil orange',
    red: 'Seuil rouge',
    legend:
      'Écart = Réel − Prévu ; Écart % = Écart ÷ Prévu. Coûts humains : montant = jours × taux journalier. Sous-totaux et total par SOUS.TOTAL (SUBTOTAL) : modifiez une valeur, tout se recalcule ; les seuils ci-dessous pilotent les alertes.',
  },
  /** Review sentences. */
  diff: {
    category: 'catégorie',
    subcategory: 'sous-catégorie',
    label: 'poste',
    charge: 'charge',
    planned: 'prévu',
    actual: 'réel',
    plannedDays: 'jours prévus',
    actualDays: 'jours réels',
    dailyRate: 'taux journalier',
    note: 'commentaire',
    changed: (name: string, changes: string[]) => `${name} : ${changes.join(' ; ')}.`,
    added: (name: string) => `Ajoutée : ${name}.`,
    removed: (name: string) => `Supprimée : ${name}.`,
    reordered: 'Lignes du budget réordonnées.',
  },
} as const
