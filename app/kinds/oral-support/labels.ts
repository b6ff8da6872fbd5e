import { formatNumber, plural } from '~/domain/format'
import type { OralKind } from './timing'

/** Every French word of the oral-support kind: screen, hints, Word and Excel. */

/** 12 min, 7,5 min. */
export const formatMinutes = (m: number) => `${formatNumber(m)}\u00a0min`
/** 40 %. */
export const formatPercent = (p: number) => `${formatNumber(p)}\u00a0%`

export const ORAL_LABELS = {
  kind: 'Support d’oral',
  oral: {
    'grand-oral': 'Grand oral',
    collective: 'Oral collectif',
    'per-candidate': 'Présentation de chaque candidat',
  } satisfies Record<OralKind, string>,
  part: (i: number) => `Partie ${i + 1}`,
  question: (i: number) => `Question ${i + 1}`,
  parts: 'Plan de l’oral',
  questions: 'Questions anticipées du jury',
  shares: 'Temps de parole',
  total: 'Durée totale',
  target: (m: number) => `Durée prévue\u00a0: ${formatMinutes(m)}`,
  noParts: 'Aucune partie pour l’instant.',
  noQuestions: 'Aucune question pour l’instant.',
  addPart: 'Ajouter une partie',
  addQuestion: 'Ajouter une question',
  addSelfAssessment: 'Ajouter la partie d’auto-évaluation',
  selfAssessmentTitle: 'Auto-évaluation des compétences acquises',
  noSpeaker: 'personne',
  deletedMember: 'ancien membre',
  untitled: '(sans titre)',
  visuals: 'Supports',
  noVisual: 'Aucun support.',
  image: 'Image',
  imageAlt: 'Texte alternatif (ce que montre l’image)',
  upload: 'Envoyer l’image',
  sending: 'Envoi…',
  altRequired: 'Décrivez l’image avant de l’envoyer.',
  pickSection: 'Section du dossier à montrer',
  showSection: 'Montrer une section du dossier',
  showImage: 'Montrer une image',
  addSection: 'Ajouter la section',
  noSections: 'Ce dossier n’a pas de section illustrée à montrer.',
  remove: (what: string) => `Retirer ${what}`,
  sectionVisual: (label: string) => `Section «\u00a0${label}\u00a0»`,
  speakersLegend: 'Qui parle',
  partPerCandidate: 'Ajouter une partie par candidat',
} as const

export const FIELD_LABELS = {
  title: 'Titre',
  message: 'Message clé',
  minutes: 'Durée (min)',
  speakers: 'Intervenants',
  notes: 'Notes de l’orateur',
  visuals: 'Supports',
  question: 'Question',
  answer: 'Réponse préparée',
  criteria: 'Critères',
} as const
export type PartKey = 'title' | 'message' | 'minutes' | 'speakers' | 'notes' | 'visuals'
export type QuestionKey = 'question' | 'answer' | 'criteria'

/** The hint sentences. */
export const PROBLEMS = {
  over: (total: number, target: number, by: number) =>
    `L’oral dure ${formatMinutes(total)} pour ${formatMinutes(target)} prévues\u00a0: ${formatMinutes(by)} de trop.`,
  under: (total: number, target: number, by: number) =>
    `L’oral dure ${formatMinutes(total)} pour ${formatMinutes(target)} prévues\u00a0: il reste ${formatMinutes(by)} à occuper.`,
  silent: (names: string[]) =>
    names.length === 1
      ? `${names[0]} ne prend la parole dans aucune partie\u00a0; dans un oral de groupe, chaque membre a sa part.`
      : `${names.join(', ')} ne prennent la parole dans aucune partie\u00a0; dans un oral de groupe, chaque membre a sa part.`,
  noSpeaker: (place: string) => `${place}\u00a0: personne n’y prend la parole\u00a0; dans un oral de groupe, chaque membre a sa part.`,
  showsNothing: (place: string) => `${place}\u00a0: dites ce qu’elle montre (un message clé ou un support).`,
  selfAssessment: 'Le grand oral présente l’auto-évaluation des compétences acquises\u00a0: prévoyez une partie qui la présente.',
  noParts: (title: string) => `«\u00a0${title}\u00a0» n’a encore aucune partie.`,
  partsCount: (n: number) => plural(n, 'partie', 'parties'),
  altMissing: (place: string) => `${place}\u00a0: une image n’a pas de texte alternatif.`,
} as const

export const CHANGES = {
  added: (name: string) => `Partie ${name} ajoutée`,
  removed: (name: string) => `Partie ${name} supprimée`,
  changed: (name: string, parts: string[]) => `Partie ${name}\u00a0: ${parts.join(', ')}`,
  reordered: 'Parties réordonnées',
  questionAdded: (name: string) => `Question ${name} ajoutée`,
  questionRemoved: (name: string) => `Question ${name} supprimée`,
  questionChanged: (name: string) => `Question ${name} modifiée`,
  questionsReordered: 'Questions réordonnées',
  modified: (what: string) => `${what.toLowerCase()} modifié${what === FIELD_LABELS.notes ? 'es' : ''}`,
} as const
