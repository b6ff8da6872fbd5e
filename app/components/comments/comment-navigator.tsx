import { useEffect, useRef, useState } from 'react'
import { focusThread } from './use-section-comments'

/**
 * « Commentaire précédent / suivant »: goes through the open threads in the
 * order of the page (sections, then the self-assessment), from the last one
 * the reader was in.
 */
export function CommentNavigator({ open }: { open: number }) {
  const last = useRef<string | null>(null)
  const [position, setPosition] = useState<string>('')

  // Remember the thread the reader is in, whichever way they got there.
  useEffect(() => {
    const onFocus = (event: FocusEvent) => {
      const item = (event.target as Element | null)?.closest?.<HTMLElement>('[data-thread]')
      if (item?.dataset.thread) last.current = item.dataset.thread
    }
    document.addEventListener('focusin', onFocus)
    return () => document.removeEventListener('focusin', onFocus)
  }, [])

  const go = (step: 1 | -1) => {
    const ids = [...document.querySelectorAll<HTMLElement>('[data-thread][data-status="open"]')].map((el) => el.dataset.thread!)
    if (ids.length === 0) return
    const at = last.current ? ids.indexOf(last.current) : -1
    const next = at === -1 ? (step === 1 ? 0 : ids.length - 1) : (at + step + ids.length) % ids.length
    last.current = ids[next]!
    setPosition(`Commentaire ${next + 1} sur ${ids.length}`)
    focusThread(ids[next]!)
  }

  if (open === 0) return null
  return (
    <div className="comment-nav" role="group" aria-label="Parcourir les commentaires ouverts">
      <p className="comment-nav__count">
        {open} commentaire{open > 1 ? 's' : ''} ouvert{open > 1 ? 's' : ''}
      </p>
      <div className="comment-nav__buttons">
        <button type="button" className="button button--ghost button--small" onClick={() => go(-1)}>
          Commentaire précédent
        </button>
        <button type="button" className="button button--ghost button--small" onClick={() => go(1)}>
          Commentaire suivant
        </button>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {position}
      </p>
    </div>
  )
}
