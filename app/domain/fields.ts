import { z } from 'zod'
import type { ColumnType, FieldConfig } from '#templates/template.schema'
import { EMPTY_DOC, imagesWithoutAlt, richTextSchema, wordCount, type RichTextDoc } from './rich-text'

/**
 * Field kinds: the stored value of each kind, its validation against the
 * section's configuration, and the measures hints use. Pure. A new field kind
 * is added here (and as an editor component), never in a route.
 */

const rowId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'identifiant de ligne invalide')

export type TableValue = { rows: { id: string; cells: Record<string, string | number | null> }[] }
export type ChecklistValue = { checked: Record<string, boolean> }
export type SourceRow = { id: string; title: string; url: string; origin: 'interne' | 'externe' | ''; type: string; note: string }
export type SourcesValue = { rows: SourceRow[] }
export type FieldValue = RichTextDoc | TableValue | ChecklistValue | SourcesValue

export const SOURCE_ORIGINS = ['interne', 'externe'] as const

const MAX_ROWS = 500
const cellText = z.string().max(5_000)

function cellSchema(type: ColumnType, options?: string[]) {
  switch (type) {
    case 'text':
      return cellText.nullable()
    case 'number':
    case 'money':
    case 'percent':
      return z.number().finite().nullable()
    case 'date':
      return z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ').nullable()
    case 'choice':
      return z.enum((options ?? ['']) as [string, ...string[]]).nullable()
  }
}

/** The zod schema of a field's value, built from the section's configuration. */
export function valueSchema(field: FieldConfig): z.ZodType<FieldValue> {
  switch (field.kind) {
    case 'richText':
      return richTextSchema
    case 'table': {
      const cells = z
        .object(Object.fromEntries(field.columns.map((c) => [c.id, cellSchema(c.type, c.options).optional()])))
        .strict()
      return z.object({ rows: z.array(z.object({ id: rowId, cells }).strict()).max(MAX_ROWS) }).strict() as z.ZodType<TableValue>
    }
    case 'checklist': {
      const ids = field.items.map((i) => i.id) as [string, ...string[]]
      return z.object({ checked: z.partialRecord(z.enum(ids), z.boolean()) }).strict() as z.ZodType<ChecklistValue>
    }
    case 'sources':
      return z
        .object({
          rows: z
            .array(
              z
                .object({
                  id: rowId,
                  title: z.string().max(500),
                  url: z.string().max(2_000).refine((u) => u === '' || /^https?:\/\/\S+$/i.test(u), 'adresse web invalide'),
                  origin: z.enum([...SOURCE_ORIGINS, '']),
                  type: z.string().max(200),
                  note: z.string().max(2_000),
                })
                .strict(),
            )
            .max(MAX_ROWS),
        })
        .strict()
  }
}

export function emptyValue(field: FieldConfig): FieldValue {
  switch (field.kind) {
    case 'richText':
      return EMPTY_DOC
    case 'table':
    case 'sources':
      return { rows: [] }
    case 'checklist':
      return { checked: {} }
  }
}

/** What hints measure in a value. */
export function measure(field: FieldConfig, value: FieldValue) {
  switch (field.kind) {
    case 'richText': {
      const doc = value as RichTextDoc
      const words = wordCount(doc)
      return { empty: words === 0 && !JSON.stringify(doc).includes('"image"'), words, rows: 0, origins: [], unchecked: 0, imagesWithoutAlt: imagesWithoutAlt(doc) }
    }
    case 'table': {
      const rows = (value as TableValue).rows.filter((r) => Object.values(r.cells).some((v) => v !== null && v !== ''))
      return { empty: rows.length === 0, words: 0, rows: rows.length, origins: [], unchecked: 0, imagesWithoutAlt: 0 }
    }
    case 'sources': {
      const rows = (value as SourcesValue).rows.filter((r) => r.title.trim() || r.url.trim())
      return { empty: rows.length === 0, words: 0, rows: rows.length, origins: rows.map((r) => r.origin), unchecked: 0, imagesWithoutAlt: 0 }
    }
    case 'checklist': {
      const checked = (value as ChecklistValue).checked
      const done = field.items.filter((i) => checked[i.id]).length
      return { empty: done === 0, words: 0, rows: 0, origins: [], unchecked: field.items.length - done, imagesWithoutAlt: 0 }
    }
  }
}
