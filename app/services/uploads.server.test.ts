import { Document, Packer, Paragraph } from 'docx'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { fileHeaders, sniffAttachment } from './uploads.server'

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')

async function odt(): Promise<Uint8Array> {
  const zip = new JSZip()
  // ODF: the « mimetype » entry first, stored uncompressed, says what the package is.
  zip.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' })
  zip.file('content.xml', '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>')
  return zip.generateAsync({ type: 'uint8array' })
}

describe('the real type of an evidence file', () => {
  it('accepts images, PDFs and office documents by their content', async () => {
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('Planning').addRow(['Tâche', 'Début'])
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer())
    const docx = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Rétroplanning')] }] })))
    expect(await sniffAttachment(PNG)).toEqual({ ext: 'png', mime: 'image/png' })
    expect(await sniffAttachment(PDF)).toEqual({ ext: 'pdf', mime: 'application/pdf' })
    expect(await sniffAttachment(xlsx)).toEqual({ ext: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
    expect(await sniffAttachment(docx)).toEqual({ ext: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' })
    expect(await sniffAttachment(await odt())).toEqual({ ext: 'odt', mime: 'application/vnd.oasis.opendocument.text' })
  })

  it('refuses, in French, what is none of them — whatever its name', async () => {
    const text = await sniffAttachment(new TextEncoder().encode('Ceci n’est pas un PDF.'))
    expect(text).toEqual({ error: expect.stringContaining('ce fichier n’en est pas un') })
    const zip = new JSZip()
    zip.file('notes.txt', 'bonjour')
    const archive = await sniffAttachment(await zip.generateAsync({ type: 'uint8array' }))
    expect(archive).toEqual({ error: expect.stringContaining('du type «\u00a0zip\u00a0»') })
    const svg = await sniffAttachment(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))
    expect('error' in svg).toBe(true)
    expect(await sniffAttachment(new Uint8Array())).toEqual({ error: 'Ce fichier est vide.' })
  })
})

describe('how a stored file is served', () => {
  it('shows images and PDFs, downloads office files under their name, never sniffed again', () => {
    const image = new Headers(fileHeaders('image/png', 10, null))
    expect(image.get('Content-Disposition')).toBe('inline')
    expect(image.get('X-Content-Type-Options')).toBe('nosniff')
    const pdf = new Headers(fileHeaders('application/pdf', 10, 'Plan média été.pdf'))
    expect(pdf.get('Content-Disposition')).toBe(`inline; filename="Plan media ete.pdf"; filename*=UTF-8''Plan%20m%C3%A9dia%20%C3%A9t%C3%A9.pdf`)
    const sheet = new Headers(fileHeaders('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 10, 'a"b.xlsx'))
    expect(sheet.get('Content-Disposition')).toBe(`attachment; filename="a_b.xlsx"; filename*=UTF-8''a%22b.xlsx`)
    // A juror's copy names nobody.
    expect(new Headers(fileHeaders('application/vnd.oasis.opendocument.text', 10, null)).get('Content-Disposition')).toBe(
      'attachment; filename="piece-jointe.odt"; filename*=UTF-8\'\'piece-jointe.odt',
    )
  })
})
