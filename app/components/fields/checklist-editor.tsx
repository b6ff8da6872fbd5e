import type { ChecklistValue } from '~/domain/fields'

export function ChecklistEditor({
  value,
  onChange,
  items,
  legendId,
}: {
  value: ChecklistValue
  onChange: (value: ChecklistValue) => void
  items: { id: string; label: string }[]
  legendId: string
}) {
  return (
    <ul className="checklist" aria-labelledby={legendId}>
      {items.map((item) => (
        <li key={item.id}>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={Boolean(value.checked[item.id])}
              onChange={(e) => onChange({ checked: { ...value.checked, [item.id]: e.target.checked } })}
            />
            {item.label}
          </label>
        </li>
      ))}
    </ul>
  )
}
