import { describe, expect, it } from 'vitest'
import type { CellSpec, CellValue } from './cells'
import { parseCell } from './parse'
import { parseClipboard, pasteBlock, pasteMessage, type PasteColumn } from './paste'

describe('parseClipboard', () => {
  it('reads rows and cells as Excel and Google Sheets copy them', () => {
    expect(parseClipboard('a\tb\tc\r\nd\te\tf\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ])
    expect(parseClipboard('a\tb\nc\td')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ])
    expect(parseClipboard('seul')).toEqual([['seul']])
    expect(parseClipboard('')).toEqual([])
    expect(parseClipboard('\n')).toEqual([])
  })

  it('keeps empty cells and empty rows inside the block', () => {
    expect(parseClipboard('a\t\tc\n\nd\t')).toEqual([['a', '', 'c'], [''], ['d', '']])
  })

  it('reads quoted cells with line breaks, tabs and doubled quotes', () => {
    expect(parseClipboard('"ligne 1\r\nligne 2"\t"avec\ttab"\t"dit ""oui"""\nx\ty\tz\n')).toEqual([
      ['ligne 1\nligne 2', 'avec\ttab', 'dit "oui"'],
      ['x', 'y', 'z'],
    ])
  })

  it('keeps a quote that opens no quoted cell as typed', () => {
    expect(parseClipboard('"premium" boutique\tb\n12" écran')).toEqual([['"premium" boutique', 'b'], ['12" écran']])
  })
})

type Row = { id: string; cells: Record<string, CellValue> }
const spec = (type: CellSpec['type'], more: Partial<CellSpec> = {}): CellSpec => ({ type, ...more })
const column = (id: string, s: CellSpec): PasteColumn<Row> => ({
  parse: s.type === 'computed' ? null : (text) => parseCell(s, text),
  set: (row, value) => ({ ...row, cells: { ...row.cells, [id]: value } }),
})
const columns = [
  column('nom', spec('text')),
  column('montant', spec('number', { unit: '€' })),
  column('date', spec('date')),
  column('total', spec('computed')),
  column('statut', spec('choice', { options: [{ value: 'fait', label: 'Fait' }] })),
]
let made = 0
const newRow = (): Row => ({ id: `r${++made}`, cells: {} })
const existing: Row[] = [
  { id: 'a', cells: { nom: 'Salon', montant: 100 } },
  { id: 'b', cells: { nom: 'Affiches' } },
]

describe('pasteBlock', () => {
  it('fills several rows and columns from the active cell, adding rows as needed', () => {
    made = 0
    const block = parseClipboard('Stand\t1 250,50\t14/05/2027\nFlyers\t300\t01/06/2027\nVidéo\t2 000 €\t\n')
    const result = pasteBlock(existing, { row: 1, column: 0 }, block, columns, newRow, 500)
    expect(result.rows.map((r) => r.cells)).toEqual([
      { nom: 'Salon', montant: 100 },
      { nom: 'Stand', montant: 1250.5, date: '2027-05-14' },
      { nom: 'Flyers', montant: 300, date: '2027-06-01' },
      { nom: 'Vidéo', montant: 2000, date: null },
    ])
    expect(result.rows.map((r) => r.id)).toEqual(['a', 'b', 'r1', 'r2'])
    expect(result).toMatchObject({ height: 3, width: 3, invalid: [], droppedRows: 0, droppedColumns: 0, skipped: 0 })
    expect(pasteMessage(result, 500)).toBe('3\u00a0lignes et 3\u00a0colonnes collées.')
  })

  it('leaves computed columns alone, ignores columns past the last, stops at the row limit', () => {
    const block = [
      ['14/05/2027', '999', 'fait', 'en trop'],
      ['15/05/2027', '1', 'FAIT', 'en trop'],
      ['16/05/2027', '2', '', 'en trop'],
    ]
    const result = pasteBlock(existing, { row: 0, column: 2 }, block, columns, newRow, 2)
    expect(result.rows.map((r) => r.cells)).toEqual([
      { nom: 'Salon', montant: 100, date: '2027-05-14', statut: 'fait' },
      { nom: 'Affiches', date: '2027-05-15', statut: 'fait' },
    ])
    expect(result).toMatchObject({ height: 2, width: 3, droppedRows: 1, droppedColumns: 1, skipped: 2 })
    expect(pasteMessage(result, 2)).toBe(
      '2\u00a0lignes et 3\u00a0colonnes collées. 2\u00a0cellules calculées laissées telles quelles. 1\u00a0ligne non collée : 2 lignes au plus. 1\u00a0colonne ignorée au-delà de la dernière.',
    )
  })

  it('names the cells a column refuses and leaves them unchanged', () => {
    const result = pasteBlock(existing, { row: 0, column: 1 }, [['douze', '31/02/2027'], ['5']], columns, newRow, 500)
    expect(result.rows.map((r) => r.cells)).toEqual([
      { nom: 'Salon', montant: 100 },
      { nom: 'Affiches', montant: 5 },
    ])
    expect(result.invalid).toEqual([
      { row: 0, column: 1, text: 'douze', error: 'un nombre est attendu, par exemple 1\u202f250,5' },
      { row: 0, column: 2, text: '31/02/2027', error: 'date attendue au format JJ/MM/AAAA' },
    ])
    expect(pasteMessage(result, 500)).toBe('2\u00a0lignes et 2\u00a0colonnes collées. 2\u00a0cellules refusées, à corriger : elles ne sont pas enregistrées.')
  })

  it('does not change the rows it was given', () => {
    const before = JSON.stringify(existing)
    pasteBlock(existing, { row: 0, column: 0 }, [['X', '1']], columns, newRow, 500)
    expect(JSON.stringify(existing)).toBe(before)
  })
})
