import { formatNumber } from '~/domain/format'

/**
 * The French words of the experience map kind (C7.1), for the screen, Word
 * and Excel alike. No zod here: the browser imports this file.
 */

/** The emotion scale: −2 (très négative) to +2 (très positive), whole points. */
export const SCORE_MIN = -2
export const SCORE_MAX = 2
export const SCORES = [-2, -1, 0, 1, 2] as const
export type Score = (typeof SCORES)[number]

/** Most stages, objectives recalled, characters per text. */
export const LIMITS = { stages: 20, objectives: 10, name: 120, touchpoints: 500, text: 1_000, persona: 200, summary: 1_500, objective: 300 } as const

/** A score in French, with its sign: « +2 », « −1 », « 0 », « — » when missing. */
export function formatScore(score: number | null): string {
  if (score === null) return '—'
  if (score > 0) return `+${formatNumber(score)}`
  if (score < 0) return `\u2212${formatNumber(-score)}`
  return '0'
}

export const SCORE_WORDS: Record<Score, string> = {
  [-2]: 'Très négative',
  [-1]: 'Négative',
  0: 'Neutre',
  1: 'Positive',
  2: 'Très positive',
}

/** The texts of a stage, in reading order (grid columns, Word rows, Excel columns). */
export const STAGE_TEXTS = ['name', 'touchpoints', 'doing', 'thinking', 'feeling', 'painPoints', 'opportunities', 'gapNote'] as const
export type StageText = (typeof STAGE_TEXTS)[number]

export const FIELD_LABELS: Record<StageText | 'customer' | 'company' | 'gap', string> = {
  name: 'Étape',
  touchpoints: 'Points de contact',
  doing: 'Ce qu’il fait (doing)',
  thinking: 'Ce qu’il pense (thinking)',
  feeling: 'Ce qu’il ressent (feeling)',
  customer: 'Vécu client',
  company: 'Imaginé par l’entreprise',
  gap: 'Écart',
  painPoints: 'Irritants',
  opportunities: 'Opportunités',
  gapNote: 'Explication de l’écart',
}

export const EXPERIENCE_LABELS = {
  kind: 'Experience map',
  /** « Étape 2 — Commande en ligne »: a stage's item label and its legend. */
  stage: (index: number, name?: string) => `Étape ${index + 1}${name?.trim() ? ` — ${name.trim()}` : ''}`,
  /** The recall at the top (C7.1-1). */
  recall: 'Persona et objectifs globaux rappelés',
  persona: 'Persona',
  personaName: 'Nom du persona',
  personaSummary: 'Profil, besoins et freins',
  personaPick: 'Reprendre un persona de vos dossiers',
  personaNone: 'Aucun persona dans vos autres dossiers : saisissez-le ci-dessous.',
  personaPlaceholder: 'Ex. : Léa, 34 ans, cadre pressée…',
  objectives: 'Objectifs globaux',
  objectivePick: 'Reprendre un objectif SMART de vos dossiers',
  objectiveNone: 'Aucun objectif SMART dans vos autres dossiers : saisissez-les ci-dessous.',
  objectiveLabel: (index: number) => `Objectif ${index + 1}`,
  addObjective: 'Ajouter un objectif',
  removeObjective: (index: number) => `Retirer l’objectif ${index + 1}`,
  choose: '— Choisir —',
  noPersona: 'Persona non renseigné',
  noObjectives: 'Aucun objectif global rappelé',
  /** The chart (C7.1-4). */
  chart: 'Courbe d’expérience : vécu client et vision de l’entreprise',
  chartLater: 'La courbe apparaîtra dès qu’une étape aura une note.',
  series: { customer: 'Vécu client', company: 'Imaginé par l’entreprise' },
  scale: `Échelle de ${formatScore(SCORE_MIN)} (très négative) à ${formatScore(SCORE_MAX)} (très positive). Écart = vécu client − imaginé par l’entreprise : négatif quand l’entreprise surestime l’expérience.`,
  dataBelow: 'Les données de la courbe sont dans le tableau ci-dessous.',
  chartData: 'Données de la courbe (tableau)',
  gapAlert: (n: number) => `Écart de ${formatNumber(n)} points ou plus`,
  gapFlag: 'À expliquer',
  gapExplained: 'Expliqué',
  /** The map. */
  map: 'Parcours étape par étape',
  grid: (caption: string) => `Étapes : ${caption}`,
  add: 'Ajouter une étape',
  noStages: 'Aucune étape pour l’instant : ajoutez la première (découverte, achat, usage, fidélisation…).',
  scoreHelp: `De ${formatScore(SCORE_MIN)} à ${formatScore(SCORE_MAX)}`,
  scoreError: `une note entière de ${formatScore(SCORE_MIN)} à ${formatScore(SCORE_MAX)} est attendue`,
  /** The three moments of « Doing – Thinking – Feeling » in the stage cards. */
  dtf: 'Doing – Thinking – Feeling',
  /** Alt text of the exported chart. */
  chartAlt: (points: { name: string; customer: string; company: string; gap: string }[]) =>
    `Courbe d’expérience, vécu client et vision de l’entreprise : ${points
      .map((p) => `${p.name} : vécu ${p.customer}, imaginé ${p.company}, écart ${p.gap}`)
      .join(' ; ')}.`,
  /** Excel legend under the sheet. */
  sheetLegend: (alert: number) =>
    `Écart = Vécu client − Imaginé par l’entreprise (échelle de −2 à +2). Écart négatif : l’entreprise surestime l’expérience. Un écart de ${alert} points ou plus (en valeur absolue) demande une explication.`,
  sheetRecall: 'Rappel',
  /** Hints. */
  problems: {
    noPersona: 'Aucun persona rappelé en tête de l’experience map.',
    noObjectives: 'Aucun objectif global rappelé en tête de l’experience map.',
    noTouchpoints: (stages: string[]) => `Étapes sans point de contact : ${stages.join(', ')}.`,
    noDtf: (stages: string[]) => `Étapes où manque « Doing – Thinking – Feeling » (fait, pense ou ressent) : ${stages.join(', ')}.`,
    noScore: (stages: string[]) => `Étapes sans note de vécu client ou sans note imaginée par l’entreprise : ${stages.join(', ')}.`,
    gapUnexplained: (stages: string[], alert: number) =>
      `Les courbes divergent de ${formatNumber(alert)} points ou plus sans écart expliqué : ${stages.join(', ')}.`,
  },
  /** Review sentences. */
  diff: {
    persona: (before: string, after: string) => `Persona : ${before || '—'} → ${after || '—'}.`,
    personaSummary: 'Profil du persona modifié.',
    objectiveAdded: (label: string) => `Objectif rappelé : “${label}”.`,
    objectiveRemoved: (label: string) => `Objectif retiré : “${label}”.`,
    objectiveChanged: (before: string, after: string) => `Objectif “${before}” → “${after}”.`,
    objectivesReordered: 'Objectifs réordonnés.',
    changed: (name: string, changes: string[]) => `Étape ${name} : ${changes.join(' ; ')}.`,
    added: (name: string) => `Étape ajoutée : “${name}”.`,
    removed: (name: string) => `Étape supprimée : ${name}.`,
    reordered: 'Étapes réordonnées.',
    score: (word: string, before: string, after: string) => `${word} ${before} → ${after}`,
    text: (word: string) => `«\u00a0${word}\u00a0» modifié`,
  },
} as const
