import { lazy, Suspense, useRef, useState } from 'react'
import { useCaseTables } from '~/components/dossier/case-tables'
import { DataGrid, type GridColumn } from '~/components/grid/data-grid'
import { newId } from '~/components/ids'
import { isAttachment } from '~/domain/attachments'
import { issueAt } from '../issues'
import type { EditorProps } from '../types.browser'
import { AttachmentChip } from './attachment'
import { TABLE_LABELS, UNIT_SUFFIX } from './labels'
import type { Column, TableRow } from './schema'

/** The import of a table of the case's documents: its own chunk, loaded when asked for. */
const CaseTableImport = lazy(() => import('./case-import'))
/** The panel that joins a file to a cell: its own chunk, loaded when a panel opens. */
const AttachmentPanel = lazy(() => import('./attachment-panel'))

/** A repeating table with typed columns, edited as a grid; rows keep a stable id through edits and moves. */
export default function TableEditor({ field, value, onChange, ctx }: EditorProps<'table'>) {
  const { columns, rowLabel = TABLE_LABELS.addRow } = field
  const { caption, issues } = ctx
  const rows = value.rows
  const caseTables = useCaseTables()
  // The import dialog and what it did (undo) live in their own chunk, loaded at the first click; null: never opened.
  const [importing, setImporting] = useState<boolean | null>(null)
  const importButton = useRef<HTMLButtonElement>(null)
  const gridColumns = columns.map((c): GridColumn<TableRow> =>
    c.type === 'file'
      ? fileColumn(c, ctx.attachmentUrl)
      : {
          id: c.id,
          label: c.label,
          header: (
            <>
              {c.label}
              {UNIT_SUFFIX[c.type]}
              {c.help ? <span className="th-help">{c.help}</span> : null}
            </>
          ),
          type: c.type === 'money' || c.type === 'percent' ? 'number' : c.type,
          unit: c.type === 'money' ? '€' : c.type === 'percent' ? '%' : undefined,
          options: c.options?.map((o) => ({ value: o, label: o })),
          maxLength: 5_000,
          get: (r) => {
            const v = r.cells[c.id]
            return isAttachment(v) ? v.name : (v ?? null)
          },
          set: (r, cell) => ({ ...r, cells: { ...r.cells, [c.id]: cell } }),
        },
  )
  return (
    <div className="field-table">
      {/* A value replaced from outside (conflict, restore) drops what the grid holds: texts refused, an undo. */}
      <DataGrid
        key={ctx.resetKey}
        caption={caption}
        rows={rows}
        columns={gridColumns}
        rowId={(r) => r.id}
        onChange={(next) => onChange({ rows: next })}
        newRow={() => ({ id: newId('row'), cells: {} })}
        addLabel={rowLabel}
        emptyText={TABLE_LABELS.noRowsYet}
        issue={(i, column) => issueAt(issues, 'rows', i, 'cells', column)}
        tools={
          caseTables.length > 0 && !ctx.readOnly ? (
            <button type="button" ref={importButton} className="button button--ghost button--small" onClick={() => setImporting(true)}>
              Importer un tableau des documents du cas<span className="visually-hidden"> dans «&nbsp;{caption}&nbsp;»</span>
            </button>
          ) : null
        }
      />
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
    </div>
  )
}

/** A « pièce jointe » column: the file shows in its cell; Enter opens the panel that joins, replaces or removes it. */
function fileColumn(c: Column, url: string | undefined): GridColumn<TableRow> {
  const fileOf = (r: TableRow) => {
    const v = r.cells[c.id]
    return isAttachment(v) ? v : null
  }
  return {
    id: c.id,
    label: c.label,
    header: (
      <>
        {c.label}
        {c.help ? <span className="th-help">{c.help}</span> : null}
      </>
    ),
    type: 'panel',
    get: (r) => fileOf(r)?.name ?? null,
    show: (r) => {
      const file = fileOf(r)
      return file ? <AttachmentChip file={file} /> : null
    },
    panel: (r, update) => (
      <Suspense fallback={<p>{TABLE_LABELS.loading}</p>}>
        <AttachmentPanel file={fileOf(r)} url={url} label={c.label} onChange={(file) => update({ ...r, cells: { ...r.cells, [c.id]: file } })} />
      </Suspense>
    ),
  }
}
