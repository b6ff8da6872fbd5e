import { AlignmentType, Document, LevelFormat, Packer, type FileChild } from 'docx'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import type { DossierExport } from '~/services/exports/model.server'
import type { PassageSelectors } from '~/domain/annotation'
import type { DocxContext, DocxPassageComments } from '../types.server'
import { anchoringText } from './anchoring'
import { docx } from './docx.server'
import { RICH_TEXT_LABELS } from './labels'
import { sanitize } from './sanitize'
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

/** The text of document.xml between the range start and end of comment `id`, or null when either is missing. */
function commentedText(xml: string, id: number): string | null {
  const start = xml.indexOf(`<w:commentRangeStart w:id="${id}"/>`)
  const end = xml.indexOf(`<w:commentRangeEnd w:id="${id}"/>`)
  return start < 0 || end < start ? null : textOf(xml.slice(start, end))
}

/** Selectors of `exact` as it stands in `text` (the n-th occurrence), built by hand: what the comment service stores. */
function selectorsOf(anchoring: string, exact: string, occurrence = 0): PassageSelectors {
  let start = -1
  for (let i = 0; i <= occurrence; i++) start = anchoring.indexOf(exact, start + 1)
  if (start < 0) throw new Error(`« ${exact} » absent`)
  return [
    {
      type: 'TextQuoteSelector',
      exact,
      prefix: anchoring.slice(Math.max(0, start - 32), start),
      suffix: anchoring.slice(start + exact.length, start + exact.length + 32),
    },
    { type: 'TextPositionSelector', start, end: start + exact.length },
  ]
}

describe('comments on passages in Word', () => {
  const anchoring = anchoringText(sanitize(FULL))
  const passages = (list: [number, string, number?][]): DocxPassageComments => ({
    comments: list.map(([id, exact, occurrence]) => ({ id, selectors: selectorsOf(anchoring, exact, occurrence) })),
    placed: new Set(),
  })

  it('counts characters as the anchoring text does: text nodes in order, nothing between blocks', () => {
    expect(anchoring).toBe(
      'Comportements observésLes acheteuses fidèles préfèrent l’éco-conception ; source : XerfiPoint à puceSous-pointUne citationsur deux lignesSegmentPartUrbaines actives40 %Carte',
    )
  })

  it('puts each range around exactly the passage words: across marks and links, in a list item, a table cell, and across blocks', async () => {
    const comments = passages([
      [0, 'fidèles préfèrent l’éco'],
      [1, 'source : Xer'],
      [2, 'Sous-point'],
      [3, 'baines act'],
      [4, 'puceSous'],
      [5, 'citationsur deux'],
      [6, 'e'],
    ])
    const ctx = { ...context(), passages: comments }
    const xml = await xmlOf(docx(field, FULL, ctx))
    expect(commentedText(xml, 0)).toBe('fidèles préfèrent l’éco')
    expect(commentedText(xml, 1)).toBe('source : Xer')
    expect(commentedText(xml, 2)).toBe('Sous-point')
    expect(commentedText(xml, 3)).toBe('baines act')
    expect(commentedText(xml, 4)).toBe('puceSous')
    expect(commentedText(xml, 5)).toBe('citationsur deux')
    expect(commentedText(xml, 6)).toBe('e')
    expect([...comments.placed].sort()).toEqual([0, 1, 2, 3, 4, 5, 6])
    // Every range ends with its reference, and the words are all still there once.
    for (let id = 0; id <= 6; id++)
      expect(xml).toMatch(new RegExp(`<w:commentRangeEnd w:id="${id}"/><w:r>(<w:rPr>.*?</w:rPr>)?<w:commentReference w:id="${id}"/>`))
    expect(textOf(xml)).toBe(textOf(await xmlOf(docx(field, FULL, context()))))
    // The marks survive the cut: « fidèles » stays bold, « Xer » stays a link.
    expect(xml).toMatch(/<w:b\/>(?:(?!<\/w:r>).)*<w:t[^>]*>fidèles<\/w:t>/s)
    expect(xml).toMatch(/<w:hyperlink[^>]*>(?:(?!<\/w:hyperlink>).)*<w:t[^>]*>Xer<\/w:t>/s)
    // The range inside the table cell starts and ends in that cell.
    const cells = [...xml.matchAll(/<w:tc>.*?<\/w:tc>/gs)].map((m) => m[0])
    const cellXml = cells.find((c) => c.includes('<w:commentRangeStart w:id="3"/>'))
    expect(cellXml).toContain('<w:commentRangeEnd w:id="3"/>')
    expect(textOf(cellXml!)).toBe('Urbaines actives')
  })

  it('anchors on the current text: a passage moved by an edit is still found, a deleted one is left to the caller', async () => {
    const comments = passages([
      [0, 'Urbaines actives'],
      [1, 'Sous-point'],
    ])
    const edited = structuredClone(FULL)
    // Words inserted before both passages, and the second one deleted.
    edited.content!.unshift({ type: 'paragraph', content: [{ type: 'text', text: 'Un paragraphe ajouté au début. ' }] })
    const list = edited.content!.find((n) => n.type === 'bulletList')!
    list.content![0]!.content = list.content![0]!.content!.slice(0, 1)
    const xml = await xmlOf(docx(field, edited, { ...context(), passages: comments }))
    expect(commentedText(xml, 0)).toBe('Urbaines actives')
    expect(xml).not.toContain('w:id="1"')
    expect([...comments.placed]).toEqual([0])
  })

  it('writes nothing more without passages', async () => {
    const xml = await xmlOf(docx(field, FULL, { ...context(), passages: { comments: [], placed: new Set() } }))
    expect(xml).not.toContain('comment')
  })
})
