import { mergeAttributes, type Extensions } from '@tiptap/core'
import { Blockquote } from '@tiptap/extension-blockquote'
import { Bold } from '@tiptap/extension-bold'
import { Document } from '@tiptap/extension-document'
import { HardBreak } from '@tiptap/extension-hard-break'
import { Heading } from '@tiptap/extension-heading'
import { HorizontalRule } from '@tiptap/extension-horizontal-rule'
import Image from '@tiptap/extension-image'
import { Italic } from '@tiptap/extension-italic'
import { Link } from '@tiptap/extension-link'
import { BulletList, ListItem, ListKeymap, OrderedList } from '@tiptap/extension-list'
import { Paragraph } from '@tiptap/extension-paragraph'
import { Strike } from '@tiptap/extension-strike'
import { TableKit } from '@tiptap/extension-table'
import { Text } from '@tiptap/extension-text'
import { Underline } from '@tiptap/extension-underline'
import { Dropcursor, Gapcursor, UndoRedo } from '@tiptap/extensions'
import { SAFE_URL } from './rich-text'

/**
 * The one schema of rich-text fields, used by the editor, by the check of
 * saved values (pm-schema.ts, check.ts) and by the static renderers (server
 * HTML, browser view). Importable on the server: no DOM needed until an editor is made.
 */
export function richTextExtensions({ imageBase = '', collaborative = false }: { imageBase?: string; collaborative?: boolean } = {}): Extensions {
  return [
    // StarterKit's extensions in its order, without inline code, code blocks and the trailing paragraph (a closing list must
    // not get an empty paragraph added: opening a section must not change, and save, it) — imported one by one so that the
    // unused ones are not in the page's code.
    Bold,
    Blockquote,
    BulletList,
    Document,
    Dropcursor,
    Gapcursor,
    HardBreak,
    // Sections are h2 on the page: content headings start at h3.
    Heading.configure({ levels: [3, 4] }),
    // Edited together: the shared document has its own undo (per person).
    ...(collaborative ? [] : [UndoRedo]),
    HorizontalRule,
    Italic,
    ListItem,
    ListKeymap,
    Link.configure({
      openOnClick: false,
      autolink: true,
      protocols: ['http', 'https', 'mailto'],
      defaultProtocol: 'https',
      // Pasted or typed links the server would refuse never become links.
      isAllowedUri: (url) => SAFE_URL.test(url),
    }),
    OrderedList,
    Paragraph,
    Strike,
    Text,
    Underline,
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
