import { Form, useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { Alert } from '~/components/ui'

export type SessionValues = { name: string; startsOn: string; endsOn: string; retentionMonths: string | number }

/** The fields of a session (its name, dates and retention), for creating and editing; errors keep what was typed. */
export function SessionForm({
  values,
  errors,
  submitLabel,
  failed,
}: {
  values: SessionValues
  errors: Record<string, string>
  submitLabel: string
  failed: string
}) {
  const busy = useNavigation().state === 'submitting'
  const alert = useRef<HTMLDivElement>(null)
  const hasErrors = Object.keys(errors).length > 0
  useEffect(() => {
    if (hasErrors) (document.querySelector<HTMLElement>('.session-form [aria-invalid="true"]') ?? alert.current)?.focus()
  }, [errors, hasErrors])
  const describe = (name: string, hint?: string) => ({
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': [hint, errors[name] ? `${name}-error` : null].filter(Boolean).join(' ') || undefined,
  })
  const error = (name: string) =>
    errors[name] ? (
      <p className="field__error" id={`${name}-error`}>
        {errors[name]}
      </p>
    ) : null
  return (
    <Form method="post" className="form session-form" noValidate>
      <input type="hidden" name="intent" value="save" />
      {hasErrors ? (
        <div ref={alert} tabIndex={-1}>
          <Alert>{errors.form ?? failed}</Alert>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="name">Nom de la session</label>
        <input id="name" name="name" type="text" required maxLength={120} defaultValue={values.name} {...describe('name')} />
        {error('name')}
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor="startsOn">Début</label>
          <input id="startsOn" name="startsOn" type="date" required defaultValue={values.startsOn} {...describe('startsOn')} />
          {error('startsOn')}
        </div>
        <div className="field">
          <label htmlFor="endsOn">Fin</label>
          <input id="endsOn" name="endsOn" type="date" required defaultValue={values.endsOn} {...describe('endsOn')} />
          {error('endsOn')}
        </div>
      </div>
      <div className="field">
        <label htmlFor="retentionMonths">Conservation des données (en mois après la fin)</label>
        <p className="field__hint" id="retentionMonths-hint">
          Passé ce délai, les données d’un·e candidat·e peuvent être supprimées ou anonymisées. 36&nbsp;mois par défaut.
        </p>
        <input
          id="retentionMonths"
          name="retentionMonths"
          type="number"
          inputMode="numeric"
          min={1}
          max={120}
          required
          defaultValue={values.retentionMonths}
          {...describe('retentionMonths', 'retentionMonths-hint')}
        />
        {error('retentionMonths')}
      </div>
      <div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Enregistrement…' : submitLabel}
        </button>
      </div>
    </Form>
  )
}
