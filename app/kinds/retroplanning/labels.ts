import { formatDate, plural } from '~/domain/format'

/** The French words of the retroplanning kind, for the screen, Word and Excel alike. */

/** Limits of a stored value (schema.ts refuses more; the editor stops the learner before). */
export const LIMITS = { text: 1_000, owner: 200, duration: 1_000, dependencies: 50, tasks: 200 } as const

/** The task fields the learner types, in reading order. */
export const TASK_TEXTS = ['name', 'group', 'owner', 'stakeholders', 'constraints'] as const
export type TaskText = (typeof TASK_TEXTS)[number]

export const RETRO_LABELS = {
  kind: 'Rétroplanning',
  /** The default label of the column that groups tasks (templates set their own: « Action de communication »…). */
  defaultGroup: 'Action ou phase',

  deadline: 'Date finale',
  deadlineInput: 'Date finale (échéance du projet)',
  projectStart: 'Début du projet',
  projectStartInput: 'Début du projet (facultatif)',
  notSetFeminine: 'non renseignée',
  notSetMasculine: 'non renseigné',

  /** A task's name: the input label and the first column's header. */
  task: 'Tâche',
  /** The list of tasks as a whole (where a refused value is: too many tasks). */
  tasks: 'Liste des tâches',
  /** A task's name where the task is already named by its number (« tâche 3, Nom »). */
  name: 'Nom',
  owner: 'Responsable',
  stakeholders: 'Parties prenantes',
  constraints: 'Conditions et contraintes',
  duration: 'Durée',
  /** Input label and column header: the cells hold a bare number. */
  durationUnit: 'Durée (jours ouvrés)',
  dependsOn: 'Commence après la fin de',
  dependencies: 'Dépendances',
  latestStart: 'Début au plus tard',
  latestFinish: 'Fin au plus tard',
  actualStart: 'Début réel',
  actualFinish: 'Fin réelle ou estimée',
  variance: 'Écart',
  varianceUnit: 'Écart (jours ouvrés)',
  alert: 'Alerte',
  unnamed: 'Sans nom',
  notFinished: 'non terminée',

  taskNumber: (index: number) => `Tâche ${index + 1}`,
  addTask: 'Ajouter une tâche',
  noTasks: 'Aucune tâche.',
  noTasksYet: 'Aucune tâche pour l’instant.',
  workingDays:
    'Les dates se calculent à rebours depuis la date finale, en jours ouvrés : week-ends et jours fériés français (lundi de Pâques, Ascension, Pentecôte compris) sont sautés.',
  alertsExplained: (alerts: { orange: number; rouge: number }) =>
    ` Alerte orange à partir de ${plural(alerts.orange, 'jour ouvré', 'jours ouvrés')} de retard, rouge à partir de ${alerts.rouge}.`,
  problemsList: 'Points à corriger dans le rétroplanning',
  invalidTask: 'Cette tâche a été refusée à l’enregistrement.',

  gantt: 'Diagramme de Gantt',
  ganttCaption: (caption: string) => `Diagramme de Gantt : ${caption}`,
  tableOf: (caption: string) => `Tableau : ${caption}`,
  noChart: 'Le diagramme de Gantt apparaîtra quand le rétroplanning aura une date finale et des tâches avec une durée.',
  legendPlanned: 'Prévu (au plus tard)',
  legendActual: 'Réel, coloré selon l’alerte',
  today: 'Aujourd’hui',
  todayOn: (date: string) => `Aujourd’hui (${formatDate(date)})`,
  chartData: 'Données du diagramme (tableau)',
  /** The text alternative of the Gantt image in Word. */
  ganttAlt: (deadline: string, tasks: { name: string; start: string; finish: string }[]) =>
    `Diagramme de Gantt jusqu’au ${deadline} : ${tasks.map((t) => `${t.name} du ${t.start} au ${t.finish}`).join(' ; ')}.`,

  /** Excel notes below the tasks. */
  legendFinish: 'Fin au plus tard : calculée par Atelier à rebours depuis la date finale, dépendances comprises.',
  legendStart: (holidaysSheet: string) =>
    `Début au plus tard : se recalcule si vous modifiez la durée (jours ouvrés, hors week-ends et jours fériés de la feuille « ${holidaysSheet} »).`,
  legendVariance: (alerts: { orange: number; rouge: number }) =>
    `Écart : jours ouvrés de retard (négatif : d’avance) de la fin réelle, ou d’aujourd’hui pour une tâche en retard non terminée. Alerte orange à partir de ${alerts.orange}\u00a0j, rouge à partir de ${alerts.rouge}\u00a0j.`,
  legendGanttTracking: 'Gantt : bleu clair = prévu, orange = réel, bleu foncé = prévu et réel ; jours non ouvrés en gris, aujourd’hui en rouge.',
  legendGantt: 'Gantt : bleu = prévu ; jours non ouvrés en gris, aujourd’hui en rouge.',
  toFix: (message: string) => `À corriger : ${message}`,
  /** The hidden sheet of French public holidays the working-day formulas read. */
  holidaysSheet: 'Jours fériés',
  holidayDate: 'Date',
  holidayName: 'Jour férié',
} as const

