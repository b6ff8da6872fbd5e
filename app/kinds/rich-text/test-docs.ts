import type { RichTextDoc, RichTextNode } from './rich-text'

/** Documents for the kind's tests: well-formed ones as the editor makes them, and malformed ones found in storage. */

export const text = (t: string, marks?: RichTextNode['marks']): RichTextNode => ({ type: 'text', text: t, ...(marks ? { marks } : {}) })
export const p = (...content: RichTextNode[]): RichTextNode => ({ type: 'paragraph', ...(content.length ? { content } : {}) })
export const h = (level: number, t: string): RichTextNode => ({ type: 'heading', attrs: { level }, content: [text(t)] })
export const doc = (...content: unknown[]): RichTextDoc => ({ type: 'doc', content }) as RichTextDoc
export const UPLOAD = '/fichiers/0b6f1d2e-8a4c-4f3e-9d2a-1c5b7e9f0a3d'
export const image = (alt: string | null, src = UPLOAD): RichTextNode => ({ type: 'image', attrs: { src, alt, title: null, width: null, height: null } })
const cellAttrs = { colspan: 1, rowspan: 1, colwidth: null, align: null }
const link = (href: string) => ({ type: 'link' as const, attrs: { href, target: '_blank', rel: 'noopener noreferrer nofollow', class: null, title: null } })

/** Everything the editor offers, as its getJSON() gives it. */
export const FULL = doc(
  h(3, 'Comportements observés'),
  p(
    text('Les acheteuses '),
    text('fidèles', [{ type: 'bold' }]),
    text(' préfèrent '),
    text('l’éco-conception', [{ type: 'italic' }]),
    text(' ; source : '),
    text('Xerfi', [link('https://www.xerfi.com/etude')]),
  ),
  {
    type: 'bulletList',
    content: [
      {
        type: 'listItem',
        content: [
          p(text('Point à puce')),
          { type: 'orderedList', attrs: { start: 1, type: null }, content: [{ type: 'listItem', content: [p(text('Sous-point'))] }] },
        ],
      },
    ],
  },
  { type: 'blockquote', content: [p(text('Une citation'), { type: 'hardBreak' }, text('sur deux lignes'))] },
  { type: 'horizontalRule' },
  {
    type: 'table',
    content: [
      {
        type: 'tableRow',
        content: [
          { type: 'tableHeader', attrs: cellAttrs, content: [p(text('Segment'))] },
          { type: 'tableHeader', attrs: cellAttrs, content: [p(text('Part'))] },
        ],
      },
      {
        type: 'tableRow',
        content: [
          { type: 'tableCell', attrs: cellAttrs, content: [p(text('Urbaines actives'))] },
          { type: 'tableCell', attrs: cellAttrs, content: [p(text('40 %'))] },
        ],
      },
    ],
  },
  h(4, 'Carte'),
  image('Carte des points de vente à Lyon'),
  p(),
)

/** `levels` blockquotes one inside the other, with a paragraph at the bottom. */
export function nestedQuotes(levels: number, words = 'Tout au fond'): RichTextDoc {
  let node: unknown = p(text(words))
  for (let i = 0; i < levels; i++) node = { type: 'blockquote', content: [node] }
  return doc(node)
}

/** Malformed values stored before the editor's schema was enforced: each once took a page down. */
export const MALFORMED: Record<string, unknown> = {
  'an empty text node': doc(p(text('Avant '), { type: 'text', text: '' }, text('après'))),
  'a document inside the document': doc(p(text('Dehors')), doc(p(text('Dedans')))),
  'a table cell at the top': doc({ type: 'tableCell', content: [p(text('Cellule perdue'))] }, p(text('Suite'))),
  'text directly in the document': doc(text('Texte nu', [{ type: 'bold' }]), p(text('Paragraphe'))),
  'a list item outside a list': doc({ type: 'listItem', content: [p(text('Élément seul'))] }),
  'an empty list and an empty table': doc({ type: 'bulletList', content: [] }, { type: 'table', content: [] }, p(text('Reste'))),
  'a paragraph inside a paragraph': doc(p(text('Extérieur '), p(text('intérieur')) as never)),
  'a heading of level 1 and bad cell attributes': doc(
    { type: 'heading', attrs: { level: 1 }, content: [text('Grand titre')] },
    {
      type: 'table',
      content: [{ type: 'tableRow', content: [{ type: 'tableCell', attrs: { colspan: 'x', colwidth: 'large' }, content: [p(text('Cellule'))] }] }],
    },
  ),
  'an unknown node and an unknown mark': doc({ type: 'script', content: [text('Caché')] }, p(text('Visible', [{ type: 'blink' } as never]))),
  'an image from elsewhere and an unsafe link': doc(image('Ailleurs', 'https://ailleurs.example/x.png'), p(text('Lien', [link('javascript:alert(1)')]))),
  'a text node without text': doc(p({ type: 'text' } as never, text('Suite'))),
  '700 nested blockquotes': nestedQuotes(700),
}
