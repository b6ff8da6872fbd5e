import type { ViewProps } from '../types.browser'
import { itemId } from './definition'
import { dash, E_TEXTS, FOUR_E, MIX_LABELS } from './labels'
import { extensionLabel, linkedLabels, mixSize } from './mix'
import type { MixConfig } from './schema'

/** Read-only marketing mix: the P in a table of sub-parts, then the 4E with the P they transform. */
export default function MixView({ field, value, caption }: ViewProps<'mix'>) {
  const config: MixConfig = field
  const [pColumns, eColumns] = [MIX_LABELS.pColumns, MIX_LABELS.eColumns]
  return (
    <div className="mix-view">
      <div className="table-wrap" role="region" aria-label={MIX_LABELS.tableOfP(caption, mixSize(value))} tabIndex={0}>
        <table className="table">
          <caption className="visually-hidden">{MIX_LABELS.tableOfP(caption, mixSize(value))}</caption>
          <thead>
            <tr>
              {pColumns.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {config.fourP.flatMap((p) =>
              p.parts.map((part, i) => (
                <tr key={`${p.id}-${part.id}`} data-item-id={itemId.part(p.id, part.id)} tabIndex={-1}>
                  {i === 0 ? (
                    <th scope="rowgroup" rowSpan={p.parts.length}>
                      {p.label}
                    </th>
                  ) : null}
                  <td>{part.label}</td>
                  <td>{dash(value.p[p.id]?.[part.id])}</td>
                </tr>
              )),
            )}
            {value.extensions.map((x) => (
              <tr key={x.id} data-item-id={itemId.extension(x.id)} tabIndex={-1}>
                <th scope="row">{extensionLabel(config, x.id)}</th>
                <td>{MIX_LABELS.extension}</td>
                <td>
                  {dash(x.content)}
                  {x.context.trim() ? <span className="card__muted"> · {MIX_LABELS.context(x.context.trim())}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-wrap" role="region" aria-label={MIX_LABELS.tableOfE(caption)} tabIndex={0}>
        <table className="table">
          <caption className="visually-hidden">{MIX_LABELS.tableOfE(caption)}</caption>
          <thead>
            <tr>
              {eColumns.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {FOUR_E.map(({ id, label }) => {
              const e = value.e[id]
              const links = linkedLabels(config, value, e?.links ?? [])
              return (
                <tr key={id} data-item-id={itemId.e(id)} tabIndex={-1}>
                  <th scope="row">{label}</th>
                  {E_TEXTS.map((f) => (
                    <td key={f}>{dash(e?.[f])}</td>
                  ))}
                  <td>{links.length ? links.join(', ') : '—'}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </div>
  )
}
