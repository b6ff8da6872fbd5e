import ExcelJS from 'exceljs'
import { todayInFrance } from '~/domain/calendar'
import { entryOf } from '~/kinds/registry'
import { hasSheet, holidayYearsOf, writeSheet } from '~/kinds/registry.server'
import { holidaysRange, writeHolidays } from '~/kinds/retroplanning/xlsx.server'
import type { DossierExport, ExportSection } from './model.server'
import { addConditionalFills, COLOURS, fitColumns, setCell, SheetNames, text, writeHeader } from './xlsx-sheet.server'

/**
 * Excel export of a dossier, generic over templates: one sheet per section
 * whose kind has one (rich text belongs to the Word export), written by the
 * kind (app/kinds/<kind>/xlsx.server.ts), then the self-assessment. Values
 * are typed (numbers, money, percents, dates) and computed columns are live
 * formulas that Excel or LibreOffice compute on open (no cached results).
 */

export const SELF_ASSESSMENT_SHEET = 'Auto-évaluation'
export const HOLIDAYS_SHEET = 'Jours fériés'
export const EMPTY_SHEET = 'Contenu'

export async function dossierToXlsx(model: DossierExport, options: { sectionId?: string } = {}): Promise<Buffer> {
  const sections = selectedSections(model, options.sectionId)
  const structured = sections.map((s) => ({ title: s.section.title, entry: entryOf(s.section.field, s.value) })).filter((s) => hasSheet(s.entry))
  const today = todayInFrance()

  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Atelier'
  workbook.lastModifiedBy = 'Atelier'
  workbook.title = model.title
  workbook.subject = model.evaluationTitle
  workbook.created = model.generatedAt
  workbook.modified = model.generatedAt
  workbook.calcProperties = { fullCalcOnLoad: true }

  const names = new SheetNames()
  const selfAssessmentName = options.sectionId ? null : names.reserve(SELF_ASSESSMENT_SHEET)
  // Kinds that count working days read French public holidays from a sheet of their own, written last.
  const years = [...new Set(structured.flatMap((s) => holidayYearsOf(s.entry, today)))].sort((a, b) => a - b)
  const holidays = years.length ? { name: names.reserve(HOLIDAYS_SHEET), years } : null
  const holidaysRef = holidays ? holidaysRange(holidays.name, holidays.years) : ''

  for (const s of structured) writeSheet(workbook.addWorksheet(names.take(s.title)), s.entry, { model, today, holidaysRef })
  if (structured.length === 0) writeNothingStructured(workbook.addWorksheet(names.take(EMPTY_SHEET)), emptyMessage(sections, options.sectionId))
  if (selfAssessmentName) writeSelfAssessment(workbook.addWorksheet(selfAssessmentName), model)
  if (holidays) writeHolidays(workbook.addWorksheet(holidays.name), holidays.years)

  return Buffer.from(await workbook.xlsx.writeBuffer())
}

function selectedSections(model: DossierExport, sectionId: string | undefined): ExportSection[] {
  if (!sectionId) return model.sections
  const found = model.sections.filter((s) => s.section.id === sectionId)
  if (found.length === 0) throw new Error(`Section inconnue dans ce dossier : ${sectionId}`)
  return found
}

function emptyMessage(sections: ExportSection[], sectionId: string | undefined): string {
  if (sectionId && sections[0]) {
    return `La section « ${sections[0].section.title} » est un texte rédigé : elle figure dans l’export Word, pas dans le classeur.`
  }
  return 'Ce dossier ne contient que des textes rédigés : ils figurent dans l’export Word. Aucun tableau à exporter.'
}

/** The self-assessment of the criteria the dossier serves, coloured by status. */
function writeSelfAssessment(ws: ExcelJS.Worksheet, model: DossierExport): void {
  writeHeader(ws, ['Compétence', 'Critère', 'Intitulé du critère', 'Statut', 'Justification'])
  const competencies = new Map(model.competencies.map((c) => [c.id, c.text]))
  let n = 2
  for (const group of model.selfAssessment) {
    const competency = competencies.get(group.competencyId)
    for (const c of group.criteria) {
      const row = ws.getRow(n++)
      setCell(row, 1, competency ? `${group.competencyId} — ${competency}` : group.competencyId)
      setCell(row, 2, c.id)
      setCell(row, 3, c.text)
      setCell(row, 4, c.statusLabel)
      setCell(row, 5, text(c.justification))
    }
  }
  if (n > 2) {
    addConditionalFills(ws, `A2:E${n - 1}`, [
      { formula: '$D2="Atteint"', argb: COLOURS.green },
      { formula: '$D2="En cours"', argb: COLOURS.orange },
      { formula: '$D2="À faire"', argb: COLOURS.neutral },
    ])
  }
  fitColumns(ws)
}

/** The one sheet of a workbook with nothing structured to show. */
function writeNothingStructured(ws: ExcelJS.Worksheet, message: string): void {
  writeHeader(ws, ['Contenu'])
  setCell(ws.getRow(2), 1, message)
  ws.getColumn(1).width = 80
  ws.getCell('A2').alignment = { wrapText: true, vertical: 'top' }
}
