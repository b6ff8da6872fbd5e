import { z } from 'zod'
import { RICH_TEXT_MARKS, RICH_TEXT_NODES, SAFE_URL, UPLOAD_SRC, type RichTextDoc, type RichTextNode } from './rich-text'

/** Validation of stored rich text (server side). */
const mark = z.object({
  type: z.enum(RICH_TEXT_MARKS),
  attrs: z.record(z.string(), z.unknown()).optional(),
})

const node: z.ZodType<RichTextNode> = z.lazy(() =>
  z
    .object({
      type: z.enum(RICH_TEXT_NODES),
      attrs: z.record(z.string(), z.unknown()).optional(),
      content: z.array(node).max(10_000).optional(),
      text: z.string().optional(),
      marks: z.array(mark).max(10).optional(),
    })
    .superRefine((n, ctx) => {
      if (n.type === 'text' && typeof n.text !== 'string') ctx.addIssue({ code: 'custom', message: 'texte manquant' })
      if (n.type === 'image') {
        const src = n.attrs?.src
        if (typeof src !== 'string' || !UPLOAD_SRC.test(src)) ctx.addIssue({ code: 'custom', message: 'image inconnue' })
      }
      for (const m of n.marks ?? []) {
        if (m.type === 'link') {
          const href = m.attrs?.href
          if (typeof href !== 'string' || !SAFE_URL.test(href)) ctx.addIssue({ code: 'custom', message: 'lien non autorisé' })
        }
      }
    }),
)

export const richTextSchema: z.ZodType<RichTextDoc> = z
  .object({ type: z.literal('doc'), content: z.array(node).max(10_000).optional() })
  .strict()

