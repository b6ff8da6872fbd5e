import type { KindDefinition } from '../types'
import { rowPlace } from '../wording'
import { EXPORT_COLUMNS, originText, SOURCE_FIELDS, SOURCES_LABELS, type SourceField } from './labels'
import type { SourceRow, SourcesConfig, SourcesValue } from './schema'
import { itemChanges, withOrder } from '../list-diff'

/** A source counts (hints, progress) once it has a title or a web address. */
export const counts = (r: SourceRow) => Boolean(r.title.trim() || r.url.trim())
/** A row with nothing written in it: left out of views and exports. */
export const isBlank = (r: SourceRow) => !r.title.trim() && !r.url.trim() && !r.origin && !r.type.trim() && !r.note.trim()

/** One part of a source as text (« — » when empty), the same on screen, in Word, Excel and diffs. */
export function sourceText(row: SourceRow, field: SourceField): string {
  if (field === 'origin') return originText(row.origin)
  return row[field].trim() || '—'
}

/** « Source 3 — Xerfi »: the row's number and its title (or its address when it has no title). */
export function sourceLabel(row: SourceRow, index: number): string {
  const name = row.title.trim() || row.url.trim()
  return name ? `${SOURCES_LABELS.source(index)} — ${name}` : SOURCES_LABELS.source(index)
}

const isField = (key: unknown): key is SourceField => typeof key === 'string' && key in SOURCE_FIELDS

export const definition: KindDefinition<SourcesConfig, SourcesValue> = {
  label: SOURCES_LABELS.kind,
  empty: () => ({ rows: [] }),
  isEmpty: (value) => !value.rows.some(counts),
  rules: {
    minRows(hint, value, _config, { title }) {
      const count = value.rows.filter(counts).length
      if (count >= hint.min) return null
      if (count === 0) return `« ${title} » n’a encore aucune ligne.`
      return `${hint.min} sources au moins sont attendues dans « ${title} » ; vous en listez ${count}.`
    },
    hasOrigin: (hint, value, _config, { title }) =>
      value.rows.some((r) => counts(r) && r.origin === hint.origin) ? null : `Aucune source ${hint.origin} n’est listée dans « ${title} ».`,
  },
  items: (value) => value.rows.map((row, i) => ({ id: row.id, label: sourceLabel(row, i) })),
  diff: (before, after) =>
    withOrder(
      itemChanges(before.rows, after.rows, {
        isBlank,
        added: (row, i) => `Ajoutée : « ${sourceLabel(row, i)} ».`,
        changed(was, row, i) {
          const parts = EXPORT_COLUMNS.flatMap((f) => {
            const a = sourceText(was, f)
            const b = sourceText(row, f)
            return a === b ? [] : [`${SOURCE_FIELDS[f]} : ${a} → ${b}`]
          })
          return parts.length ? [`${sourceLabel(row, i)} : ${parts.join(' ; ')}.`] : []
        },
        removed: (row, i) => `Supprimée : « ${sourceLabel(row, i)} ».`,
      }),
      'Sources réordonnées.',
    ),
  plainText: (value) =>
    value.rows
      .filter((r) => !isBlank(r))
      .map((r) =>
        EXPORT_COLUMNS.map((f) => sourceText(r, f))
          .filter((t) => t !== '—')
          .join(' | '),
      )
      .join('\n'),
  locate(path) {
    const [rows, index, field] = path
    if (rows !== 'rows' || typeof index !== 'number') return null
    return rowPlace(index, isField(field) ? SOURCE_FIELDS[field] : undefined)
  },
  excel: true,
}
