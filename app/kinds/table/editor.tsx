import { lazy, Suspense, useRef, useState } from 'react'
import { useConfirm } from '~/components/confirm-dialog'
import { useCaseTables } from '~/components/dossier/case-tables'
import { newId } from '~/components/ids'
import { invalidProps, issueAt } from '../issues'
import type { EditorProps } from '../types.browser'
import { TABLE_LABELS, UNIT_SUFFIX } from './labels'
import type { Column } from './schema'

type Cell = string | number | null

/** The import of a table of the case's documents: its own chunk, loaded when asked for. */
const CaseTableImport = lazy(() => import('./case-import'))

/** A repeating table with typed columns; rows keep a stable id through edits and moves. */
export default function TableEditor({ field, value, onChange, ctx }: EditorProps<'table'>) {
  const { columns, rowLabel = TABLE_LABELS.addRow } = field
  const { caption, issues } = ctx
  const { ask, dialog } = useConfirm()
  const rows = value.rows
  const caseTables = useCaseTables()
  // The import dialog and what it did (undo) live in their own chunk, loaded at the first click; null: never opened.
  const [importing, setImporting] = useState<boolean | null>(null)
  const importButton = useRef<HTMLButtonElement>(null)
  const setCell = (rowId: string, colId: string, cell: Cell) =>
    onChange({ rows: rows.map((r) => (r.id === rowId ? { ...r, cells: { ...r.cells, [colId]: cell } } : r)) })
  const move = (index: number, delta: number) => {
    const next = [...rows]
    const [row] = next.splice(index, 1)
    next.splice(index + delta, 0, row!)
    onChange({ rows: next })
  }
  return (
    <div className="field-table">
      <div className="table-wrap" role="region" aria-label={`Tableau : ${caption}`} tabIndex={0}>
        <table className="table table--edit">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {TABLE_LABELS.number}
              </th>
              {columns.map((c) => (
                <th scope="col" key={c.id}>
                  {c.label}
                  {UNIT_SUFFIX[c.type]}
                  {c.help ? <span className="th-help">{c.help}</span> : null}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length + 2} className="table-empty">
                  {TABLE_LABELS.noRowsYet}
                </td>
              </tr>
            ) : null}
            {rows.map((row, i) => (
              <tr key={row.id} data-row-id={row.id} data-item-id={row.id} tabIndex={-1}>
                <td className="num">{i + 1}</td>
                {columns.map((c) => {
                  const error = issueAt(issues, 'rows', i, 'cells', c.id)
                  const errorId = `${row.id}-${c.id}-erreur`
                  return (
                    <td key={c.id}>
                      <CellInput
                        column={c}
                        value={row.cells[c.id] ?? null}
                        label={`${c.label}, ligne ${i + 1}`}
                        onChange={(v) => setCell(row.id, c.id, v)}
                        invalid={invalidProps(error, errorId)}
                      />
                      {error ? (
                        <span id={errorId} className="field-error">
                          {error}
                        </span>
                      ) : null}
                    </td>
                  )
                })}
                <td className="row-actions">
                  <button type="button" className="icon-button" onClick={() => move(i, -1)} disabled={i === 0} aria-label={`Monter la ligne ${i + 1}`}>
                    ↑
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    onClick={() => move(i, 1)}
                    disabled={i === rows.length - 1}
                    aria-label={`Descendre la ligne ${i + 1}`}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="icon-button icon-button--danger"
                    aria-label={`Supprimer la ligne ${i + 1}`}
                    onClick={() =>
                      ask(`Supprimer la ligne ${i + 1} ? Son contenu restera consultable dans l’historique du dossier.`, () =>
                        onChange({ rows: rows.filter((r) => r.id !== row.id) }),
                      )
                    }
                  >
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="field-table__actions">
        <button type="button" className="button button--ghost button--small" onClick={() => onChange({ rows: [...rows, { id: newId('row'), cells: {} }] })}>
          + {rowLabel}
        </button>
        {caseTables.length > 0 && !ctx.readOnly ? (
          <button type="button" ref={importButton} className="button button--ghost button--small" onClick={() => setImporting(true)}>
            Importer un tableau des documents du cas<span className="visually-hidden"> dans «&nbsp;{caption}&nbsp;»</span>
          </button>
        ) : null}
      </div>
      {importing !== null ? (
        <Suspense fallback={null}>
          <CaseTableImport
            open={importing}
            files={caseTables}
            columns={columns}
            caption={caption}
            rows={rows}
            onChange={onChange}
            onClose={() => {
              setImporting(false)
              importButton.current?.focus()
            }}
          />
        </Suspense>
      ) : null}
      {dialog}
    </div>
  )
}

function CellInput({
  column,
  value,
  label,
  onChange,
  invalid,
}: {
  column: Column
  value: Cell
  label: string
  onChange: (v: Cell) => void
  invalid: ReturnType<typeof invalidProps>
}) {
  switch (column.type) {
    case 'choice':
      return (
        <select aria-label={label} {...invalid} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || null)}>
          <option value="">—</option>
          {column.options?.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      )
    case 'date':
      return (
        <input type="date" aria-label={label} {...invalid} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || null)} />
      )
    case 'number':
    case 'money':
    case 'percent':
      return (
        <input
          type="number"
          step="any"
          inputMode="decimal"
          aria-label={label}
          {...invalid}
          value={typeof value === 'number' ? value : ''}
          onChange={(e) => onChange(e.target.value === '' || Number.isNaN(e.target.valueAsNumber) ? null : e.target.valueAsNumber)}
        />
      )
    case 'text':
      return <input type="text" aria-label={label} {...invalid} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} />
  }
}
