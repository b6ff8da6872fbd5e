import { formatMoney, formatNumber, formatShortDate } from '~/domain/format'

/**
 * The cells of a data grid (app/components/grid/data-grid.tsx): their types,
 * and a stored value as the grid shows it and as its editor starts from.
 * Reading what is typed is in parse.ts, loaded with the grid's behaviours.
 * Pure: no React, no DOM.
 */

export type CellValue = string | number | null
/** `long`: free text edited in the side panel; `panel`: a column with its own editor there; `computed`: read only. */
export type CellType = 'text' | 'long' | 'number' | 'date' | 'choice' | 'panel' | 'computed'
export type Option = { value: string; label: string }
export type Parsed = { value: CellValue } | { error: string }

/** What a column says about its cells. */
export type CellSpec = {
  type: CellType
  /** Numbers: shown as euros or percent. */
  unit?: '€' | '%'
  integer?: boolean
  min?: number
  max?: number
  maxLength?: number
  options?: readonly Option[]
}

/** A stored value as the text its editor starts from (and a copy gives): « 1250,5 », « 14/05/2027 », a choice's label. */
export function editText(spec: CellSpec, value: CellValue): string {
  if (value === null || value === '') return ''
  if (typeof value === 'number') return String(value).replace('.', ',')
  if (spec.type === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value.split('-').reverse().join('/') : value
  if (spec.type === 'choice') return spec.options?.find((o) => o.value === value)?.label ?? value
  return value
}

/** A stored value as the grid shows it: « 1 250,50 € », « 40 % », « 14/05/2027 ». */
export function displayText(spec: CellSpec, value: CellValue): string {
  if (typeof value === 'number') return spec.unit === '€' ? formatMoney(value) : `${formatNumber(value)}${spec.unit ? `\u00a0${spec.unit}` : ''}`
  if (spec.type === 'date' && value && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatShortDate(value)
  return editText(spec, value)
}
