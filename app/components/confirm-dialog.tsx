import { useId, useRef, useState, type ReactNode } from 'react'

/**
 * A native modal <dialog> asking to confirm a destructive action.
 * `ask(message, onConfirm)` opens it; focus returns to the trigger on close.
 */
export function useConfirm() {
  const ref = useRef<HTMLDialogElement>(null)
  // Several dialogs may live on one page (one per comment thread).
  const titleId = useId()
  const [state, setState] = useState<{ message: ReactNode; confirmLabel: string; onConfirm: () => void } | null>(null)
  const ask = (message: ReactNode, onConfirm: () => void, confirmLabel = 'Supprimer') => {
    setState({ message, onConfirm, confirmLabel })
    requestAnimationFrame(() => ref.current?.showModal())
  }
  const close = () => ref.current?.close()
  const dialog = (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onClose={() => setState(null)}>
      <h2 id={titleId} className="dialog__title">
        Confirmer
      </h2>
      <p>{state?.message}</p>
      <div className="dialog__actions">
        <button type="button" className="button button--ghost" onClick={close}>
          Annuler
        </button>
        <button
          type="button"
          className="button button--danger"
          onClick={() => {
            state?.onConfirm()
            close()
          }}
        >
          {state?.confirmLabel}
        </button>
      </div>
    </dialog>
  )
  return { ask, dialog }
}
