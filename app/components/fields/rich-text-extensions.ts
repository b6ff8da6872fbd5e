import type { Extensions } from '@tiptap/core'
import Image from '@tiptap/extension-image'
import { TableKit } from '@tiptap/extension-table'
import StarterKit from '@tiptap/starter-kit'

/**
 * The one schema of rich-text fields, used by the editor and by the static
 * renderer (server side, history previews). Must match app/domain/rich-text.ts.
 */
export function richTextExtensions(): Extensions {
  return [
    StarterKit.configure({
      // Sections are h2 on the page: content headings start at h3.
      heading: { levels: [3, 4] },
      code: false,
      codeBlock: false,
      link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'], defaultProtocol: 'https' },
    }),
    TableKit.configure({ table: { resizable: false } }),
    Image.configure({ inline: false, allowBase64: false }),
  ]
}
