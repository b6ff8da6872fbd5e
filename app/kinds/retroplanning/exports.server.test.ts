import { Document, Packer } from 'docx'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import type { DossierExport } from '~/services/exports/model.server'
import { docx } from './docx.server'
import { HOLIDAYS_SHEET, holidaysRange, writeHolidays } from './holidays.server'
import { emptyTask } from './retroplanning'
import { configSchema, type RetroplanningValue, type RetroTask } from './schema'
import { xlsx } from './xlsx.server'

const field = configSchema.parse({ kind: 'retroplanning', groupLabel: 'Activité ou lot', tracking: true })
const task = (id: string, name: string, duration: number, patch: Partial<RetroTask> = {}): RetroTask => ({
  ...emptyTask(id),
  name,
  owner: 'Studio',
  duration,
  ...patch,
})
const value: RetroplanningValue = {
  deadline: '2027-05-14',
  projectStart: '2027-05-03',
  tasks: [
    task('tache-brief1', 'Brief', 2, { actualStart: '2027-05-04', actualFinish: '2027-05-11' }),
    task('tache-impres', 'Impression', 2, { dependsOn: ['tache-brief1'], group: 'Print' }),
    task('tache-nodays', 'Routage', 0),
  ],
}
const today = '2027-05-12'

async function wordText(blocks: ReturnType<typeof docx>): Promise<string> {
  const buffer = await Packer.toBuffer(new Document({ sections: [{ children: blocks }] }))
  const xml = await (await JSZip.loadAsync(buffer)).file('word/document.xml')!.async('string')
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|')
}

describe('retroplanning in Word', () => {
  it('writes the deadline, the Gantt image and its text alternative, the tasks with planned and actual dates, and the problems', async () => {
    const blocks = docx(field, value, { level: 3, model: {} as DossierExport, today, nextListInstance: () => 1 })
    const text = await wordText(blocks)
    expect(text).toContain('Date finale : |14 mai 2027')
    expect(text).toContain('Début du projet : |3 mai 2027')
    expect(text).toContain('Diagramme de Gantt jusqu’au 14/05/2027 : Brief du 11/05/2027 au 12/05/2027 ; Impression du 13/05/2027 au 14/05/2027.')
    expect(text).toContain(
      'Tâche|Activité ou lot|Responsable|Durée (jours ouvrés)|Début au plus tard|Fin au plus tard|Début réel|Fin réelle ou estimée|Écart (jours ouvrés)|Alerte',
    )
    // The brief ended a working day before its latest finish.
    expect(text).toContain('Brief|—|Studio|2|11 mai 2027|12 mai 2027|4 mai 2027|11 mai 2027|-1|Vert')
    expect(text).toContain('Impression|Print|Studio|2|13 mai 2027|14 mai 2027|—|—|—|—')
    expect(text).toContain('La tâche « Routage » n’a pas de durée (en jours ouvrés).')
  })
})

describe('retroplanning in Excel', () => {
  it('writes the task sheet with the labels of the screen and live working-day formulas on the holidays range', async () => {
    const workbook = new ExcelJS.Workbook()
    const ws = workbook.addWorksheet('Suivi')
    const years = xlsx!.holidayYears!(field, value, today)
    expect(years).toEqual([2026, 2027, 2028])
    const holidaysRef = holidaysRange(HOLIDAYS_SHEET, years)
    expect(holidaysRef).toBe(`'Jours fériés'!$A$2:$A$34`)
    xlsx!.write(ws, field, value, { model: {} as DossierExport, today, holidaysRef })
    writeHolidays(workbook.addWorksheet(HOLIDAYS_SHEET), years)

    const header = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1, 13)
    expect(header).toEqual([
      'Tâche',
      'Activité ou lot',
      'Responsable',
      'Parties prenantes',
      'Conditions et contraintes',
      'Durée (jours ouvrés)',
      'Début au plus tard',
      'Fin au plus tard',
      'Début réel',
      'Fin réelle ou estimée',
      'Écart (jours ouvrés)',
      'Alerte',
    ])
    expect(ws.getCell('A3').value).toBe('Impression')
    expect((ws.getCell('G3').value as ExcelJS.CellFormulaValue).formula).toBe(`IF(OR($H3="",$F3=""),"",WORKDAY($H3,-($F3-1),${holidaysRef}))`)
    expect((ws.getCell('K2').value as ExcelJS.CellFormulaValue).formula).toContain(`NETWORKDAYS($H2+1,IF($J2="",TODAY(),$J2),${holidaysRef})`)
    const notes = ws.getColumn(1).values.filter((v): v is string => typeof v === 'string')
    expect(notes).toContain('Date finale')
    expect(notes).toContain(
      'Début au plus tard : se recalcule si vous modifiez la durée (jours ouvrés, hors week-ends et jours fériés de la feuille « Jours fériés »).',
    )
    expect(notes).toContain('À corriger : La tâche « Routage » n’a pas de durée (en jours ouvrés).')

    const holidays = workbook.getWorksheet(HOLIDAYS_SHEET)!
    expect(holidays.state).toBe('hidden')
    expect(holidays.getRow(1).values).toEqual([undefined, 'Date', 'Jour férié'])
    // 11 holidays a year, 3 years: rows 2 to 34, as the range says.
    expect(holidays.rowCount).toBe(34)
  })

  it('asks for this year’s holidays, and one either side, while the plan has no date', () => {
    expect(xlsx!.holidayYears!(field, { deadline: null, projectStart: null, tasks: [] }, '2027-01-04')).toEqual([2026, 2027, 2028])
    expect(xlsx!.holidayYears!(field, { ...value, projectStart: '2026-12-01' }, today)).toEqual([2025, 2026, 2027, 2028])
  })
})
