import { z } from 'zod'
import { formatNumber } from '~/domain/format'
import { MAX_ROWS, rowId } from '../atoms'
import { SOURCE_MAX_LENGTH, SOURCE_ORIGINS } from './labels'
import { urlProblem } from './url'

/** A list of sources (title, web address, origin, type, what it brings): nothing for a template to set. */

export const configSchema = z.object({
  kind: z.literal('sources'),
})
export type SourcesConfig = z.infer<typeof configSchema>

const limited = (max: number) => z.string('un texte est attendu').max(max, `le texte dépasse ${formatNumber(max)} caractères`)

const url = limited(SOURCE_MAX_LENGTH.url).superRefine((u, ctx) => {
  const problem = urlProblem(u)
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
})

export const rowSchema = z
  .object({
    id: rowId,
    title: limited(SOURCE_MAX_LENGTH.title),
    url,
    origin: z.enum([...SOURCE_ORIGINS, ''], 'choisissez « Interne » ou « Externe »'),
    type: limited(SOURCE_MAX_LENGTH.type),
    note: limited(SOURCE_MAX_LENGTH.note),
  })
  .strict()

export const valueSchema = z.object({ rows: z.array(rowSchema).max(MAX_ROWS, `${formatNumber(MAX_ROWS)} sources au plus`) }).strict()
export type SourcesValue = z.infer<typeof valueSchema>
export type SourceRow = SourcesValue['rows'][number]

/** The value schema of a source list: the same for every section (the kind has no settings). */
export function valueSchemaFor(_config: SourcesConfig): z.ZodType<SourcesValue> {
  return valueSchema
}
