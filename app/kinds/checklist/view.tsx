import type { ViewProps } from '../types.browser'
import { CHECKLIST_LABELS } from './labels'

/** A checklist, read-only: each point with its box. */
export default function ChecklistView({ field, value }: ViewProps<'checklist'>) {
  return (
    <ul className="checklist">
      {field.items.map((i) => {
        const done = value.checked[i.id] === true
        return (
          <li key={i.id} data-item-id={i.id} tabIndex={-1}>
            <span aria-hidden="true">{done ? CHECKLIST_LABELS.checkedBox : CHECKLIST_LABELS.uncheckedBox}</span>{' '}
            <span className="visually-hidden">{done ? CHECKLIST_LABELS.checkedState : CHECKLIST_LABELS.uncheckedState} : </span>
            {i.label}
          </li>
        )
      })}
    </ul>
  )
}
