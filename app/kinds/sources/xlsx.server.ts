import type ExcelJS from 'exceljs'
import { fitColumns, setCell, text, writeHeader } from '~/services/exports/xlsx-sheet.server'
import type { XlsxWriter } from '../types.server'
import { isBlank } from './definition'
import { EXPORT_COLUMNS, ORIGIN_LABELS, SOURCE_FIELDS } from './labels'
import type { SourceRow } from './schema'
import { isWebAddress } from './url'

const LINK_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF0563C1' }, underline: true }

/** One cell of a source: plain text, the origin's label, or a live link for the web address. */
function writePart(row: ExcelJS.Row, col: number, source: SourceRow, field: (typeof EXPORT_COLUMNS)[number]): void {
  if (field === 'origin') {
    setCell(row, col, source.origin ? ORIGIN_LABELS[source.origin] : null)
    return
  }
  const value = text(source[field])
  if (field === 'url' && value && isWebAddress(value)) {
    setCell(row, col, { text: value, hyperlink: value }).font = LINK_FONT
    return
  }
  setCell(row, col, value)
}

/** One row per source, the web addresses as links. */
export const xlsx: XlsxWriter<'sources'> = {
  write(ws, _field, value) {
    writeHeader(
      ws,
      EXPORT_COLUMNS.map((f) => SOURCE_FIELDS[f]),
    )
    value.rows
      .filter((r) => !isBlank(r))
      .forEach((r, i) => {
        const row = ws.getRow(i + 2)
        EXPORT_COLUMNS.forEach((f, j) => writePart(row, j + 1, r, f))
      })
    fitColumns(ws)
  },
}
