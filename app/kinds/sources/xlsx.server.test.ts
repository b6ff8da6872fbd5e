import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { XlsxContext } from '../types.server'
import { xlsx } from './xlsx.server'

describe('sources sheet', () => {
  it('writes the labels the screen uses, one row per written source, addresses as links', () => {
    const ws = new ExcelJS.Workbook().addWorksheet('Sources')
    const blank = { id: 'src-blank0', title: '', url: '', origin: '' as const, type: '', note: '' }
    const xerfi = { id: 'src-xerfi0', title: 'Xerfi', url: 'https://www.xerfi.com', origin: 'externe' as const, type: 'Étude', note: '' }
    const crm = { id: 'src-crm000', title: '', url: '', origin: 'interne' as const, type: '', note: 'Avis clients' }
    xlsx!.write(ws, { kind: 'sources' }, { rows: [blank, xerfi, crm] }, {} as XlsxContext)
    const values = (r: number) => (ws.getRow(r).values as ExcelJS.CellValue[]).slice(1)
    expect(values(1)).toEqual(['Source', 'Origine', 'Type', 'Adresse web', 'Ce qu’elle apporte'])
    expect(values(2).slice(0, 3)).toEqual(['Xerfi', 'Externe', 'Étude'])
    expect(ws.getCell('D2').value).toEqual({ text: 'https://www.xerfi.com', hyperlink: 'https://www.xerfi.com' })
    expect(ws.getCell('B3').value).toBe('Interne')
    expect(ws.getCell('E3').value).toBe('Avis clients')
    expect(ws.getRow(4).cellCount).toBe(0)
  })
})
