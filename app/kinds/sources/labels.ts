import { plural } from '~/domain/format'

/** The French words of the sources kind, for the screen, Word and Excel alike. */

/** Where a source comes from (the référentiel's « sources, externes ou internes »). */
export const SOURCE_ORIGINS = ['interne', 'externe'] as const
export type SourceOrigin = (typeof SOURCE_ORIGINS)[number]

export const ORIGIN_LABELS: Record<SourceOrigin, string> = { interne: 'Interne', externe: 'Externe' }

/** The origin as written in a table cell (« — » when not chosen). */
export const originText = (origin: SourceOrigin | '') => (origin ? ORIGIN_LABELS[origin] : '—')

/** The label of each part of a source: column headers, input labels, refused-value locations, diffs. */
export const SOURCE_FIELDS = {
  title: 'Source',
  url: 'Adresse web',
  origin: 'Origine',
  type: 'Type',
  note: 'Ce qu’elle apporte',
} as const
export type SourceField = keyof typeof SOURCE_FIELDS

/** Column order on screen (the editor). */
export const EDITOR_COLUMNS: readonly SourceField[] = ['title', 'url', 'origin', 'type', 'note']
/** Column order in Word and Excel (as the exports always had it). */
export const EXPORT_COLUMNS: readonly SourceField[] = ['title', 'origin', 'type', 'url', 'note']

/** Most characters each part of a source may hold (the value schema and the editor's inputs agree). */
export const SOURCE_MAX_LENGTH: Record<Exclude<SourceField, 'origin'>, number> = { title: 500, url: 2_000, type: 200, note: 2_000 }

export const SOURCES_LABELS = {
  kind: 'Sources',
  add: 'Ajouter une source',
  noSources: 'Aucune source.',
  noSourcesYet: 'Aucune source pour l’instant.',
  untitled: 'Sans titre',
  typePlaceholder: 'Revue, base clients…',
  urlPlaceholder: 'https://',
  /** « Source 3 », the name of a source in items, diffs and buttons. */
  source: (index: number) => `Source ${index + 1}`,
  /** « 3 sources · 1 interne · 2 externes » */
  summary: (total: number, internal: number, external: number) =>
    `${plural(total, 'source', 'sources')} · ${plural(internal, 'interne', 'internes')} · ${plural(external, 'externe', 'externes')}`,
  /** Said under a web address the editor holds back because it cannot be one. */
  notSaved: (problem: string) => `${problem.charAt(0).toUpperCase()}${problem.slice(1)} ; elle n’est pas encore enregistrée.`,
} as const
