import { useState } from 'react'
import { useConfirm } from '~/components/confirm-dialog'
import { newId } from '~/components/ids'
import { invalidProps, issueAt } from '../issues'
import type { EditorProps } from '../types.browser'
import { EDITOR_COLUMNS, inputLabel, ORIGIN_LABELS, SOURCE_FIELDS, SOURCE_MAX_LENGTH, SOURCE_ORIGINS, SOURCES_LABELS } from './labels'
import type { SourceRow } from './schema'
import { normaliseUrl, urlProblem } from './url'

/** A list of sources: title, web address, origin (interne / externe), type and what it brings. */
export default function SourcesEditor({ value, onChange, ctx }: EditorProps<'sources'>) {
  const { caption, issues, resetKey } = ctx
  const { ask, dialog } = useConfirm()
  const rows = value.rows
  const set = (id: string, patch: Partial<SourceRow>) => onChange({ rows: rows.map((r) => (r.id === id ? { ...r, ...patch } : r)) })
  const internal = rows.filter((r) => r.origin === 'interne').length
  const external = rows.filter((r) => r.origin === 'externe').length
  return (
    <div className="field-table">
      <p className="card__muted">{SOURCES_LABELS.summary(rows.length, internal, external)}</p>
      <div className="table-wrap" role="region" aria-label={`Tableau : ${caption}`} tabIndex={0}>
        <table className="table table--edit">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {SOURCES_LABELS.number}
              </th>
              {EDITOR_COLUMNS.map((f) => (
                <th scope="col" key={f}>
                  {SOURCE_FIELDS[f]}
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
                <td colSpan={EDITOR_COLUMNS.length + 2} className="table-empty">
                  {SOURCES_LABELS.noSourcesYet}
                </td>
              </tr>
            ) : null}
            {rows.map((r, i) => (
              <tr key={r.id} data-row-id={r.id} data-item-id={r.id} tabIndex={-1}>
                <td className="num">{i + 1}</td>
                {EDITOR_COLUMNS.map((f) => {
                  const error = issueAt(issues, 'rows', i, f)
                  const errorId = `${r.id}-${f}-erreur`
                  const common = { label: inputLabel(f, i), error, errorId }
                  return (
                    <td key={f}>
                      {f === 'url' ? (
                        <UrlInput key={`${r.id}-${resetKey}`} {...common} value={r.url} onChange={(url) => set(r.id, { url })} />
                      ) : (
                        <>
                          {f === 'origin' ? (
                            <select
                              aria-label={common.label}
                              {...invalidProps(error, errorId)}
                              value={r.origin}
                              onChange={(e) => set(r.id, { origin: SOURCE_ORIGINS.find((o) => o === e.target.value) ?? '' })}
                            >
                              <option value="">—</option>
                              {SOURCE_ORIGINS.map((o) => (
                                <option key={o} value={o}>
                                  {ORIGIN_LABELS[o]}
                                </option>
                              ))}
                            </select>
                          ) : (
                            <input
                              type="text"
                              aria-label={common.label}
                              {...invalidProps(error, errorId)}
                              maxLength={SOURCE_MAX_LENGTH[f]}
                              placeholder={f === 'type' ? SOURCES_LABELS.typePlaceholder : undefined}
                              value={r[f]}
                              onChange={(e) => set(r.id, { [f]: e.target.value })}
                            />
                          )}
                          <ErrorText id={errorId} message={error} />
                        </>
                      )}
                    </td>
                  )
                })}
                <td className="row-actions">
                  <button
                    type="button"
                    className="icon-button icon-button--danger"
                    aria-label={SOURCES_LABELS.remove(i)}
                    onClick={() => ask(SOURCES_LABELS.confirmRemove(i), () => onChange({ rows: rows.filter((x) => x.id !== r.id) }))}
                  >
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button
        type="button"
        className="button button--ghost button--small"
        onClick={() => onChange({ rows: [...rows, { id: newId('src'), title: '', url: '', origin: '', type: '', note: '' }] })}
      >
        + {SOURCES_LABELS.add}
      </button>
      {dialog}
    </div>
  )
}

function ErrorText({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <span id={id} className="field-error">
      {message}
    </span>
  ) : null
}

/**
 * The web address of a source. What cannot be a web address is held here
 * and never sent (the server would refuse the whole section): `www.exemple.fr`
 * becomes `https://www.exemple.fr` when the learner leaves the input, and
 * anything else is kept on screen with a sentence that says why it is not saved yet.
 */
function UrlInput({
  value,
  onChange,
  label,
  error,
  errorId,
}: {
  value: string
  onChange: (url: string) => void
  label: string
  error: string | undefined
  errorId: string
}) {
  /** What was typed and is not sent yet (null: the input shows the stored address). */
  const [draft, setDraft] = useState<string | null>(null)
  const [warning, setWarning] = useState<string | null>(null)
  const typed = (text: string) => {
    setWarning(null)
    if (urlProblem(text) === null) {
      setDraft(null)
      if (text !== value) onChange(text)
    } else setDraft(text)
  }
  const leave = (text: string) => {
    const url = normaliseUrl(text)
    const problem = urlProblem(url)
    if (problem) {
      setDraft(url)
      setWarning(SOURCES_LABELS.notSaved(problem))
      return
    }
    setDraft(null)
    if (url !== value) onChange(url)
  }
  // A local warning is newer than what the server said at the last save.
  const message = warning ?? (draft === null ? error : undefined)
  return (
    <>
      <input
        type="url"
        inputMode="url"
        aria-label={label}
        {...invalidProps(message, errorId)}
        maxLength={SOURCE_MAX_LENGTH.url}
        placeholder={SOURCES_LABELS.urlPlaceholder}
        value={draft ?? value}
        onChange={(e) => typed(e.target.value)}
        onBlur={(e) => leave(e.target.value)}
      />
      <ErrorText id={errorId} message={message} />
    </>
  )
}
