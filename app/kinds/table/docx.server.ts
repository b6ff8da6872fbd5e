import { table } from '~/services/exports/docx-parts.server'
import type { DocxWriter } from '../types.server'
import { cellText, isNumeric } from './labels'

/** The table as a Word table, numeric columns right-aligned. */
export const docx: DocxWriter<'table'> = (field, value) => [
  table(
    field.columns.map((c) => c.label),
    value.rows
      .filter((r) => field.columns.some((c) => cellText(c.type, r.cells[c.id]) !== '—'))
      .map((r) => field.columns.map((c) => cellText(c.type, r.cells[c.id]))),
    field.columns.map((c) => isNumeric(c.type)),
  ),
]
