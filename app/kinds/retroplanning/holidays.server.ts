import type ExcelJS from 'exceljs'
import { frenchHolidays, parseIsoDate } from '~/domain/calendar'
import { fitColumns, NUM_FMT, setCell, sheetRef, writeHeader } from '~/services/exports/xlsx-sheet.server'
import { RETRO_LABELS } from './labels'

/**
 * The hidden sheet of French public holidays that the working-day formulas
 * (WORKDAY, NETWORKDAYS) of the retroplanning sheets read. The workbook
 * (app/services/exports/xlsx.server.ts) reserves its name, asks each sheet
 * for the years it needs (`xlsx.holidayYears`), gives the sheets its range
 * (`holidaysRange`, as `ctx.holidaysRef`) and writes it last (`writeHolidays`).
 */

/** The name the workbook gives the sheet (made unique by the workbook if a section has the same title). */
export const HOLIDAYS_SHEET = RETRO_LABELS.holidaysSheet

/** French public holidays of these years, in date order: [ISO date, name]. */
function holidayDays(years: number[]): [string, string][] {
  return [...new Set(years)].flatMap((y) => [...frenchHolidays(y)]).sort(([a], [b]) => a.localeCompare(b))
}

/** The absolute range of the holiday dates on their sheet, known before the sheet is written (formulas refer to it). */
export function holidaysRange(sheetName: string, years: number[]): string {
  return sheetRef(sheetName, `$A$2:$A$${holidayDays(years).length + 1}`)
}

/** Fills the hidden « Jours fériés » sheet: the dates in column A, their names in B. */
export function writeHolidays(ws: ExcelJS.Worksheet, years: number[]): void {
  writeHeader(ws, [RETRO_LABELS.holidayDate, RETRO_LABELS.holidayName])
  const days = holidayDays(years)
  days.forEach(([iso, name], i) => {
    const row = ws.getRow(i + 2)
    setCell(row, 1, parseIsoDate(iso), NUM_FMT.date)
    setCell(row, 2, name)
  })
  fitColumns(ws)
  ws.state = 'hidden'
}
