import { Document, Packer } from 'docx'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import type { DossierExport } from '~/services/exports/model.server'
import { docx } from './docx.server'
import { emptyPersona } from './persona'
import type { PersonaConfig, PersonaValue } from './schema'
import { xlsx } from './xlsx.server'

const config: PersonaConfig = { kind: 'persona' }
const value: PersonaValue = {
  personas: [
    {
      ...emptyPersona('persona-lea'),
      firstName: 'Léa',
      age: 34,
      location: 'Lyon',
      tastes: 'Randonnée',
      media: [{ id: 'media-insta', channel: 'Instagram', intensity: 3 }],
      quote: '« Je veux savoir d’où ça vient. »',
      avatar: { src: '/fichiers/00000000-0000-0000-0000-000000000000', alt: 'Portrait de Léa' },
    },
  ],
}
// The writers read only the uploaded images of the dossier (none here: the visual becomes a text stand-in).
const model = { images: new Map() } as unknown as DossierExport

async function wordText(): Promise<string> {
  const blocks = docx(config, value, { level: 2, model, today: '2027-01-04', nextListInstance: () => 1 })
  const buffer = await Packer.toBuffer(new Document({ sections: [{ children: blocks }] }))
  const xml = await (await JSZip.loadAsync(buffer)).file('word/document.xml')!.async('string')
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|')
}

describe('persona in Word', () => {
  it('quotes once, labels fields as on screen and stands in for a missing image', async () => {
    const text = await wordText()
    expect(text).toContain('Persona 1 : Léa')
    expect(text).toContain('«\u00a0Je veux savoir d’où ça vient.\u00a0»')
    expect(text).not.toMatch(/«\s*«/)
    expect(text).toContain('Localisation géographique|Lyon')
    expect(text).toContain('Goûts|Randonnée')
    expect(text).toContain('Consommation médiatique|Instagram (Forte)')
    expect(text).toContain('Âge|34\u00a0ans')
    expect(text).toContain('[Image : Portrait de Léa]')
  })
})

describe('persona in Excel', () => {
  it('writes one row per persona under the labels of the screen', () => {
    const ws = new ExcelJS.Workbook().addWorksheet('Personae')
    xlsx!.write(ws, config, value, { model, today: '2027-01-04', holidaysRef: '' })
    expect((ws.getRow(1).values as ExcelJS.CellValue[]).slice(1)).toEqual([
      'Prénom',
      'Âge',
      'Localisation géographique',
      'CSP',
      'Situation familiale',
      'Goûts',
      'Habitudes',
      'Comportement vis-à-vis des marques',
      'Consommation médiatique',
      'Besoins et motivations',
      'Freins et frustrations',
      'Citation',
      'Inclusion, diversité, accessibilité',
      'Texte alternatif du visuel',
    ])
    expect(ws.getCell('A2').value).toBe('Léa')
    expect(ws.getCell('B2').value).toBe(34)
    expect(ws.getCell('D2').value).toBeNull()
    expect(ws.getCell('I2').value).toBe('Instagram (Forte)')
    expect(ws.getCell('N2').value).toBe('Portrait de Léa')
  })
})
