import { formatNumber } from '~/domain/format'

/**
 * The French words of the lead funnel kind (C6.3-2 « La quantité de données à
 * générer pour l’atteinte les objectifs est déterminée selon les techniques
 * d’entonnoir »), for the screen, Word and Excel alike. No zod here: the
 * browser imports this file.
 */

/** The stages a funnel starts with, from reach to customers (a template may give its own; the learner renames them). */
export const DEFAULT_FUNNEL_STAGES = ['Audience touchée', 'Visiteurs', 'Leads', 'Leads qualifiés', 'Clients']

/** Limits of the stored value. */
export const FUNNEL_LIMITS = { stages: 12, name: 80, source: 300, volume: 1e12, rate: 1000 } as const

/** A volume in French (« 25 000 »), « — » when missing. */
export const formatVolume = (v: number | null) => (v === null ? '—' : formatNumber(v))
/** A rate in percent (« 2,5 % »), « — » when missing. */
export const formatPercent = (v: number | null) => (v === null ? '—' : `${formatNumber(v)}\u00a0%`)
/** A gap with its sign (« +120 », « −15 »), « — » when missing. */
export const formatGap = (v: number | null) => (v === null ? '—' : v > 0 ? `+${formatNumber(v)}` : v < 0 ? `−${formatNumber(-v)}` : '0')

/** « Visiteurs → Leads »: the passage a rate measures. */
export const passage = (from: string, to: string) => `${from.trim() || '?'} → ${to.trim() || '?'}`

