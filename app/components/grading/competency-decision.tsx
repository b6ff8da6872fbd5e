import { useEffect, useId, useState } from 'react'
import type { CompetencyResult } from '~/domain/grading'
import type { CompetencyView } from '~/domain/grading-view'
import type { GridOp, GridResult, StoredOverride } from './api'
import { useBus, type SaveState } from './store'

export const RESULT_LABELS: Record<CompetencyResult, string> = { acquired: 'Acquise', 'not-acquired': 'Non acquise' }
export const JUSTIFICATION_MIN = 10

type Form = { result: CompetencyResult | ''; justification: string }
const formOf = (o: CompetencyView['override'] | StoredOverride | null | undefined): Form => ({ result: o?.result ?? '', justification: o?.justification ?? '' })
const sameForm = (a: Form, b: Form) => a.result === b.result && a.justification.trim() === b.justification.trim()

/**
 * A competency's result for the target or one member: derived from its
 * criteria by the session's rule, and the jury's decision that may replace it
 * (« Décision du jury »: Acquise, Non acquise or none, with a mandatory
 * justification), saved with its button.
 */
export function CompetencyDecision({
  view,
  memberLabel,
  closed,
  post,
}: {
  view: CompetencyView
  memberLabel: string | null
  closed: boolean
  post: (op: GridOp) => Promise<GridResult>
}) {
  const bus = useBus()
  const id = useId()
  const stored = formOf(view.override)
  const [form, setForm] = useState<Form>(stored)
  const [state, setState] = useState<Exclude<SaveState, 'pending' | 'unsaved'>>('saved')
  const [error, setError] = useState<string | null>(null)
  const [conflict, setConflict] = useState<StoredOverride | null>(null)
  /** The version the next write is based on: the stored one, or the other's once the juror keeps theirs over it. */
  const [base, setBase] = useState<number | null>(null)
  const [done, setDone] = useState('')
  const dirty = !sameForm(form, stored)
  const key = `o:${view.competencyId}|${view.learnerId}`
  const who = memberLabel ? ` — ${memberLabel}` : ''

  const shown: SaveState = state !== 'saved' ? state : dirty ? 'unsaved' : 'saved'
  useEffect(() => {
    bus.saves.set((all) => (all[key] === shown ? all : { ...all, [key]: shown }))
  }, [bus, key, shown])

  const save = async (baseVersion = base ?? view.override?.version ?? 0) => {
    setDone('')
    if (!dirty && base === null) {
      setError(null)
      setDone('Rien à enregistrer : la décision est celle qui est enregistrée.')
      return
    }
    if (form.result && form.justification.trim().length < JUSTIFICATION_MIN) {
      setError(`Justifiez la décision du jury (${JUSTIFICATION_MIN} caractères au moins).`)
      return
    }
    setError(null)
    setState('saving')
    const result = await post({
      op: 'override',
      competencyId: view.competencyId,
      learnerId: view.learnerId,
      baseVersion,
      result: form.result || null,
      justification: form.justification.trim(),
    })
    if (result.ok) {
      setBase(null)
      setState('saved')
      bus.savedAt.set(Date.now())
      setDone(form.result ? `Décision enregistrée : ${RESULT_LABELS[form.result]}.` : 'Décision retirée : le résultat calculé s’applique.')
    } else if (result.kind === 'conflict') {
      setConflict(result.override ?? { result: null, justification: '', version: 0 })
      setState('conflict')
    } else {
      setError(result.message)
      setState('error')
    }
  }

  const keepMine = () => {
    if (!conflict) return
    setConflict(null)
    setBase(conflict.version)
    void save(conflict.version)
  }
  const takeTheirs = () => {
    if (!conflict) return
    setForm(formOf(conflict))
    setConflict(null)
    setBase(null)
    setState('saved')
  }

  const derived = view.derived ? RESULT_LABELS[view.derived] : null
  const errorId = `${id}-error`
  return (
    <div className="jury-decision">
      <p className="jury-decision__derived">
        Résultat calculé{who}&nbsp;: <strong>{derived ?? 'en attente'}</strong>
        {derived ? null : <span className="card__muted"> (des critères ne sont pas encore notés)</span>}
        {view.override?.result ? (
          <>
            <br />
            Décision du jury enregistrée&nbsp;: <strong>{RESULT_LABELS[view.override.result]}</strong>
            <span className="card__muted"> (remplace le résultat calculé)</span>
          </>
        ) : null}
      </p>
      <fieldset className="fieldset jury-decision__form">
        <legend>
          Décision du jury
          <span className="visually-hidden">
            {' '}
            — {view.competencyId}
            {who}
          </span>
        </legend>
        <div className="jury-decision__fields">
          <div className="field">
            <label htmlFor={`${id}-result`}>Résultat retenu</label>
            <select
              id={`${id}-result`}
              value={form.result}
              onChange={(e) => {
                setForm((f) => ({ ...f, result: e.target.value as Form['result'] }))
                setDone('')
              }}
            >
              <option value="">Aucune (résultat calculé)</option>
              <option value="acquired">Acquise</option>
              <option value="not-acquired">Non acquise</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-justification`}>Justification</label>
            <textarea
              id={`${id}-justification`}
              rows={2}
              value={form.justification}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : `${id}-hint`}
              onChange={(e) => {
                setForm((f) => ({ ...f, justification: e.target.value }))
                setDone('')
              }}
            />
            <p className="field__hint" id={`${id}-hint`}>
              Obligatoire pour une décision, {JUSTIFICATION_MIN} caractères au moins. Elle figure dans l’historique des notes.
            </p>
          </div>
        </div>
        {error ? (
          <p className="field__error" id={errorId} role="alert">
            {error}
          </p>
        ) : null}
        <div className="jury-decision__actions">
          <button type="button" className="button button--small" onClick={() => void save()} disabled={state === 'saving' || closed}>
            Enregistrer la décision
            <span className="visually-hidden">
              {' '}
              — {view.competencyId}
              {who}
            </span>
          </button>
          {dirty && state === 'saved' ? <span className="jury-decision__unsaved">Décision modifiée, non enregistrée.</span> : null}
          {state === 'saving' ? <span className="jury-decision__unsaved">Enregistrement…</span> : null}
          <span role="status" className="jury-decision__done">
            {done}
          </span>
        </div>
        {conflict ? (
          <div className="conflict" role="alert">
            <p>
              Une autre décision a été enregistrée pendant que vous écriviez la vôtre&nbsp;:{' '}
              <strong>{conflict.result ? RESULT_LABELS[conflict.result] : 'aucune décision'}</strong>
              {conflict.justification ? <> — «&nbsp;{conflict.justification}&nbsp;»</> : null}.
            </p>
            <div className="conflict__actions">
              <button type="button" className="button button--small" onClick={keepMine}>
                Garder ma décision
              </button>
              <button type="button" className="button button--ghost button--small" onClick={takeTheirs}>
                Prendre l’autre décision
              </button>
            </div>
          </div>
        ) : null}
      </fieldset>
    </div>
  )
}
