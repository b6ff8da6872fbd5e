import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { referentiel } from '#templates/referentiel'
import { MOODLE_HEADERS, moodleCsv, shortName } from './moodle-csv'

describe('Moodle competency framework CSV', () => {
  const text = moodleCsv(referentiel)
  const [header, ...rows] = parse(text, { bom: true, relax_column_count: false }) as string[][]

  it('starts with a BOM and the 14 columns Moodle expects', () => {
    expect(text.charCodeAt(0)).toBe(0xfeff)
    expect(header).toEqual([...MOODLE_HEADERS])
  })
  it('has one framework row, then one row per activity, competency and criterion', () => {
    expect(rows.filter((r) => r[12] === '1')).toHaveLength(1)
    expect(rows).toHaveLength(1 + 15 + 51 + 190)
    const ids = rows.map((r) => r[1])
    expect(new Set(ids).size).toBe(ids.length)
  })
  it('points every child at an existing parent', () => {
    const ids = new Set(rows.map((r) => r[1]))
    for (const r of rows.slice(1)) if (r[0]) expect(ids.has(r[0])).toBe(true)
    expect(rows.find((r) => r[1] === 'C12.5-4')?.[0]).toBe('C12.5')
    expect(rows.find((r) => r[1] === 'A12')?.[0]).toBe('')
  })
  it('keeps descriptions verbatim, accents included, and short names within 100 characters', () => {
    const c32 = rows.find((r) => r[1] === 'C3.2')!
    expect(c32[3]).toContain('produire les personae (profil précis des cibles décrivant leurs âges')
    for (const r of rows) expect(r[2]!.length).toBeLessThanOrEqual(100)
  })
  it('cuts long short names on a word', () => {
    expect(shortName('C1', 'mot '.repeat(40), 20)).toBe('C1 - mot mot mot…')
  })
})
