import { createContext, useContext, useSyncExternalStore } from 'react'
import type { PassageSelectors, TextPositionSelector } from '~/domain/annotation'
import type { GradeEvidence } from '~/domain/grading'
import type { GridCell } from '~/domain/grading-view'

/** A tiny observable value: the two panes of the grid page share a few of these without re-rendering the whole page. */
export class Store<T> {
  private value: T
  private readonly listeners = new Set<() => void>()
  constructor(initial: T) {
    this.value = initial
  }
  get = (): T => this.value
  set = (next: T | ((previous: T) => T)) => {
    const value = typeof next === 'function' ? (next as (previous: T) => T)(this.value) : next
    if (Object.is(value, this.value)) return
    this.value = value
    for (const listener of this.listeners) listener()
  }
  subscribe = (listener: () => void) => {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }
}

export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.get, store.get)
}

/**
 * Where one saved thing stands: a cell (saved as the juror goes) or a
 * competency decision (saved with its button: `unsaved` while its form
 * differs from what is stored).
 */
export type SaveState = 'saved' | 'pending' | 'saving' | 'error' | 'conflict' | 'unsaved'

/** The last passage the juror selected in a rich text of the snapshot (kept when focus moves to the grid). */
export type PassageSelection = {
  submissionId: string
  sectionId: string
  /** « Analyse des données » (and « — REX de … » for a member's REX). */
  where: string
  quote: string
  selectors: PassageSelectors
}

/** The grid asks the snapshot to show a piece of evidence (a new nonce asks again). */
export type RevealRequest = { evidence: GradeEvidence; nonce: number; from: string }

export type GradingBus = {
  saves: Store<Record<string, SaveState>>
  savedAt: Store<number | null>
  selection: Store<PassageSelection | null>
  /** Evidence cited by each cell (its current draft), for the snapshot to highlight. */
  evidence: Store<Record<string, GradeEvidence[]>>
  reveal: Store<RevealRequest | null>
  /** Each cell's « send now and tell me when it is stored ». */
  flushers: Map<string, () => Promise<boolean>>
}

export const cellKey = (c: Pick<GridCell, 'criterionId' | 'part' | 'learnerId'>) => `${c.criterionId}|${c.part}|${c.learnerId}`

export function createBus(cells: readonly GridCell[]): GradingBus {
  return {
    saves: new Store({}),
    savedAt: new Store<number | null>(null),
    selection: new Store<PassageSelection | null>(null),
    evidence: new Store(Object.fromEntries(cells.filter((c) => c.evidence.length).map((c) => [cellKey(c), c.evidence]))),
    reveal: new Store<RevealRequest | null>(null),
    flushers: new Map(),
  }
}

export const GradingBusContext = createContext<GradingBus | null>(null)

export function useBus(): GradingBus {
  const bus = useContext(GradingBusContext)
  if (!bus) throw new Error('useBus outside the grid page')
  return bus
}

/** The page's one status, from every cell's and decision's. */
export function overallState(states: Record<string, SaveState>): { state: SaveState; unsaved: number } {
  const all = Object.values(states)
  const unsaved = all.filter((s) => s === 'unsaved').length
  for (const state of ['conflict', 'error', 'saving', 'pending'] as const) if (all.includes(state)) return { state, unsaved }
  return { state: 'saved', unsaved }
}

/** A stable key of a piece of evidence (to find it again, to avoid citing it twice). */
export function evidenceKey(e: GradeEvidence): string {
  if (e.kind === 'item') return `item:${e.submissionId}:${e.sectionId}:${e.itemId}`
  const position = e.selectors.find((s): s is TextPositionSelector => s.type === 'TextPositionSelector')
  return `passage:${e.submissionId}:${e.sectionId}:${position ? `${position.start}-${position.end}` : ''}`
}
