import { useCallback, useEffect, useRef, useState } from 'react'
import type { MergeConflict } from '~/domain/merge'
import type { FieldIssue } from '~/kinds/types'
import type { FieldValue } from '~/kinds/values'

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'offline' | 'conflict' | 'error'
export type ServerState = { content: FieldValue; version: number; updatedAt: number; updatedBy: string | null }

const DEBOUNCE_MS = 700
const RETRY_MS = 4_000
/** How often a shared section asks for the others' saves (issue 17 §3). */
export const LIVE_MS = 2_000
/** Merges in a row before the conflict screen takes over (someone saving faster than the round trip). */
const MAX_MERGES = 5

/** Fields changed both by me and by someone else meanwhile: theirs is shown, mine kept in the history and offered back. */
export type MergedConflict = MergeConflict & { by: string | null }

type Buffer = { baseVersion: number; content: FieldValue; at: number }
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

function readBuffer(key: string): Buffer | null {
  try {
    const raw = localStorage.getItem(key)
    return raw ? (JSON.parse(raw) as Buffer) : null
  } catch {
    return null
  }
}

/**
 * Autosave of one section. Every change is written at once to localStorage
 * (so nothing is lost offline or if the tab closes), then sent after a short
 * pause with the version it was based on. The server refuses a stale version:
 * the conflict is exposed with both contents, never overwritten silently.
 *
 * `shared` (a structured section of a group dossier, issue 17 §3): a refused
 * save is merged three-way with what was saved meanwhile, against the version
 * it was based on, and sent again; only fields changed both ways are
 * reported (the other's value shown, mine set aside in the history and
 * offered back). The others' saves are fetched every couple of seconds and
 * shown while nothing of mine is waiting.
 */
