import { describe, expect, it } from 'vitest'
import { deepEqual, merge3 } from './merge'

/** A table section's value: rows with ids, cells by column. */
const row = (id: string, cells: Record<string, unknown>) => ({ id, cells })
const table = (...rows: ReturnType<typeof row>[]) => ({ rows })
const BASE = table(
  row('row-a', { canal: 'Salon', budget: 1000 }),
  row('row-b', { canal: 'Presse', budget: 500 }),
  row('row-c', { canal: 'Radio', budget: 300 }),
)

describe('three-way merge of structured values', () => {
  it('merges edits of different rows, and rows added on both sides', () => {
    const ours = table(row('row-a', { canal: 'Salon régional', budget: 1000 }), BASE.rows[1]!, BASE.rows[2]!, row('row-d', { canal: 'Affichage', budget: 0 }))
    const theirs = table(BASE.rows[0]!, row('row-b', { canal: 'Presse', budget: 800 }), BASE.rows[2]!, row('row-e', { canal: 'Instagram', budget: 200 }))
    const { value, conflicts } = merge3(BASE, ours, theirs)
    expect(conflicts).toEqual([])
    expect(value.rows.map((r) => [r.id, r.cells.canal, r.cells.budget])).toEqual([
      ['row-a', 'Salon régional', 1000],
      ['row-b', 'Presse', 800],
      ['row-c', 'Radio', 300],
      ['row-d', 'Affichage', 0],
      ['row-e', 'Instagram', 200],
    ])
  })

  it('merges edits of different cells of one row', () => {
    const ours = table(row('row-a', { canal: 'Salon régional', budget: 1000 }), BASE.rows[1]!, BASE.rows[2]!)
    const theirs = table(row('row-a', { canal: 'Salon', budget: 1500 }), BASE.rows[1]!, BASE.rows[2]!)
    const { value, conflicts } = merge3(BASE, ours, theirs)
    expect(conflicts).toEqual([])
    expect(value.rows[0]).toEqual(row('row-a', { canal: 'Salon régional', budget: 1500 }))
  })

  it('reports the same cell changed two ways as a conflict at that cell, keeping the current value and merging the rest', () => {
    const ours = table(row('row-a', { canal: 'Salon régional', budget: 1000 }), BASE.rows[1]!, BASE.rows[2]!)
    const theirs = table(row('row-a', { canal: 'Salon du livre', budget: 1200 }), BASE.rows[1]!, BASE.rows[2]!)
    const { value, conflicts } = merge3(BASE, ours, theirs)
    expect(conflicts).toEqual([{ path: ['rows', 0, 'cells', 'canal'], base: 'Salon', ours: 'Salon régional', theirs: 'Salon du livre' }])
    expect(value.rows[0]).toEqual(row('row-a', { canal: 'Salon régional', budget: 1200 }))
  })

  it('keeps a row deleted by one and edited by the other, as a conflict: nothing is lost', () => {
    // The save deleted row b, which was edited meanwhile.
    const ours = table(BASE.rows[0]!, row('row-b', { canal: 'Presse locale', budget: 500 }), BASE.rows[2]!)
    const theirs = table(BASE.rows[0]!, BASE.rows[2]!)
    const deleted = merge3(BASE, ours, theirs)
    expect(deleted.value.rows.map((r) => r.id)).toEqual(['row-a', 'row-b', 'row-c'])
    expect(deleted.conflicts).toEqual([{ path: ['rows', 1], base: BASE.rows[1], ours: ours.rows[1], theirs: undefined }])
    // The other way round: deleted meanwhile, edited by the save.
    const edited = merge3(BASE, table(BASE.rows[0]!, BASE.rows[2]!), table(BASE.rows[0]!, row('row-b', { canal: 'Presse', budget: 900 }), BASE.rows[2]!))
    expect(edited.value.rows.map((r) => [r.id, r.cells.budget])).toEqual([
      ['row-a', 1000],
      ['row-b', 900],
      ['row-c', 300],
    ])
    expect(edited.conflicts.map((c) => c.path)).toEqual([['rows', 1]])
    // Deleted on one side, untouched on the other: deleted, no conflict.
    expect(merge3(BASE, table(BASE.rows[0]!, BASE.rows[2]!), BASE)).toEqual({ value: table(BASE.rows[0]!, BASE.rows[2]!), conflicts: [] })
  })

  it('keeps a reordering by one side with the other side’s edits and additions', () => {
    const reordered = table(BASE.rows[2]!, BASE.rows[0]!, BASE.rows[1]!)
    const edited = table(BASE.rows[0]!, row('row-x', { canal: 'Cinéma', budget: 50 }), row('row-b', { canal: 'Presse', budget: 650 }), BASE.rows[2]!)
    for (const [ours, theirs] of [
      [reordered, edited],
      [edited, reordered],
    ] as const) {
      const { value, conflicts } = merge3(BASE, ours, theirs)
      expect(conflicts).toEqual([])
      expect(value.rows.map((r) => r.id)).toEqual(['row-c', 'row-a', 'row-x', 'row-b'])
      expect(value.rows[3]!.cells.budget).toBe(650)
    }
    // Both reordered: the current order stays.
    const other = table(BASE.rows[1]!, BASE.rows[2]!, BASE.rows[0]!)
    expect(merge3(BASE, reordered, other).value.rows.map((r) => r.id)).toEqual(['row-c', 'row-a', 'row-b'])
  })

  it('merges nested lists by id and treats other lists as one value', () => {
    const persona = (media: { id: string; channel: string }[], speakers: string[]) => ({ personas: [{ id: 'persona-1', firstName: 'Léa', media, speakers }] })
    const base = persona([{ id: 'media-1', channel: 'Radio' }], ['anna'])
    const ours = persona([{ id: 'media-1', channel: 'Radio locale' }], ['anna'])
    const theirs = persona(
      [
        { id: 'media-1', channel: 'Radio' },
        { id: 'media-2', channel: 'TikTok' },
      ],
      ['anna', 'mael'],
    )
    expect(merge3(base, ours, theirs)).toEqual({
      value: persona(
        [
          { id: 'media-1', channel: 'Radio locale' },
          { id: 'media-2', channel: 'TikTok' },
        ],
        ['anna', 'mael'],
      ),
      conflicts: [],
    })
    const clash = merge3(base, persona(base.personas[0]!.media, ['mael']), persona(base.personas[0]!.media, ['bruno']))
    expect(clash.conflicts.map((c) => c.path)).toEqual([['personas', 0, 'speakers']])
  })

  it('compares values deeply, whatever the order of keys', () => {
    expect(deepEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true)
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(true)
    expect(deepEqual([1, 2], [2, 1])).toBe(false)
    expect(deepEqual(null, {})).toBe(false)
  })
})
