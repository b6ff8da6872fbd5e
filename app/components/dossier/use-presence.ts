import { useEffect, useRef, useState } from 'react'

export type Present = { name: string; sectionId: string | null }

/** Well under PRESENCE_TTL_MS (app/services/presence.server.ts), after which a silent page counts as gone. */
const BEAT_MS = 5_000

/**
 * Presence in a group dossier (issue 17 §2): says where I am — the section
 * holding the focus, or `fixedSection` on a section's own page — every few
 * seconds and at once when it changes, and returns the others there now.
 */
export function usePresence({ dossierId, enabled, fixedSection = null }: { dossierId: string; enabled: boolean; fixedSection?: string | null }) {
  const [others, setOthers] = useState<Present[]>([])
  const where = useRef<string | null>(fixedSection)

  useEffect(() => {
    if (!enabled) return
    const url = `/api/dossiers/${dossierId}/presence`
    const post = async (leaving = false) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ sectionId: where.current, ...(leaving ? { leaving } : {}) }),
        keepalive: leaving,
      }).catch(() => null)
      if (leaving || !res?.ok) return
      const body = (await res.json().catch(() => null)) as { others?: Present[] } | null
      if (body?.others) setOthers(body.others)
    }
    const focusIn = (e: FocusEvent) => {
      if (fixedSection) return
      const section = (e.target as Element | null)?.closest?.('[data-section-id]')?.getAttribute('data-section-id') ?? null
      if (section === where.current) return
      where.current = section
      void post()
    }
    const leave = () => void post(true)
    void post()
    const id = setInterval(() => {
      if (document.visibilityState === 'visible') void post()
    }, BEAT_MS)
    document.addEventListener('focusin', focusIn)
    window.addEventListener('pagehide', leave)
    return () => {
      clearInterval(id)
      document.removeEventListener('focusin', focusIn)
      window.removeEventListener('pagehide', leave)
      leave()
    }
  }, [dossierId, enabled, fixedSection])

  return others
}

/** « Maël modifie cette section » / « Maël et Anna modifient cette section ». */
export function presenceText(names: string[]): string {
  if (names.length === 0) return ''
  const who = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} et ${names[names.length - 1]}`
  return `${who} ${names.length === 1 ? 'modifie' : 'modifient'} cette section`
}