export function useSectionAutosave({
  url,
  storageKey,
  initial,
  shared = false,
  live = shared,
  saves = true,
}: {
  url: string
  storageKey: string
  initial: ServerState
  shared?: boolean
  /** Fetch the others' saves (a shared section on screen; not a folded one). */
  live?: boolean
  /** False: another channel stores the content (rich text edited together); changes only update what the page shows. */
  saves?: boolean
}) {
  const [content, setContent] = useState<FieldValue>(initial.content)
  const [status, setStatus] = useState<SaveStatus>('saved')
  const [savedAt, setSavedAt] = useState<number | null>(initial.version > 0 ? initial.updatedAt : null)
  const [conflict, setConflict] = useState<ServerState | null>(null)
  const [error, setError] = useState<string | null>(null)
  /** The parts of the content the server refused at the last save, located by the field's kind. */
  const [issues, setIssues] = useState<FieldIssue[]>([])
  const [resetKey, setResetKey] = useState(0)
  const [merged, setMerged] = useState<MergedConflict[]>([])

  const contentRef = useRef(initial.content)
  const versionRef = useRef(initial.version)
  /** The content of `versionRef` as the server has it: the base of a three-way merge. */
  const baseRef = useRef(initial.content)
  const mergesInARow = useRef(0)
  const conflictRef = useRef<ServerState | null>(null)
  const inFlight = useRef(false)
  const queued = useRef(false)
  const dirty = useRef(false)
  const timer = useRef<ReturnType<typeof setTimeout>>()
  /** The latest `send`, for retries scheduled from inside it. */
  const sendRef = useRef<(baseVersion?: number) => Promise<void>>(async () => {})

  const persist = useCallback(() => {
    try {
      localStorage.setItem(storageKey, JSON.stringify({ baseVersion: versionRef.current, content: contentRef.current, at: Date.now() }))
    } catch {
      // Storage full or disabled: the server copy is then the only one.
    }
  }, [storageKey])

  const send = useCallback(
    async (baseVersion?: number) => {
      if (conflictRef.current && baseVersion === undefined) return
      if (inFlight.current) {
        queued.current = true
        return
      }
      clearTimeout(timer.current)
      inFlight.current = true
      setStatus('saving')
      const sent = contentRef.current
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ baseVersion: baseVersion ?? versionRef.current, content: sent }),
        })
        const body = (await res.json().catch(() => ({}))) as {
          version?: number
          savedAt?: number
          error?: string
          current?: ServerState
          issues?: FieldIssue[]
        }
        if (res.ok && typeof body.version === 'number') {
          versionRef.current = body.version
          baseRef.current = sent
          mergesInARow.current = 0
          setSavedAt(body.savedAt ?? Date.now())
          setError(null)
          setIssues([])
          if (contentRef.current === sent) {
            dirty.current = false
            localStorage.removeItem(storageKey)
            setStatus('saved')
          } else {
            persist()
            queued.current = true
          }
        } else if (res.status === 409 && body.current && shared && mergesInARow.current < MAX_MERGES) {
          // Saved meanwhile by someone else: merged with it, then sent again.
          mergesInARow.current++
          const other = body.current
          const mine = contentRef.current
          // Loaded on the first refusal only: most pages never merge.
          const { merge3 } = await import('~/domain/merge')
          const result = merge3(baseRef.current, other.content, mine)
          baseRef.current = other.content
          versionRef.current = other.version
          contentRef.current = result.value
          setContent(result.value)
          persist()
          if (result.conflicts.length) {
            setMerged((before) => [...before, ...result.conflicts.map((c) => ({ ...c, by: other.updatedBy }))])
            // My version of those fields stays in the history.
            void fetch(url, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ baseVersion: other.version, content: mine, kind: 'conflict-copy' }),
            }).catch(() => undefined)
          }
          queued.current = true
        } else if (res.status === 409 && body.current) {
          conflictRef.current = body.current
          setConflict(body.current)
          setStatus('conflict')
        } else if (res.status >= 500 || res.status === 429 || res.status === 0) {
          setStatus('offline')
          timer.current = setTimeout(() => void sendRef.current(), RETRY_MS)
        } else {
          // 400, 403, 413: the content stays in this browser; the user is told why.
          // The next change is sent again: fixing the marked input is enough.
          setError(body.error ?? 'L’enregistrement a été refusé.')
          setIssues(Array.isArray(body.issues) ? body.issues : [])
          setStatus('error')
        }
      } catch {
        setStatus('offline')
        timer.current = setTimeout(() => void sendRef.current(), RETRY_MS)
      } finally {
        inFlight.current = false
        if (queued.current && !conflictRef.current) {
          queued.current = false
          void sendRef.current()
        }
      }
    },
    [url, storageKey, persist, shared],
  )
  useEffect(() => {
    sendRef.current = send
  }, [send])

  // A shared section shows the others' saves while nothing of mine is waiting (mine, when there is, is merged on save).
  useEffect(() => {
    if (!live) return
    const poll = async () => {
      if (document.visibilityState !== 'visible' || dirty.current || inFlight.current || conflictRef.current) return
      const res = await fetch(url, { headers: { Accept: 'application/json' } }).catch(() => null)
      const current = res?.ok ? ((await res.json().catch(() => null)) as ServerState | null) : null
      if (!current || current.version <= versionRef.current || dirty.current || inFlight.current) return
      versionRef.current = current.version
      baseRef.current = current.content
      contentRef.current = current.content
      setContent(current.content)
      setSavedAt(current.updatedAt)
    }
    const id = setInterval(() => void poll(), LIVE_MS)
    return () => clearInterval(id)
  }, [live, url])

  const change = useCallback(
    (next: FieldValue) => {
      contentRef.current = next
      if (!saves) return setContent(next)
      dirty.current = true
      setContent(next)
      persist()
      if (conflictRef.current) return
      setStatus((s) => (s === 'offline' ? s : 'pending'))
      clearTimeout(timer.current)
      timer.current = setTimeout(() => void send(), DEBOUNCE_MS)
    },
    [persist, send, saves],
  )

  // On load: edits left in this browser (offline, closed tab) are sent, or shown as a conflict.
  // localStorage exists only in the browser, after hydration: this effect is where the two copies meet.
  useEffect(() => {
    const buffer = saves ? readBuffer(storageKey) : null
    if (!buffer) return
    if (same(buffer.content, initial.content)) {
      localStorage.removeItem(storageKey)
      return
    }
    contentRef.current = buffer.content
    dirty.current = true
    // eslint-disable-next-line react-hooks/set-state-in-effect -- edits kept in this browser: no localStorage during render on the server
    setContent(buffer.content)
    setResetKey((k) => k + 1)
    if (buffer.baseVersion === initial.version) {
      void send()
    } else {
      conflictRef.current = initial
      setConflict(initial)
      setStatus('conflict')
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on mount: later changes of `initial` come with a new page
  }, [])

  useEffect(() => {
    const online = () => {
      if (dirty.current && !conflictRef.current) void send()
    }
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (inFlight.current) e.preventDefault()
    }
    window.addEventListener('online', online)
    window.addEventListener('beforeunload', beforeUnload)
    return () => {
      window.removeEventListener('online', online)
      window.removeEventListener('beforeunload', beforeUnload)
      clearTimeout(timer.current)
    }
  }, [send])

  /** Keep my version: saved over the other one (which stays in the history). */
  const keepMine = useCallback(() => {
    const other = conflictRef.current
    if (!other) return
    conflictRef.current = null
    setConflict(null)
    void send(other.version)
  }, [send])

  /** Take the other version: mine is set aside in the history first, so nothing is lost. */
  const takeTheirs = useCallback(async () => {
    const other = conflictRef.current
    if (!other) return
    setStatus('saving')
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ baseVersion: other.version, content: contentRef.current, kind: 'conflict-copy' }),
      })
      if (!res.ok) throw new Error(String(res.status))
    } catch {
      setStatus('conflict')
      setError('Votre version n’a pas pu être mise de côté : réessayez une fois en ligne.')
      return
    }
    conflictRef.current = null
    setConflict(null)
    contentRef.current = other.content
    versionRef.current = other.version
    dirty.current = false
    localStorage.removeItem(storageKey)
    setContent(other.content)
    setResetKey((k) => k + 1)
    setSavedAt(other.updatedAt)
    setError(null)
    setStatus('saved')
  }, [url, storageKey])

  /** Puts my value back in a field both changed (a new save, over theirs). */
  const keepMyField = useCallback(
    async (conflict: MergedConflict) => {
      setMerged((list) => list.filter((c) => c !== conflict))
      if (conflict.theirs === undefined) return
      const { setAtPath } = await import('~/domain/merge')
      change(setAtPath(contentRef.current, conflict.path, conflict.theirs) as FieldValue)
    },
    [change],
  )
  const dismissMerged = useCallback((conflict: MergedConflict) => setMerged((list) => list.filter((c) => c !== conflict)), [])

  /** When another channel stores the content (`saves` false): where my changes stand. */
  const reportSaveState = useCallback((state: 'pending' | 'saved' | 'offline') => {
    setStatus(state === 'pending' ? 'saving' : state)
    if (state === 'saved') setSavedAt(Date.now())
  }, [])

  return { content, change, status, savedAt, conflict, error, issues, resetKey, keepMine, takeTheirs, merged, keepMyField, dismissMerged, reportSaveState }
}
