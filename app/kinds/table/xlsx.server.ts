import type ExcelJS from 'exceljs'
import { COLOURS, columnLetter, fitColumns, formula, isoToDate, NUM_FMT, setCell, solidFill, writeHeader } from '~/services/exports/xlsx-sheet.server'
import type { XlsxWriter } from '../types.server'
import { isAttachment } from '~/domain/attachments'
import { cellText, TABLE_LABELS, type ColumnType } from './labels'
import type { TableRow } from './schema'

/** Typed cells (numbers, money, percents, dates) and a live total under the summed columns. */

const SUMMED: ColumnType[] = ['number', 'money']
const FORMATS: Partial<Record<ColumnType, string>> = { money: NUM_FMT.money, percent: NUM_FMT.percent, date: NUM_FMT.date }

function tableCell(type: ColumnType, raw: TableRow['cells'][string]): { value: ExcelJS.CellValue; numFmt?: string } {
  if (raw === null || raw === undefined || raw === '') return { value: null }
  // A file: its name, type and size (the workbook carries no file).
  if (isAttachment(raw)) return { value: cellText(type, raw) }
  const n = typeof raw === 'number' ? raw : Number(raw)
  if ((type === 'number' || type === 'money' || type === 'percent') && !Number.isFinite(n)) return { value: String(raw) }
  switch (type) {
    case 'number':
      return { value: n }
    case 'money':
      return { value: n, numFmt: NUM_FMT.money }
    case 'percent':
      // Stored as typed by the user (12 means 12 %).
      return { value: n / 100, numFmt: NUM_FMT.percent }
    case 'date': {
      const date = isoToDate(String(raw))
      return date ? { value: date, numFmt: NUM_FMT.date } : { value: String(raw) }
    }
    case 'choice':
    case 'text':
    case 'file':
      return { value: String(raw) }
  }
}

/** The « Total » row: a live SUM under each summed column, the label in the first other column. */
function writeTotals(ws: ExcelJS.Worksheet, rowNumber: number, count: number, summed: number[], formats: (string | undefined)[]): void {
  const row = ws.getRow(rowNumber)
  const labelCol = Array.from({ length: count }, (_, i) => i + 1).find((c) => !summed.includes(c))
  if (labelCol) setCell(row, labelCol, TABLE_LABELS.total)
  for (const c of summed) {
    const letter = columnLetter(c)
    setCell(row, c, formula(`SUM(${letter}2:${letter}${rowNumber - 1})`), formats[c - 1])
  }
  for (let c = 1; c <= count; c++) {
    const cell = row.getCell(c)
    cell.font = { bold: true }
    cell.fill = solidFill(COLOURS.total)
    cell.border = { top: { style: 'thin' } }
  }
}

export const xlsx: XlsxWriter<'table'> = {
  write(ws, { columns }, value) {
    writeHeader(
      ws,
      columns.map((c) => c.label),
    )
    const rows = value.rows.filter((r) => Object.values(r.cells).some((v) => v !== null && v !== undefined && v !== ''))
    rows.forEach((r, i) => {
      const row = ws.getRow(i + 2)
      columns.forEach((c, j) => {
        const { value: v, numFmt } = tableCell(c.type, r.cells[c.id])
        setCell(row, j + 1, v, numFmt ?? FORMATS[c.type])
      })
    })
    const summed = columns.flatMap((c, j) => (SUMMED.includes(c.type) ? [j + 1] : []))
    if (summed.length > 0 && rows.length > 0)
      writeTotals(
        ws,
        rows.length + 2,
        columns.length,
        summed,
        columns.map((c) => FORMATS[c.type]),
      )
    fitColumns(ws)
  },
}
