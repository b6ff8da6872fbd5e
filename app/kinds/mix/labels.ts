/**
 * The French words of the marketing mix kind (C3.3), for the screen, Word and
 * Excel alike, and the template defaults (the 4P with their sub-parts, the
 * extensions up to 10P). No zod here: the browser imports this file.
 */

/** The 4P and their sub-parts, by default (a template may give its own). */
export const DEFAULT_FOUR_P = [
  {
    id: 'produit',
    label: 'Produit',
    parts: [
      { id: 'gamme', label: 'Gamme' },
      { id: 'qualite', label: 'Qualité et caractéristiques' },
      { id: 'packaging', label: 'Packaging' },
      { id: 'marque', label: 'Marque' },
      { id: 'services', label: 'Services associés' },
    ],
  },
  {
    id: 'prix',
    label: 'Prix',
    parts: [
      { id: 'niveau', label: 'Niveau de prix et positionnement' },
      { id: 'politique', label: 'Politique tarifaire (remises, promotions)' },
      { id: 'perception', label: 'Prix psychologique et perception' },
    ],
  },
  {
    id: 'distribution',
    label: 'Distribution',
    parts: [
      { id: 'canaux', label: 'Canaux' },
      { id: 'points-de-vente', label: 'Réseau et points de vente' },
      { id: 'omnicanal', label: 'Articulation physique et digitale' },
    ],
  },
  {
    id: 'communication',
    label: 'Communication',
    parts: [
      { id: 'message', label: 'Message' },
      { id: 'medias', label: 'Médias et canaux' },
      { id: 'promotion', label: 'Promotion des ventes' },
    ],
  },
]

/** The extensions a learner may pick to go from 4P to 10P, by default. */
export const DEFAULT_MIX_EXTENSIONS = [
  { id: 'personnel', label: 'Personnel' },
  { id: 'processus', label: 'Processus' },
  { id: 'preuve-physique', label: 'Preuve physique' },
  { id: 'partenariat', label: 'Partenariat' },
  { id: 'permission', label: 'Permission' },
  { id: 'personnalisation', label: 'Personnalisation' },
]

/** The 4E the mix is transformed into (fixed: not template data). */
export const FOUR_E = [
  { id: 'emotion', label: 'Émotion' },
  { id: 'experience', label: 'Expérience' },
  { id: 'exclusivite', label: 'Exclusivité' },
  { id: 'engagement', label: 'Engagement' },
] as const
export type EId = (typeof FOUR_E)[number]['id']
export const E_IDS = FOUR_E.map((e) => e.id) as [EId, ...EId[]]

/**
 * The fields of an extension and of an E: label in the editor (long), column
 * header in tables (short), and the word of review sentences (« proposition
 * modifiée »), with its gender.
 */
export const EXTENSION_FIELDS = {
  content: { label: 'Contenu', column: 'Contenu', word: 'contenu', feminine: false },
  context: { label: 'Lien avec le contexte du cas', column: 'Contexte', word: 'contexte', feminine: false },
} as const
export const E_FIELDS = {
  proposal: { label: 'Proposition', column: 'Proposition', word: 'proposition', feminine: true },
  illustration: { label: 'Illustration tirée du cas', column: 'Illustration', word: 'illustration', feminine: true },
  personalisation: { label: 'Ce qu’elle apporte de sur-mesure', column: 'Sur-mesure', word: 'apport sur-mesure', feminine: false },
  links: { label: 'P transformés', column: 'P transformés', word: 'P transformés', feminine: false },
} as const
export type ExtensionText = keyof typeof EXTENSION_FIELDS
export type EText = Exclude<keyof typeof E_FIELDS, 'links'>
export const E_TEXTS: readonly EText[] = ['proposal', 'illustration', 'personalisation']

const withS = (n: number, word: string) => `${n}\u00a0${word}${n > 1 ? 's' : ''}`

