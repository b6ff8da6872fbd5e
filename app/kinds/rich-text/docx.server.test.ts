import { AlignmentType, Document, LevelFormat, Packer, type FileChild } from 'docx'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import type { DossierExport } from '~/services/exports/model.server'
import type { DocxContext } from '../types.server'
import { docx } from './docx.server'
import { RICH_TEXT_LABELS } from './labels'
import { FULL, MALFORMED, nestedQuotes, UPLOAD } from './test-docs'

// A 2×1 red PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEElEQVR4nGP4z8DAwMDAAAAHAQEAq0gRmwAAAABJRU5ErkJggg==', 'base64')
const model = { images: new Map([[UPLOAD, { data: new Uint8Array(PNG), mime: 'image/png' }]]) } as unknown as DossierExport
const context = (): DocxContext => {
  let instance = 0
  return { level: 2, model, today: '2027-03-01', nextListInstance: () => ++instance }
}
const field = { kind: 'richText' as const }

/** The document.xml of a Word file holding these blocks (with the styles and numbering the export defines). */
async function xmlOf(blocks: FileChild[]): Promise<string> {
  const document = new Document({
    styles: { paragraphStyles: [{ id: 'Citation', name: 'Citation', basedOn: 'Normal', run: { italics: true } }] },
    numbering: {
      config: [
        {
          reference: 'ordered',
          levels: [0, 1, 2, 3, 4].map((level) => ({ level, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, alignment: AlignmentType.START })),
        },
      ],
    },
    sections: [{ children: blocks }],
  })
  const zip = await JSZip.loadAsync(await Packer.toBuffer(document))
  return zip.file('word/document.xml')!.async('string')
}
const textOf = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')

describe('rich text in Word', () => {
  it('writes headings under the section, marks, lists, quotes, tables and images', async () => {
    const xml = await xmlOf(docx(field, FULL, context()))
    // h3 sits at the section's inner level (2), h4 one below.
    expect(xml).toMatch(/<w:pStyle w:val="Heading2"\/>.*Comportements observés/s)
    expect(xml).toMatch(/<w:pStyle w:val="Heading3"\/>.*Carte/s)
    expect(xml).toMatch(/<w:b\/>.*fidèles/s)
    expect(xml).toContain('<w:numPr>')
    expect(xml).toMatch(/<w:pStyle w:val="Citation"\/>.*Une citation/s)
    expect(xml).toContain('descr="Carte des points de vente à Lyon"')
    expect(textOf(xml)).toContain('Urbaines actives')
  })

  it.each(Object.entries(MALFORMED))('writes %s without throwing', async (_, value) => {
    const blocks = docx(field, value as never, context())
    expect(blocks.length).toBeGreaterThan(0)
    await expect(xmlOf(blocks)).resolves.toContain('<w:body>')
  })

  it('keeps the words of malformed documents', async () => {
    expect(textOf(await xmlOf(docx(field, MALFORMED['an empty text node'] as never, context())))).toBe('Avant après')
    expect(textOf(await xmlOf(docx(field, MALFORMED['a table cell at the top'] as never, context())))).toBe('Cellule perdueSuite')
    const deep = await xmlOf(docx(field, nestedQuotes(700) as never, context()))
    expect(textOf(deep)).toBe('Tout au fond')
    expect(textOf(deep)).not.toContain(RICH_TEXT_LABELS.plainFallback)
  })
})
