import { z } from 'zod'
import { editorProblems, structureProblems, type Problem } from './check'
import { RICH_TEXT_ERRORS } from './labels'
import { MAX_CHILDREN, MAX_MARKS, RICH_TEXT_MARKS, RICH_TEXT_NODES } from './rich-text'

/** Rich text: what a template sets, what a learner stores (the editor's ProseMirror JSON, never HTML). */

export const configSchema = z.object({
  kind: z.literal('richText'),
  placeholder: z.string().optional(),
})
export type RichTextConfig = z.infer<typeof configSchema>

const markSchema = z.object({
  type: z.enum(RICH_TEXT_MARKS),
  attrs: z.record(z.string(), z.unknown()).optional(),
})

const nodeSchema = z.object({
  type: z.enum(RICH_TEXT_NODES),
  attrs: z.record(z.string(), z.unknown()).optional(),
  get content(): z.ZodOptional<z.ZodArray<typeof nodeSchema>> {
    return z.array(nodeSchema).max(MAX_CHILDREN).optional()
  },
  text: z.string().optional(),
  marks: z.array(markSchema).max(MAX_MARKS).optional(),
})

/**
 * The shape of a stored document. Recursive: parse it only through
 * `valueSchemaFor`, which measures the depth first (a deeply nested value
 * would overflow the stack of a recursive parser).
 */
export const valueSchema = z.object({ type: z.literal('doc'), content: z.array(nodeSchema).max(MAX_CHILDREN).optional() }).strict()
export type RichTextValue = z.infer<typeof valueSchema>
export type RichTextNode = z.infer<typeof nodeSchema>
export type RichTextMark = z.infer<typeof markSchema>

/** French words for the refusals of the shape. */
function shapeMessage(issue: z.core.$ZodRawIssue): string {
  const last = issue.path?.at(-1)
  if (issue.code === 'invalid_value' && last === 'type') return issue.path?.at(-3) === 'marks' ? RICH_TEXT_ERRORS.unknownMark : RICH_TEXT_ERRORS.unknownNode
  if (issue.code === 'too_big') return last === 'marks' ? RICH_TEXT_ERRORS.tooManyMarks(MAX_MARKS) : RICH_TEXT_ERRORS.tooMany(MAX_CHILDREN)
  if (issue.code === 'unrecognized_keys') return RICH_TEXT_ERRORS.unknownKey
  if (issue.code === 'invalid_type' && last === 'text') return RICH_TEXT_ERRORS.textMissing
  return issue.path?.length ? RICH_TEXT_ERRORS.invalid : RICH_TEXT_ERRORS.notADocument
}

/**
 * A document the editor itself can load: the depth and size are measured
 * first (without recursion), then the shape, then the editor's own
 * ProseMirror schema decides what may sit where, and links and images are
 * checked (see check.ts). Every refusal says where and why, in French.
 */
export function valueSchemaFor(_config: RichTextConfig): z.ZodType<RichTextValue> {
  return z.unknown().transform((input, ctx): RichTextValue => {
    const refuse = (problems: Problem[]) => {
      for (const p of problems) ctx.addIssue({ code: 'custom', path: p.path, message: p.message, input })
      return z.NEVER
    }
    const structure = structureProblems(input)
    if (structure.length) return refuse(structure)
    const shape = valueSchema.safeParse(input, { error: shapeMessage })
    if (!shape.success) return refuse(shape.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message })))
    const editor = editorProblems(shape.data)
    if (editor.length) return refuse(editor)
    return shape.data
  })
}
