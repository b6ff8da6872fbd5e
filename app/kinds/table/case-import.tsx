import { useEffect, useId, useMemo, useRef, useState } from 'react'
import type { TableValue } from './schema'
import { newId } from '~/components/ids'
import { CASE_TABLE_LIMITS, type CaseFileView, type CaseTable } from '~/domain/case-material'
import { plural } from '~/domain/format'
import { importedRows, planTableImport, TABLE_MAX_ROWS, type ImportPlan } from './import'
import { cellText } from './labels'
import type { Column, TableRow } from './schema'

/** What the learner confirmed: the rows to add (new ids), how, and what the report says. */
export type ImportChoice = { rows: TableRow[]; mode: 'append' | 'replace'; fileName: string; mapped: string[]; dropped: string[] }

type Load = { fileId: string } & ({ status: 'error'; message: string } | { status: 'ready'; table: CaseTable })

const PREVIEW_ROWS = 5
const q = (s: string) => `«\u00a0${s}\u00a0»`

const filled = (r: TableRow) => Object.values(r.cells).some((v) => v !== null && v !== undefined && v !== '')

/**
 * The import of a table of the case's documents into a table field, loaded
 * by the table editor at its first use: the dialog while `open`, then what
 * the import did, with an undo offered while the table is as the import left
 * it (undoing after further edits would lose them). Rows change only through
 * the editor's `onChange`, so autosave saves them like any edit.
 */
export default function CaseTableImport({
  open,
  files,
  columns,
  caption,
  rows,
  onChange,
  onClose,
}: {
  open: boolean
  files: readonly CaseFileView[]
  columns: Column[]
  caption: string
  rows: TableRow[]
  onChange: (value: TableValue) => void
  onClose: () => void
}) {
  const [done, setDone] = useState<{ before: TableRow[]; after: TableRow[]; message: string } | null>(null)
  const apply = ({ rows: added, mode, fileName, mapped, dropped }: ImportChoice) => {
    const after = mode === 'replace' ? added : [...rows, ...added]
    setDone({
      before: rows,
      after,
      message:
        `${plural(added.length, 'ligne importée', 'lignes importées')} depuis ${q(fileName)}` +
        `${mode === 'replace' && rows.some(filled) ? ', à la place des lignes précédentes' : ''}. Colonnes reprises\u00a0: ${mapped.join(', ')}.` +
        (dropped.length ? ` Colonnes non reprises\u00a0: ${dropped.map(q).join(', ')}.` : ''),
    })
    onChange({ rows: after })
  }
  return (
    <>
      <div role="status" className="field-table__import-status">
        {done && done.after === rows ? (
          <p className="alert alert--success">
            {done.message}{' '}
            <button
              type="button"
              className="button button--ghost button--small"
              onClick={() => {
                onChange({ rows: done.before })
                setDone(null)
              }}
            >
              Annuler l’import
            </button>
          </p>
        ) : null}
      </div>
      {open ? (
        <ImportDialog
          files={files}
          columns={columns}
          caption={caption}
          rowCount={rows.length}
          filledCount={rows.filter(filled).length}
          onImport={apply}
          onClose={onClose}
        />
      ) : null}
    </>
  )
}

/**
 * The dialog that loads a table of the case's documents into a table field:
 * pick a CSV or Excel file, read its table (the server parses it), see how
 * its columns map to the field's and the first rows, choose to add or to
 * replace (replacing non-empty content asks once more), confirm. Nothing
 * changes until then.
 */
