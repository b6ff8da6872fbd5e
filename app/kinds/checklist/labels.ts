/** The French words of the checklist kind, for the screen, Word and Excel alike. */

export const CHECKLIST_LABELS = {
  kind: 'Liste de contrôle',
  /** Excel headers. */
  item: 'Point',
  done: 'Fait',
  /** A point's state in Excel. */
  yes: 'Oui',
  no: 'Non',
  /** A point's state in the view and in Word (the box), and for screen readers. */
  checkedBox: '☑',
  uncheckedBox: '☐',
  checkedState: 'fait',
  uncheckedState: 'à vérifier',
  checked: (label: string) => `Coché : « ${label} ».`,
  unchecked: (label: string) => `Décoché : « ${label} ».`,
  unknownItem: (id: string) => `point « ${id} » absent de la liste`,
} as const

/** « ☑ Droits d’auteur vérifiés »: a point with its box, in the view and in Word. */
export const boxed = (label: string, checked: boolean) => `${checked ? CHECKLIST_LABELS.checkedBox : CHECKLIST_LABELS.uncheckedBox} ${label}`
