import { formatNumber } from '~/domain/format'

/**
 * The French words of the persona kind, for the screen, Word, Excel and the
 * profiling problems alike. The profiling fields use the référentiel's words
 * (C3.2: « âges, localisation géographique, CSP, leurs goûts, habitudes,
 * comportements vis-à-vis des marques, leurs modes de consommation médiatique »).
 */

/** The persona's text fields, in reading order. */
export const TEXT_KEYS = ['location', 'csp', 'family', 'tastes', 'habits', 'brands', 'needs', 'frustrations', 'quote', 'inclusion'] as const
export type TextKey = (typeof TEXT_KEYS)[number]
export type FieldKey = 'firstName' | 'age' | TextKey | 'media' | 'avatar'

/** How a label agrees (« CSP modifiée », « Goûts modifiés »): masculine/feminine, singular/plural. */
type Agreement = 'm' | 'f' | 'mp' | 'fp'

export const FIELD_LABELS: Record<FieldKey, string> = {
  firstName: 'Prénom',
  age: 'Âge',
  location: 'Localisation géographique',
  csp: 'CSP',
  family: 'Situation familiale',
  tastes: 'Goûts',
  habits: 'Habitudes',
  brands: 'Comportement vis-à-vis des marques',
  media: 'Consommation médiatique',
  needs: 'Besoins et motivations',
  frustrations: 'Freins et frustrations',
  quote: 'Citation',
  inclusion: 'Inclusion, diversité, accessibilité',
  avatar: 'Visuel',
}

const AGREEMENT: Record<FieldKey, Agreement> = {
  firstName: 'm',
  age: 'm',
  location: 'f',
  csp: 'f',
  family: 'f',
  tastes: 'mp',
  habits: 'fp',
  brands: 'm',
  media: 'f',
  needs: 'mp',
  frustrations: 'mp',
  quote: 'f',
  inclusion: 'fp',
  avatar: 'm',
}

/** A past participle agreed with a field's label: agreed('csp', 'modifié') → « modifiée ». */
export const agreed = (key: FieldKey, participle: string) => participle + { m: '', f: 'e', mp: 's', fp: 'es' }[AGREEMENT[key]]

/** What the editor says under a label, where the label alone is terse. */
export const FIELD_HELP: Partial<Record<FieldKey, string>> = {
  tastes: 'Centres d’intérêt, loisirs, valeurs.',
  habits: 'Habitudes de consommation et d’achat.',
  quote: 'Une phrase qui le ou la résume, sans guillemets.',
  inclusion: 'Situations de handicap, besoins particuliers, diversité des profils.',
}

/** Text fields written on a line of their own in the editor (the others get a text area). */
export const SHORT_FIELDS: readonly TextKey[] = ['location', 'csp', 'family', 'quote']
/** The facts at the top of a persona sheet; the other text fields are blocks under it. */
export const FACT_KEYS = ['age', 'location', 'csp', 'family'] as const
export const BLOCK_KEYS = ['tastes', 'habits', 'brands', 'needs', 'frustrations', 'inclusion'] as const

export const INTENSITY_LABELS = { 1: 'Faible', 2: 'Moyenne', 3: 'Forte' } as const
export type Intensity = keyof typeof INTENSITY_LABELS

export const PERSONA_LABELS = {
  kind: 'Personae',
  persona: (index: number) => `Persona ${index + 1}`,
  /** Where a refused value is, in the save error: « persona 1, Âge ». */
  place: (index: number) => `persona ${index + 1}`,
  channelPlace: (index: number) => `canal ${index + 1}`,
  none: 'Aucun persona.',
  noneYet: 'Aucun persona pour l’instant.',
  noFirstName: 'Sans prénom',
  noFirstNameLower: 'sans prénom',
  add: 'Ajouter un persona',
  remove: 'Supprimer ce persona',
  confirmRemove: (index: number, firstName: string) =>
    `Supprimer le persona ${index + 1}${firstName.trim() ? ` (${firstName.trim()})` : ''} ? Il restera consultable dans l’historique du dossier.`,
  toComplete: 'Profil à compléter',
  channel: 'Canal',
  channelPlaceholder: 'Instagram, radio locale…',
  intensity: 'Intensité',
  intensityUnknown: 'Non précisée',
  addChannel: 'Ajouter un canal',
  removeChannel: (index: number) => `Retirer le canal ${index + 1}`,
  noChannel: (firstName: string) => `Aucun canal : ajoutez les médias et réseaux qu’utilise ${firstName.trim() || 'ce persona'}.`,
  avatarOptional: 'Visuel (facultatif)',
  image: 'Image',
  avatarAlt: 'Texte alternatif du visuel',
  required: '(obligatoire)',
  altRequired: 'Le texte alternatif est obligatoire : décrivez ce que montre le visuel.',
  addAvatar: 'Ajouter le visuel',
  removeAvatar: 'Retirer le visuel',
  sending: 'Envoi…',
  /** Word: the header row of a persona's table. */
  profile: 'Profil',
  description: 'Description',
  /** A slide's persona card, as its text alternative. */
  cardAlt: (name: string, facts: string) => `Fiche persona de ${name}${facts ? `\u00a0: ${facts}` : ''}.`,
  /** Word: a persona's heading, « Persona 1 : Léa ». */
  heading: (index: number, firstName: string) => `Persona ${index + 1} : ${firstName.trim() || 'sans prénom'}`,
  /** The article around a sheet, for assistive technologies. */
  sheet: (firstName: string) => `Persona ${firstName.trim() || 'sans prénom'}`,
} as const

/** « 34 ans », or '' when the age is not given. */
export const ageText = (age: number | null) => (age === null ? '' : `${formatNumber(age)}\u00a0ans`)

/** The profiling problems (kindChecks), by persona. */
export const PROBLEMS = {
  none: 'Aucun persona pour l’instant.',
  toComplete: (name: string, missing: string[]) => `${name} : profil à compléter — ${missing.join(', ')}.`,
  noInclusion: (name: string) => `${name} : aucune note sur l’inclusion, la diversité ou l’accessibilité.`,
  noAlt: (name: string) => `${name} : le visuel n’a pas de texte alternatif.`,
  /** The `minRows` sentence. */
  fewer: (min: number, count: number) => `${min} personae au moins sont attendus ; vous en avez ${count}.`,
  noneIn: (title: string) => `« ${title} » n’a encore aucun persona.`,
} as const

/** The diff's sentences. */
export const CHANGES = {
  changed: (name: string, parts: string[]) => `Persona ${name} : ${parts.join(' ; ')}.`,
  added: (name: string) => `Persona ${name} ajouté.`,
  deleted: (name: string) => `Persona ${name} supprimé.`,
  reordered: 'Personae réordonnés.',
} as const

/** A label inside a sentence: « localisation géographique », but « CSP ». */
export const inSentence = (label: string) => (/^\p{Lu}\p{Ll}/u.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label)
