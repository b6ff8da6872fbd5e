import { DataGrid, type GridColumn } from '~/components/grid/data-grid'
import { newId } from '~/components/ids'
import { issueAt } from '../issues'
import type { EditorProps } from '../types.browser'
import { EDITOR_COLUMNS, ORIGIN_LABELS, SOURCE_FIELDS, SOURCE_MAX_LENGTH, SOURCE_ORIGINS, SOURCES_LABELS } from './labels'
import type { SourceRow } from './schema'
import { normaliseUrl, urlProblem } from './url'

const ORIGINS = SOURCE_ORIGINS.map((o) => ({ value: o, label: ORIGIN_LABELS[o] }))

/**
 * Each part of a source as a grid column. A web address is stored as typed,
 * `www.exemple.fr` becoming `https://www.exemple.fr`; what cannot be one is
 * held in its cell with why, never sent (the server would refuse the whole section).
 */
const COLUMNS = EDITOR_COLUMNS.map((f): GridColumn<SourceRow> => {
  const label = SOURCE_FIELDS[f]
  if (f === 'origin')
    return {
      id: f,
      label,
      type: 'choice',
      options: ORIGINS,
      get: (r) => r.origin,
      set: (r, v) => ({ ...r, origin: SOURCE_ORIGINS.find((o) => o === v) ?? '' }),
    }
  return {
    id: f,
    label,
    type: f === 'note' ? 'long' : 'text',
    maxLength: SOURCE_MAX_LENGTH[f],
    placeholder: f === 'type' ? SOURCES_LABELS.typePlaceholder : f === 'url' ? SOURCES_LABELS.urlPlaceholder : undefined,
    get: (r) => r[f],
    set: (r, v) => ({ ...r, [f]: String(v ?? '') }),
    parse:
      f === 'url'
        ? (text) => {
            const url = normaliseUrl(text)
            const problem = urlProblem(url)
            return problem ? { error: problem } : { value: url }
          }
        : undefined,
  }
})

/** A list of sources: title, web address, origin (interne / externe), type and what it brings. */
export default function SourcesEditor({ value, onChange, ctx }: EditorProps<'sources'>) {
  const rows = value.rows
  const internal = rows.filter((r) => r.origin === 'interne').length
  const external = rows.filter((r) => r.origin === 'externe').length
  return (
    <div className="field-table">
      <p className="card__muted">{SOURCES_LABELS.summary(rows.length, internal, external)}</p>
      {/* A value replaced from outside (conflict, restore) drops what the grid holds: texts refused, an undo. */}
      <DataGrid
        key={ctx.resetKey}
        caption={ctx.caption}
        rows={rows}
        columns={COLUMNS}
        rowId={(r) => r.id}
        onChange={(next) => onChange({ rows: next })}
        newRow={(): SourceRow => ({ id: newId('src'), title: '', url: '', origin: '', type: '', note: '' })}
        addLabel={SOURCES_LABELS.add}
        emptyText={SOURCES_LABELS.noSourcesYet}
        noun={{ name: 'Source', e: 'e' }}
        issue={(i, column) => issueAt(ctx.issues, 'rows', i, column)}
      />
    </div>
  )
}
