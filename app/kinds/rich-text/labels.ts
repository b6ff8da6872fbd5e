import { formatNumber, plural } from '~/domain/format'
import { MAX_DEPTH } from './rich-text'

/** The French words of the rich-text kind: editor, views, checks and Word export alike. */

/** What each node of the editor is called, for refusals (« élément non permis ici : … »). */
export const NODE_LABELS: Record<string, string> = {
  doc: 'document',
  paragraph: 'paragraphe',
  text: 'texte',
  heading: 'titre',
  bulletList: 'liste à puces',
  orderedList: 'liste numérotée',
  listItem: 'élément de liste',
  blockquote: 'citation',
  hardBreak: 'saut de ligne',
  horizontalRule: 'séparateur',
  table: 'tableau',
  tableRow: 'ligne de tableau',
  tableHeader: 'en-tête de tableau',
  tableCell: 'cellule de tableau',
  image: 'image',
}
export const nodeLabel = (type: string) => NODE_LABELS[type] ?? `« ${type} »`

export const RICH_TEXT_LABELS = {
  /** A section edited together: where the shared document stands. */
  shared: {
    connecting: 'Édition partagée\u00a0: connexion…',
    connected: 'Édition partagée avec votre groupe\u00a0: chaque modification est enregistrée pour tous.',
    disconnected: 'Hors ligne\u00a0: continuez, vos modifications seront envoyées au retour de la connexion.',
  },
  kind: 'Texte mis en forme',
  /** Where a refused part is: « bloc 3 (tableau) ». */
  block: (index: number, type: string) => `bloc ${index + 1}${NODE_LABELS[type] ? ` (${NODE_LABELS[type]})` : ''}`,
  toolbar: {
    region: 'Mise en forme',
    bold: 'Gras',
    italic: 'Italique',
    underline: 'Souligné',
    heading: 'Titre',
    subheading: 'Sous-titre',
    bulletList: 'Liste à puces',
    orderedList: 'Liste numérotée',
    insertLink: 'Insérer un lien',
    editLink: 'Modifier le lien',
    insertImage: 'Insérer une image',
    insertTable: 'Insérer un tableau',
    addRow: 'Ajouter une ligne au tableau',
    addColumn: 'Ajouter une colonne au tableau',
    deleteRow: 'Supprimer la ligne du tableau',
    deleteColumn: 'Supprimer la colonne du tableau',
    deleteTable: 'Supprimer le tableau',
  },
  dialog: {
    cancel: 'Annuler',
    confirm: 'Valider',
    insert: 'Insérer',
    sending: 'Envoi…',
    linkAddress: 'Adresse du lien',
    linkHint: 'Laissez vide pour retirer le lien.',
    linkError: 'Saisissez une adresse qui commence par https://, http:// ou mailto:.',
    image: 'Image',
    alt: 'Texte alternatif (obligatoire)',
    altHint: 'Ce que l’image apporte, en une phrase, pour les personnes qui ne la voient pas.',
    altMissing: 'Le texte alternatif est obligatoire : décrivez ce que montre l’image.',
  },
  /** Shown above a text that could not be laid out (malformed content saved before the checks existed). */
  plainFallback: 'Ce texte n’a pas pu être mis en forme ; il est affiché sans sa mise en forme.',
  /** The server refused the last save: what the learner reads under the editor. */
  refused: 'Une partie de ce texte a été refusée à l’enregistrement :',
} as const

/** Refusals of a stored document (schema.ts, check.ts). */
export const RICH_TEXT_ERRORS = {
  notADocument: 'un document de l’éditeur de texte est attendu',
  tooDeep: `le texte est imbriqué trop profondément (${MAX_DEPTH} niveaux au plus) : retirez des listes ou des citations imbriquées`,
  tooMany: (max: number) => `trop d’éléments à cet endroit (${formatNumber(max)} au plus)`,
  tooManyMarks: (max: number) => `trop de mises en forme sur un même texte (${max} au plus)`,
  unknownNode: 'élément que l’éditeur ne propose pas',
  unknownMark: 'mise en forme que l’éditeur ne propose pas',
  unknownKey: 'propriété inconnue',
  invalid: 'contenu de texte mis en forme invalide',
  emptyText: 'morceau de texte vide : un texte vide ne s’enregistre pas',
  textMissing: 'texte manquant',
  unknownAttr: (name: string) => `attribut inconnu « ${name} »`,
  badAttr: (name: string) => `valeur refusée pour « ${name} »`,
  headingLevel: 'niveau de titre inconnu : titre (3) ou sous-titre (4) attendu',
  link: 'lien non autorisé : l’adresse doit commencer par https://, http:// ou mailto:',
  image: 'image inconnue : insérez les images avec le bouton « Image » de l’éditeur',
  misplaced: (child: string, parent: string) => `élément non permis ici : ${nodeLabel(child)} dans ${nodeLabel(parent)}`,
  incomplete: (type: string) => `${nodeLabel(type)} : contenu manquant`,
  markNotAllowed: (parent: string) => `mise en forme non permise dans ${nodeLabel(parent)}`,
  unreadable: 'le texte n’a pas pu être lu par l’éditeur',
} as const

/** Hints and review summaries. */
export const RICH_TEXT_HINTS = {
  minWords: (title: string, words: number, min: number) =>
    `« ${title} » compte ${plural(words, 'mot', 'mots')} ; ${min} au moins sont attendus pour développer l’analyse.`,
  missingAlt: (title: string, count: number) => `${plural(count, 'image n’a pas', 'images n’ont pas')} de texte alternatif dans « ${title} ».`,
} as const

/** Sentences of a review diff. */
export const RICH_TEXT_DIFF = {
  words(added: number, removed: number): string | null {
    if (added && removed) return `${plural(added, 'mot ajouté', 'mots ajoutés')}, ${formatNumber(removed)}\u00a0${removed > 1 ? 'supprimés' : 'supprimé'}.`
    if (added) return `${plural(added, 'mot ajouté', 'mots ajoutés')}.`
    if (removed) return `${plural(removed, 'mot supprimé', 'mots supprimés')}.`
    return null
  },
  headingRenamed: (before: string, after: string) => `Titre « ${before} » renommé « ${after} ».`,
  headingAdded: (text: string) => `Titre ajouté : « ${text} ».`,
  headingRemoved: (text: string) => `Titre supprimé : « ${text} ».`,
  imagesAdded: (n: number) => `${plural(n, 'image ajoutée', 'images ajoutées')}.`,
  imagesRemoved: (n: number) => `${plural(n, 'image supprimée', 'images supprimées')}.`,
  altChanged: (n: number) => `Texte alternatif modifié pour ${plural(n, 'image', 'images')}.`,
  reordered: 'Passages déplacés ou ponctuation modifiée.',
  formatting: 'Mise en forme modifiée.',
} as const
