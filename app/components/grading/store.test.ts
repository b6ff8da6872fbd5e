import { describe, expect, it } from 'vitest'
import { describePassage } from '~/domain/anchoring'
import type { GradeEvidence } from '~/domain/grading'
import { cellKey, evidenceKey, overallState, Store } from './store'
import { changesOf } from './use-cell'

const passage = (start: number, end: number): GradeEvidence => ({
  kind: 'passage',
  submissionId: 's1',
  sectionId: 'analyse',
  selectors: describePassage('La marque vise les familles périurbaines.', start, end),
})

describe('changesOf', () => {
  const server = { level: 'acquis', comment: 'Bien.', evidence: [passage(3, 9)] }
  it('sends only what differs from the stored cell', () => {
    expect(changesOf({ ...server }, server)).toBeNull()
    expect(changesOf({ ...server, level: 'non-acquis' }, server)).toEqual({ level: 'non-acquis' })
    expect(changesOf({ ...server, level: null }, server)).toEqual({ level: null })
    expect(changesOf({ ...server, comment: 'Bien. Sources ?' }, server)).toEqual({ comment: 'Bien. Sources ?' })
  })
  it('compares evidence by value, and sees one removed or added', () => {
    expect(changesOf({ ...server, evidence: [passage(3, 9)] }, server)).toBeNull()
    expect(changesOf({ ...server, evidence: [] }, server)).toEqual({ evidence: [] })
    expect(changesOf({ ...server, evidence: [passage(3, 9), passage(10, 16)] }, server)?.evidence).toHaveLength(2)
  })
})

describe('evidenceKey', () => {
  it('tells passages apart by position and items by id', () => {
    expect(evidenceKey(passage(3, 9))).toBe('passage:s1:analyse:3-9')
    expect(evidenceKey(passage(3, 9))).not.toBe(evidenceKey(passage(3, 10)))
    expect(evidenceKey({ kind: 'item', submissionId: 's1', sectionId: 'pestel', itemId: 'ligne-2', label: 'Ligne 2' })).toBe('item:s1:pestel:ligne-2')
  })
})

describe('overallState', () => {
  it('says the worst state first, and counts decisions not saved apart', () => {
    expect(overallState({})).toEqual({ state: 'saved', unsaved: 0 })
    expect(overallState({ a: 'saved', b: 'saving' }).state).toBe('saving')
    expect(overallState({ a: 'pending', b: 'error' }).state).toBe('error')
    expect(overallState({ a: 'error', b: 'conflict' }).state).toBe('conflict')
    expect(overallState({ a: 'saved', o: 'unsaved', p: 'unsaved' })).toEqual({ state: 'saved', unsaved: 2 })
  })
})

describe('Store', () => {
  it('notifies on change only', () => {
    const store = new Store(1)
    let calls = 0
    const stop = store.subscribe(() => calls++)
    store.set(1)
    store.set((n) => n + 1)
    expect(store.get()).toBe(2)
    expect(calls).toBe(1)
    stop()
    store.set(3)
    expect(calls).toBe(1)
  })
  it('keys a cell by criterion, part and learner', () => {
    expect(cellKey({ criterionId: 'C1.1-1', part: 'oral', learnerId: '' })).toBe('C1.1-1|oral|')
  })
})
