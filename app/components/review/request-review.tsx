import { Link, useFetcher } from '@remix-run/react'
import { useEffect, useId, useRef, useState } from 'react'
import { formatDate, formatNumber } from '~/domain/format'
import { REVIEW_MESSAGE_MAX } from '~/domain/review-round'

/** What the relectures route answers to a request (app/routes/dossiers.$dossierId_.relectures.tsx). */
export type RequestReviewReply = { ok: true; roundId: string; requestedAt: number; error: null } | { ok: false; error: string; message: string }

export type OpenRound = { id: string; requestedAt: number | string | Date } | null

/** The URL of a dossier's rounds, where a request is posted. */
export const reviewsUrl = (dossierId: string) => `/dossiers/${dossierId}/relectures`

/**
 * The form that asks for a review: an optional message for the tutor, posted
 * to the relectures route without leaving the page. On error the message
 * stays as typed and the French reason is announced.
 */
export function RequestReviewForm({
  dossierId,
  onCancel,
  focusOnMount = false,
  answered,
}: {
  dossierId: string
  onCancel?: () => void
  focusOnMount?: boolean
  /** The answer when the form was posted without JavaScript (the page's action data). */
  answered?: RequestReviewReply
}) {
  const fetcher = useFetcher<RequestReviewReply>()
  const id = useId()
  const textarea = useRef<HTMLTextAreaElement>(null)
  const reply = fetcher.state === 'idle' ? (fetcher.data ?? answered) : undefined
  const error = reply && !reply.ok ? reply.error : null
  const sending = fetcher.state !== 'idle'

  useEffect(() => {
    if (focusOnMount) textarea.current?.focus()
  }, [focusOnMount])
  useEffect(() => {
    // Refused: back to the message, kept as typed, with the reason announced.
    if (reply && !reply.ok) textarea.current?.focus()
  }, [reply])

  return (
    <fetcher.Form method="post" action={reviewsUrl(dossierId)} className="form request-review__form" noValidate>
      {error ? (
        <p className="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-message`}>Message pour votre tuteur ou tutrice (facultatif)</label>
        <p className="field__hint" id={`${id}-hint`}>
          Ce que vous voulez faire relire en priorité, vos questions… {formatNumber(REVIEW_MESSAGE_MAX)} caractères au plus.
        </p>
        <textarea
          ref={textarea}
          id={`${id}-message`}
          name="message"
          rows={3}
          maxLength={REVIEW_MESSAGE_MAX}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
          defaultValue={answered && !answered.ok ? answered.message : undefined}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && onCancel) {
              event.preventDefault()
              onCancel()
            }
          }}
        />
      </div>
      <div className="request-review__actions">
        <button type="submit" className="button button--small" disabled={sending}>
          {sending ? 'Envoi…' : 'Envoyer la demande'}
        </button>
        {onCancel ? (
          <button type="button" className="button button--ghost button--small" onClick={onCancel}>
            Annuler
          </button>
        ) : null}
      </div>
    </fetcher.Form>
  )
}

/** « Relecture demandée le 3 mars 2026 », with a link to the round (described by the status, for screen readers). */
function OpenRoundStatus({ dossierId, round }: { dossierId: string; round: NonNullable<OpenRound> }) {
  const id = useId()
  return (
    <p className="request-review__status">
      <span id={id}>Relecture demandée le {formatDate(new Date(round.requestedAt))}</span>{' '}
      <Link to={`${reviewsUrl(dossierId)}/${round.id}`} className="request-review__link" aria-describedby={id}>
        Voir la relecture
      </Link>
    </p>
  )
}

/**
 * For the dossier page's header: « Demander une relecture », a button that
 * discloses a small form (optional message), or, when a round is open, its
 * status with a link. Escape or « Annuler » closes the form and gives the
 * focus back to the button; once sent, the focus goes to the link to the round.
 * `openRound` comes from the page's loader, which revalidates after the request.
 */
export function RequestReview({ dossierId, openRound }: { dossierId: string; openRound: OpenRound }) {
  const [open, setOpen] = useState(false)
  const wrapper = useRef<HTMLDivElement>(null)
  const panelId = useId()
  const focus = (selector: string) => requestAnimationFrame(() => wrapper.current?.querySelector<HTMLElement>(selector)?.focus())

  // The loaders revalidate after the request: when the page's data shows the round, the form has done its job.
  const [shown, setShown] = useState(openRound?.id)
  const [justSent, setJustSent] = useState(false)
  if (shown !== openRound?.id) {
    setShown(openRound?.id)
    setJustSent(Boolean(openRound && open))
    setOpen(false)
  }
  useEffect(() => {
    if (justSent) focus('a')
  }, [justSent])

  return (
    <div ref={wrapper} className="request-review" data-open={open ? '' : undefined}>
      {openRound ? (
        <OpenRoundStatus dossierId={dossierId} round={openRound} />
      ) : (
        <>
          <button type="button" className="button button--small" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
            Demander une relecture
          </button>
          <div id={panelId} className="request-review__panel card" hidden={!open}>
            {open ? (
              <RequestReviewForm
                dossierId={dossierId}
                focusOnMount
                onCancel={() => {
                  setOpen(false)
                  focus('button[aria-expanded]')
                }}
              />
            ) : null}
          </div>
        </>
      )}
    </div>
  )
}
