import type ExcelJS from 'exceljs'
import { fitColumns, setCell, text, writeHeader } from '~/services/exports/xlsx-sheet.server'
import type { XlsxWriter } from '../types.server'
import { FIELD_LABELS, PERSONA_LABELS } from './labels'
import { fieldText } from './persona'
import type { Persona } from './schema'

/** One row per persona, one column per field, labelled as on screen and in Word. */
const COLUMNS: { header: string; value: (p: Persona) => ExcelJS.CellValue }[] = [
  { header: FIELD_LABELS.firstName, value: (p) => text(p.firstName) },
  { header: FIELD_LABELS.age, value: (p) => p.age },
  ...(['location', 'csp', 'family', 'tastes', 'habits', 'brands', 'media', 'needs', 'frustrations', 'quote', 'inclusion'] as const).map((key) => ({
    header: FIELD_LABELS[key],
    value: (p: Persona) => text(fieldText(p, key)),
  })),
  { header: PERSONA_LABELS.avatarAlt, value: (p) => text(p.avatar?.alt) },
]

export const xlsx: XlsxWriter<'persona'> = {
  write(ws, _field, value) {
    writeHeader(
      ws,
      COLUMNS.map((c) => c.header),
    )
    value.personas.forEach((p, i) => {
      const row = ws.getRow(i + 2)
      COLUMNS.forEach((c, j) => setCell(row, j + 1, c.value(p)))
    })
    fitColumns(ws)
  },
}
