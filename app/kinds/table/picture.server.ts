import type { ChartImage } from '~/services/exports/charts.server'
import { tableImage } from '~/services/exports/table-image.server'
import { writtenRows } from './docx.server'
import { isNumeric, TABLE_LABELS } from './labels'
import type { TableConfig, TableValue } from './schema'

/** The written rows as one table for a slide (joined files by their names). */
export function tableImages(field: TableConfig, value: TableValue): ChartImage[] {
  const rows = writtenRows(field, value)
  if (!rows.length) return []
  const headers = field.columns.map((c) => c.label)
  // Numbers and dates need less room than words.
  const weights = field.columns.map((c) => (isNumeric(c.type) || c.type === 'date' ? 1 : 2))
  return [tableImage({ headers, rows, weights, alt: TABLE_LABELS.pictureAlt(headers, rows.length) })]
}
