import { describe, expect, it } from 'vitest'
import { compareCriterionIds, competencyOf, entriesForCriteria, sortBankEntries } from './comment-bank'

describe('comment bank helpers', () => {
  it('orders criterion ids as the référentiel does, numbers compared as numbers', () => {
    expect(['C10.1-1', 'C1.1-10', 'C2.1-1', 'C1.1-2', 'C1.2-1'].sort(compareCriterionIds)).toEqual(['C1.1-2', 'C1.1-10', 'C1.2-1', 'C2.1-1', 'C10.1-1'])
  })

  it('names the competency of a criterion', () => {
    expect(competencyOf('C3.2-4')).toBe('C3.2')
    expect(competencyOf('C11.1-12')).toBe('C11.1')
  })

  it('sorts entries by first criterion, then by text in French order', () => {
    const entries = [
      { body: 'Zoé', criterionIds: ['C1.1-2'] },
      { body: 'élan', criterionIds: ['C1.1-2'] },
      { body: 'Avant', criterionIds: ['C3.2-1'] },
      { body: 'Autre', criterionIds: ['C1.1-10', 'C1.1-2'] },
    ]
    expect(sortBankEntries(entries).map((e) => e.body)).toEqual(['élan', 'Zoé', 'Autre', 'Avant'])
  })

  it('keeps the entries tagged with one of the section’s criteria', () => {
    const entries = [
      { id: 'a', criterionIds: ['C1.1-2'] },
      { id: 'b', criterionIds: ['C3.2-1', 'C1.1-4'] },
      { id: 'c', criterionIds: ['C6.2-2'] },
    ]
    expect(entriesForCriteria(entries, ['C1.1-4', 'C1.1-2']).map((e) => e.id)).toEqual(['a', 'b'])
    expect(entriesForCriteria(entries, [])).toEqual([])
  })
})
