import { isAttachment } from '~/domain/attachments'
import type { ViewProps } from '../types.browser'
import { AttachmentShown } from './attachment'
import { cellText, TABLE_LABELS } from './labels'

/** A table, read-only. */
export default function TableView({ field, value, caption }: ViewProps<'table'>) {
  const rows = value.rows
  return (
    <div className="table-wrap" role="region" aria-label={`Tableau : ${caption}`} tabIndex={0}>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {field.columns.map((c) => (
              <th key={c.id} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-item-id={r.id} tabIndex={-1}>
              {field.columns.map((c) => {
                const v = r.cells[c.id]
                return (
                  <td key={c.id} className={typeof v === 'number' ? 'num' : undefined}>
                    {isAttachment(v) ? <AttachmentShown file={v} /> : cellText(c.type, v)}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? <p className="table-empty">{TABLE_LABELS.noRows}</p> : null}
    </div>
  )
}
