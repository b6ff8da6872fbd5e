import { Document, Packer } from 'docx'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { svgOf } from '~/services/exports/charts.server'
import type { DocxContext, XlsxContext } from '../types.server'
import { CHART_WIDTH, PositioningChart } from './chart'
import { docx } from './docx.server'
import { configSchema, type PositioningMapValue } from './schema'
import { xlsx } from './xlsx.server'

const config = configSchema.parse({ kind: 'positioningMap' })
const value: PositioningMapValue = {
  x: { name: 'Prix', low: 'Prix bas', high: 'Prix élevé' },
  y: { name: 'Image', low: 'Tradition et savoir-faire artisanal transmis de génération en génération', high: 'Innovation' },
  brands: [
    { id: 'brand-dupont', name: 'Maison Dupont', x: 2, y: -3, size: 8, comment: 'Épicerie fine' },
    { id: 'brand-biocoo', name: 'Biocoop', x: 3, y: 1, size: 25, comment: '' },
    { id: 'brand-edge01', name: 'Une enseigne au nom vraiment très très long', x: 5, y: 5, size: null, comment: '' },
    { id: 'brand-empty1', name: '', x: null, y: null, size: null, comment: '' },
  ],
  companyId: 'brand-dupont',
}
// The writers of this kind use nothing from the context.
const docxCtx = {} as DocxContext
const xlsxCtx = {} as XlsxContext

async function documentOf(children: ReturnType<typeof docx>) {
  const zip = await JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children }] })))
  return { zip, xml: await zip.file('word/document.xml')!.async('string') }
}

describe('positioning map Word writer', () => {
  it('writes the chart as a PNG with its text alternative, the axes, then the data table', async () => {
    const { zip, xml } = await documentOf(docx(config, value, docxCtx))
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'))
    expect(media).toHaveLength(1)
    const png = await zip.file(media[0]!)!.async('nodebuffer')
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    expect(png.readUInt32BE(16)).toBe(CHART_WIDTH * 1.5)
    const descr = /<wp:docPr[^>]*descr="([^"]*)"/.exec(xml)?.[1] ?? ''
    expect(descr).toContain('Carte perceptuelle. Axe horizontal')
    expect(descr).toContain('Maison Dupont (l’entreprise)\u00a0: prix 2, image −3, part de marché 8\u00a0%')
    // The image comes first, the table after it.
    expect(xml.indexOf('<w:drawing>')).toBeGreaterThan(-1)
    expect(xml.indexOf('<w:tbl>')).toBeGreaterThan(xml.indexOf('<w:drawing>'))
    const table = xml.slice(xml.indexOf('<w:tbl>'))
    const texts = [...table.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1])
    expect(texts.slice(0, 6)).toEqual([
      'Marque',
      'Rôle',
      'Prix (−5 Prix bas → 5 Prix élevé)',
      expect.stringMatching(/^Image \(−5 Tradition/),
      'Part de marché (%)',
      'Commentaire',
    ])
    expect(texts).toContain('Entreprise')
    expect(texts).toContain('8\u00a0%')
    expect(texts).toContain('−3')
    // The empty row is left out: 3 brands + the header.
    expect(table.match(/<w:tr>|<w:tr /g)).toHaveLength(4)
  })

  it('writes only the axes and the table when no brand is placed', async () => {
    const { zip, xml } = await documentOf(docx(config, { ...value, brands: [{ ...value.brands[0]!, x: null }] }, docxCtx))
    expect(Object.keys(zip.files).some((f) => f.startsWith('word/media/'))).toBe(false)
    expect(xml).toContain('<w:tbl>')
    expect(xml).toContain('Axe horizontal')
  })
})

describe('positioning map chart', () => {
  it('keeps every label inside the picture', () => {
    const svg = svgOf(<PositioningChart value={value} scale={config.scale} id="test" fontFamily="DejaVu Sans" />)
    expect(svg).toMatch(/^<svg[^>]*viewBox="0 0 640 480"/)
    for (const [, x] of svg.matchAll(/<(?:text|tspan)[^>]* x="([-\d.]+)"/g)) {
      expect(Number(x)).toBeGreaterThanOrEqual(0)
      expect(Number(x)).toBeLessThanOrEqual(CHART_WIDTH)
    }
    // The long brand name is shortened, its middle kept far enough from the right edge for its estimated width.
    const label = /<text[^>]* x="([\d.]+)"[^>]*>Une enseigne au nom vraim…<\/text>/.exec(svg)
    expect(label).not.toBeNull()
    expect(Number(label![1]) + (26 * 7) / 2).toBeLessThanOrEqual(CHART_WIDTH)
    // The long pole is wrapped over several lines.
    expect(svg).toContain('>Tradition et savoir-faire artisanal transmis de<')
    expect(svg).toContain('Maison Dupont (l’entreprise)')
  })
})

describe('positioning map Excel writer', () => {
  it('types the cells and names the axes in the header', () => {
    const ws = new ExcelJS.Workbook().addWorksheet('Carte')
    xlsx!.write(ws, config, value, xlsxCtx)
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Marque',
      'Entreprise',
      'Prix (−5 Prix bas → 5 Prix élevé)',
      'Image (−5 Tradition et savoir-faire artisanal transmis de génération en génération → 5 Innovation)',
      'Part de marché (%)',
      'Commentaire',
    ])
    expect(ws.getCell('A2').value).toBe('Maison Dupont')
    expect(ws.getCell('B2').value).toBe('Oui')
    expect(ws.getCell('B3').value).toBe('Non')
    expect(ws.getCell('C2').value).toBe(2)
    expect(ws.getCell('D2').value).toBe(-3)
    expect(ws.getCell('E2').value).toBe(0.08)
    expect(ws.getCell('E2').numFmt).toBe('0.0%')
    expect(ws.getCell('E4').value).toBeNull()
    expect(ws.getCell('F2').value).toBe('Épicerie fine')
    // The empty brand has no row.
    expect(ws.actualRowCount).toBe(4)
  })
})
