import { describe, expect, it } from 'vitest'
import { richTextHtml } from './html.server'
import { doc, FULL, MALFORMED, nestedQuotes, p, text } from './test-docs'

describe('richTextHtml (server)', () => {
  it('renders what the editor makes with the editor’s schema', () => {
    const html = richTextHtml(FULL)
    expect(html).toContain('<h3>Comportements observés</h3>')
    expect(html).toContain('<strong>fidèles</strong>')
    expect(html).toMatch(/<a [^>]*href="https:\/\/www\.xerfi\.com\/etude"[^>]*>Xerfi<\/a>/)
    expect(html).toContain('<blockquote>')
    expect(html).toMatch(/<th[^>]*>.*Segment/)
    expect(html).toMatch(/<img [^>]*alt="Carte des points de vente à Lyon"/)
  })

  it('escapes text', () => {
    expect(richTextHtml(doc(p(text('<script>alert(1)</script> & co'))))).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</p>')
  })

  it.each(Object.entries(MALFORMED))('renders %s without throwing', (_, value) => {
    expect(() => richTextHtml(value)).not.toThrow()
  })

  it('shows the words of malformed documents, in place', () => {
    expect(richTextHtml(MALFORMED['an empty text node'])).toBe('<p>Avant après</p>')
    expect(richTextHtml(MALFORMED['a document inside the document'])).toBe('<p>Dehors</p><p>Dedans</p>')
    expect(richTextHtml(MALFORMED['a table cell at the top'])).toBe('<p>Cellule perdue</p><p>Suite</p>')
    expect(richTextHtml(MALFORMED['an image from elsewhere and an unsafe link'])).toBe('<p>Lien</p>')
    const deep = richTextHtml(nestedQuotes(700))
    expect(deep).toContain('Tout au fond')
    expect(deep.match(/<blockquote>/g)!.length).toBeLessThan(40)
  })

  it('never fails on junk', () => {
    for (const junk of [null, 'texte', 42, { type: 'doc', content: [null, 'x', { type: 'text', text: 7 }] }]) expect(typeof richTextHtml(junk)).toBe('string')
  })
})
