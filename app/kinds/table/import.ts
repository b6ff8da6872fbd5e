import type { CaseTable } from '~/domain/case-material'
import { parseFrenchNumber } from '~/domain/numbers'
import type { Column, TableRow } from './schema'

/**
 * Loading a table of a case's material (a CSV or Excel file, read as text by
 * the server) into a table field: the file's columns are matched to the
 * field's by header name — accents, case, spaces and units aside — or, when
 * no header matches, by order; each cell is converted to its column's type
 * (French numbers and dates, a choice among the column's options) and a value
 * that cannot be is left empty and counted. Pure: the import dialog shows the
 * plan, the editor applies it through its normal change (autosave).
 */

/** Most rows a table field holds (MAX_ROWS of ../atoms, not imported here: it brings zod to the browser). */
export const TABLE_MAX_ROWS = 500

type Cell = string | number | null

export type ImportPlan = {
  /** How the columns were matched. */
  by: 'name' | 'order'
  /** Each field column filled, with the file's header it takes its values from. */
  mapped: { column: Column; header: string }[]
  /** Field columns the file does not fill. */
  emptyColumns: Column[]
  /** File columns left out. */
  droppedHeaders: string[]
  /** The rows to add, converted (without ids). */
  rows: Record<string, Cell>[]
  /** Per column, the values that could not be converted (left empty). */
  unreadable: { column: Column; count: number; example: string }[]
  /** Rows of the file left out because the table would exceed TABLE_MAX_ROWS. */
  droppedRows: number
}

/** « Taille estimée (€) » → « tailleestimee »: what two headers have in common when they name the same column. */
export function headerKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]/g, '')
}

/** A date as AAAA-MM-JJ from « 15/03/2027 », « 15-03-27 », « 15.03.2027 » or « 2027-03-15 »; null if it is not a real date. */
export function parseDate(raw: string): string | null {
  const s = raw.trim()
  let y: number, m: number, d: number
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s)
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(s)
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])]
  else if (french) [d, m, y] = [Number(french[1]), Number(french[2]), Number(french[3]!.length === 2 ? `20${french[3]}` : french[3])]
  else return null
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return date.toISOString().slice(0, 10)
}

/** A cell of the file as a value of `column`: `ok` false when it is not empty and cannot be read. */
export function convertCell(column: Column, raw: string): { value: Cell; ok: boolean } {
  const text = raw.trim()
  if (text === '') return { value: null, ok: true }
  switch (column.type) {
    case 'text':
      return { value: text, ok: true }
    case 'number':
    case 'money':
    case 'percent': {
      const n = parseFrenchNumber(text) ?? null
      return { value: n, ok: n !== null }
    }
    case 'date': {
      const date = parseDate(text)
      return { value: date, ok: date !== null }
    }
    case 'choice': {
      const option = column.options?.find((o) => headerKey(o) === headerKey(text)) ?? null
      return { value: option, ok: option !== null }
    }
    case 'file':
      return { value: null, ok: false }
  }
}

/** Which file column fills which field column: by name if any header names a column, else by order. */
function matchColumns(all: Column[], headers: string[]): { by: 'name' | 'order'; pairs: { column: Column; index: number }[] } {
  // A file is joined from its cell, never read from a text.
  const columns = all.filter((c) => c.type !== 'file')
  const pairs: { column: Column; index: number }[] = []
  const taken = new Set<number>()
  for (const column of columns) {
    const keys = new Set([headerKey(column.label), headerKey(column.id)])
    const index = headers.findIndex((h, i) => !taken.has(i) && keys.has(headerKey(h)))
    if (index >= 0) {
      taken.add(index)
      pairs.push({ column, index })
    }
  }
  if (pairs.length > 0) return { by: 'name', pairs }
  return { by: 'order', pairs: columns.slice(0, headers.length).map((column, index) => ({ column, index })) }
}

/**
 * What importing `table` into a field of `columns` would do: the rows
 * converted, the columns matched and left out, the unreadable values. `room`
 * is how many rows the field can still take.
 */
export function planTableImport(columns: Column[], table: Pick<CaseTable, 'headers' | 'rows'>, room = TABLE_MAX_ROWS): ImportPlan {
  const { by, pairs } = matchColumns(columns, table.headers)
  const used = new Set(pairs.map((p) => p.index))
  const unreadable = new Map<string, { column: Column; count: number; example: string }>()
  const rows: Record<string, Cell>[] = []
  for (const raw of table.rows) {
    const cells: Record<string, Cell> = {}
    let filled = false
    for (const { column, index } of pairs) {
      const { value, ok } = convertCell(column, raw[index] ?? '')
      if (!ok) {
        const entry = unreadable.get(column.id) ?? { column, count: 0, example: (raw[index] ?? '').trim() }
        entry.count++
        unreadable.set(column.id, entry)
      }
      if (value !== null) {
        cells[column.id] = value
        filled = true
      }
    }
    if (filled) rows.push(cells)
  }
  const kept = Math.max(0, room)
  return {
    by,
    mapped: pairs.map(({ column, index }) => ({ column, header: table.headers[index] ?? '' })),
    emptyColumns: columns.filter((c) => !pairs.some((p) => p.column.id === c.id)),
    droppedHeaders: table.headers.filter((_, i) => !used.has(i)),
    rows: rows.slice(0, kept),
    unreadable: columns.flatMap((c) => (unreadable.has(c.id) ? [unreadable.get(c.id)!] : [])),
    droppedRows: Math.max(0, rows.length - kept),
  }
}

/** The plan's rows as rows of the field, each with a new stable id. */
export function importedRows(plan: ImportPlan, newId: () => string): TableRow[] {
  return plan.rows.map((cells) => ({ id: newId(), cells }))
}
