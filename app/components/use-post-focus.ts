import { useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'

/**
 * After a post, focus goes to what it changed: `target(outcome)`, once per
 * outcome, and only once the page's data is reloaded too (the action's reply
 * comes first, and a saved form is then re-mounted with what was stored).
 */
export function usePostFocus<T>(outcome: T | undefined, target: (outcome: T) => HTMLElement | null | undefined) {
  const navigation = useNavigation()
  const focused = useRef<T | null>(null)
  const pick = useRef(target)
  useEffect(() => {
    pick.current = target
  })
  useEffect(() => {
    if (!outcome || navigation.state !== 'idle' || focused.current === outcome) return
    focused.current = outcome
    pick.current(outcome)?.focus()
  }, [outcome, navigation.state])
}

/** The usual target of a form's outcome: its first field in error, else its message, else the page's message. */
export function formOutcomeTarget(outcome: { ok: boolean; form: string }): HTMLElement | null {
  const invalid = outcome.ok ? null : document.querySelector<HTMLElement>(`#form-${outcome.form} [aria-invalid="true"]`)
  return invalid ?? document.getElementById(`${outcome.form}-message`) ?? document.getElementById('page-message')
}
