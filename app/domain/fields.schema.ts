import { z } from 'zod'
import type { ColumnType, FieldConfig } from '#templates/template.schema'
import { KPI_FORMULAS } from '#templates/template.schema'
import { FOUR_E } from './mix'
import { SOURCE_ORIGINS, type ChecklistValue, type FieldValue, type TableValue } from './fields'
import { UPLOAD_SRC } from './rich-text'
import { richTextSchema } from './rich-text.schema'

/** Validation of stored field values against their section's configuration (server side). */
const rowId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'identifiant de ligne invalide')
const MAX_ROWS = 500
const cellText = z.string().max(5_000)
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ')

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
    case 'persona': {
      const text = z.string().max(2_000)
      return z
        .object({
          personas: z
            .array(
              z
                .object({
                  id: rowId,
                  firstName: z.string().max(100),
                  age: z.number().int().min(0).max(120).nullable(),
                  location: text,
                  csp: text,
                  family: text,
                  tastes: text,
                  habits: text,
                  brands: text,
                  media: z
                    .array(z.object({ id: rowId, channel: z.string().max(200), intensity: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable() }).strict())
                    .max(30),
                  needs: text,
                  frustrations: text,
                  quote: z.string().max(500),
                  inclusion: text,
                  avatar: z.object({ src: z.string().regex(UPLOAD_SRC), alt: z.string().max(300) }).strict().nullable(),
                })
                .strict(),
            )
            .max(20),
        })
        .strict()
    }
    case 'smart': {
      const text = z.string().max(1_000)
      const num = z.number().finite().nullable()
      return z
        .object({
          objectives: z
            .array(
              z
                .object({
                  id: rowId,
                  label: text,
                  kind: z.enum(['global', 'intermediate']),
                  parentId: rowId.nullable(),
                  indicator: text,
                  baseline: num,
                  target: num,
                  unit: z.string().max(100),
                  deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
                  owner: z.string().max(200),
                  resources: text,
                  agreedWith: z.string().max(300),
                })
                .strict(),
            )
            .max(50),
        })
        .strict() as z.ZodType<FieldValue>
    }
    case 'mix': {
      const text = z.string().max(5_000)
      const extensionIds = field.extensions.map((x) => x.id) as [string, ...string[]]
      const itemIds = [...field.fourP.map((p) => p.id), ...extensionIds] as [string, ...string[]]
      const p = z
        .object(
          Object.fromEntries(
            field.fourP.map((fp) => [fp.id, z.partialRecord(z.enum(fp.parts.map((part) => part.id) as [string, ...string[]]), text).optional()]),
          ),
        )
        .strict()
      const e = z
        .object({ proposal: text, illustration: text, personalisation: text, links: z.array(z.enum(itemIds)).max(itemIds.length) })
        .strict()
      return z
        .object({
          p,
          extensions: z
            .array(z.object({ id: z.enum(extensionIds), content: text, context: text }).strict())
            .max(field.maxExtensions, `${field.maxExtensions} extensions au plus (10P)`)
            .refine((xs) => new Set(xs.map((x) => x.id)).size === xs.length, 'extension choisie deux fois'),
          e: z.object(Object.fromEntries(FOUR_E.map((x) => [x.id, e.optional()]))).strict(),
        })
        .strict() as z.ZodType<FieldValue>
    }
    case 'retroplanning': {
      const text = z.string().max(1_000)
      return z
        .object({
          deadline: isoDate.nullable(),
          projectStart: isoDate.nullable(),
          tasks: z
            .array(
              z
                .object({
                  id: rowId,
                  group: text,
                  name: text,
                  owner: z.string().max(200),
                  stakeholders: text,
                  constraints: text,
                  duration: z.number().int().min(0).max(1_000).nullable(),
                  dependsOn: z.array(rowId).max(50),
                  actualStart: isoDate.nullable(),
                  actualFinish: isoDate.nullable(),
                })
                .strict(),
            )
            .max(200),
        })
        .strict() as z.ZodType<FieldValue>
    }
    case 'kpi': {
      return z
        .object({
          rows: z
            .array(
              z
                .object({
                  id: rowId,
                  name: z.string().max(300),
                  category: z.union([z.enum(field.categories as [string, ...string[]]), z.literal('')]),
                  formula: z.enum(KPI_FORMULAS),
                  period: z.string().max(100),
                  target: z.number().finite().nullable(),
                  inputs: z.record(z.string().regex(/^[a-zA-Z]{1,20}$/), z.number().finite().nullable()),
                  source: z.string().max(500),
                  objectiveId: rowId.nullable(),
                })
                .strict(),
            )
            .max(MAX_ROWS),
        })
        .strict() as z.ZodType<FieldValue>
    }
  }
}