export const MIX_LABELS = {
  kind: 'Mix marketing',
  /** « Les 6P »: the title of the P table. */
  pTitle: (size: number) => `Les ${size}P`,
  fourPTitle: 'Les 4P',
  extensionsTitle: (maxP: number) => `Les extensions (jusqu’aux ${maxP}P)`,
  extensions: 'Extensions retenues',
  extensionsLegend: (max: number) => `Extensions retenues (${max} au plus)`,
  extensionsFull: (maxP: number) => `Vous avez atteint ${maxP}P : retirez une extension pour en choisir une autre.`,
  noExtensionYet: 'Aucune extension choisie pour l’instant.',
  eTitle: 'La transformation en 4E',
  /** « Votre mix compte 5 P (4P et 1 extension). » — the count is given in <strong> by the editor. */
  sizeDetail: (extensions: number) => (extensions ? ` (4P et ${withS(extensions, 'extension')})` : ''),
  eLinksLegend: (e: string) => `P transformés par « ${e} »`,
  removeExtension: (label: string) => `Retirer l’extension « ${label} » ? Son contenu restera consultable dans l’historique du dossier.`,
  removeButton: 'Retirer',
  /** Review sentences. */
  extensionAdded: (label: string) => `Extension ajoutée : ${label}.`,
  extensionRemoved: (label: string) => `Extension retirée : ${label}.`,
  extensionsReordered: 'Extensions réordonnées.',
  /** How a text changed, agreed with its word: « rempli », « effacée », « modifié ». */
  changed: (how: 'filled' | 'cleared' | 'edited', feminine: boolean) =>
    ({ filled: 'rempli', cleared: 'effacé', edited: 'modifié' })[how] + (feminine ? 'e' : ''),
  noLink: 'aucun',
  /** Column headers of the P table and of the 4E table (screen, Word, Excel). */
  pColumns: ['P', 'Sous-partie', 'Contenu'],
  /** A slide's table of the P, as its text alternative. */
  pictureAlt: (size: number, rows: number) => `Tableau des ${size}P du mix marketing, ${rows} ligne${rows > 1 ? 's' : ''} renseignée${rows > 1 ? 's' : ''}.`,
  eColumns: ['E', E_FIELDS.proposal.column, E_FIELDS.illustration.column, E_FIELDS.personalisation.column, E_FIELDS.links.column],
  /** The « Sous-partie » cell of an extension row. */
  extension: 'Extension',
  /** The context of an extension, after its content. */
  context: (text: string) => `${EXTENSION_FIELDS.context.column} : ${text}`,
  tableOfP: (caption: string, size: number) => `${caption} : les ${size}P`,
  tableOfE: (caption: string) => `${caption} : les 4E`,
  /** The P × E mapping table beside the 4E (editor and view). */
  map: {
    title: 'Quels P chaque E transforme',
    corner: 'P du mix',
    link: (p: string, e: string) => `${p}, transformé par «\u00a0${e}\u00a0»`,
    yes: 'oui',
    no: 'non',
  },
  /** « 3/4 sous-parties renseignées » on a P of the editor's matrix. */
  filled: (n: number, of: number) => `${n}/${of}`,
  filledHidden: ' sous-parties renseignées',
  /** « P transformés : Produit, Prix » under an E of the editor. */
  linked: (labels: string[]) => `${E_FIELDS.links.label}\u00a0: ${labels.length ? labels.join(', ') : MIX_LABELS.noLink}`,
  /** Item labels (comments, review diffs): « Produit — Gamme », « Extension — Personnel », « E — Expérience ». */
  partItem: (p: string, part: string) => `${p} — ${part}`,
  extensionItem: (label: string) => `Extension — ${label}`,
  eItem: (label: string) => `E — ${label}`,
} as const

/** A text as shown in tables: « — » when blank. */
export const dash = (s: string | undefined | null) => (s && s.trim() ? s.trim() : '—')
