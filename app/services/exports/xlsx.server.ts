import ExcelJS from 'exceljs'
import { todayInFrance } from '~/domain/calendar'
import type { ChecklistValue, SourcesValue, TableValue } from '~/domain/fields'
import type { KpiValue } from '~/domain/kpi'
import type { MixValue } from '~/domain/mix'
import type { PersonaValue } from '~/domain/persona'
import type { RetroValue } from '~/domain/retroplanning'
import type { SmartValue } from '~/domain/smart'
import type { DossierExport, ExportSection } from './model.server'
import { writeChecklist, writeMix, writeNothingStructured, writePersonae, writeSelfAssessment, writeSmart, writeSources, writeTable } from './xlsx-kinds.server'
import { writeKpi } from './xlsx-kpi.server'
import { holidaysRange, holidayYears, preparePlan, writeHolidays, writeRetroplanning, type Plan } from './xlsx-retroplanning.server'
import { SheetNames } from './xlsx-sheet.server'

/**
 * Excel export of a dossier, generic over templates: one sheet per
 * structured section (rich-text sections belong to the Word export), chosen
 * by field kind, then the self-assessment. Values are typed (numbers, money,
 * percents, dates) and computed columns are live formulas that Excel or
 * LibreOffice compute on open (no cached results are written).
 */

export const SELF_ASSESSMENT_SHEET = 'Auto-évaluation'
export const HOLIDAYS_SHEET = 'Jours fériés'
export const EMPTY_SHEET = 'Contenu'

export async function dossierToXlsx(model: DossierExport, options: { sectionId?: string } = {}): Promise<Buffer> {
  const sections = selectedSections(model, options.sectionId)
  const structured = sections.filter((s) => s.section.field.kind !== 'richText')
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
  const withSelfAssessment = !options.sectionId
  const selfAssessmentName = withSelfAssessment ? names.reserve(SELF_ASSESSMENT_SHEET) : null
  const plans = new Map<ExportSection, Plan>()
  for (const s of structured) {
    if (s.section.field.kind === 'retroplanning') plans.set(s, preparePlan(s.section.field, s.value as RetroValue, today))
  }
  const holidaysName = plans.size ? names.reserve(HOLIDAYS_SHEET) : null
  const holidays = holidaysName ? { name: holidaysName, years: holidayYears([...plans.values()], today) } : null
  const holidaysRef = holidays ? holidaysRange(holidays.name, holidays.years) : ''

  for (const s of structured) {
    const ws = workbook.addWorksheet(names.take(s.section.title))
    const plan = plans.get(s)
    if (plan) writeRetroplanning(ws, plan, holidaysRef)
    else writeSection(ws, s, model)
  }
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

/** One section's sheet, by field kind (retroplanning is written by the caller, which owns the holidays range). */
function writeSection(ws: ExcelJS.Worksheet, { section, value }: ExportSection, model: DossierExport): void {
  const field = section.field
  switch (field.kind) {
    case 'table':
      return writeTable(ws, field, value as TableValue)
    case 'checklist':
      return writeChecklist(ws, field, value as ChecklistValue)
    case 'sources':
      return writeSources(ws, value as SourcesValue)
    case 'persona':
      return writePersonae(ws, value as PersonaValue)
    case 'smart':
      return writeSmart(ws, value as SmartValue)
    case 'mix':
      return writeMix(ws, field, value as MixValue)
    case 'kpi':
      return writeKpi(ws, field, value as KpiValue, model.objectives)
    case 'richText':
    case 'retroplanning':
      return
  }
}
