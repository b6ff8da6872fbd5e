import { useEffect, useId, useRef, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react'
import { displayText, editText } from './cells'
import { clamp, shown, type Grid, type GridColumn } from './data-grid'
import { findOption, loose, parseCell } from './parse'
import { parseClipboard, pasteBlock, pasteMessage } from './paste'

/**
 * The behaviours of the data grid (data-grid.tsx), loaded after hydration:
 * moving between cells, inline editing, row actions, undo, paste and copy,
 * the side panel. Each function acts on the grid as it was at its last render.
 */

const small = 'button button--ghost button--small'
/** Where focus goes after a grid's next render (by grid id): its active cell, or the way back after the last row went. */
const focusNext = new Map<string, 'cell' | 'undo'>()
const focus = <R,>(g: Grid<R>, target: 'cell' | 'undo') => focusNext.set(g.id, target)
const keyOf = <R,>(g: Grid<R>, row: R, col: GridColumn<R>) => `${g.rowId(row)} ${col.id}`
const place = <R,>(ri: number, col: GridColumn<R>) => `${col.label}, ligne ${ri + 1}`
const parse = <R,>(col: GridColumn<R>, text: string) => (col.parse ?? ((t: string) => parseCell(col, t)))(text)
const withoutDraft = <R,>(g: Grid<R>, key: string) => Object.fromEntries(Object.entries(g.state.drafts).filter(([k]) => k !== key))

function change<R>(g: Grid<R>, next: R[], message: string, undoable = false) {
  g.onChange(next)
  g.set({ undo: undoable ? [...g.rows] : null, message })
}
function go<R>(g: Grid<R>, r: number, c: number) {
  g.set({ at: { r, c: clamp(c, g.columns.length - 1) } })
  focus(g, 'cell')
}

/** Stores a typed text; a text the column refuses stays on screen with why, not sent. */
function write<R>(g: Grid<R>, ri: number, col: GridColumn<R>, text: string) {
  const row = g.rows[ri]
  if (!row || !col.set) return
  const key = keyOf(g, row, col)
  const parsed = parse(col, text)
  if ('error' in parsed) {
    g.set({
      drafts: { ...g.state.drafts, [key]: { text, error: parsed.error } },
      message: `${place(ri, col)} : ${parsed.error} ; ce qui est tapé n’est pas enregistré.`,
    })
    return
  }
  g.set({ drafts: withoutDraft(g, key) })
  if ((col.get(row) ?? '') !== (parsed.value ?? ''))
    change(
      g,
      g.rows.map((x, i) => (i === ri ? col.set!(x, parsed.value) : x)),
      '',
    )
}

/** Opens the active cell's editor: inline (with what was typed, if any), or the side panel for a long text or a panel column. */
function start<R>(g: Grid<R>, typed?: string, r = g.r, c = g.c) {
  const row = g.rows[r]
  const col = g.columns[c]
  if (!row || !col || (!col.set && !col.panel)) return
  const text = g.state.drafts[keyOf(g, row, col)]?.text ?? editText(col, col.get(row))
  if (col.type === 'panel' || col.type === 'long' || (typed === undefined && (text.length > 60 || text.includes('\n')))) {
    g.set({ panel: { row: g.rowId(row), column: col.id, before: row } })
    return
  }
  const options = col.options ?? []
  const initial = col.type === 'choice' ? (findOption(options, text)?.value ?? '') : text
  const first = typed ? options.find((o) => loose(o.label).startsWith(loose(typed))) : undefined
  g.set({ edit: { initial, text: col.type === 'choice' ? (first?.value ?? initial) : (typed ?? text) } })
}

/** Closes the inline editor, storing what it holds (or not: Escape), then moves. */
function stop<R>(g: Grid<R>, save: boolean, dr = 0, dc = 0, refocus = true) {
  const { edit } = g.state
  if (!edit) return
  if (save && edit.text !== edit.initial) write(g, g.r, g.columns[g.c]!, edit.text)
  g.set({ edit: null })
  if (refocus) go(g, clamp(g.r + dr, g.rows.length - 1), g.c + dc)
}

function clear<R>(g: Grid<R>) {
  const row = g.rows[g.r]
  const col = g.columns[g.c]
  if (!row || !col?.set) return
  const parsed = parse(col, '')
  g.set({ drafts: withoutDraft(g, keyOf(g, row, col)) })
  if ('value' in parsed)
    change(
      g,
      g.rows.map((x, i) => (i === g.r ? col.set!(x, parsed.value) : x)),
      `Cellule vidée : ${place(g.r, col)}.`,
      true,
    )
}

export function insert<R>(g: Grid<R>, i: number) {
  if (g.rows.length >= g.maxRows) return
  change(g, [...g.rows.slice(0, i), g.newRow(), ...g.rows.slice(i)], `${g.noun.name} ${i + 1} ajouté${g.noun.e}.`)
  go(g, i, 0)
}

export function move<R>(g: Grid<R>, i: number, by: number) {
  const j = i + by
  if (j < 0 || j >= g.rows.length) return
  const next = [...g.rows]
  ;[next[i], next[j]] = [next[j]!, next[i]!]
  change(g, next, `${g.noun.name} ${i + 1} déplacé${g.noun.e} en position ${j + 1}.`)
  g.set({ at: { r: j, c: g.c } })
}

export function remove<R>(g: Grid<R>, i: number) {
  change(
    g,
    g.rows.filter((_, x) => x !== i),
    `${g.noun.name} ${i + 1} supprimé${g.noun.e}.`,
    true,
  )
  // The row's buttons go with the last row: focus the way back.
  if (g.rows.length === 1) focus(g, 'undo')
}

export function restore<R>(g: Grid<R>) {
  if (!g.state.undo) return
  g.onChange(g.state.undo)
  g.set({ undo: null, message: 'Action annulée.' })
  focus(g, 'cell')
}

function onKeyDown<R>(g: Grid<R>, e: KeyboardEvent) {
  if ((e.target as Element).tagName !== 'TD' || g.state.edit) return
  const { r, c } = g
  const { key } = e
  const mod = e.ctrlKey || e.metaKey
  const last = g.rows.length - 1
  const row = g.rows[r]
  const draft = row && g.columns[c] ? keyOf(g, row, g.columns[c]) : ''
  const moves: Record<string, [number, number]> = {
    ArrowUp: [r - 1, c],
    ArrowDown: [r + 1, c],
    ArrowLeft: [r, c - 1],
    ArrowRight: [r, c + 1],
    Home: [mod ? 0 : r, 0],
    End: [mod ? last : r, g.columns.length - 1],
    PageUp: [r - 10, c],
    PageDown: [r + 10, c],
  }
  if (e.altKey) {
    // Alt+Entrée belongs to comments (to the comment of a row).
    if (key !== 'ArrowUp' && key !== 'ArrowDown') return
    move(g, r, key === 'ArrowUp' ? -1 : 1)
    focus(g, 'cell')
  } else if (moves[key]) go(g, clamp(moves[key][0], last), moves[key][1])
  else if (key === 'Enter' || key === 'F2') {
    if (row) start(g)
    else insert(g, 0)
  } else if (key === 'Delete' || key === 'Backspace') clear(g)
  else if (key === 'Escape' && g.state.drafts[draft]) g.set({ drafts: withoutDraft(g, draft), message: 'Saisie abandonnée.' })
  else if (mod && key.toLowerCase() === 'z') restore(g)
  else if (key.length === 1 && !mod && row) start(g, key)
  else return
  e.preventDefault()
}

/** A block copied from a spreadsheet, pasted from the active cell on. */
function onPaste<R>(g: Grid<R>, e: ClipboardEvent) {
  if (g.state.edit) return
  const block = parseClipboard(e.clipboardData?.getData('text/plain') ?? '')
  if (!block.length) return
  e.preventDefault()
  const { r, c, columns } = g
  const targets = columns.map((col) => ({ parse: col.set ? (t: string) => parse(col, t) : null, set: col.set ?? ((x: R) => x) }))
  const result = pasteBlock(g.rows, { row: r, column: c }, block, targets, g.newRow, g.maxRows)
  const covered = new Set(result.rows.slice(r, r + result.height).flatMap((row) => columns.slice(c, c + result.width).map((col) => keyOf(g, row, col))))
  const kept = Object.entries(g.state.drafts).filter(([k]) => !covered.has(k))
  const held = result.invalid.map((x) => [keyOf(g, result.rows[x.row]!, columns[x.column]!), { text: x.text, error: x.error }] as const)
  change(g, result.rows, pasteMessage(result, g.maxRows), true)
  g.set({ drafts: Object.fromEntries([...kept, ...held]) })
}

/** Copies the active cell's text (and empties the cell: cut). */
function onCopy<R>(g: Grid<R>, e: ClipboardEvent, cut = false) {
  const row = g.rows[g.r]
  const col = g.columns[g.c]
  if (g.state.edit || !row || !col) return
  e.preventDefault()
  e.clipboardData?.setData('text/plain', g.state.drafts[keyOf(g, row, col)]?.text ?? editText(col, col.get(row)))
  if (cut) clear(g)
}

/** The inline editor of the active cell: Enter and Tab store and move, Escape restores, leaving the cell stores. */
function CellEditor<R>({ g, col, error, errorId }: { g: Grid<R>; col: GridColumn<R>; error: string | undefined; errorId: string }) {
  const { edit } = g.state
  if (!edit) return null
  const props = {
    autoFocus: true,
    'aria-label': place(g.r, col),
    ...(error ? { 'aria-invalid': true, 'aria-describedby': errorId } : {}),
    value: edit.text,
    onChange: (e: { target: { value: string } }) => g.set({ edit: { ...edit, text: e.target.value } }),
    onBlur: () => stop(g, true, 0, 0, false),
    onKeyDown: (e: ReactKeyboardEvent) => {
      if (e.key === 'Enter' && !e.altKey) stop(g, true, e.shiftKey ? -1 : 1)
      else if (e.key === 'Tab') stop(g, true, 0, e.shiftKey ? -1 : 1)
      else if (e.key === 'Escape') stop(g, false)
      else return
      e.preventDefault()
      e.stopPropagation()
    },
  }
  return col.type === 'choice' ? (
    <select {...props}>
      <option value="">—</option>
      {col.options?.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  ) : (
    <input
      {...props}
      type="text"
      inputMode={col.type === 'number' ? 'decimal' : undefined}
      maxLength={col.maxLength}
      placeholder={col.type === 'date' ? 'JJ/MM/AAAA' : col.placeholder}
      onFocus={(e) => e.target.setSelectionRange(e.target.value.length, e.target.value.length)}
    />
  )
}

/**
 * The side panel of the cell it was opened on: a long text in a large text
 * area, or the column's own editor. It changes the row as one types;
 * Escape or « Fermer » close it, « Annuler les modifications » restores the row.
 */
function SidePanel<R>({ g }: { g: Grid<R> }) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useEffect(() => ref.current?.showModal(), [])
  const { panel } = g.state
  const ri = g.rows.findIndex((x) => g.rowId(x) === panel?.row)
  const col = g.columns.find((x) => x.id === panel?.column)
  const row = g.rows[ri]
  if (!panel || !row || !col) return null
  const update = (next: R) => g.onChange(g.rows.map((x, i) => (i === ri ? next : x)))
  const close = () => ref.current?.close()
  let editor: ReactNode = col.panel?.(row, update)
  editor ??= (
    <div className="field">
      <label htmlFor={`${g.id}-texte`}>{place(ri, col)}</label>
      <textarea
        id={`${g.id}-texte`}
        rows={12}
        maxLength={col.maxLength}
        value={editText(col, col.get(row))}
        onChange={(e) => update(col.set!(row, e.target.value))}
      />
    </div>
  )
  return (
    <dialog
      ref={ref}
      className="dialog data-grid__panel"
      aria-labelledby={titleId}
      onClose={() => {
        g.set({ panel: null })
        focus(g, 'cell')
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) close()
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {col.label} — {g.noun.name} {ri + 1}
      </h2>
      {editor}
      <div className="dialog__actions">
        <button
          type="button"
          className="button button--ghost"
          onClick={() => {
            update(panel.before)
            close()
          }}
        >
          Annuler les modifications
        </button>
        <button type="button" className="button" onClick={close}>
          Fermer
        </button>
      </div>
    </dialog>
  )
}

/** The current row's actions: insert below, move, delete, and the kind's own. */
export function RowActions<R>({ g }: { g: Grid<R> }) {
  const { r, rows, noun, id } = g
  if (!rows[r]) return null
  return (
    <div role="group" aria-labelledby={`${id}-ligne`} className="data-grid__row-actions">
      <span id={`${id}-ligne`}>
        {noun.name} {r + 1}
      </span>
      <button type="button" className={small} disabled={rows.length >= g.maxRows} onClick={() => insert(g, r + 1)}>
        Insérer dessous
      </button>
      <button type="button" className={small} disabled={r === 0} onClick={() => move(g, r, -1)}>
        Monter
      </button>
      <button type="button" className={small} disabled={r === rows.length - 1} onClick={() => move(g, r, 1)}>
        Descendre
      </button>
      <button type="button" className={small} onClick={() => remove(g, r)}>
        Supprimer
      </button>
      {g.rowActions?.(r).map((a) => (
        <button key={a.label} type="button" className={small} onClick={a.run}>
          {a.label}
        </button>
      ))}
    </div>
  )
}

/** A cell's content: its inline editor when editing, else its text (or the text it refused). Why it was refused follows it (data-grid.tsx). */
export function Cell<R>({
  g,
  row,
  ri,
  col,
  error,
  errorId,
}: {
  g: Grid<R>
  row: R
  ri: number
  col: GridColumn<R>
  error: string | undefined
  errorId: string
}) {
  if (ri === g.r && g.state.edit && g.columns[g.c] === col) return <CellEditor g={g} col={col} error={error} errorId={errorId} />
  return shown(g.state.drafts[`${g.rowId(row)} ${col.id}`]?.text ?? col.show?.(row) ?? displayText(col, col.get(row)))
}

/**
 * Below the grid: its keys, what the last action did (a live region) with the
 * way back, and the side panel when open. After each render, focus goes where the last action asked.
 */
export function Footer<R>({ g }: { g: Grid<R> }) {
  const { id, state, r, c, rows } = g
  // The table's keys, clipboard and clicks, wired to the grid as it is at this render.
  useEffect(() => {
    const table = document.getElementById(`${id}-grille`)
    /** The row and column of the cell an event happened in (none in the empty grid). */
    const cellAt = (e: Event) => {
      const td = (e.target as Element).closest('td')
      const tr = td?.parentElement as HTMLTableRowElement | undefined
      return td && tr && rows.length ? { r: tr.sectionRowIndex, c: td.cellIndex - 1 } : null
    }
    const listeners: [string, (e: Event) => void][] = [
      ['keydown', (e) => onKeyDown(g, e as KeyboardEvent)],
      ['paste', (e) => onPaste(g, e as ClipboardEvent)],
      ['copy', (e) => onCopy(g, e as ClipboardEvent)],
      ['cut', (e) => onCopy(g, e as ClipboardEvent, true)],
      [
        'click',
        (e) => {
          const at = cellAt(e)
          if (at) g.set({ at })
        },
      ],
      [
        'dblclick',
        (e) => {
          const at = cellAt(e)
          if (at) start(g, undefined, at.r, at.c)
        },
      ],
    ]
    for (const [type, listener] of listeners) table?.addEventListener(type, listener)
    return () => {
      for (const [type, listener] of listeners) table?.removeEventListener(type, listener)
    }
  })
  useEffect(() => {
    const target = focusNext.get(id)
    focusNext.delete(id)
    if (target === 'cell') (document.getElementById(`${id}-grille`) as HTMLTableElement | null)?.tBodies[0]?.rows[r]?.cells[rows.length ? c + 1 : 0]?.focus()
    if (target === 'undo') document.getElementById(`${id}-annuler`)?.focus()
  })
  return (
    <>
      <details className="data-grid__help">
        <summary>Raccourcis clavier</summary>
        <p id={`${id}-aide`}>
          Flèches pour se déplacer, Entrée ou F2 pour modifier une cellule (Entrée ou Tab pour valider, Échap pour annuler), Suppr pour la vider ; Alt+↑ ou
          Alt+↓ pour déplacer la ligne ; Ctrl+V pour coller des cellules copiées d’un tableur, Ctrl+Z pour annuler la dernière action.
        </p>
      </details>
      <div className="data-grid__status">
        <p role="status" id={`${id}-statut`}>
          {state.message}
        </p>
        {state.undo ? (
          <button id={`${id}-annuler`} type="button" className={small} aria-describedby={`${id}-statut`} onClick={() => restore(g)}>
            Annuler
          </button>
        ) : null}
      </div>
      {state.panel ? <SidePanel g={g} /> : null}
    </>
  )
}
