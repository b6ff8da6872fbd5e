import { frenchTypography as ft } from '~/domain/format'
import type { ViewProps } from '../types.browser'
import { CHECKLIST_LABELS } from './labels'

/** A checklist, read-only: each point with its box, which stays beside the first line when the point wraps. */
export default function ChecklistView({ field, value }: ViewProps<'checklist'>) {
  return (
    <ul className="checklist">
      {field.items.map((i) => {
        const done = value.checked[i.id] === true
        return (
          <li key={i.id} className="checklist__point" data-item-id={i.id} tabIndex={-1}>
            <span className="checklist__box" aria-hidden="true">
              {done ? CHECKLIST_LABELS.checkedBox : CHECKLIST_LABELS.uncheckedBox}
            </span>
            <span>
              <span className="visually-hidden">{done ? CHECKLIST_LABELS.checkedState : CHECKLIST_LABELS.uncheckedState}&nbsp;: </span>
              {ft(i.label)}
            </span>
          </li>
        )
      })}
    </ul>
  )
}