export const FUNNEL_LABELS = {
  kind: 'Entonnoir de conversion',
  /** « Étape 2 — Visiteurs »: a stage's legend and item label. */
  stage: (index: number, name?: string) => `Étape ${index + 1}${name?.trim() ? ` — ${name.trim()}` : ''}`,
  /** The editor's fields and the column headers (screen, Word, Excel). */
  fields: {
    name: 'Étape',
    rate: 'Taux de passage',
    source: 'Origine du taux',
    needed: 'Volume nécessaire',
    expected: 'Volume prévu',
    gap: 'Écart',
    objectiveId: 'Objectif SMART visé',
    target: 'Cible',
    targetStageId: 'Étape de la cible',
    planned: 'Volume prévu en haut de l’entonnoir',
  },
  rateHelp: 'Part de l’étape précédente qui passe à celle-ci, en pourcentage.',
  sourcePlaceholder: 'Historique, moyenne du secteur, hypothèse…',
  firstRate: 'point de départ',
  noObjective: 'Aucun : cible saisie',
  deletedObjective: 'Objectif supprimé',
  objectiveHelp: 'Choisir un de vos objectifs SMART reprend sa cible ; vous pouvez la corriger.',
  objectiveTarget: (target: string, unit: string) => `Cible de l’objectif : ${target}${unit.trim() ? `\u00a0${unit.trim()}` : ''}.`,
  useObjectiveTarget: 'Reprendre cette cible',
  targetHelp: 'Le volume visé à l’étape choisie (nombre entier : on ne vise pas 0,4 client).',
  plannedHelp: (top: string) => `Ce que le plan d’actions apportera à l’étape « ${top} » : l’entonnoir en déduit ce que chaque étape donnera.`,
  lastStage: (name: string) => `Dernière étape (${name.trim() || 'sans nom'})`,
  notANumber: 'un nombre est attendu, par exemple 25\u202f000',
  notAnInteger: 'un nombre entier est attendu',
  add: 'Ajouter une étape',
  noStages: 'Aucune étape pour l’instant.',
  settings: 'Cible et volume prévu',
  /** The picture's words. */
  chart: (caption: string) => `Entonnoir : ${caption}`,
  chartLoading: 'Chargement de l’entonnoir…',
  neededShort: 'Nécessaire',
  expectedShort: 'Prévu',
  rateBetween: (rate: string) => `${rate} passent`,
  rateMissing: 'taux manquant',
  dataBelow: 'Les chiffres de l’entonnoir sont dans le tableau ci-dessous.',
  tableData: 'Données de l’entonnoir (tableau)',
  table: (caption: string) => `Étapes de l’entonnoir : ${caption}`,
  /** The verdict under the picture. */
  status: {
    noTarget: 'Pas encore de cible : choisissez un objectif SMART ou saisissez le volume visé.',
    incomplete: 'Complétez les taux de passage et le volume prévu pour savoir si la cible sera atteinte.',
    reached: (stage: string, expected: string, target: string) => `Cible atteinte : le volume prévu donne ${expected} ${stage} pour ${target} visés.`,
    missed: (stage: string, expected: string, target: string, gap: string) =>
      `Cible non atteinte : le volume prévu donne ${expected} ${stage} pour ${target} visés (écart de ${gap}).`,
    top: (stage: string, needed: string, planned: string) => `En haut de l’entonnoir (${stage}) : ${needed} nécessaires, ${planned} prévus.`,
  },
  /** Hints (kindChecks). */
  problems: {
    tooFew: 'Un entonnoir a au moins deux étapes.',
    unnamed: (numbers: string) => `Étape sans nom : n°\u00a0${numbers}.`,
    noTarget: 'Aucune cible : choisissez un objectif SMART ou saisissez le volume visé, pour remonter l’entonnoir.',
    missingRates: (passages: string[]) => `Taux de passage manquant : ${passages.map((p) => `«\u00a0${p}\u00a0»`).join(', ')}.`,
    overHundred: (passages: string[]) => `Taux supérieur à 100\u00a0% : ${passages.join(', ')} ; une étape ne peut compter plus de contacts que la précédente.`,
    zero: (passages: string[]) =>
      `Taux nul : ${passages.map((p) => `«\u00a0${p}\u00a0»`).join(', ')} ; aucun contact ne passerait, l’entonnoir ne peut être remonté.`,
    noPlanned: (top: string) => `Aucun volume prévu à l’étape «\u00a0${top}\u00a0» : saisissez ce que le plan d’actions apportera.`,
    missed: (stage: string, expected: string, target: string, gap: string, top: string, needed: string, planned: string) =>
      `Cible non atteinte : ${expected} ${stage} prévus pour ${target} visés (écart de ${gap}) ; il faudrait ${needed} au lieu de ${planned} à l’étape «\u00a0${top}\u00a0».`,
  },
  /** Alt text of the exported chart. */
  alt: (stages: { name: string; needed: string; expected: string; rate: string | null }[]) =>
    `Entonnoir de conversion : ${stages
      .map((s) => `${s.rate ? `${s.rate} passent à ` : ''}${s.name} (nécessaire ${s.needed}, prévu ${s.expected})`)
      .join(' ; ')}.`,
  /** Word: the lines above the chart. */
  docx: {
    objective: 'Objectif SMART',
    target: 'Cible',
    planned: 'Volume prévu en haut de l’entonnoir',
    targetAt: (target: string, stage: string) => `${target} (${stage})`,
  },
  /** Excel. */
  sheet: {
    target: (stage: string) => `Cible (${stage})`,
    planned: (stage: string) => `Volume prévu (${stage})`,
    reached: 'Cible atteinte',
    objective: 'Objectif SMART',
    yes: 'Oui',
    no: 'Non',
    legend:
      'Volume nécessaire = volume nécessaire de l’étape suivante ÷ son taux de passage, arrondi à l’entier supérieur ; volume prévu = volume prévu de l’étape précédente × taux de passage, arrondi à l’entier inférieur ; écart = prévu − nécessaire.',
  },
  /** Review sentences. */
  diff: {
    name: 'nom',
    rate: 'taux',
    source: 'origine du taux',
    target: (a: string, b: string) => `Cible : ${a} → ${b}.`,
    targetStage: (a: string, b: string) => `Étape de la cible : ${a} → ${b}.`,
    planned: (a: string, b: string) => `Volume prévu en haut de l’entonnoir : ${a} → ${b}.`,
    linked: 'Objectif SMART visé relié.',
    unlinked: 'Objectif SMART délié.',
    changed: (name: string, changes: string[]) => `Étape ${name} : ${changes.join(' ; ')}.`,
    added: (name: string) => `Étape ajoutée : “${name}”.`,
    removed: (name: string) => `Étape supprimée : ${name}.`,
    reordered: 'Étapes réordonnées.',
  },
} as const
