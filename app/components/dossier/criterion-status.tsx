import { useFetcher } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { STATUS_LABELS, STATUSES, type Status } from '~/domain/self-assessment'

/** How long a choice waits before it is saved: arrowing through the options saves once, where the learner stops. */
const SETTLE_MS = 700

type Answer = { ok: boolean; error: string | null }

/**
 * The learner's status for one criterion, as a segmented radio group, wherever
 * the criterion is shown (in each section that serves it and in the
 * self-assessment list). Every copy of a criterion shares one fetcher (keyed by
 * the criterion), so a status set in one place shows as saved in the others.
 * With `justification`, the justification is saved with the status; without,
 * the server keeps the one it has.
 */
export function CriterionStatus({
  dossierId,
  criterionId,
  status,
  name,
  justification,
}: {
  dossierId: string
  criterionId: string
  status: Status
  /** The radio group's name, unique in the page (a criterion can show in several places). */
  name: string
  justification?: string
}) {
  const fetcher = useFetcher<Answer>({ key: `auto-evaluation-${criterionId}` })
  // A choice not sent yet: it waits until the learner stops on an option.
  const [pending, setPending] = useState<Status | null>(null)
  const [sent, setSent] = useState(false)
  const action = `/dossiers/${dossierId}`
  const form = (next: Status) => ({ intent: 'self-assess', criterionId, status: next, ...(justification === undefined ? {} : { justification }) })
  const send = (next: Status) => {
    setPending(null)
    setSent(true)
    fetcher.submit(form(next), { method: 'post', action })
  }

  useEffect(() => {
    if (pending === null) return
    const timer = setTimeout(() => send(pending), SETTLE_MS)
    return () => clearTimeout(timer)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- restarted by each new choice only
  }, [pending])

  // Leaving the page (focus mode → dossier) with a choice still waiting: it is sent all the same.
  const unsent = useRef<{ body: Record<string, string> } | null>(null)
  useEffect(() => {
    unsent.current = pending === null ? null : { body: form(pending) }
  })
  useEffect(
    () => () => {
      if (unsent.current) void fetch(action, { method: 'POST', body: new URLSearchParams(unsent.current.body) })
    },
    [action],
  )

  // What the group shows: the choice waiting, else the one on its way, else the server's.
  const shown = pending ?? (fetcher.formData?.get('status') as Status | undefined) ?? status
  const saving = pending !== null || fetcher.state !== 'idle'
  const saved = sent && fetcher.state === 'idle' && fetcher.data?.ok === true
  return (
    <div className="criterion-status">
      <div
        className="segmented"
        role="radiogroup"
        aria-label={`Statut du critère ${criterionId}`}
        onBlur={(e) => {
          // A choice still waiting is saved when focus leaves the group.
          if (pending !== null && !e.currentTarget.contains(e.relatedTarget as Node | null)) send(pending)
        }}
      >
        {STATUSES.map((s) => (
          <label key={s} className={`segmented__option segmented__option--${s}`}>
            <input type="radio" name={name} value={s} checked={shown === s} onChange={() => setPending(s)} />
            {STATUS_LABELS[s]}
          </label>
        ))}
      </div>
      <span className="criterion-status__state" role="status">
        {saving ? 'Enregistrement…' : saved ? 'Enregistré' : ''}
      </span>
      {fetcher.state === 'idle' && fetcher.data?.error ? (
        <p className="field__error" role="alert">
          {fetcher.data.error}
        </p>
      ) : null}
    </div>
  )
}
