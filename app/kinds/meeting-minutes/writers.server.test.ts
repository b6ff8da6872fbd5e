import { AlignmentType, Document, LevelFormat, Packer } from 'docx'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import type { DossierExport } from '~/services/exports/model.server'
import { docx } from './docx.server'
import { emptyAction, emptyMeeting } from './minutes'
import type { MeetingMinutesConfig, MeetingMinutesValue } from './schema'
import { xlsx } from './xlsx.server'

const config: MeetingMinutesConfig = { kind: 'meetingMinutes', minMinutes: 2 }
const value: MeetingMinutesValue = {
  meetings: [
    { ...emptyMeeting('reunion-bilan'), date: '2027-04-02', title: 'Bilan', agenda: 'Résultats' },
    {
      ...emptyMeeting('reunion-lancement'),
      date: '2027-03-01',
      title: 'Lancement',
      participants: 'Léa Martin\nPaul Roux',
      agenda: 'Budget\nCalendrier',
      decisions: 'Budget validé',
      actions: [
        { ...emptyAction('action-brief'), what: 'Brief graphiste', owner: 'Léa', due: '2027-03-05', status: 'fait' },
        { ...emptyAction('action-devis'), what: 'Devis imprimeur', owner: 'Paul', due: '2027-03-10', status: 'en-cours' },
      ],
      nextDate: '2027-04-02',
    },
  ],
}
const model = { images: new Map() } as unknown as DossierExport
const TODAY = '2027-03-15'

async function wordText(): Promise<string> {
  const blocks = docx(config, value, { level: 3, model, today: TODAY, nextListInstance: () => 1 })
  const numbering = { config: [{ reference: 'ordered', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }] }] }
  const buffer = await Packer.toBuffer(new Document({ numbering, sections: [{ children: blocks }] }))
  const xml = await (await JSZip.loadAsync(buffer)).file('word/document.xml')!.async('string')
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|')
}

describe('meeting minutes in Word', () => {
  it('writes the calendar, then each meeting by date as a minutes document with its actions table', async () => {
    const text = await wordText()
    expect(text).toContain('Date|Objet|État|Prochaine réunion|01/03/2027|Lancement|Compte-rendu rédigé|02/04/2027|02/04/2027|Bilan|Planifiée|—')
    expect(text.indexOf('Compte-rendu : Lancement (01/03/2027)')).toBeLessThan(text.indexOf('Réunion planifiée : Bilan (02/04/2027)'))
    expect(text).toContain('Participants|Léa Martin|Paul Roux|Ordre du jour|Budget|Calendrier|Décisions|Budget validé')
    expect(text).toContain('Action|Responsable|Échéance|Statut|Brief graphiste|Léa|05/03/2027|Fait|Devis imprimeur|Paul|10/03/2027|En cours')
    expect(text).toContain('Prochaine réunion : |2 avril 2027')
  })
})

describe('meeting minutes in Excel', () => {
  it('writes one row per action with typed dates, a meeting without actions on a row of its own, and a live overdue formula', () => {
    const ws = new ExcelJS.Workbook().addWorksheet('Comptes-rendus')
    xlsx!.write(ws, config, value, { model, today: TODAY, holidaysRef: '' })
    expect((ws.getRow(1).values as ExcelJS.CellValue[]).slice(1)).toEqual([
      'Date de la réunion',
      'Objet',
      'État',
      'Participants',
      'Décisions',
      'Prochaine réunion',
      'Action',
      'Responsable',
      'Échéance',
      'Statut',
      'Retard',
    ])
    const row = (r: number) => (ws.getRow(r).values as ExcelJS.CellValue[]).slice(1)
    expect(row(2).slice(0, 10)).toEqual([
      new Date(Date.UTC(2027, 2, 1)),
      'Lancement',
      'Compte-rendu rédigé',
      'Léa Martin\nPaul Roux',
      'Budget validé',
      new Date(Date.UTC(2027, 3, 2)),
      'Brief graphiste',
      'Léa',
      new Date(Date.UTC(2027, 2, 5)),
      'Fait',
    ])
    expect(ws.getCell('K2').value).toEqual({ formula: 'IF(AND(I2<>"",I2<TODAY(),J2<>"Fait"),"En retard","")' })
    expect(ws.getCell('A2').numFmt).toBe('dd/mm/yyyy')
    expect(ws.getCell('I3').numFmt).toBe('dd/mm/yyyy')
    // The second action repeats its meeting's date and purpose, not its texts.
    expect([ws.getCell('A3').value, ws.getCell('B3').value, ws.getCell('D3').value, ws.getCell('G3').value]).toEqual([
      new Date(Date.UTC(2027, 2, 1)),
      'Lancement',
      null,
      'Devis imprimeur',
    ])
    expect([ws.getCell('B4').value, ws.getCell('C4').value, ws.getCell('G4').value, ws.getCell('K4').value]).toEqual(['Bilan', 'Planifiée', null, null])
  })
})
