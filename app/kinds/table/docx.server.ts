import { attachmentDisplay, attachmentText, isAttachment } from '~/domain/attachments'
import { para, table, uploadedImage } from '~/services/exports/docx-parts.server'
import type { DocxWriter } from '../types.server'
import { cellText, isNumeric } from './labels'
import type { TableConfig, TableValue } from './schema'

/** The rows with something written, as text (« — » for an empty cell). */
export const writtenRows = (field: TableConfig, value: TableValue): string[][] =>
  value.rows.map((r) => field.columns.map((c) => cellText(c.type, r.cells[c.id]))).filter((cells) => cells.some((t) => t !== '—'))

/** The table as a Word table, numeric columns right-aligned; the images joined in its `file` columns follow it, each with its name. */
export const docx: DocxWriter<'table'> = (field, value, { model }) => {
  const images = value.rows.flatMap((r) =>
    field.columns
      .map((c) => r.cells[c.id])
      .filter(isAttachment)
      .filter((f) => attachmentDisplay(f.mime) === 'image'),
  )
  return [
    table(
      field.columns.map((c) => c.label),
      writtenRows(field, value),
      field.columns.map((c) => isNumeric(c.type)),
    ),
    ...images.flatMap((f) => [uploadedImage(f.src, f.name, model), para(attachmentText(f), { italics: true, color: '4A5162' })]),
  ]
}
