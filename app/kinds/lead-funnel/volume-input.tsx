import { useState, type InputHTMLAttributes } from 'react'
import { parseFrenchNumber } from '~/domain/numbers'
import { FUNNEL_LABELS } from './labels'

const show = (value: number | null) => (value === null ? '' : String(value))

/** A text input holding a whole volume: what is typed stays as typed, the number is sent once it reads as a whole one. */
export function VolumeInput({
  value,
  onChange,
  invalid,
  errorId,
  describedBy,
  ...rest
}: { value: number | null; onChange: (value: number | null) => void; invalid?: string; errorId: string; describedBy?: string } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange' | 'type'
>) {
  const [draft, setDraft] = useState<string | null>(null)
  const text = draft ?? show(value)
  const parsed = parseFrenchNumber(text)
  const message =
    parsed === undefined ? FUNNEL_LABELS.notANumber : parsed !== null && (!Number.isInteger(parsed) || parsed < 0) ? FUNNEL_LABELS.notAnInteger : invalid
  const described = [describedBy, message ? errorId : undefined].filter(Boolean).join(' ')
  return (
    <>
      <input
        {...rest}
        type="text"
        inputMode="numeric"
        value={text}
        onFocus={() => setDraft((d) => d ?? show(value))}
        onBlur={() => {
          if (!message) setDraft(null)
        }}
        onChange={(e) => {
          setDraft(e.target.value)
          const n = parseFrenchNumber(e.target.value)
          if (n !== undefined && (n === null || (Number.isInteger(n) && n >= 0)) && n !== value) onChange(n)
        }}
        aria-invalid={message ? true : undefined}
        aria-describedby={described || undefined}
      />
      {message ? (
        <span id={errorId} className="field-error">
          {message}
        </span>
      ) : null}
    </>
  )
}
