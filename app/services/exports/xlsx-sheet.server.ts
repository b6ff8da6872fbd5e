import type ExcelJS from 'exceljs'
import { parseIsoDate } from '~/domain/calendar'

/**
 * Shared sheet helpers of the xlsx export: header row, number formats,
 * column widths, fills and conditional formatting. Every sheet starts with
 * one bold, shaded, frozen header row.
 */

export const NUM_FMT = {
  money: '#,##0.00 "€"',
  percent: '0.0%',
  date: 'dd/mm/yyyy',
  day: 'dd/mm',
  times: '0.00 "×"',
  integer: '0',
} as const

export const COLOURS = {
  header: 'FFD9E2F3',
  total: 'FFF2F2F2',
  green: 'FFC6EFCE',
  orange: 'FFFFE0B2',
  red: 'FFFFC7CE',
  neutral: 'FFEDEDED',
  planned: 'FF9DC3E6',
  plannedAndActual: 'FF2F75B5',
  actual: 'FFF4B183',
  nonWorking: 'FFF2F2F2',
} as const

const MIN_WIDTH = 10
const MAX_WIDTH = 60

/** A solid fill (both colours set: Excel and LibreOffice read different ones in conditional formats). */
export function solidFill(argb: string): ExcelJS.FillPattern {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb }, bgColor: { argb } }
}

/** Column letters of a 1-based column number (1 → A, 27 → AA). */
export function columnLetter(n: number): string {
  let letters = ''
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters
  return letters
}

/** An ISO calendar date as a UTC midnight Date (what exceljs writes as a date serial), or null. */
export function isoToDate(iso: string | null | undefined): Date | null {
  return iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? parseIsoDate(iso) : null
}

/** A trimmed text, or null when blank (so the cell stays empty). */
export function text(value: string | null | undefined): string | null {
  const t = value?.trim()
  return t ? t : null
}

/** Writes the header row (row 1): bold, shaded, bordered, frozen. */
export function writeHeader(ws: ExcelJS.Worksheet, headers: string[], row = 1): ExcelJS.Row {
  const r = ws.getRow(row)
  headers.forEach((h, i) => (r.getCell(i + 1).value = h))
  styleHeaderRow(r, headers.length)
  if (row === 1) {
    ws.views = [{ state: 'frozen', ySplit: 1 }]
    // Printed in landscape, the header repeated on every page (fitColumns sets how many pages wide).
    ws.pageSetup = { ...ws.pageSetup, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' }
  }
  return r
}

export function styleHeaderRow(row: ExcelJS.Row, count: number): void {
  for (let c = 1; c <= count; c++) {
    const cell = row.getCell(c)
    cell.font = { bold: true }
    cell.fill = solidFill(COLOURS.header)
    cell.alignment = { vertical: 'middle', wrapText: true }
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF8EA9DB' } } }
  }
}

/** Sets a cell's value and, if given, its number format. */
export function setCell(row: ExcelJS.Row, col: number, value: ExcelJS.CellValue, numFmt?: string): ExcelJS.Cell {
  const cell = row.getCell(col)
  cell.value = value
  if (numFmt) cell.numFmt = numFmt
  return cell
}

/** A formula cell with no cached result: Excel and LibreOffice compute it on open. */
export function formula(expression: string): ExcelJS.CellFormulaValue {
  return { formula: expression }
}

/** The width a cell's content needs, in characters. */
function contentLength(cell: ExcelJS.Cell): number {
  const v = cell.value
  if (v === null || v === undefined) return 0
  if (typeof v === 'string') return Math.max(...v.split('\n').map((l) => l.length))
  if (typeof v === 'number') return String(Math.round(v * 100) / 100).length + (cell.numFmt?.includes('€') ? 5 : 2)
  if (v instanceof Date) return 10
  if (typeof v === 'object' && 'text' in v && typeof v.text === 'string') return v.text.length
  return 10 // formulas and anything else
}

/** Column widths (in characters) a landscape page holds at a still readable scale. */
const PRINT_PAGE_WIDTH = 180

/**
 * Sets each column's width from its header and content (clamped to 10–60
 * characters) and wraps the text of columns whose content is longer.
 * Columns listed in `fixed` keep the width they were given. Printing fits
 * the sheet to as many pages wide as it needs to stay readable.
 */
export function fitColumns(ws: ExcelJS.Worksheet, fixed: ReadonlySet<number> = new Set()): void {
  for (let col = 1; col <= ws.columnCount; col++) {
    if (fixed.has(col)) continue
    const column = ws.getColumn(col)
    let longest = 0
    let multiline = false
    column.eachCell({ includeEmpty: false }, (cell) => {
      longest = Math.max(longest, contentLength(cell))
      if (typeof cell.value === 'string' && cell.value.includes('\n')) multiline = true
    })
    column.width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2))
    if (longest + 2 > MAX_WIDTH || multiline) {
      column.eachCell({ includeEmpty: false }, (cell) => {
        cell.alignment = { ...cell.alignment, wrapText: true, vertical: 'top' }
      })
    }
  }
  let total = 0
  for (let col = 1; col <= ws.columnCount; col++) total += ws.getColumn(col).width ?? MIN_WIDTH
  const pages = Math.max(1, Math.ceil(total / PRINT_PAGE_WIDTH))
  ws.pageSetup.fitToWidth = pages
  if (pages > 1) ws.pageSetup.printTitlesColumn = 'A:A'
}

/** Conditional fills driven by an expression per colour, over a range whose top-left cell the expressions are written for. */
export function addConditionalFills(ws: ExcelJS.Worksheet, ref: string, rules: { formula: string; argb: string }[]): void {
  ws.addConditionalFormatting({
    ref,
    rules: rules.map((r, i) => ({ type: 'expression', priority: i + 1, formulae: [r.formula], style: { fill: solidFill(r.argb) } })),
  })
}

/** Traffic-light fills (« Vert », « Orange », « Rouge ») over a range, from the label in `labelCell` (e.g. `$P2`). */
export function addAlertFills(ws: ExcelJS.Worksheet, ref: string, labelCell: string): void {
  addConditionalFills(ws, ref, [
    { formula: `${labelCell}="Rouge"`, argb: COLOURS.red },
    { formula: `${labelCell}="Orange"`, argb: COLOURS.orange },
    { formula: `${labelCell}="Vert"`, argb: COLOURS.green },
  ])
}

/** Sheet names: no []:*?/\ characters, no apostrophe at either end, at most 31 characters, unique (case-insensitive). */
export class SheetNames {
  private readonly taken = new Set<string>(['history'])

  /** Takes a name for good (e.g. a sheet created later that formulas already refer to). */
  reserve(title: string): string {
    return this.take(title)
  }

  take(title: string): string {
    const base = clean(title) || 'Section'
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : ` (${n})`
      const name = base.slice(0, 31 - suffix.length).trimEnd() + suffix
      if (!this.taken.has(name.toLowerCase())) {
        this.taken.add(name.toLowerCase())
        return name
      }
    }
  }
}

function clean(title: string): string {
  return title
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 31)
    .replace(/^'+|'+$/g, '')
    .trim()
}

/** A sheet-qualified absolute reference, quoted: 'Jours fériés'!$A$2:$A$30 */
export function sheetRef(sheetName: string, range: string): string {
  return `'${sheetName.replace(/'/g, "''")}'!${range}`
}
