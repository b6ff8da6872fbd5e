import { FOUR_E, MIX_LABELS, type EId } from './labels'
import type { MixOption, MixValue } from './schema'

const W = MIX_LABELS.map

/**
 * The 4E mapped onto the P they transform, a P per row and an E per column:
 * checkboxes in the editor (`onLink`), check marks in the view.
 */
export function MixMap({
  items,
  value,
  label,
  onLink,
}: {
  items: MixOption[]
  value: MixValue
  /** The accessible name of the scrolling box. */
  label: string
  onLink?: (e: EId, p: string, linked: boolean) => void
}) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table className="mix-map">
        <caption>{W.title}</caption>
        <thead>
          <tr>
            <th scope="col">{W.corner}</th>
            {FOUR_E.map((e) => (
              <th key={e.id} scope="col">
                {e.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.id}>
              <th scope="row">{p.label}</th>
              {FOUR_E.map((e) => {
                const linked = value.e[e.id]?.links.includes(p.id) ?? false
                return (
                  <td key={e.id}>
                    {onLink ? (
                      <input type="checkbox" aria-label={W.link(p.label, e.label)} checked={linked} onChange={(ev) => onLink(e.id, p.id, ev.target.checked)} />
                    ) : linked ? (
                      <>
                        <span aria-hidden="true">✓</span>
                        <span className="visually-hidden">{W.yes}</span>
                      </>
                    ) : (
                      <span className="visually-hidden">{W.no}</span>
                    )}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
