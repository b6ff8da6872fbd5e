import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { StaticRichText } from './static-view'
import { doc, FULL, MALFORMED, p, text } from './test-docs'
import RichTextView from './view'

describe('rich text view (browser renderer)', () => {
  it('renders what the editor makes', () => {
    const html = renderToStaticMarkup(<StaticRichText doc={FULL} />)
    expect(html).toContain('<h3>Comportements observés</h3>')
    expect(html).toContain('<strong>fidèles</strong>')
    expect(html).toContain('Urbaines actives')
  })

  it.each(Object.entries(MALFORMED))('renders %s without throwing', (_, value) => {
    expect(() => renderToStaticMarkup(<StaticRichText doc={value} />)).not.toThrow()
  })

  it('shows images under another address when asked (a juror’s copy), keeping the stored one in the document', () => {
    const src = '/fichiers/0b6f1a4e-2c1d-4e8a-9f3b-7d5c2a1e9b40'
    const image = { type: 'doc', content: [{ type: 'image', attrs: { src, alt: 'Affiche' } }] }
    expect(renderToStaticMarkup(<StaticRichText doc={image} />)).toContain(`src="${src}"`)
    const copy = renderToStaticMarkup(<StaticRichText doc={image} imageBase="/jury/copies/a1" />)
    expect(copy).toContain(`src="/jury/copies/a1${src}"`)
    expect(copy).toContain('alt="Affiche"')
  })

  it('shows the words of malformed documents', () => {
    expect(renderToStaticMarkup(<StaticRichText doc={MALFORMED['an empty text node']} />)).toBe(
      '<div class="rt-content rt-content--static"><p>Avant après</p></div>',
    )
    expect(renderToStaticMarkup(<StaticRichText doc={MALFORMED['a document inside the document']} />)).toContain('<p>Dehors</p><p>Dedans</p>')
  })

  it('uses the server’s HTML when given, without loading the renderer', () => {
    const html = renderToStaticMarkup(
      <RichTextView field={{ kind: 'richText' }} value={doc(p(text('ignoré')))} caption="Analyse" html="<p>Rendu serveur</p>" />,
    )
    expect(html).toBe('<div class="rt-content rt-content--static"><p>Rendu serveur</p></div>')
  })
})
