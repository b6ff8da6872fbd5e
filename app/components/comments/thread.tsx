import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { useConfirm } from '~/components/confirm-dialog'
import { formatDate, formatTime, frenchTypography as ft, plural } from '~/domain/format'
import type { MessageView, ThreadView } from '~/services/comments.server'
import { MessageBody } from './message-body'
import { useCommentAction } from './use-comment-action'

/** « 3 décembre 2026 à 14 h 32 » */
const when = (ms: number) => `${formatDate(new Date(ms))} à ${formatTime(new Date(ms))}`

/** Ctrl+Entrée (⌘+Entrée) sends the form a textarea is in; Échap runs `onEscape`. */
export function onTextareaKey(e: KeyboardEvent<HTMLTextAreaElement>, onEscape?: () => void) {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault()
    e.currentTarget.form?.requestSubmit()
  } else if (e.key === 'Escape' && onEscape) {
    e.preventDefault()
    onEscape()
  }
}

/**
 * A comment thread: what it addresses (`about`, worded by the page), its
 * status, its messages (plain text, links clickable), and what the viewer may
 * do: reply, edit or delete their own messages, resolve or reopen (tutors).
 * A resolved thread is folded (details/summary) but stays reachable. The
 * article can be focused (`#commentaire-<id>`) from the passage it addresses.
 */
export function CommentThread({
  dossierId,
  thread,
  about,
  onReveal,
  revealLabel = 'Voir le passage',
  onRemoved,
}: {
  dossierId: string
  thread: ThreadView
  about: ReactNode
  /** Shows what the thread addresses (selects the passage, outlines the item). */
  onReveal?: () => void
  revealLabel?: string
  /** Deleting the last message removed the thread: the page decides where focus goes. */
  onRemoved?: () => void
}) {
  const id = useId()
  const article = useRef<HTMLElement>(null)
  const summary = useRef<HTMLElement>(null)
  const resolved = thread.status === 'resolved'
  const [expanded, setExpanded] = useState(!resolved)
  // Resolving folds the thread, reopening unfolds it (here or in another tab).
  const [shownStatus, setShownStatus] = useState(thread.status)
  if (shownStatus !== thread.status) {
    setShownStatus(thread.status)
    setExpanded(thread.status === 'open')
  }
  const [announce, setAnnounce] = useState('')
  const { ask, dialog } = useConfirm()

  const focusThread = () => article.current?.focus()
  const status = useCommentAction(dossierId, () => {
    // Resolved: the summary of the folded thread; reopened: the thread.
    if (summary.current) summary.current.focus()
    else focusThread()
  })
  const count = thread.messages.length

  const body = (
    <>
      <ol className="comment-thread__messages">
        {thread.messages.map((m) => (
          <Message
            key={m.id}
            dossierId={dossierId}
            message={m}
            hasReplies={thread.messages.indexOf(m) < count - 1}
            ask={ask}
            onDeleted={(removed) => {
              setAnnounce('Message supprimé.')
              if (removed) onRemoved?.()
              else focusThread()
            }}
          />
        ))}
      </ol>
      {thread.canReply ? <ReplyForm dossierId={dossierId} threadId={thread.id} onPosted={() => setAnnounce('Réponse publiée.')} /> : null}
      {thread.canResolve ? (
        <div className="comment-thread__footer">
          <button
            type="button"
            className="button button--ghost button--small"
            aria-disabled={status.pending || undefined}
            onClick={() => status.submit({ intent: resolved ? 'reopen' : 'resolve', threadId: thread.id })}
          >
            {status.pending ? (resolved ? 'Réouverture…' : 'Résolution…') : resolved ? 'Rouvrir' : 'Marquer comme résolu'}
          </button>
          {status.error ? (
            <p className="field__error" role="alert">
              {status.error}
            </p>
          ) : null}
        </div>
      ) : null}
    </>
  )

  return (
    <article
      ref={article}
      id={`commentaire-${thread.id}`}
      tabIndex={-1}
      aria-labelledby={`${id}-about ${id}-status`}
      className={`comment-thread comment-thread--${thread.status}`}
      data-status={thread.status}
    >
      <div className="comment-thread__head">
        <p className="comment-thread__about" id={`${id}-about`}>
          {about}
        </p>
        <span id={`${id}-status`} className={`badge ${resolved ? 'badge--success' : 'badge--accent'}`}>
          {resolved ? 'Résolu' : 'Ouvert'}
        </span>
        {onReveal ? (
          <button type="button" className="button button--ghost button--small comment-thread__reveal" onClick={onReveal}>
            {revealLabel}
          </button>
        ) : null}
      </div>
      {resolved ? (
        <details className="comment-thread__folded" open={expanded} onToggle={(e) => setExpanded(e.currentTarget.open)}>
          <summary ref={summary}>
            {thread.resolvedByName ? `Résolu par ${thread.resolvedByName}` : 'Résolu'}
            {thread.resolvedAt ? ` le ${formatDate(new Date(thread.resolvedAt))}` : ''} · {plural(count, 'message', 'messages')}
          </summary>
          {body}
        </details>
      ) : (
        body
      )}
      <p className="visually-hidden" role="status">
        {announce}
      </p>
      {thread.messages.some((m) => m.canEdit) ? dialog : null}
    </article>
  )
}