function ImportDialog({
  files,
  columns,
  caption,
  rowCount,
  filledCount,
  onImport,
  onClose,
}: {
  files: readonly CaseFileView[]
  columns: Column[]
  caption: string
  /** Rows of the field now (blank ones included) and how many hold something. */
  rowCount: number
  filledCount: number
  onImport: (choice: ImportChoice) => void
  onClose: () => void
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const [fileId, setFileId] = useState<string | null>(files.length === 1 ? files[0]!.id : null)
  // The table read for a file; while it is not the chosen file's, that one is being read.
  const [loaded, setLoaded] = useState<Load | null>(null)
  const [mode, setMode] = useState<'append' | 'replace'>('append')
  const [confirming, setConfirming] = useState(false)
  const file = files.find((f) => f.id === fileId) ?? null
  const load = file && loaded?.fileId === file.id ? loaded : null
  const loading = file !== null && load === null

  useEffect(() => {
    ref.current?.showModal()
  }, [])

  useEffect(() => {
    if (!file?.tableHref) return
    const { id, tableHref } = file
    const controller = new AbortController()
    fetch(tableHref, { credentials: 'same-origin', signal: controller.signal, headers: { Accept: 'application/json' } })
      .then(async (response) => {
        const body = (await response.json().catch(() => null)) as (CaseTable & { error?: string }) | null
        if (!response.ok || !body || !Array.isArray(body.headers)) {
          setLoaded({ fileId: id, status: 'error', message: body?.error ?? 'Ce tableau n’a pas pu être lu. Rechargez la page et réessayez.' })
        } else setLoaded({ fileId: id, status: 'ready', table: body })
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return
        setLoaded({
          fileId: id,
          status: 'error',
          message: `Ce tableau n’a pas pu être lu (${error instanceof Error ? error.message : 'erreur réseau'})\u00a0: vérifiez votre connexion et réessayez.`,
        })
      })
    return () => controller.abort()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- read once per chosen file
  }, [file?.id])

  // Replacing drops every current row; an empty table is simply filled.
  const replacing = filledCount === 0 || mode === 'replace'
  const plan = useMemo(
    () => (load?.status === 'ready' ? planTableImport(columns, load.table, replacing ? TABLE_MAX_ROWS : TABLE_MAX_ROWS - rowCount) : null),
    [load, columns, replacing, rowCount],
  )
  const count = plan?.rows.length ?? 0

  const close = () => ref.current?.close()
  const confirm = () => {
    if (!plan || !file || count === 0) return
    if (filledCount > 0 && mode === 'replace' && !confirming) {
      setConfirming(true)
      return
    }
    onImport({
      rows: importedRows(plan, () => newId('row')),
      mode: replacing ? 'replace' : 'append',
      fileName: file.name,
      mapped: plan.mapped.map((m) => m.column.label),
      dropped: plan.droppedHeaders,
    })
    close()
  }

  return (
    <dialog ref={ref} className="dialog case-import" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId} className="dialog__title">
        Importer un tableau des documents du cas
      </h2>
      <p className="case-import__lead">
        Dans le tableau {q(caption)}. Les colonnes du document sont reprises d’après leur titre, sinon dans l’ordre. Rien ne change avant votre confirmation.
      </p>
      {files.length > 1 ? (
        <fieldset className="fieldset case-import__files">
          <legend>Document à importer</legend>
          {files.map((f) => (
            <label key={f.id} className="checkbox">
              <input
                type="radio"
                name={`${titleId}-file`}
                value={f.id}
                checked={fileId === f.id}
                onChange={() => {
                  setFileId(f.id)
                  setConfirming(false)
                }}
              />
              <span>
                {f.name}{' '}
                <span className="card__muted">
                  ({f.typeLabel}, {f.sizeLabel})
                </span>
              </span>
            </label>
          ))}
        </fieldset>
      ) : file ? (
        <p>
          Document&nbsp;: <strong>{file.name}</strong>{' '}
          <span className="card__muted">
            ({file.typeLabel}, {file.sizeLabel})
          </span>
        </p>
      ) : null}

      <div aria-live="polite">
        {loading ? <p className="card__muted">Lecture du tableau…</p> : null}
        {load?.status === 'error' ? <p className="alert alert--error">{load.message}</p> : null}
        {load?.status === 'ready' && plan ? <Preview table={load.table} plan={plan} columns={columns} /> : null}
      </div>

      {plan && count > 0 && filledCount > 0 ? (
        <fieldset className="fieldset case-import__mode">
          <legend>Les {plural(filledCount, 'ligne', 'lignes')} déjà dans le tableau</legend>
          <label className="checkbox">
            <input
              type="radio"
              name={`${titleId}-mode`}
              checked={mode === 'append'}
              onChange={() => {
                setMode('append')
                setConfirming(false)
              }}
            />
            <span>Les garder et ajouter les lignes importées à la suite</span>
          </label>
          <label className="checkbox">
            <input type="radio" name={`${titleId}-mode`} checked={mode === 'replace'} onChange={() => setMode('replace')} />
            <span>Les remplacer par les lignes importées</span>
          </label>
        </fieldset>
      ) : null}
      {confirming ? (
        <p className="alert alert--error" role="alert">
          Les {plural(filledCount, 'ligne', 'lignes')} de {q(caption)} vont être remplacées par {plural(count, 'ligne importée', 'lignes importées')}. Vous
          pourrez annuler l’import juste après, et l’ancienne version reste dans l’historique du dossier.
        </p>
      ) : null}

      <div className="dialog__actions">
        <button type="button" className="button button--ghost" onClick={close}>
          Annuler
        </button>
        <button type="button" className={confirming ? 'button button--danger' : 'button'} onClick={confirm} disabled={count === 0}>
          {confirming ? 'Remplacer les lignes' : count > 0 ? `Importer ${plural(count, 'ligne', 'lignes')}` : 'Importer'}
        </button>
      </div>
    </dialog>
  )
}

