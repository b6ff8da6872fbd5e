import { fitColumns, NUM_FMT, setCell, text, writeHeader } from '~/services/exports/xlsx-sheet.server'
import type { XlsxWriter } from '../types.server'
import { PMAP_LABELS, scoreHeader } from './labels'
import { AXES, isCompany, isFilled } from './map'

/**
 * One row per brand: name, « Oui »/« Non » for the company, the scores as
 * numbers under headers that name each axis and its poles, the market share
 * as a percentage, the comment.
 */
export const xlsx: XlsxWriter<'positioningMap'> = {
  write(ws, { scale }, value) {
    writeHeader(ws, [
      PMAP_LABELS.brand,
      PMAP_LABELS.roleCompany,
      ...AXES.map((k) => scoreHeader(k, value[k], scale)),
      `${PMAP_LABELS.size} ${PMAP_LABELS.sizeUnit}`,
      PMAP_LABELS.comment,
    ])
    value.brands.filter(isFilled).forEach((b, i) => {
      const row = ws.getRow(i + 2)
      setCell(row, 1, text(b.name))
      setCell(row, 2, isCompany(value, b) ? PMAP_LABELS.yes : PMAP_LABELS.no)
      setCell(row, 3, b.x)
      setCell(row, 4, b.y)
      // Stored as typed (12 means 12 %).
      setCell(row, 5, b.size === null ? null : b.size / 100, NUM_FMT.percent)
      setCell(row, 6, text(b.comment))
    })
    fitColumns(ws)
  },
}
