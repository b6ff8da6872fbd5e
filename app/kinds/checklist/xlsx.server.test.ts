import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { XlsxContext } from '../types.server'
import { xlsx } from './xlsx.server'

describe('checklist sheet', () => {
  it('writes one row per point of the template, Oui or Non', () => {
    const ws = new ExcelJS.Workbook().addWorksheet('Contrôles')
    const items = [
      { id: 'a', label: 'Relecture faite' },
      { id: 'b', label: 'Droits vérifiés' },
    ]
    xlsx!.write(ws, { kind: 'checklist', items }, { checked: { a: true, ancien: true } }, {} as XlsxContext)
    expect([1, 2, 3].map((r) => [ws.getCell(r, 1).value, ws.getCell(r, 2).value])).toEqual([
      ['Point', 'Fait'],
      ['Relecture faite', 'Oui'],
      ['Droits vérifiés', 'Non'],
    ])
    expect(ws.getCell(4, 1).value).toBeNull()
  })
})
