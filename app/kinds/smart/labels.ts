/** The French words of the SMART kind, for the screen, Word, Excel and the checker alike. */

export const OBJECTIVE_KINDS = ['global', 'intermediate'] as const
export type ObjectiveKind = (typeof OBJECTIVE_KINDS)[number]

export const KIND_LABELS: Record<ObjectiveKind, string> = { global: 'Global', intermediate: 'Intermédiaire' }
/** Inside a sentence: « Objectif 1 — global ». */
export const KIND_WORDS: Record<ObjectiveKind, string> = { global: 'global', intermediate: 'intermédiaire' }

export type FieldKey = 'label' | 'kind' | 'parentId' | 'indicator' | 'baseline' | 'target' | 'unit' | 'deadline' | 'owner' | 'resources' | 'agreedWith'

export const FIELD_LABELS: Record<FieldKey, string> = {
  label: 'Intitulé',
  kind: 'Type',
  parentId: 'Objectif global servi',
  indicator: 'Indicateur',
  baseline: 'Valeur de départ',
  target: 'Cible',
  unit: 'Unité',
  deadline: 'Échéance',
  owner: 'Responsable',
  resources: 'Ressources',
  agreedWith: 'Négocié et validé avec',
}

export const QUALITIES = ['specifique', 'mesurable', 'atteignable', 'limite', 'individualise', 'negociable'] as const
export type Quality = (typeof QUALITIES)[number]
export const QUALITY_LABELS: Record<Quality, string> = {
  specifique: 'Spécifique',
  mesurable: 'Mesurable',
  atteignable: 'Atteignable',
  limite: 'Limité dans le temps',
  individualise: 'Individualisé',
  negociable: 'Négociable',
}

export const SMART_LABELS = {
  kind: 'Objectifs SMART',
  /** A slide's table of objectives, as its text alternative. */
  pictureAlt: (labels: string[]) => `Objectifs SMART\u00a0: ${labels.join('\u202f; ')}.`,
  objective: (index: number) => `Objectif ${index + 1}`,
  /** Where a refused value is, in the save error: « objectif 3, Échéance ». */
  place: (index: number) => `objectif ${index + 1}`,
  legend: (index: number, kind: ObjectiveKind) => `Objectif ${index + 1} — ${KIND_WORDS[kind]}`,
  noneYet: 'Aucun objectif pour l’instant.',
  none: 'Aucun objectif.',
  noLabel: 'Sans intitulé',
  noGlobalLabel: 'Objectif global sans intitulé',
  noIndicator: 'sans indicateur',
  addGlobal: 'Objectif global',
  addIntermediate: 'Objectif intermédiaire',
  remove: 'Supprimer cet objectif',
  confirmRemove: (index: number) => `Supprimer l’objectif ${index + 1} ? Il restera consultable dans l’historique du dossier.`,
  checks: (index: number) => `Vérification SMART de l’objectif ${index + 1}`,
  conform: 'conforme',
  toReview: 'à revoir',
  /** Word: the column of the qualities to review, and what it says when there are none. */
  review: 'À revoir',
  allGood: 'SMART',
  objectiveColumn: 'Objectif',
  /** Excel: the live difference between target and baseline, and the qualities to review. */
  gap: 'Écart à faire',
  qualitiesToReview: 'Qualités à revoir',
  timeline: (caption: string) => `Frise des échéances : ${caption}`,
  timelineLater: 'La frise apparaîtra quand les objectifs auront une échéance.',
  timelineData: 'Données de la frise (tableau)',
  today: 'Aujourd’hui',
  /** Under an objective of the timeline: « Intermédiaire · cible 150 leads · sert « Générer des leads… » ». */
  targetOf: (target: string) => `cible ${target}`,
  serves: (label: string) => `sert «\u00a0${label}\u00a0»`,
  undated: (n: number) => (n === 1 ? '1 objectif sans échéance n’y figure pas.' : `${n} objectifs sans échéance n’y figurent pas.`),
  table: (caption: string) => `Tableau : ${caption}`,
} as const

/** The checker's findings, quality by quality. */
export const FINDINGS = {
  vague: 'intitulé trop vague : dites précisément ce qui doit changer, pour qui',
  noIndicator: 'pas d’indicateur',
  noTarget: 'pas de valeur cible',
  noUnit: 'cible sans unité',
  targetIsBaseline: 'la cible est égale à la valeur de départ',
  tooFar: (ratio: string) => `la cible multiplie la valeur de départ par ${ratio} : justifiez qu’elle est atteignable`,
  noBaseline: 'pas de valeur de départ pour juger de l’effort',
  noResources: 'aucune ressource affectée',
  noDeadline: 'pas d’échéance',
  noParent: 'objectif intermédiaire rattaché à aucun objectif global',
  afterParent: (deadline: string, parent: string) => `objectif intermédiaire après l’échéance du global (${deadline} > ${parent})`,
  noOwner: 'pas de responsable nommé',
  notAgreed: 'ne dit pas avec qui l’objectif a été discuté et validé',
} as const

/** The structural problems (kindChecks) and the `minRows` nouns. */
export const PROBLEMS = {
  none: 'Aucun objectif pour l’instant.',
  noGlobal: 'Aucun objectif global : les objectifs intermédiaires doivent s’y rattacher.',
  failing: (name: string, qualities: string[]) => `${name} — ${qualities.join(' ; ')}.`,
  rows: ['objectif', 'objectifs', 'attendus'] as const,
} as const

/** The diff's sentences. */
export const CHANGES = {
  changed: (name: string, parts: string[]) => `Objectif ${name} : ${parts.join(' ; ')}.`,
  added: (name: string) => `Objectif ${name} ajouté.`,
  deleted: (name: string) => `Objectif ${name} supprimé.`,
  reordered: 'Objectifs réordonnés.',
  /** Long texts are said changed, not quoted: « Indicateur modifié ». */
  modified: { label: 'Intitulé modifié', indicator: 'Indicateur modifié', resources: 'Ressources modifiées' },
} as const
