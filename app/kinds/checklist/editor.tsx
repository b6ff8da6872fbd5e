import { frenchTypography as ft } from '~/domain/format'
import { invalidProps, issueAt } from '../issues'
import type { EditorProps } from '../types.browser'

/** The template's points, ticked by the learner. */
export default function ChecklistEditor({ field, value, onChange, ctx }: EditorProps<'checklist'>) {
  const { issues, titleId } = ctx
  // Only the points the template lists are sent: a point it no longer lists would have the whole section refused.
  const tick = (id: string, done: boolean) =>
    onChange({ checked: Object.fromEntries(field.items.map((i) => [i.id, i.id === id ? done : value.checked[i.id] === true])) })
  const located = new Set(field.items.map((i) => i.id))
  const elsewhere = issues.filter((i) => i.path[0] !== 'checked' || !located.has(String(i.path[1])))
  return (
    <>
      <ul className="checklist" aria-labelledby={titleId}>
        {field.items.map((item) => {
          const error = issueAt(issues, 'checked', item.id)
          const errorId = `${titleId}-${item.id}-erreur`
          return (
            <li key={item.id} data-item-id={item.id} tabIndex={-1}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  {...invalidProps(error, errorId)}
                  checked={value.checked[item.id] === true}
                  onChange={(e) => tick(item.id, e.target.checked)}
                />
                <span>{ft(item.label)}</span>
              </label>
              {error ? (
                <span id={errorId} className="field-error">
                  {error}
                </span>
              ) : null}
            </li>
          )
        })}
      </ul>
      {elsewhere.length ? (
        <p className="field-error" role="alert">
          {elsewhere.map((i) => i.message).join(' ; ')}
        </p>
      ) : null}
    </>
  )
}
