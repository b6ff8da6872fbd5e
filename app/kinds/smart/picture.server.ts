import type { ChartImage } from '~/services/exports/charts.server'
import { tableImage } from '~/services/exports/table-image.server'
import { smartTable } from './docx.server'
import { SMART_LABELS } from './labels'
import type { SmartValue } from './schema'

/** What a slide keeps of the Word table: objective, indicator, baseline → target, deadline. */
const SLIDE_COLUMNS = [0, 2, 3, 4]

/** The objectives as one table for a slide. */
export function smartImages(value: SmartValue): ChartImage[] {
  if (!value.objectives.length) return []
  const { headers, rows } = smartTable(value)
  const pick = (cells: string[]) => SLIDE_COLUMNS.map((i) => cells[i] ?? '')
  return [tableImage({ headers: pick(headers), rows: rows.map(pick), weights: [3, 2, 2, 1], alt: SMART_LABELS.pictureAlt(rows.map((r) => r[0] ?? '')) })]
}