function Message({
  dossierId,
  message,
  hasReplies,
  ask,
  onDeleted,
}: {
  dossierId: string
  message: MessageView
  hasReplies: boolean
  ask: ReturnType<typeof useConfirm>['ask']
  onDeleted: (removed: boolean) => void
}) {
  const id = useId()
  const [editing, setEditing] = useState(false)
  const [draft, setDraft] = useState(message.body)
  const editButton = useRef<HTMLButtonElement>(null)
  const textarea = useRef<HTMLTextAreaElement>(null)
  // Back on « Modifier » once the form has gone (after saving or cancelling).
  const refocus = useRef(false)
  const stopEditing = () => {
    refocus.current = true
    setEditing(false)
  }
  const edit = useCommentAction(dossierId, stopEditing)
  const remove = useCommentAction(dossierId, (r) => onDeleted(Boolean(r.removed)))
  const date = when(message.createdAt)

  useEffect(() => {
    if (editing) textarea.current?.focus()
    else if (refocus.current) {
      refocus.current = false
      editButton.current?.focus()
    }
  }, [editing])

  const cancel = () => {
    stopEditing()
    setDraft(message.body)
  }

  return (
    <li className={`comment-message${message.deleted ? ' comment-message--deleted' : ''}${message.mine ? ' comment-message--mine' : ''}`}>
      <p className="comment-message__meta">
        <span className="comment-message__author">
          {message.authorName}
          {message.mine ? ' (vous)' : ''}
        </span>{' '}
        <time dateTime={new Date(message.createdAt).toISOString()}>{date}</time>
        {message.editedAt && !message.deleted ? <span className="comment-message__edited"> · modifié</span> : null}
      </p>
      {message.deleted ? (
        <p className="comment-message__body comment-message__body--deleted">Message supprimé.</p>
      ) : editing ? (
        <form
          className="comment-form"
          onSubmit={(e) => {
            e.preventDefault()
            edit.submit({ intent: 'edit', messageId: message.id, body: draft })
          }}
        >
          <label htmlFor={`${id}-edit`}>Modifier votre message</label>
          <textarea
            ref={textarea}
            id={`${id}-edit`}
            rows={3}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => onTextareaKey(e, cancel)}
            aria-invalid={edit.error ? true : undefined}
            aria-describedby={edit.error ? `${id}-edit-error` : undefined}
          />
          {edit.error ? (
            <p className="field__error" id={`${id}-edit-error`} role="alert">
              {edit.error}
            </p>
          ) : null}
          <div className="comment-form__actions">
            <button type="submit" className="button button--small" aria-disabled={edit.pending || undefined}>
              {edit.pending ? 'Enregistrement…' : 'Enregistrer'}
            </button>
            <button type="button" className="button button--ghost button--small" onClick={cancel}>
              Annuler
            </button>
          </div>
        </form>
      ) : (
        <MessageBody text={message.body} />
      )}
      {message.canEdit && !editing ? (
        <div className="comment-message__actions">
          <button
            ref={editButton}
            type="button"
            className="button button--ghost button--small"
            onClick={() => {
              setDraft(message.body)
              setEditing(true)
            }}
          >
            Modifier<span className="visually-hidden"> votre message du {date}</span>
          </button>
          <button
            type="button"
            className="button button--ghost button--small comment-message__delete"
            aria-disabled={remove.pending || undefined}
            onClick={() =>
              ask(
                ft(
                  hasReplies
                    ? 'Supprimer votre message\u202f? Les réponses restent\u202f; il apparaîtra comme «\u00a0message supprimé\u00a0».'
                    : 'Supprimer votre message\u202f? Cette action est définitive.',
                ),
                () => remove.submit({ intent: 'delete', messageId: message.id }),
              )
            }
          >
            {remove.pending ? 'Suppression…' : 'Supprimer'}
            <span className="visually-hidden"> votre message du {date}</span>
          </button>
        </div>
      ) : null}
      {remove.error ? (
        <p className="field__error" role="alert">
          {remove.error}
        </p>
      ) : null}
    </li>
  )
}

/** The reply box of a thread; the text is kept when sending fails, cleared once the reply is published. */
function ReplyForm({ dossierId, threadId, onPosted }: { dossierId: string; threadId: string; onPosted: () => void }) {
  const id = useId()
  const [text, setText] = useState('')
  const textarea = useRef<HTMLTextAreaElement>(null)
  const post = useCommentAction(
    dossierId,
    () => {
      onPosted()
      textarea.current?.focus()
    },
    () => setText(''),
  )
  return (
    <form
      className="comment-form comment-thread__reply"
      onSubmit={(e) => {
        e.preventDefault()
        post.submit({ intent: 'reply', threadId, body: text })
      }}
    >
      <label htmlFor={`${id}-reply`}>Votre réponse</label>
      <textarea
        ref={textarea}
        id={`${id}-reply`}
        rows={2}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => onTextareaKey(e)}
        aria-invalid={post.error ? true : undefined}
        aria-describedby={post.error ? `${id}-reply-error` : `${id}-reply-hint`}
      />
      {post.error ? (
        <p className="field__error" id={`${id}-reply-error`} role="alert">
          {post.error}
        </p>
      ) : (
        <p className="visually-hidden" id={`${id}-reply-hint`}>
          Ctrl+Entrée pour envoyer.
        </p>
      )}
      <div className="comment-form__actions">
        <button type="submit" className="button button--small" aria-disabled={post.pending || undefined}>
          {post.pending ? 'Envoi…' : 'Répondre'}
        </button>
      </div>
    </form>
  )
}
