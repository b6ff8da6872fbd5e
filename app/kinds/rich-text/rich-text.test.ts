import { describe, expect, it } from 'vitest'
import { completeUrl, headingsOf, imagesWithoutAlt, richTextToPlain, wordCount } from './rich-text'
import { doc, FULL, image, MALFORMED, nestedQuotes, p, text } from './test-docs'

describe('rich text walkers', () => {
  it('count words, not punctuation', () => {
    expect(wordCount(doc(p(text('Bonjour, le monde — 2027 !'))))).toBe(4)
    expect(wordCount(FULL)).toBe(31)
  })

  it('join the paragraphs of a table cell with a space', () => {
    const cell = { type: 'tableCell', content: [p(text('Un')), p(text('deux'))] }
    expect(richTextToPlain(doc({ type: 'table', content: [{ type: 'tableRow', content: [cell, cell] }] }))).toBe('Un deux | Un deux')
  })

  it('find headings and images without alternative', () => {
    expect(headingsOf(FULL)).toEqual(['Comportements observés', 'Carte'])
    expect(imagesWithoutAlt(doc(image(null), image('x'), { type: 'blockquote', content: [image('')] }))).toBe(2)
  })

  it('read malformed and very deep documents without recursion', () => {
    expect(richTextToPlain(nestedQuotes(100_000))).toBe('Tout au fond')
    expect(wordCount(MALFORMED['an empty text node'] as never)).toBe(2)
    expect(richTextToPlain({ type: 'doc', content: [null, 'x', { type: 'paragraph', content: 'y' }, p(text('ok'))] } as never)).toBe('ok')
    expect(richTextToPlain(null as never)).toBe('')
  })
})

describe('completeUrl (link dialog)', () => {
  it('completes what the server would refuse, leaves the rest as typed', () => {
    expect(completeUrl('www.exemple.fr')).toBe('https://www.exemple.fr')
    expect(completeUrl(' exemple.fr/page?x=1 ')).toBe('https://exemple.fr/page?x=1')
    expect(completeUrl('contact@exemple.fr')).toBe('mailto:contact@exemple.fr')
    expect(completeUrl('http://exemple.fr')).toBe('http://exemple.fr')
    expect(completeUrl('javascript:alert(1)')).toBe('javascript:alert(1)')
    expect(completeUrl('')).toBe('')
  })
})