/** The hint sentences of the kind (`kindChecks`). */
export const RETRO_MESSAGES = {
  noDeadline: 'Pas de date finale : le rétroplanning se calcule à rebours à partir d’elle.',
  noTasks: 'Aucune tâche pour l’instant.',
  noDuration: (name: string) => `La tâche « ${name} » n’a pas de durée (en jours ouvrés).`,
  noOwner: (names: string[]) => `Sans responsable : ${names.map((n) => `« ${n} »`).join(', ')}.`,
  red: (tasks: { name: string; variance: number }[]) =>
    `En alerte rouge : ${tasks.map((t) => `« ${t.name} » (${t.variance} j)`).join(', ')}. Dites qui est alerté et quel ajustement vous proposez.`,
} as const

/** What `minRows` counts. */
export const TASK_NOUNS = ['tâche', 'tâches', 'attendues'] as const

/** A variance with its sign: « +2 », « 0 », « -1 ». */
export const signed = (n: number) => `${n > 0 ? '+' : ''}${n}`

/** A date as the exports and views write it (« 14 mai 2027 »), « — » when missing. */
export const dateText = (iso: string | null | undefined) => (iso ? formatDate(iso) : '—')

/** A variance cell: « +2 », « +2 (non terminée) », « — ». */
export const varianceText = (variance: number | null, overdue: boolean) =>
  variance === null ? '—' : `${signed(variance)}${overdue ? ` (${RETRO_LABELS.notFinished})` : ''}`

/** A duration in a sentence: « 1 jour ouvré », « 4 jours ouvrés ». */
export const durationText = (days: number) => plural(days, 'jour ouvré', 'jours ouvrés')

/** Where a part of a task is: « tâche 3, Durée ». */
export const taskPlace = (index: number, field?: string) => `tâche ${index + 1}${field ? `, ${field}` : ''}`

/** The words of the review diff (« Tâche “Impression” : durée 3 → 4 jours ouvrés. »). */
export const DIFF_LABELS = {
  task: (name: string, index: number) => (name ? `Tâche “${name}”` : RETRO_LABELS.taskNumber(index)),
  /** A task named inside a sentence. */
  ref: (name: string, index: number) => (name ? `“${name}”` : `tâche ${index + 1}`),
  added: (ref: string) => `Tâche ajoutée : ${ref}.`,
  removed: (ref: string) => `Tâche supprimée : ${ref}.`,
  reordered: 'Tâches réordonnées.',
  renamed: (name: string) => `renommée “${name}”`,
  duration: 'durée',
  dependsOnAdded: 'dépend désormais de',
  dependsOnRemoved: 'ne dépend plus de',
  empty: '—',
} as const

/** The label of a task's group field for this template (« Action de communication »). */
export const taskTextLabel = (key: TaskText, groupLabel: string) => (key === 'group' ? groupLabel : key === 'name' ? RETRO_LABELS.task : RETRO_LABELS[key])
