import { useFetcher } from '@remix-run/react'
import { useEffect, useRef } from 'react'

/** What the comments API answers (app/routes/api.dossiers.$dossierId.comments.ts). */
export type CommentSuccess = { ok: true; threadId: string; removed?: boolean }
type CommentAnswer = CommentSuccess | { ok: false; error: string }

export type CommentFields = { intent: 'create' | 'reply' | 'edit' | 'delete' | 'resolve' | 'reopen' } & Record<
  string,
  string | number | object | null | undefined
>

const isSuccess = (data: unknown): data is CommentSuccess => typeof data === 'object' && data !== null && (data as { ok?: unknown }).ok === true

/** The French message of a refused write: the API's, or a general one when the answer is not the API's (network, proxy…). */
function errorOf(data: unknown): string | null {
  if (data === undefined || data === null || isSuccess(data)) return null
  if (typeof data === 'object' && typeof (data as { error?: unknown }).error === 'string') return (data as { error: string }).error
  return 'L’envoi a échoué. Votre texte est conservé : réessayez dans un instant.'
}

/**
 * One write to a dossier's comments through a Remix fetcher (the page's
 * loaders revalidate after a success). JSON bodies: the /api/ guard accepts
 * nothing else. `onSuccess` runs once per successful answer, once the page's
 * data is fresh; `onAnswer` once, as soon as the answer arrives.
 */
export function useCommentAction(dossierId: string, onSuccess?: (result: CommentSuccess) => void, onAnswer?: () => void) {
  const fetcher = useFetcher<CommentAnswer>()
  const handled = useRef<unknown>(undefined)
  const answered = useRef<unknown>(undefined)
  const callback = useRef(onSuccess)
  const early = useRef(onAnswer)
  const { state, data } = fetcher

  useEffect(() => {
    callback.current = onSuccess
    early.current = onAnswer
  })
  // As soon as the success arrives, before the page's data is revalidated: a
  // text box cleared here never shows beside the message it became.
  useEffect(() => {
    if (state === 'submitting' || !isSuccess(data) || answered.current === data) return
    answered.current = data
    early.current?.()
  }, [state, data])
  useEffect(() => {
    if (state !== 'idle' || data === undefined || handled.current === data) return
    handled.current = data
    if (isSuccess(data)) callback.current?.(data)
  }, [state, data])

  const pending = state !== 'idle'
  return {
    pending,
    /** Shown until the next attempt. */
    error: pending ? null : errorOf(data),
    submit(fields: CommentFields) {
      if (pending) return
      const body = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== null)) as Record<string, string>
      fetcher.submit(body, { method: 'post', action: `/api/dossiers/${dossierId}/comments`, encType: 'application/json' })
    },
  }
}
