import { addConditionalFills, COLOURS, fitColumns, setCell, writeHeader } from '~/services/exports/xlsx-sheet.server'
import type { XlsxWriter } from '../types.server'
import { CHECKLIST_LABELS } from './labels'

/** One row per point, « Oui » in green and « Non » in grey. */
export const xlsx: XlsxWriter<'checklist'> = {
  write(ws, field, value) {
    writeHeader(ws, [CHECKLIST_LABELS.item, CHECKLIST_LABELS.done])
    field.items.forEach((item, i) => {
      const row = ws.getRow(i + 2)
      setCell(row, 1, item.label)
      setCell(row, 2, value.checked[item.id] === true ? CHECKLIST_LABELS.yes : CHECKLIST_LABELS.no)
    })
    const last = field.items.length + 1
    addConditionalFills(ws, `B2:B${last}`, [
      { formula: `B2="${CHECKLIST_LABELS.yes}"`, argb: COLOURS.green },
      { formula: `B2="${CHECKLIST_LABELS.no}"`, argb: COLOURS.neutral },
    ])
    fitColumns(ws)
  },
}
