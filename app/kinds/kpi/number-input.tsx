import { useState, type InputHTMLAttributes } from 'react'
import { parseFrenchNumber } from '~/domain/numbers'
import { KPI_LABELS } from './labels'

const show = (value: number | null) => (value === null ? '' : String(value).replace('.', ','))

/** A text input that holds a number: what is typed stays as typed, the number is sent once it reads as one. */
export function NumberInput({
  value,
  onChange,
  invalid,
  errorId,
  ...rest
}: { value: number | null; onChange: (value: number | null) => void; invalid?: string; errorId: string } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange' | 'type'
>) {
  // What the learner is typing, while the input has the focus; otherwise the value (which may be replaced from outside).
  const [draft, setDraft] = useState<string | null>(null)
  const text = draft ?? show(value)
  const parsed = parseFrenchNumber(text)
  const message = parsed === undefined ? KPI_LABELS.notANumber : invalid
  return (
    <>
      <input
        {...rest}
        type="text"
        inputMode="decimal"
        value={text}
        onFocus={() => setDraft((d) => d ?? show(value))}
        onBlur={() => {
          if (parsed !== undefined) setDraft(null)
        }}
        onChange={(e) => {
          setDraft(e.target.value)
          const n = parseFrenchNumber(e.target.value)
          if (n !== undefined && n !== value) onChange(n)
        }}
        {...(message ? { 'aria-invalid': true, 'aria-describedby': errorId } : {})}
      />
      {message ? (
        <span id={errorId} className="field-error">
          {message}
        </span>
      ) : null}
    </>
  )
}
