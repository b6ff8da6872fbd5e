import { useCallback, useEffect, useRef, useState } from 'react'
import type { GradeEvidence } from '~/domain/grading'
import type { GridCell } from '~/domain/grading-view'
import type { GridOp, GridResult } from './api'
import { cellKey, useBus, type SaveState } from './store'

/** What the juror wants the cell to hold. */
export type CellDraft = { level: string | null; comment: string; evidence: GradeEvidence[] }
type Changes = Partial<CellDraft>

export const COMMENT_DELAY = 800
const RETRY_MS = 4_000

const sameEvidence = (a: readonly GradeEvidence[], b: readonly GradeEvidence[]) => JSON.stringify(a) === JSON.stringify(b)

/** The fields of `draft` that differ from what the server holds; null when nothing does. */
export function changesOf(draft: CellDraft, server: CellDraft): Changes | null {
  const changes: Changes = {}
  if (draft.level !== server.level) changes.level = draft.level
  if (draft.comment !== server.comment) changes.comment = draft.comment
  if (!sameEvidence(draft.evidence, server.evidence)) changes.evidence = draft.evidence
  return Object.keys(changes).length ? changes : null
}

const draftOf = (cell: GridCell): CellDraft => ({ level: cell.level, comment: cell.comment, evidence: cell.evidence })

type Buffer = { baseVersion: number; draft: CellDraft }

function readBuffer(key: string): Buffer | null {
  try {
    const raw = localStorage.getItem(key)
    return raw ? (JSON.parse(raw) as Buffer) : null
  } catch {
    return null
  }
}

/**
 * One cell of the grid, saved as the juror goes: a level at once, a comment
 * after a pause (or when the juror leaves the field), evidence at once. Each
 * write carries the version it was based on; a stale one is refused (409) and
 * shown with the other value: the juror keeps theirs or takes the other, and
 * nothing typed is lost (the draft also waits in this browser's storage until
 * it is stored).
 */
