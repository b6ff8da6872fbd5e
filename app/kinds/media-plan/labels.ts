import { formatDate, formatMoney, formatShortDate, plural } from '~/domain/format'

/** The French words of the media plan kind, for the screen, Word and Excel alike. */

/** Limits of a stored value (schema.ts refuses more; the editor stops the learner before). */
export const LIMITS = { name: 200, text: 1_000, media: 40, waves: 300, phases: 60, budget: 1_000_000_000, insertions: 100_000 } as const

/** The kinds of media a template offers when it sets none. */
export const DEFAULT_MEDIA_TYPES = ['Télévision', 'Radio', 'Presse', 'Affichage', 'Cinéma', 'Digital', 'Réseaux sociaux', 'Hors média']
/** The natures of a commercial phase a template offers when it sets none. */
export const DEFAULT_PHASE_NATURES = ['Lancement', 'Temps fort', 'Salon', 'Saisonnalité', 'Opération promotionnelle', 'Cycle de vente']

export const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'] as const
/** Month names short enough for a column of the calendar. */
export const SHORT_MONTHS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'] as const

export const MEDIA_LABELS = {
  kind: 'Plan média',
  year: 'Année du plan',
  yearInput: 'Année du plan (AAAA)',
  firstMonth: 'Premier mois',
  period: (from: string, to: string) => `Du ${from} au ${to}`,

  media: 'Médias et supports',
  medium: 'Média',
  mediumName: 'Média ou support',
  mediumType: 'Type de média',
  addMedium: 'Ajouter un média',
  noMedia: 'Aucun média pour l’instant : ajoutez les supports retenus (Instagram, presse déco, radio locale…).',

  waves: 'Vagues',
  wave: 'Vague',
  waveName: 'Vague ou temps fort',
  phase: 'Phase commerciale',
  start: 'Début',
  end: 'Fin',
  budget: 'Budget (€)',
  budgetWord: 'Budget',
  insertions: 'Insertions',
  format: 'Format',
  objective: 'Objectif',
  addWave: 'Ajouter une vague',
  noWaves: 'Aucune vague pour l’instant.',
  noMedium: 'sans média',

  phases: 'Phases commerciales',
  phaseName: 'Phase',
  nature: 'Nature',
  stake: 'Enjeu commercial',
  addPhase: 'Ajouter une phase',
  noPhases: 'Aucune phase pour l’instant : lancement, salon, temps fort saisonnier…',

  marronniers: 'Marronniers affichés sur le calendrier',
  marronnier: 'Marronnier',
  marronniersRow: 'Marronniers',
  marronniersHelp: 'Cochez les marronniers qui comptent pour votre cible : ils s’affichent sur le calendrier, datés pour l’année du plan.',
  noMarronniers: 'Aucun marronnier affiché.',

  totals: 'Budget par média',
  totalsByPhase: 'Budget par phase commerciale',
  total: 'Total',
  share: 'Part du budget',
  wavesCount: 'Vagues',
  noPhase: 'Hors phase',

  calendar: 'Calendrier du plan média',
  problems: 'Points à vérifier dans le plan média',
  calendarCaption: (caption: string) => `Calendrier : ${caption}`,
  tableOf: (caption: string) => `Tableau : ${caption}`,
  chartData: 'Données du calendrier (tableau)',
  noCalendar: 'Le calendrier apparaîtra quand le plan aura une année.',
  legendWave: 'Vague d’un média',
  legendPhase: 'Phase commerciale',
  legendMarronnier: 'Marronnier',
  summary: (caption: string, from: string, to: string, media: number, waves: number, total: number) =>
    `${caption}, ${from} – ${to} : ${plural(media, 'média', 'médias')}, ${plural(waves, 'vague', 'vagues')}, ${formatMoney(total)} au total. Le détail est dans le tableau qui suit.`,
  /** The text alternative of the calendar image in Word. */
  calendarAlt: (from: string, to: string, rows: { medium: string; waves: string[] }[]) =>
    `Calendrier du plan média, ${from} – ${to} : ${rows.map((r) => `${r.medium} (${r.waves.length ? r.waves.join(' ; ') : 'aucune vague'})`).join(', ')}.`,
  waveSpan: (name: string, start: string, end: string) => `${name} du ${start} au ${end}`,
  kindOf: 'Type',
  dates: 'Dates',
  sheetLegend: 'Totaux : formules Excel (SOMME.SI) qui suivent les budgets des vagues.',
} as const

/** The hint sentences of the kind (`kindChecks`). */
export const MEDIA_MESSAGES = {
  noYear: 'Indiquez l’année du plan : le calendrier et les marronniers en dépendent.',
  noMedia: 'Aucun média pour l’instant.',
  noPhases: 'Aucune phase commerciale : nommez les temps forts (lancement, salon, soldes…) qui rythment l’année.',
  noDates: (names: string[]) => `Sans dates : ${names.join(', ')}.`,
  endBeforeStart: (names: string[]) => `Fin avant le début : ${names.join(', ')}.`,
  noBudget: (names: string[]) => `Sans budget : ${names.join(', ')}.`,
  outside: (names: string[], period: string) => `Hors de l’année du plan (${period}) : ${names.join(', ')}.`,
  noWave: (names: string[]) => `${names.length > 1 ? 'Ces médias n’ont' : 'Ce média n’a'} aucune vague : ${names.join(', ')}.`,
  noMedium: (names: string[]) => `Sans média : ${names.join(', ')}.`,
} as const

/** What `minRows` counts. */
export const WAVE_NOUNS = ['vague', 'vagues', 'attendues'] as const

/** A name in a sentence: « Instagram », or « vague 3 » while it has none. */
export const quoted = (name: string) => `«\u00a0${name}\u00a0»`
export const waveNumber = (index: number) => `Vague ${index + 1}`
export const mediumNumber = (index: number) => `Média ${index + 1}`
export const phaseNumber = (index: number) => `Phase ${index + 1}`

/** A date in a table (« 14/05/2027 »), « — » when missing. */
export const shortDate = (iso: string | null | undefined) => (iso ? formatShortDate(iso) : '—')
/** A date in prose (« 14 mai 2027 »). */
export const longDate = (iso: string) => formatDate(iso)
export const money = (n: number | null | undefined) => (n === null || n === undefined ? '—' : formatMoney(n))

/** Where a part of the value is: « vague 3, Début ». */
export const place = (noun: 'vague' | 'média' | 'phase', index: number, field?: string) => `${noun} ${index + 1}${field ? `, ${field}` : ''}`

/** The words of the review diff. */
export const DIFF_LABELS = {
  year: (before: string, after: string) => `Année du plan : ${before} → ${after}.`,
  added: (what: string, name: string) => `${what} ajouté${what === 'Média' ? '' : 'e'} : ${name}.`,
  removed: (what: string, name: string) => `${what} supprimé${what === 'Média' ? '' : 'e'} : ${name}.`,
  changed: (what: string, name: string, parts: string[]) => `${what} ${name} : ${parts.join(' ; ')}.`,
  marronniersShown: (names: string[]) => `Marronniers affichés : ${names.join(', ')}.`,
  marronniersHidden: (names: string[]) => `Marronniers retirés : ${names.join(', ')}.`,
  empty: '—',
} as const
