import type { ViewProps } from '../types.browser'
import { isBlank } from './definition'
import { ORIGIN_LABELS, SOURCES_LABELS } from './labels'
import { isWebAddress } from './url'

/** A source list, read-only: one line per source. */
export default function SourcesView({ value }: ViewProps<'sources'>) {
  const rows = value.rows.filter((r) => !isBlank(r))
  return rows.length === 0 ? (
    <p className="table-empty">{SOURCES_LABELS.noSources}</p>
  ) : (
    <ul className="sources-view">
      {rows.map((r) => (
        <li key={r.id} data-item-id={r.id} tabIndex={-1}>
          <strong>{r.title.trim() || SOURCES_LABELS.untitled}</strong>
          {r.origin ? ` (${ORIGIN_LABELS[r.origin].toLowerCase()})` : ''}
          {r.type.trim() ? ` — ${r.type.trim()}` : ''}
          {r.url ? <> — {isWebAddress(r.url) ? <a href={r.url}>{r.url}</a> : r.url}</> : null}
          {r.note.trim() ? <span className="card__muted"> · {r.note.trim()}</span> : null}
        </li>
      ))}
    </ul>
  )
}
