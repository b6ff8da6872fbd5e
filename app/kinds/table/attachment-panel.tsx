import { useEffect, useId, useRef, useState } from 'react'
import { uploadAttachment } from '~/components/fields/upload'
import { type Attachment, ATTACHMENT_ACCEPT } from '~/domain/attachments'
import { AttachmentShown } from './attachment'
import { TABLE_LABELS } from './labels'

/**
 * The side-panel editor of a `file` cell: the file joined (if any), a file
 * input that joins or replaces it at once, « Retirer le fichier ». What goes
 * wrong is said in French and the cell keeps its file.
 */
export default function AttachmentPanel({
  file,
  url,
  label,
  onChange,
}: {
  file: Attachment | null
  url: string | undefined
  label: string
  onChange: (file: Attachment | null) => void
}) {
  const id = useId()
  const input = useRef<HTMLInputElement>(null)
  // The panel arrives after its dialog opened (its own chunk): focus goes to what the learner came for.
  useEffect(() => input.current?.focus(), [])
  const [state, setState] = useState<{ busy: boolean; error: string; message: string }>({ busy: false, error: '', message: '' })
  return (
    <div className="attachment-panel">
      {file ? <AttachmentShown file={file} /> : <p className="attachment-panel__empty">{TABLE_LABELS.noFile}</p>}
      {url ? (
        <div className="field">
          <label htmlFor={`${id}-file`}>
            {file ? TABLE_LABELS.replace : TABLE_LABELS.attach} <span className="visually-hidden">({label})</span>
          </label>
          <p className="field__hint" id={`${id}-hint`}>
            {TABLE_LABELS.accepted}
          </p>
          <input
            ref={input}
            id={`${id}-file`}
            type="file"
            accept={ATTACHMENT_ACCEPT}
            aria-describedby={`${id}-hint${state.error ? ` ${id}-error` : ''}`}
            aria-invalid={state.error ? true : undefined}
            disabled={state.busy}
            onChange={async (e) => {
              const input = e.currentTarget
              const chosen = input.files?.[0]
              if (!chosen) return
              setState({ busy: true, error: '', message: TABLE_LABELS.sending })
              const result = await uploadAttachment(url, chosen)
              input.value = ''
              if ('error' in result) return setState({ busy: false, error: result.error, message: '' })
              setState({ busy: false, error: '', message: TABLE_LABELS.sent(result.file.name) })
              onChange(result.file)
            }}
          />
          {state.error ? (
            <p className="field__error" id={`${id}-error`} role="alert">
              {state.error}
            </p>
          ) : null}
        </div>
      ) : null}
      {file && url ? (
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={() => {
            onChange(null)
            setState({ busy: false, error: '', message: TABLE_LABELS.removed })
          }}
        >
          {TABLE_LABELS.remove}
        </button>
      ) : null}
      <p role="status" className="attachment-panel__status">
        {state.message}
      </p>
    </div>
  )
}
