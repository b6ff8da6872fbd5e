import type { SourceRow, SourcesValue } from '~/domain/fields'
import { useConfirm } from '../confirm-dialog'
import { newId } from '../ids'

/** A list of sources: title, web address, origin (interne / externe), type and note. */
export function SourcesEditor({ value, onChange, caption }: { value: SourcesValue; onChange: (v: SourcesValue) => void; caption: string }) {
  const { ask, dialog } = useConfirm()
  const set = (id: string, patch: Partial<SourceRow>) => onChange({ rows: value.rows.map((r) => (r.id === id ? { ...r, ...patch } : r)) })
  const internal = value.rows.filter((r) => r.origin === 'interne').length
  const external = value.rows.filter((r) => r.origin === 'externe').length
  return (
    <div className="field-table">
      <p className="card__muted">
        {value.rows.length} source{value.rows.length > 1 ? 's' : ''} · {internal} interne{internal > 1 ? 's' : ''} · {external} externe
        {external > 1 ? 's' : ''}
      </p>
      <div className="table-wrap" role="region" aria-label={`Tableau : ${caption}`} tabIndex={0}>
        <table className="table table--edit">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                N°
              </th>
              <th scope="col">Source</th>
              <th scope="col">Adresse web</th>
              <th scope="col">Origine</th>
              <th scope="col">Type</th>
              <th scope="col">Ce qu’elle apporte</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {value.rows.length === 0 ? (
              <tr>
                <td colSpan={7} className="table-empty">
                  Aucune source pour l’instant.
                </td>
              </tr>
            ) : null}
            {value.rows.map((r, i) => (
              <tr key={r.id} data-row-id={r.id}>
                <td className="num">{i + 1}</td>
                <td>
                  <input type="text" aria-label={`Source, ligne ${i + 1}`} value={r.title} onChange={(e) => set(r.id, { title: e.target.value })} />
                </td>
                <td>
                  <input type="url" aria-label={`Adresse web, ligne ${i + 1}`} placeholder="https://" value={r.url} onChange={(e) => set(r.id, { url: e.target.value })} />
                </td>
                <td>
                  <select aria-label={`Origine, ligne ${i + 1}`} value={r.origin} onChange={(e) => set(r.id, { origin: e.target.value as SourceRow['origin'] })}>
                    <option value="">—</option>
                    <option value="interne">Interne</option>
                    <option value="externe">Externe</option>
                  </select>
                </td>
                <td>
                  <input type="text" aria-label={`Type, ligne ${i + 1}`} placeholder="Revue, base clients…" value={r.type} onChange={(e) => set(r.id, { type: e.target.value })} />
                </td>
                <td>
                  <input type="text" aria-label={`Ce qu’elle apporte, ligne ${i + 1}`} value={r.note} onChange={(e) => set(r.id, { note: e.target.value })} />
                </td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="icon-button icon-button--danger"
                    aria-label={`Supprimer la source ${i + 1}`}
                    onClick={() =>
                      ask(`Supprimer la source ${i + 1} ? Elle restera consultable dans l’historique du dossier.`, () =>
                        onChange({ rows: value.rows.filter((x) => x.id !== r.id) }),
                      )
                    }
                  >
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button
        type="button"
        className="button button--ghost button--small"
        onClick={() => onChange({ rows: [...value.rows, { id: newId('src'), title: '', url: '', origin: '', type: '', note: '' }] })}
      >
        + Ajouter une source
      </button>
      {dialog}
    </div>
  )
}
