import { formatDate, formatShortDate, plural } from '~/domain/format'

/** The French words of the meeting minutes kind, for the screen, Word and Excel alike. */

/** Limits of a stored value (schema.ts refuses more; the editor stops the learner before). */
export const LIMITS = { title: 200, people: 1_000, text: 5_000, action: 500, owner: 200, actions: 50, meetings: 30 } as const

/** The default of the template's `minMinutes`: the référentiel asks for « au moins deux » meetings with their minutes. */
export const DEFAULT_MIN_MINUTES = 2

/** The texts of a meeting the learner types, in reading order. */
export const MEETING_TEXTS = ['title', 'participants', 'agenda', 'decisions'] as const
export type MeetingText = (typeof MEETING_TEXTS)[number]

/** What an action's status may be (the stored ids). */
export const ACTION_STATUSES = ['a-faire', 'en-cours', 'fait'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]

export const MINUTES_LABELS = {
  kind: 'Comptes-rendus de réunion',

  meeting: (index: number) => `Réunion ${index + 1}`,
  meetings: 'Liste des réunions',
  date: 'Date',
  dateInput: 'Date de la réunion',
  title: 'Objet',
  titleInput: 'Objet de la réunion',
  participants: 'Participants',
  participantsHelp: 'Présents, excusés et rédacteur : un nom ou une fonction par ligne.',
  agenda: 'Ordre du jour',
  agendaHelp: 'Un point par ligne.',
  decisions: 'Décisions',
  decisionsHelp: 'Une décision par ligne, formulée de façon neutre et factuelle.',
  actions: 'Actions',
  nextDate: 'Prochaine réunion',
  nextDateInput: 'Date de la prochaine réunion',

  action: 'Action',
  owner: 'Responsable',
  due: 'Échéance',
  status: 'Statut',
  statuses: { 'a-faire': 'À faire', 'en-cours': 'En cours', fait: 'Fait' } satisfies Record<ActionStatus, string>,
  addAction: 'Ajouter une action',
  noActions: 'Aucune action pour l’instant.',
  actionsOf: (meeting: string) => `Actions : ${meeting}`,

  add: 'Ajouter une réunion',
  remove: 'Supprimer cette réunion',
  confirmRemove: (label: string) => `Supprimer « ${label} » et son compte-rendu ?`,
  noneYet: 'Aucune réunion pour l’instant : ajoutez celles que vous avez planifiées, puis rédigez leur compte-rendu une fois tenues.',
  none: 'Aucune réunion.',
  untitled: 'Sans objet',
  noDate: 'Date à fixer',

  /** The two columns side by side. */
  plannedHeading: 'Réunions planifiées',
  heldHeading: 'Comptes-rendus rédigés',
  timeline: 'Calendrier des réunions',
  plannedState: 'Planifiée',
  heldState: 'Compte-rendu rédigé',
  noPlanned: 'Aucune réunion en attente de compte-rendu.',
  noHeld: 'Aucun compte-rendu pour l’instant.',
  statusRule: 'Une réunion reste « planifiée » tant que son compte-rendu n’est pas rédigé : date passée, et décisions ou actions renseignées.',
  count: (held: number, min: number) => `${plural(held, 'compte-rendu rédigé', 'comptes-rendus rédigés')} sur ${min} attendus au moins`,
  goTo: (label: string) => `Aller à ${label}`,
  edit: 'Modifier',

  /** Word and Excel. */
  minutesOf: (label: string) => `Compte-rendu : ${label}`,
  plannedOf: (label: string) => `Réunion planifiée : ${label}`,
  meetingDate: 'Date de la réunion',
  meetingState: 'État',
  overdue: 'En retard',
  lateFormulaNote: 'Colonne « Retard » : calculée à l’ouverture du fichier (échéance passée et action non faite).',
  late: 'Retard',
} as const

/** The hint sentences of the kind (`kindChecks`). */
export const MINUTES_MESSAGES = {
  /** The référentiel's number (issue 15 §2): minutes, not only meetings planned. */
  tooFewMinutes: (held: number, planned: number, min: number) =>
    `${held === 0 ? 'Aucun compte-rendu rédigé' : `${plural(held, 'compte-rendu rédigé', 'comptes-rendus rédigés')} seulement`}${
      planned ? ` (${plural(planned, 'réunion encore planifiée', 'réunions encore planifiées')})` : ''
    }\u00a0: les comptes-rendus d’au moins ${min}\u00a0réunions tenues sont attendus, pas seulement ${min}\u00a0réunions planifiées.`,
  noDate: (label: string) => `${label}\u00a0: sans date, la réunion ne peut pas être tenue ni son compte-rendu compté.`,
  minutesAhead: (label: string) => `${label}\u00a0: la réunion est à venir, son compte-rendu ne comptera qu’une fois la date passée.`,
  noOwner: (label: string, actions: string[]) => `${label}\u00a0: ${actions.length > 1 ? 'actions' : 'action'} sans responsable\u00a0: ${quoted(actions)}.`,
  noDue: (label: string, actions: string[]) => `${label}\u00a0: ${actions.length > 1 ? 'actions' : 'action'} sans échéance\u00a0: ${quoted(actions)}.`,
  nextBefore: (label: string, next: string) => `${label}\u00a0: la prochaine réunion (${formatShortDate(next)}) n’est pas datée après celle-ci.`,
} as const

/** Names between French guillemets. */
export const quoted = (names: string[]) => names.map((n) => `«\u00a0${n}\u00a0»`).join(', ')

/** A date as the views and exports write it (« 14 mai 2027 »), « — » when missing. */
export const dateText = (iso: string | null | undefined) => (iso ? formatDate(iso) : '—')
export const shortDateText = (iso: string | null | undefined) => (iso ? formatShortDate(iso) : '—')

/** Where a part of a meeting is: « réunion 2, Décisions », « réunion 2, action 3, Responsable ». */
export const meetingPlace = (index: number, field?: string) => `réunion ${index + 1}${field ? `, ${field}` : ''}`
export const actionPlace = (meeting: number, action: number, field?: string) => `réunion ${meeting + 1}, action ${action + 1}${field ? `, ${field}` : ''}`

/** The words of the review diff. */
export const DIFF_LABELS = {
  added: (label: string) => `Réunion ajoutée\u00a0: ${label}.`,
  removed: (label: string) => `Réunion supprimée\u00a0: ${label}.`,
  changed: (label: string, parts: string[]) => `${label}\u00a0: ${parts.join('\u00a0; ')}.`,
  text: (field: string) => `${field.toLowerCase()} modifié`,
  date: (field: string, before: string, after: string) => `${field.toLowerCase()}\u00a0: ${before} → ${after}`,
  actionsAdded: (n: number) => plural(n, 'action ajoutée', 'actions ajoutées'),
  actionsRemoved: (n: number) => plural(n, 'action supprimée', 'actions supprimées'),
  actionsChanged: (n: number) => plural(n, 'action modifiée', 'actions modifiées'),
  nowHeld: 'compte-rendu désormais rédigé',
  reordered: 'Réunions réordonnées.',
} as const
