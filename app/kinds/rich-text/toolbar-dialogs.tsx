import type { Editor } from '@tiptap/core'
import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { IMAGE_TYPES, uploadImage } from '~/components/fields/upload'
import { RICH_TEXT_LABELS } from './labels'
import { completeUrl, SAFE_URL } from './rich-text'

/** The rich-text toolbar's dialogs (editor.tsx), loaded when one is first opened. */

const T = RICH_TEXT_LABELS.toolbar
const D = RICH_TEXT_LABELS.dialog

function ModalForm({
  title,
  onClose,
  onSubmit,
  children,
  submitLabel,
  busy,
}: {
  title: string
  onClose: () => void
  onSubmit: () => void
  children: ReactNode
  submitLabel: string
  busy?: boolean
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useEffect(() => {
    ref.current?.showModal()
  }, [])
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onClose={onClose}>
      <form
        method="dialog"
        className="form"
        onSubmit={(e) => {
          e.preventDefault()
          onSubmit()
        }}
      >
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        {children}
        <div className="dialog__actions">
          <button type="button" className="button button--ghost" onClick={() => ref.current?.close()}>
            {D.cancel}
          </button>
          <button type="submit" className="button" disabled={busy}>
            {submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  )
}

export function LinkDialog({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const current = (editor.getAttributes('link').href as string | undefined) ?? ''
  const [href, setHref] = useState(current || 'https://')
  const [error, setError] = useState('')
  return (
    <ModalForm
      title={current ? T.editLink : T.insertLink}
      submitLabel={D.confirm}
      onClose={onClose}
      onSubmit={() => {
        const url = completeUrl(href)
        if (url === '') {
          editor.chain().focus().extendMarkRange('link').unsetLink().run()
          onClose()
          return
        }
        if (!SAFE_URL.test(url)) {
          setError(D.linkError)
          return
        }
        editor.chain().focus().extendMarkRange('link').setLink({ href: url }).run()
        onClose()
      }}
    >
      <div className="field">
        <label htmlFor="rt-link">{D.linkAddress}</label>
        <input
          id="rt-link"
          type="text"
          inputMode="url"
          value={href}
          onChange={(e) => setHref(e.target.value)}
          onBlur={() => setHref((h) => completeUrl(h))}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'rt-link-error' : 'rt-link-hint'}
        />
        <p className="field__hint" id="rt-link-hint">
          {D.linkHint}
        </p>
        {error ? (
          <p className="field__error" id="rt-link-error">
            {error}
          </p>
        ) : null}
      </div>
    </ModalForm>
  )
}

export function ImageDialog({ editor, uploadUrl, onClose }: { editor: Editor; uploadUrl: string; onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null)
  const [alt, setAlt] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  return (
    <ModalForm
      title={T.insertImage}
      submitLabel={busy ? D.sending : D.insert}
      busy={busy}
      onClose={onClose}
      onSubmit={async () => {
        if (!alt.trim()) return setError(D.altMissing)
        setBusy(true)
        const result = await uploadImage(uploadUrl, file)
        setBusy(false)
        if ('error' in result) return setError(result.error)
        editor.chain().focus().setImage({ src: result.src, alt: alt.trim() }).run()
        onClose()
      }}
    >
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="rt-image">{D.image}</label>
        <input id="rt-image" type="file" accept={IMAGE_TYPES.join(',')} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      <div className="field">
        <label htmlFor="rt-alt">{D.alt}</label>
        <input id="rt-alt" type="text" value={alt} onChange={(e) => setAlt(e.target.value)} aria-describedby="rt-alt-hint" required />
        <p className="field__hint" id="rt-alt-hint">
          {D.altHint}
        </p>
      </div>
    </ModalForm>
  )
}
