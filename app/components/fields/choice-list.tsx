import type { ReactNode } from 'react'

/** A group of checkboxes choosing several ids among options (links between items of a field). */
export function ChoiceList({
  legend,
  options,
  selected,
  onChange,
  children,
}: {
  legend: ReactNode
  options: { id: string; label: string }[]
  selected: string[]
  onChange: (ids: string[]) => void
  children?: ReactNode
}) {
  return (
    <fieldset className="fieldset">
      <legend>{legend}</legend>
      <div className="choice-list">
        {options.map((o) => (
          <label key={o.id} className="checkbox">
            <input
              type="checkbox"
              checked={selected.includes(o.id)}
              onChange={(e) => onChange(e.target.checked ? [...selected, o.id] : selected.filter((id) => id !== o.id))}
            />
            {o.label}
          </label>
        ))}
      </div>
      {children}
    </fieldset>
  )
}
