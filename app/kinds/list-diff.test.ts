import { describe, expect, it } from 'vitest'
import { itemChanges, withOrder } from './list-diff'

type Item = { id: string; name: string }
const words = {
  isBlank: (i: Item) => !i.name,
  added: (i: Item, n: number) => `+${n}:${i.name}`,
  changed: (a: Item, b: Item) => (a.name === b.name ? [] : [`${a.name}→${b.name}`]),
  removed: (i: Item, n: number) => `-${n}:${i.name}`,
}
const a = { id: 'a', name: 'A' }
const b = { id: 'b', name: 'B' }
const c = { id: 'c', name: 'C' }

describe('itemChanges', () => {
  it('says what was added, changed and removed, in the order of the list', () => {
    expect(itemChanges([a, b], [{ ...a, name: 'A2' }, c], words)).toEqual({ sentences: ['A→A2', '+1:C', '-1:B'], reordered: false })
  })
  it('leaves blank items out and sees moves of kept items only', () => {
    expect(itemChanges([a, b], [b, { id: 'x', name: '' }, a], words)).toEqual({ sentences: [], reordered: true })
    expect(itemChanges([a, b, c], [a, c], words)).toEqual({ sentences: ['-1:B'], reordered: false })
  })
  it('adds the reordering sentence last', () => {
    expect(withOrder(itemChanges([a, b], [b, a], words), 'moved')).toEqual(['moved'])
    expect(withOrder(itemChanges([a], [a], words), 'moved')).toEqual([])
  })
})
