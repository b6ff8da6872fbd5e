import { table } from '~/services/exports/docx-parts.server'
import type { DocxWriter } from '../types.server'
import { isBlank, sourceText } from './definition'
import { EXPORT_COLUMNS, SOURCE_FIELDS } from './labels'

/** The sources as a Word table: source, origin, type, web address, what it brings. */
export const docx: DocxWriter<'sources'> = (_field, value) => [
  table(
    EXPORT_COLUMNS.map((f) => SOURCE_FIELDS[f]),
    value.rows.filter((r) => !isBlank(r)).map((r) => EXPORT_COLUMNS.map((f) => sourceText(r, f))),
  ),
]