export function useCell({
  assignmentId,
  initial,
  closed,
  post,
}: {
  assignmentId: string
  initial: GridCell
  closed: boolean
  post: (op: GridOp) => Promise<GridResult>
}) {
  const bus = useBus()
  const key = cellKey(initial)
  const storageKey = `atelier:jury:${assignmentId}:${key}`
  const [draft, setDraft] = useState<CellDraft>(() => draftOf(initial))
  const [state, setState] = useState<SaveState>('saved')
  const [error, setError] = useState<string | null>(null)
  const [conflict, setConflict] = useState<GridCell | null>(null)

  const draftRef = useRef(draft)
  const serverRef = useRef(initial)
  const conflictRef = useRef<GridCell | null>(null)
  const closedRef = useRef(closed)
  const inFlight = useRef(false)
  const queued = useRef(false)
  const timer = useRef<ReturnType<typeof setTimeout>>()
  const waiters = useRef<((ok: boolean) => void)[]>([])
  const sendRef = useRef<() => Promise<void>>(async () => {})

  useEffect(() => {
    closedRef.current = closed
  }, [closed])

  const settle = useCallback((ok: boolean) => {
    const list = waiters.current
    waiters.current = []
    for (const w of list) w(ok)
  }, [])

  const persist = useCallback(() => {
    try {
      localStorage.setItem(storageKey, JSON.stringify({ baseVersion: serverRef.current.version, draft: draftRef.current } satisfies Buffer))
    } catch {
      // Storage full or disabled: the page keeps the draft.
    }
  }, [storageKey])
  const forget = useCallback(() => {
    try {
      localStorage.removeItem(storageKey)
    } catch {
      // Nothing kept.
    }
  }, [storageKey])

  const send = useCallback(async () => {
    if (conflictRef.current || closedRef.current) {
      settle(false)
      return
    }
    if (inFlight.current) {
      queued.current = true
      return
    }
    clearTimeout(timer.current)
    timer.current = undefined
    const base = serverRef.current
    const changes = changesOf(draftRef.current, draftOf(base))
    if (!changes) {
      forget()
      setState('saved')
      settle(true)
      return
    }
    inFlight.current = true
    setState('saving')
    const result = await post({ op: 'cell', criterionId: base.criterionId, part: base.part, learnerId: base.learnerId, baseVersion: base.version, ...changes })
    inFlight.current = false
    if (result.ok) {
      const cell = result.answer.cell ?? { ...base, ...changes, version: base.version + 1 }
      serverRef.current = cell
      setError(null)
      bus.savedAt.set(Date.now())
      if (changesOf(draftRef.current, draftOf(cell))) queued.current = true
      else {
        forget()
        setState('saved')
        settle(true)
      }
    } else if (result.kind === 'conflict' && result.cell) {
      conflictRef.current = result.cell
      setConflict(result.cell)
      setState('conflict')
      settle(false)
    } else if (result.kind === 'unreachable') {
      setError(result.message)
      setState('error')
      settle(false)
      timer.current = setTimeout(() => void sendRef.current(), RETRY_MS)
    } else {
      setError(result.kind === 'refused' && result.issues.length ? `${result.message} ${result.issues.join(' ')}` : result.message)
      setState('error')
      settle(false)
    }
    if (queued.current && !conflictRef.current) {
      queued.current = false
      void sendRef.current()
    }
  }, [post, bus, forget, settle])

  useEffect(() => {
    sendRef.current = send
  }, [send])

  /** The juror changed something: a comment waits for a pause, the rest goes at once. */
  const change = useCallback(
    (changes: Changes, wait = false) => {
      draftRef.current = { ...draftRef.current, ...changes }
      setDraft(draftRef.current)
      persist()
      if (conflictRef.current) return
      setState((s) => (s === 'saving' ? s : 'pending'))
      clearTimeout(timer.current)
      if (wait) timer.current = setTimeout(() => void sendRef.current(), COMMENT_DELAY)
      else void sendRef.current()
    },
    [persist],
  )

  /** Sends what waits now; resolves true once everything is stored, false on an error or a conflict. */
  const flush = useCallback((): Promise<boolean> => {
    if (conflictRef.current) return Promise.resolve(false)
    if (!inFlight.current && !changesOf(draftRef.current, draftOf(serverRef.current))) return Promise.resolve(true)
    const done = new Promise<boolean>((resolve) => waiters.current.push(resolve))
    if (!inFlight.current) void sendRef.current()
    return done
  }, [])

  /** Keep my version: written over the other one (its base is now the other's version). */
  const keepMine = useCallback(() => {
    const other = conflictRef.current
    if (!other) return
    serverRef.current = other
    conflictRef.current = null
    setConflict(null)
    void sendRef.current()
  }, [])

  /** Take the other version: my draft is replaced by what is stored. */
  const takeTheirs = useCallback(() => {
    const other = conflictRef.current
    if (!other) return
    serverRef.current = other
    conflictRef.current = null
    draftRef.current = draftOf(other)
    setDraft(draftRef.current)
    setConflict(null)
    setError(null)
    forget()
    setState('saved')
    settle(true)
  }, [forget, settle])

  const retry = useCallback(() => void sendRef.current(), [])

  // Edits this browser kept (a closed tab, a lost connection) come back, and are sent — or shown as a conflict if the cell moved on.
  useEffect(() => {
    const buffer = readBuffer(storageKey)
    if (!buffer) return
    if (!changesOf(buffer.draft, draftOf(initial))) {
      forget()
      return
    }
    draftRef.current = buffer.draft
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the browser's storage is only readable after hydration
    setDraft(buffer.draft)
    if (buffer.baseVersion === initial.version) {
      void sendRef.current()
    } else {
      conflictRef.current = initial
      setConflict(initial)
      setState('conflict')
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on mount
  }, [])

  // The page's status and the snapshot's highlights follow this cell.
  useEffect(() => {
    bus.saves.set((all) => (all[key] === state ? all : { ...all, [key]: state }))
  }, [bus, key, state])
  useEffect(() => {
    bus.evidence.set((all) => (all[key] === draft.evidence ? all : { ...all, [key]: draft.evidence }))
  }, [bus, key, draft.evidence])
  useEffect(() => {
    bus.flushers.set(key, flush)
    return () => {
      bus.flushers.delete(key)
    }
  }, [bus, key, flush])
  useEffect(() => () => clearTimeout(timer.current), [])

  return { draft, state, error, conflict, change, flush, keepMine, takeTheirs, retry }
}
