import { useCallback, useEffect, useRef, useState } from 'react'

/** Where a section's edits wait in this browser until the server has them (use-autosave.ts). */
export const draftKey = (dossierId: string, sectionId: string) => `atelier:brouillon:${dossierId}:${sectionId}`

const openKey = (dossierId: string) => `atelier:sections-ouvertes:${dossierId}`
const sectionOfHash = (hash: string) => (hash.startsWith('#section-') ? decodeURIComponent(hash.slice('#section-'.length)) : null)

/**
 * Which sections of the dossier page are open. The page carries the editors
 * of the open sections only; a section opened once stays mounted when closed
 * (its editor keeps its state and its pending saves). Open at first: the
 * sections given (those with comments awaiting an answer); after hydration,
 * the one the address points to (#section-…), those opened earlier in this
 * tab, and those holding edits the server has not received yet (their
 * editor sends them).
 */
export function useOpenSections(dossierId: string, ids: readonly string[], initiallyOpen: readonly string[]) {
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(initiallyOpen))
  const [mounted, setMounted] = useState<ReadonlySet<string>>(() => new Set(initiallyOpen))
  const ready = useRef(false)

  const show = useCallback((more: readonly string[]) => {
    if (more.length === 0) return
    setOpen((o) => new Set([...o, ...more]))
    setMounted((m) => new Set([...m, ...more]))
  }, [])

  useEffect(() => {
    const known = new Set(ids)
    const remembered = (() => {
      try {
        return JSON.parse(sessionStorage.getItem(openKey(dossierId)) ?? '[]') as string[]
      } catch {
        return []
      }
    })()
    const target = sectionOfHash(window.location.hash)
    const drafts = ids.filter((id) => localStorage.getItem(draftKey(dossierId, id)) !== null)
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the address, sessionStorage and localStorage exist only in the browser, after hydration
    show([...remembered, ...drafts, ...(target ? [target] : [])].filter((id) => known.has(id)))
    ready.current = true
    if (target && known.has(target)) requestAnimationFrame(() => document.getElementById(`section-${target}`)?.scrollIntoView())
    const onHash = () => {
      const id = sectionOfHash(window.location.hash)
      if (id && known.has(id)) show([id])
    }
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per page: the dossier's sections do not change under it
  }, [dossierId])

  useEffect(() => {
    if (ready.current) sessionStorage.setItem(openKey(dossierId), JSON.stringify([...open]))
  }, [dossierId, open])

  const toggle = useCallback(
    (id: string) => {
      if (open.has(id)) setOpen((o) => new Set([...o].filter((x) => x !== id)))
      else show([id])
    },
    [open, show],
  )
  return { open, mounted, toggle }
}
