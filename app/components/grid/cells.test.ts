import { describe, expect, it } from 'vitest'
import { displayText, editText, type CellSpec } from './cells'
import { parseCell, parseDate } from './parse'

describe('parseDate', () => {
  it.each([
    ['14/05/2027', '2027-05-14'],
    ['1/2/2027', '2027-02-01'],
    ['14.05.27', '2027-05-14'],
    ['14-05-2027', '2027-05-14'],
    ['2027-05-14', '2027-05-14'],
    [' 29/02/2028 ', '2028-02-29'],
  ])('reads « %s » as %s', (text, iso) => expect(parseDate(text)).toBe(iso))

  it('refuses what is not a calendar date', () => {
    for (const text of ['31/04/2027', '29/02/2027', '14/13/2027', 'mai 2027', '2027/05/14', '14/05']) expect(parseDate(text)).toBeUndefined()
    expect(parseDate('')).toBeNull()
  })
})

describe('parseCell', () => {
  const duration: CellSpec = { type: 'number', integer: true, min: 0, max: 1000 }
  const level: CellSpec = {
    type: 'choice',
    options: [
      { value: 'cœur', label: 'Cœur de cible' },
      { value: 'second', label: 'Cible secondaire' },
    ],
  }

  it('converts each type, and says why it cannot', () => {
    expect(parseCell({ type: 'text', maxLength: 5 }, 'Salon')).toEqual({ value: 'Salon' })
    expect(parseCell({ type: 'text', maxLength: 5 }, 'Salons')).toEqual({ error: '5 caractères au plus' })
    expect(parseCell(duration, '4')).toEqual({ value: 4 })
    expect(parseCell(duration, '')).toEqual({ value: null })
    expect(parseCell(duration, '2,5')).toEqual({ error: 'un nombre entier est attendu' })
    expect(parseCell(duration, '-1')).toEqual({ error: '0 au moins' })
    expect(parseCell(duration, '1001')).toEqual({ error: '1\u202f000 au plus' })
    expect(parseCell(duration, 'trois')).toEqual({ error: 'un nombre est attendu, par exemple 1\u202f250,5' })
    expect(parseCell({ type: 'date' }, '14/05/2027')).toEqual({ value: '2027-05-14' })
    expect(parseCell({ type: 'date' }, '31/02/2027')).toEqual({ error: 'date attendue au format JJ/MM/AAAA' })
    expect(parseCell({ type: 'computed' }, '3')).toEqual({ error: 'cellule calculée' })
  })

  it('finds a choice by its label or its value, accents and case aside', () => {
    expect(parseCell(level, 'coeur de CIBLE')).toEqual({ value: 'cœur' })
    expect(parseCell(level, 'second')).toEqual({ value: 'second' })
    expect(parseCell(level, ' ')).toEqual({ value: null })
    expect(parseCell(level, 'Prescripteurs')).toEqual({ error: 'choisissez parmi : Cœur de cible, Cible secondaire' })
  })

  it('writes a value back as text to edit, and as the grid shows it', () => {
    expect(editText({ type: 'number' }, 1250.5)).toBe('1250,5')
    expect(editText({ type: 'date' }, '2027-05-14')).toBe('14/05/2027')
    expect(editText(level, 'cœur')).toBe('Cœur de cible')
    expect(editText({ type: 'text' }, null)).toBe('')
    expect(displayText({ type: 'number', unit: '€' }, 1250.5)).toBe('1\u202f250,50\u00a0€')
    expect(displayText({ type: 'number', unit: '%' }, 40)).toBe('40\u00a0%')
    expect(displayText({ type: 'number' }, 4200000)).toBe('4\u202f200\u202f000')
    expect(displayText({ type: 'date' }, '2027-05-14')).toBe('14/05/2027')
    // What the text round-trips to.
    expect(parseCell({ type: 'number' }, editText({ type: 'number' }, -0.25))).toEqual({ value: -0.25 })
  })
})
