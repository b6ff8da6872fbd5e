import { useId, useState, type ReactNode } from 'react'
import type { CommentTarget, PassageSelectors } from '~/domain/annotation'
import { formatNumber } from '~/domain/format'
import { onTextareaKey } from './thread'
import { useCommentAction } from './use-comment-action'

/** The server's limit (app/services/comments.server.ts); the counter shows from 90 % of it. */
const MAX_CHARS = 5000

export type ComposerTarget = { target: CommentTarget; sectionId?: string; criterionId?: string; itemId?: string; selectors?: PassageSelectors }

/**
 * Starts a comment thread on `target` (tutors): a labelled text box and
 * « Commenter ». `extra` renders beside it (the comment bank) and gets
 * `insert(text)`, which puts text at the caret. The text is kept when sending
 * fails and cleared once the comment is published (`onDone` gets its thread id).
 */
export function CommentComposer({
  dossierId,
  target,
  label,
  extra,
  onDone,
}: {
  dossierId: string
  target: ComposerTarget
  label: string
  extra?: (insert: (text: string) => void) => ReactNode
  onDone?: (threadId: string) => void
}) {
  const id = useId()
  const [text, setText] = useState('')
  const [announce, setAnnounce] = useState('')
  const create = useCommentAction(
    dossierId,
    ({ threadId }) => {
      setAnnounce('Commentaire publié.')
      onDone?.(threadId)
    },
    () => setText(''),
  )

  /** Inserts at the caret (or replaces the selection), then gives the text box the focus after the inserted text. */
  const insert = (snippet: string) => {
    // Looked up by id rather than by ref: `extra` receives this function while rendering.
    const el = document.getElementById(`${id}-text`) as HTMLTextAreaElement | null
    const start = el?.selectionStart ?? text.length
    const end = el?.selectionEnd ?? text.length
    const before = text.slice(0, start)
    const after = text.slice(end)
    // Separated from what surrounds it by a space or keeps its own line breaks.
    const lead = before && !/\s$/.test(before) ? ' ' : ''
    const tail = after && !/^\s/.test(after) ? ' ' : ''
    const next = `${before}${lead}${snippet}${tail}${after}`
    setText(next)
    const caret = before.length + lead.length + snippet.length
    requestAnimationFrame(() => {
      el?.focus()
      el?.setSelectionRange(caret, caret)
    })
  }

  const length = text.trim().length
  const errorId = `${id}-error`
  const counterId = `${id}-count`
  const describedBy = [create.error ? errorId : null, length > MAX_CHARS * 0.9 ? counterId : null].filter(Boolean).join(' ') || undefined

  return (
    <div className="comment-composer">
      <form
        id={`${id}-form`}
        className="comment-form"
        onSubmit={(e) => {
          e.preventDefault()
          create.submit({ intent: 'create', body: text, ...target })
        }}
      >
        <label htmlFor={`${id}-text`}>{label}</label>
        <textarea
          id={`${id}-text`}
          name="body"
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => onTextareaKey(e)}
          aria-invalid={create.error ? true : undefined}
          aria-describedby={describedBy}
        />
        {length > MAX_CHARS * 0.9 ? (
          <p id={counterId} className={length > MAX_CHARS ? 'field__error' : 'field__hint'}>
            {formatNumber(length)} / {formatNumber(MAX_CHARS)} caractères
          </p>
        ) : null}
        {create.error ? (
          <p className="field__error" id={errorId} role="alert">
            {create.error}
          </p>
        ) : null}
      </form>
      {/* Outside the form: whatever the slot renders (its own buttons, a form) never sends the comment. */}
      {extra ? <div className="comment-composer__extra">{extra(insert)}</div> : null}
      <div className="comment-form__actions">
        <button type="submit" form={`${id}-form`} className="button button--small" aria-disabled={create.pending || undefined}>
          {create.pending ? 'Envoi…' : 'Commenter'}
        </button>
      </div>
      <p className="visually-hidden" role="status">
        {announce}
      </p>
    </div>
  )
}
