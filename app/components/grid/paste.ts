import { plural } from '~/domain/format'
import type { CellValue, Parsed } from './cells'

/**
 * Pasting a block of cells copied from Excel, LibreOffice or Google Sheets:
 * the clipboard's tab-separated text read as rows of cells, then written
 * into a grid's rows from a cell on. Pure: no React, no DOM.
 */

/** A quoted cell: doubled quotes inside, ending before a tab, a line break or the end. */
const QUOTED = /"((?:[^"]|"")*)"(?=\t|\r|\n|$)/y
const PLAIN = /[^\t\r\n]*/y

/**
 * Rows of cells from a spreadsheet's clipboard text: rows end at \r\n or \n,
 * cells at tabs; a cell in double quotes may hold tabs, line breaks and
 * doubled quotes (a quote that does not open such a cell is kept as typed).
 * The line break spreadsheets add after the last row makes no empty row.
 */
export function parseClipboard(text: string): string[][] {
  const src = text.replace(/\r?\n$/, '')
  if (src === '') return []
  const rows: string[][] = []
  let row: string[] = []
  let i = 0
  for (;;) {
    QUOTED.lastIndex = i
    const quoted = src[i] === '"' ? QUOTED.exec(src) : null
    if (quoted) {
      row.push(quoted[1]!.replace(/""/g, '"').replace(/\r\n?/g, '\n'))
      i = QUOTED.lastIndex
    } else {
      PLAIN.lastIndex = i
      row.push(PLAIN.exec(src)![0])
      i = PLAIN.lastIndex
    }
    if (i >= src.length) break
    if (src[i] === '\t') i++
    else {
      rows.push(row)
      row = []
      i += src.startsWith('\r\n', i) ? 2 : 1
    }
  }
  rows.push(row)
  return rows
}

/** A column as a paste sees it: how it reads a text (null: it takes none, e.g. a computed column) and writes a value. */
export type PasteColumn<R> = { parse: ((text: string) => Parsed) | null; set: (row: R, value: CellValue) => R }

export type PasteResult<R> = {
  rows: R[]
  /** Rows and columns of the grid the block covered. */
  height: number
  width: number
  /** Cells whose text the column refused (left unchanged), by their place in `rows`. */
  invalid: { row: number; column: number; text: string; error: string }[]
  /** Rows of the block beyond the grid's limit, columns beyond its last column. */
  droppedRows: number
  droppedColumns: number
  /** Cells of the block over columns that take no pasted value. */
  skipped: number
}

/**
 * Writes `block` into `rows` from the cell (`row`, `column`) on: each text
 * converted by its column, rows added with `newRow` as needed up to `maxRows`,
 * columns past the last one ignored. An empty pasted cell empties its cell.
 */
export function pasteBlock<R>(
  rows: readonly R[],
  at: { row: number; column: number },
  block: string[][],
  columns: readonly PasteColumn<R>[],
  newRow: () => R,
  maxRows: number,
): PasteResult<R> {
  const next = [...rows]
  const blockWidth = Math.max(0, ...block.map((r) => r.length))
  const width = Math.min(blockWidth, columns.length - at.column)
  const height = Math.max(0, Math.min(block.length, maxRows - at.row))
  const invalid: PasteResult<R>['invalid'] = []
  let skipped = 0
  for (let r = 0; r < height; r++) {
    const index = at.row + r
    let row = index < next.length ? next[index]! : newRow()
    for (const [c, text] of block[r]!.slice(0, width).entries()) {
      const column = columns[at.column + c]!
      const parsed = column.parse?.(text)
      if (!parsed) skipped++
      else if ('error' in parsed) invalid.push({ row: index, column: at.column + c, text, error: parsed.error })
      else row = column.set(row, parsed.value)
    }
    next[index] = row
  }
  return { rows: next, height, width, invalid, droppedRows: block.length - height, droppedColumns: blockWidth - width, skipped }
}

/** What a paste did, said in the grid's live region: « 3 lignes et 4 colonnes collées. » and what was left out. */
export function pasteMessage({ height, width, invalid, droppedRows, droppedColumns, skipped }: PasteResult<unknown>, maxRows: number): string {
  return [
    `${plural(height, 'ligne', 'lignes')} et ${plural(width, 'colonne', 'colonnes')} collées.`,
    invalid.length
      ? `${plural(invalid.length, 'cellule refusée, à corriger', 'cellules refusées, à corriger')} : ${invalid.length > 1 ? 'elles ne sont' : 'elle n’est'} pas enregistrée${invalid.length > 1 ? 's' : ''}.`
      : '',
    skipped
      ? `${plural(skipped, 'cellule calculée laissée', 'cellules calculées laissées')} telle${skipped > 1 ? 's' : ''} quelle${skipped > 1 ? 's' : ''}.`
      : '',
    droppedRows ? `${plural(droppedRows, 'ligne non collée', 'lignes non collées')} : ${maxRows} lignes au plus.` : '',
    droppedColumns ? `${plural(droppedColumns, 'colonne ignorée', 'colonnes ignorées')} au-delà de la dernière.` : '',
  ]
    .filter(Boolean)
    .join(' ')
}
