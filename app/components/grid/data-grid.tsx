import { useEffect, useId, useState, type ReactNode } from 'react'
import { displayText, type CellSpec, type CellValue, type Parsed } from './cells'
import type * as Engine from './grid-engine'

/**
 * A spreadsheet-like grid for the rows of a field (WAI-ARIA grid pattern):
 * one tab stop, arrows / Home / End / Page keys move between cells, Enter or
 * F2 (or typing) edits a cell inline, Enter and Tab commit and move, Escape
 * cancels, Delete empties; Alt+↑/↓ moves a row; a block copied from a
 * spreadsheet is pasted from the active cell on. Long texts and columns with
 * their own editor open in a side panel. A text a column refuses is held
 * on screen with why, never sent (nothing typed is lost); what a deletion,
 * an emptied cell or a paste replaced can be restored.
 *
 * This module shows the grid and holds its state; the behaviours (keys,
 * editing, paste, row actions, side panel) are in grid-engine.tsx, a chunk
 * loaded right after hydration (as the charts are): the dossier page ships
 * its editors within its budget. Until then the grid shows its cells.
 */

export type GridColumn<R> = CellSpec & {
  id: string
  /** The column's name: its header, and « Durée, ligne 3 » for the cell's input. */
  label: string
  /** The header when it says more than the label (unit, help). */
  header?: ReactNode
  get: (row: R) => CellValue
  /** Absent: a read-only column (computed, or edited in its panel only). */
  set?: (row: R, value: CellValue) => R
  /** Reads a typed or pasted text, when the column type's reading is not enough. */
  parse?: (text: string) => Parsed
  /** The cell's content when it is more than its text (an alert level). */
  show?: (row: R) => ReactNode
  /** A `panel` column's editor, in the side panel: it changes the row at once. */
  panel?: (row: R, update: (row: R) => void) => ReactNode
  placeholder?: string
}

/** How the grid names a row: « Tâche 3 », « Tâche 3 supprimée » (e: the agreement of the participle). */
export type RowNoun = { name: string; e: '' | 'e' }

export type GridProps<R> = {
  /** The grid's accessible name (the section title). */
  caption: string
  rows: readonly R[]
  columns: readonly GridColumn<R>[]
  rowId: (row: R) => string
  onChange: (rows: R[]) => void
  newRow: () => R
  /** « Ajouter une tâche »: the button that adds a row at the end. */
  addLabel: string
  emptyText: string
  noun?: RowNoun
  maxRows?: number
  /** What the server refused at the last save, per cell and per row. */
  issue?: (row: number, column: string) => string | undefined
  rowIssue?: (row: number) => string | undefined
  /** More actions on the current row (« Mesurer une autre période »). */
  rowActions?: (row: number) => { label: string; run: () => void }[]
  /** More buttons beside « add a row » (an import). */
  tools?: ReactNode
}

export type GridState<R> = {
  /** The active cell (the grid's tab stop): row and column indexes. */
  at: { r: number; c: number }
  /** The inline editor of the active cell: what it holds and what it started from. */
  edit: { text: string; initial: string } | null
  /** The cell whose side panel is open, and its row as it was (to revert). */
  panel: { row: string; column: string; before: R } | null
  /** Texts a column refused, by `rowId column`: shown in their cell, not stored. */
  drafts: Record<string, { text: string; error: string }>
  /** The rows before the last deletion, emptied cell or paste. */
  undo: R[] | null
  /** The last action, said in the live region. */
  message: string
}

/** What the behaviours act on: the grid's props, its state at this render (active cell clamped) and how to change it. */
export type Grid<R> = GridProps<R> &
  Required<Pick<GridProps<R>, 'noun' | 'maxRows'>> & {
    id: string
    state: GridState<R>
    r: number
    c: number
    set: (patch: Partial<GridState<R>>) => void
  }

/** Most rows a list holds (MAX_ROWS of app/kinds/atoms.ts, which the browser does not load). */
export const GRID_MAX_ROWS = 500
const LINE: RowNoun = { name: 'Ligne', e: 'e' }
export const clamp = (n: number, max: number) => Math.max(0, Math.min(n, max))
/** A long text shows its first lines (the side panel shows it whole). */
export const shown = (content: ReactNode) =>
  typeof content === 'string' && content.length > 150 ? <span className="data-grid__clamp">{content}</span> : content

export function DataGrid<R>(props: GridProps<R>) {
  const { caption, rows, columns, rowId, addLabel, emptyText, noun = LINE, maxRows = GRID_MAX_ROWS, issue, rowIssue, tools } = props
  const id = useId()
  const [state, setState] = useState<GridState<R>>({ at: { r: 0, c: 0 }, edit: null, panel: null, drafts: {}, undo: null, message: '' })
  const [engine, setEngine] = useState<typeof Engine | null>(null)
  useEffect(() => {
    void import('./grid-engine').then(setEngine)
  }, [])

  const last = rows.length - 1
  const r = clamp(state.at.r, last)
  const c = clamp(state.at.c, columns.length - 1)
  const g: Grid<R> = {
    ...props,
    noun,
    maxRows,
    id,
    state,
    r,
    c,
    set: (patch) => setState((s) => ({ ...s, ...patch })),
  }
  return (
    <div className="data-grid">
      <div className="data-grid__box">
        <table id={`${id}-grille`} role="grid" aria-label={caption} aria-describedby={engine ? `${id}-aide` : undefined} className="data-grid__table">
          <thead>
            <tr>
              <th scope="col" className="num">
                N°
              </th>
              {columns.map((col) => (
                <th scope="col" key={col.id}>
                  {col.header ?? col.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length + 1} className="table-empty" tabIndex={0}>
                  {emptyText}
                </td>
              </tr>
            ) : null}
            {rows.map((row, ri) => {
              const rid = rowId(row)
              const rowError = rowIssue?.(ri)
              return (
                <tr key={rid} data-item-id={rid} tabIndex={-1} className={ri === r ? 'is-current' : undefined}>
                  <th scope="row" className="num">
                    <span className="visually-hidden">{noun.name} </span>
                    {ri + 1}
                    {rowError ? <span className="field-error">{rowError}</span> : null}
                  </th>
                  {columns.map((col, ci) => {
                    const here = ri === r && ci === c
                    const error = state.drafts[`${rid} ${col.id}`]?.error ?? issue?.(ri, col.id)
                    const errorId = `${rid}-${col.id}-erreur`
                    return (
                      <td
                        key={col.id}
                        tabIndex={here ? 0 : -1}
                        className={`data-grid__${col.type}${error ? ' is-invalid' : ''}`}
                        aria-invalid={error ? true : undefined}
                        aria-readonly={col.set || col.panel ? undefined : true}
                      >
                        {engine ? (
                          <engine.Cell g={g} row={row} ri={ri} col={col} error={error} errorId={errorId} />
                        ) : (
                          shown(col.show?.(row) ?? displayText(col, col.get(row)))
                        )}
                        {error ? (
                          <span id={errorId} className="field-error">
                            {error}
                          </span>
                        ) : null}
                      </td>
                    )
                  })}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <div className="data-grid__actions">
        <button
          type="button"
          className="button button--ghost button--small"
          disabled={!engine || rows.length >= maxRows}
          onClick={() => engine?.insert(g, rows.length)}
        >
          + {addLabel}
        </button>
        {tools}
      </div>
      {engine ? <engine.RowActions g={g} /> : null}
      {engine ? <engine.Footer g={g} /> : null}
    </div>
  )
}
