import { z } from 'zod'
import { ATTACHMENT_MIMES, ATTACHMENT_SRC } from '~/domain/attachments'
import { MAX_ROWS, rowId, slug, text } from '../atoms'
import { COLUMN_TYPES, type ColumnType } from './labels'

/** A repeating table with typed columns: what a template sets, what a learner stores. */

export const columnSchema = z
  .object({
    id: slug,
    label: text,
    type: z.enum(COLUMN_TYPES),
    /** For `choice` columns: the allowed values. */
    options: z.array(text).min(2).optional(),
    /** A short hint shown under the column header. */
    help: z.string().optional(),
  })
  .refine((c) => (c.type === 'choice') === Boolean(c.options), {
    message: 'une colonne « choice » a des options, et elle seule',
  })

export const configSchema = z.object({
  kind: z.literal('table'),
  columns: z.array(columnSchema).min(1).max(12),
  /** Label of the « add a row » button, e.g. « Ajouter une source ». */
  rowLabel: z.string().optional(),
})
export type TableConfig = z.infer<typeof configSchema>
export type Column = TableConfig['columns'][number]

/** An evidence file in a `file` cell, as the upload route answered it. */
export const attachmentSchema = z
  .object({
    src: z.string().regex(ATTACHMENT_SRC, 'fichier inconnu'),
    name: z.string().trim().min(1).max(200),
    mime: z.enum(ATTACHMENT_MIMES, 'type de fichier non accepté'),
    size: z.number().int().positive(),
  })
  .strict()

const cell = z.union([z.string().max(5_000), z.number().finite(), attachmentSchema, z.null()])
export const valueSchema = z.object({ rows: z.array(z.object({ id: rowId, cells: z.record(z.string(), cell.optional()) }).strict()).max(MAX_ROWS) }).strict()
export type TableValue = z.infer<typeof valueSchema>
export type TableRow = TableValue['rows'][number]

function cellSchema(type: ColumnType, options?: string[]) {
  switch (type) {
    case 'text':
      return z.string().max(5_000, 'le texte dépasse 5 000 caractères').nullable()
    case 'number':
    case 'money':
    case 'percent':
      return z.number('un nombre est attendu').finite().nullable()
    case 'date':
      return z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format JJ/MM/AAAA')
        .nullable()
    case 'choice':
      return z.enum((options ?? ['']) as [string, ...string[]], `choisissez parmi : ${(options ?? []).join(', ')}`).nullable()
    case 'file':
      return attachmentSchema.nullable()
  }
}

/** The value schema of one table: each column's cells typed as the template says, no unknown column. */
export function valueSchemaFor(config: TableConfig): z.ZodType<TableValue> {
  const cells = z.object(Object.fromEntries(config.columns.map((c) => [c.id, cellSchema(c.type, c.options).optional()]))).strict()
  return z.object({ rows: z.array(z.object({ id: rowId, cells }).strict()).max(MAX_ROWS, `${MAX_ROWS} lignes au plus`) }).strict()
}
