import { formula, isoToDate, NUM_FMT, setCell, text, writeHeader, fitColumns } from '~/services/exports/xlsx-sheet.server'
import type { XlsxWriter } from '../types.server'
import { FIELD_LABELS, KIND_LABELS, SMART_LABELS } from './labels'
import { failingQualities } from './smart'

const HEADERS = [
  FIELD_LABELS.label,
  FIELD_LABELS.kind,
  FIELD_LABELS.parentId,
  FIELD_LABELS.indicator,
  FIELD_LABELS.baseline,
  FIELD_LABELS.target,
  FIELD_LABELS.unit,
  FIELD_LABELS.deadline,
  FIELD_LABELS.owner,
  FIELD_LABELS.resources,
  FIELD_LABELS.agreedWith,
  SMART_LABELS.gap,
  SMART_LABELS.qualitiesToReview,
]

/** One row per objective, typed values, a live « Écart à faire » (target − baseline) and the qualities to review. */
export const xlsx: XlsxWriter<'smart'> = {
  write(ws, _field, value) {
    writeHeader(ws, HEADERS)
    const all = value.objectives
    all.forEach((o, i) => {
      const n = i + 2
      const row = ws.getRow(n)
      const parent = o.kind === 'intermediate' ? all.find((p) => p.id === o.parentId) : undefined
      setCell(row, 1, text(o.label))
      setCell(row, 2, KIND_LABELS[o.kind])
      setCell(row, 3, text(parent?.label))
      setCell(row, 4, text(o.indicator))
      setCell(row, 5, o.baseline)
      setCell(row, 6, o.target)
      setCell(row, 7, text(o.unit))
      setCell(row, 8, isoToDate(o.deadline), NUM_FMT.date)
      setCell(row, 9, text(o.owner))
      setCell(row, 10, text(o.resources))
      setCell(row, 11, text(o.agreedWith))
      setCell(row, 12, formula(`IF(OR(E${n}="",F${n}=""),"",F${n}-E${n})`))
      setCell(row, 13, text(failingQualities(o, all).join('\n')))
    })
    fitColumns(ws)
  },
}
