import { mergeAttributes, type Extensions } from '@tiptap/core'
import Image from '@tiptap/extension-image'
import { TableKit } from '@tiptap/extension-table'
import StarterKit from '@tiptap/starter-kit'
import { SAFE_URL } from './rich-text'

/**
 * The one schema of rich-text fields, used by the editor, by the check of
 * saved values (pm-schema.ts, check.ts) and by the static renderers (server
 * HTML, browser view). Importable on the server: no DOM needed until an editor is made.
 */
export function richTextExtensions({ imageBase = '', collaborative = false }: { imageBase?: string; collaborative?: boolean } = {}): Extensions {
  return [
    StarterKit.configure({
      // Edited together: the shared document has its own undo (per person).
      ...(collaborative ? { undoRedo: false as const } : {}),
      // Sections are h2 on the page: content headings start at h3.
      heading: { levels: [3, 4] },
      code: false,
      codeBlock: false,
      // No empty paragraph added after a closing list: opening a section must not change (and save) it.
      trailingNode: false,
      link: {
        openOnClick: false,
        autolink: true,
        protocols: ['http', 'https', 'mailto'],
        defaultProtocol: 'https',
        // Pasted or typed links the server would refuse never become links.
        isAllowedUri: (url) => SAFE_URL.test(url),
      },
    }),
    TableKit.configure({ table: { resizable: false } }),
    (imageBase ? imageUnder(imageBase) : Image).configure({ inline: false, allowBase64: false }),
  ]
}

/**
 * Images shown from another address than the one stored (a juror's copy shows
 * the snapshot's frozen files, `/fichiers/<id>` → `<base>/fichiers/<id>`):
 * the element gets the final address when it is made, so the browser never
 * asks for the live upload. The document keeps its value.
 */
const imageUnder = (base: string) =>
  Image.extend({
    renderHTML({ HTMLAttributes }) {
      const src = typeof HTMLAttributes.src === 'string' ? `${base}${HTMLAttributes.src}` : HTMLAttributes.src
      return ['img', mergeAttributes(this.options.HTMLAttributes, HTMLAttributes, { src })]
    },
  })