function Preview({ table, plan, columns }: { table: CaseTable; plan: ImportPlan; columns: Column[] }) {
  const shown = plan.rows.slice(0, PREVIEW_ROWS)
  const pairs = plan.mapped.map((m) => `${m.column.label} ← ${q(m.header)}`).join(', ')
  return (
    <div className="case-import__preview">
      <ul className="case-import__report">
        <li>
          <strong>{plural(plan.rows.length, 'ligne à importer', 'lignes à importer')}</strong>
          {plan.rows.length > PREVIEW_ROWS ? ` (aperçu des ${PREVIEW_ROWS} premières)` : ''}.
        </li>
        {plan.mapped.length === 0 ? (
          <li>Aucune colonne du document ne peut être reprise.</li>
        ) : plan.by === 'name' ? (
          <li>Colonnes reprises d’après leur titre&nbsp;: {pairs}.</li>
        ) : (
          <li>Aucun titre de colonne ne correspond&nbsp;: les colonnes sont reprises dans l’ordre, {pairs}.</li>
        )}
        {plan.droppedHeaders.length ? <li>Colonnes du document non reprises&nbsp;: {plan.droppedHeaders.map(q).join(', ')}.</li> : null}
        {plan.emptyColumns.length ? <li>Colonnes du tableau laissées vides&nbsp;: {plan.emptyColumns.map((c) => c.label).join(', ')}.</li> : null}
        {plan.unreadable.map((u) => (
          <li key={u.column.id}>
            {u.column.label}&nbsp;: {plural(u.count, 'valeur illisible laissée vide', 'valeurs illisibles laissées vides')} (par exemple {q(u.example)}
            {u.column.type === 'choice' ? `\u202f; valeurs possibles\u00a0: ${u.column.options?.join(', ')}` : ''}).
          </li>
        ))}
        {plan.droppedRows ? (
          <li>
            {plural(plan.droppedRows, 'ligne n’est pas reprise', 'lignes ne sont pas reprises')}&nbsp;: un tableau compte {TABLE_MAX_ROWS}&nbsp;lignes au plus.
          </li>
        ) : null}
        {table.truncatedRows ? <li>Le document compte plus de {CASE_TABLE_LIMITS.rows}&nbsp;lignes&nbsp;: seules les premières sont lues.</li> : null}
        {table.droppedColumns ? (
          <li>
            {plural(table.droppedColumns, 'colonne', 'colonnes')} au-delà de la {CASE_TABLE_LIMITS.columns}
            <sup>e</sup> ne {table.droppedColumns > 1 ? 'sont' : 'est'} pas lue{table.droppedColumns > 1 ? 's' : ''}.
          </li>
        ) : null}
      </ul>
      {shown.length ? (
        <div className="table-wrap" role="region" aria-label="Aperçu des lignes importées" tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">Aperçu des lignes importées</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.id} scope="col">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((cells, i) => (
                <tr key={i}>
                  {columns.map((c) => (
                    <td key={c.id} className={typeof cells[c.id] === 'number' ? 'num' : undefined}>
                      {cellText(c.type, cells[c.id])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  )
}
