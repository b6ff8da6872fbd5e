import { Document, Packer } from 'docx'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import type { DossierExport } from '~/services/exports/model.server'
import { docx } from './docx.server'
import type { TableConfig, TableValue } from './schema'
import { xlsx } from './xlsx.server'

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
const config: TableConfig = {
  kind: 'table',
  columns: [
    { id: 'fichier', label: 'Fichier', type: 'file' },
    { id: 'outil', label: 'Outil', type: 'text' },
  ],
}
const image = { src: '/fichiers/00000000-0000-4000-8000-00000000000a', name: 'gantt.png', mime: 'image/png', size: PNG.byteLength }
const sheet = {
  src: '/fichiers/00000000-0000-4000-8000-00000000000b',
  name: 'planning.xlsx',
  mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  size: 4096,
}
const value: TableValue = {
  rows: [
    { id: 'row-aaaaaa', cells: { fichier: image, outil: 'Gantt' } },
    { id: 'row-bbbbbb', cells: { fichier: sheet, outil: 'Tableur' } },
  ],
}
const model = { images: new Map([[image.src, { data: new Uint8Array(PNG), mime: 'image/png' }]]), objectives: new Map() } as unknown as DossierExport

describe('evidence files in the exports', () => {
  it('Word: the table names each file, and the images joined follow it', async () => {
    const blocks = docx(config, value, { level: 3, model, today: '2027-01-04', nextListInstance: () => 1 })
    const bytes = await Packer.toBuffer(new Document({ sections: [{ children: blocks }] }))
    const zip = await JSZip.loadAsync(bytes)
    const xml = await zip.file('word/document.xml')!.async('string')
    expect(xml).toContain('gantt.png (Image PNG, 70\u00a0octets)')
    expect(xml).toContain('planning.xlsx (Classeur Excel, 4\u00a0Ko)')
    // The image itself is in the document, once.
    expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/'))).toHaveLength(1)
  })

  it('Excel: a file is its name, type and size in its cell', () => {
    const ws = new ExcelJS.Workbook().addWorksheet('Fichiers')
    xlsx!.write(ws, config, value, { model, today: '2027-01-04', holidaysRef: '' })
    expect(ws.getCell('A1').value).toBe('Fichier')
    expect(ws.getCell('A2').value).toBe('gantt.png (Image PNG, 70\u00a0octets)')
    expect(ws.getCell('A3').value).toBe('planning.xlsx (Classeur Excel, 4\u00a0Ko)')
    expect(ws.getCell('B3').value).toBe('Tableur')
  })
})
