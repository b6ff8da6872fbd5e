import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { anchoringText, pmToTextOffset, textRangesToPm, textRangeToPm } from './anchoring'
import { sanitizeNode } from './sanitize'
import { StaticRichText } from './static-view'
import { doc, FULL, MALFORMED, p, text } from './test-docs'

/** What the DOM's `textContent` gives for server-rendered HTML (tags dropped, entities decoded). */
const textContent = (html: string) =>
  html.replace(/<[^>]*>/g, '').replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, code: string) => {
    if (code.startsWith('#x')) return String.fromCodePoint(parseInt(code.slice(2), 16))
    if (code.startsWith('#')) return String.fromCodePoint(parseInt(code.slice(1), 10))
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }[code] ?? entity
  })
const staticText = (value: unknown) => textContent(renderToStaticMarkup(createElement(StaticRichText, { doc: value })))

// Every document but the deeply nested one, which sanitize.ts flattens into plain lines (a case the editor never saves).
const SHOWN = Object.entries({ FULL, ...MALFORMED }).filter(([name]) => name !== '700 nested blockquotes')

describe('anchoringText', () => {
  it('concatenates the text nodes with nothing between blocks', () => {
    expect(anchoringText(FULL)).toBe(
      'Comportements observésLes acheteuses fidèles préfèrent l’éco-conception ; source : XerfiPoint à puceSous-pointUne citationsur deux lignesSegmentPartUrbaines actives40 %Carte',
    )
  })

  it.each(SHOWN)('is the textContent of the static view (%s)', (_, value) => {
    expect(anchoringText(value)).toBe(staticText(value))
  })

  it.each(SHOWN)('is the text of the editor’s document (%s)', (_, value) => {
    const node = sanitizeNode(value)
    expect(anchoringText(node.toJSON())).toBe(anchoringText(value))
    expect(pmToTextOffset(node, node.content.size)).toBe(anchoringText(value).length)
  })

  it('never throws on malformed values', () => {
    for (const value of [null, undefined, 42, 'texte', [], { type: 'doc', content: 'x' }, MALFORMED['700 nested blockquotes']]) {
      expect(() => anchoringText(value)).not.toThrow()
    }
    expect(anchoringText(MALFORMED['700 nested blockquotes'])).toBe('Tout au fond')
    expect(anchoringText({ type: 'doc', content: [p({ type: 'text', text: 3 } as never, text('suite'))] })).toBe('suite')
  })
})

describe('ProseMirror positions', () => {
  const node = sanitizeNode(FULL)
  const plain = anchoringText(FULL)

  it('maps every anchoring-text range to the same characters in the editor’s document', () => {
    for (let start = 0; start < plain.length; start += 3) {
      for (const length of [1, 4, 17, 60]) {
        const end = Math.min(plain.length, start + length)
        const range = textRangeToPm(node, start, end)
        expect(range).not.toBeNull()
        expect(node.textBetween(range!.from, range!.to, '')).toBe(plain.slice(start, end))
        expect(pmToTextOffset(node, range!.from)).toBe(start)
        expect(pmToTextOffset(node, range!.to)).toBe(end)
      }
    }
  })

  it('keeps a range out of the blocks it has no character of', () => {
    const d = sanitizeNode(doc(p(text('Avant')), p(text('Après'))))
    // « Après » starts at offset 5: the range starts in the second paragraph, not at the end of the first.
    expect(textRangeToPm(d, 5, 10)).toEqual({ from: 8, to: 13 })
    // « Avant » ends at offset 5: the range ends in the first paragraph.
    expect(textRangeToPm(d, 0, 5)).toEqual({ from: 1, to: 6 })
    expect(d.textBetween(8, 13)).toBe('Après')
  })

  it('maps several ranges in one walk, in any order, and refuses ranges outside the text', () => {
    const ranges = [
      { start: 30, end: 40 },
      { start: 0, end: 5 },
      { start: 40, end: 40 },
      { start: plain.length, end: plain.length },
      { start: 5, end: plain.length + 1 },
      { start: 9, end: 3 },
      { start: -1, end: 3 },
    ]
    const mapped = textRangesToPm(node, ranges)
    expect(node.textBetween(mapped[0]!.from, mapped[0]!.to, '')).toBe(plain.slice(30, 40))
    expect(node.textBetween(mapped[1]!.from, mapped[1]!.to, '')).toBe(plain.slice(0, 5))
    expect(mapped[2]!.from).toBe(mapped[2]!.to)
    expect(pmToTextOffset(node, mapped[2]!.from)).toBe(40)
    expect(pmToTextOffset(node, mapped[3]!.from)).toBe(plain.length)
    expect(mapped.slice(4)).toEqual([null, null, null])
  })

  it('counts a position between blocks as the text before it', () => {
    const d = sanitizeNode(doc(p(text('Avant')), p(text('Après'))))
    expect(pmToTextOffset(d, 0)).toBe(0)
    expect(pmToTextOffset(d, 7)).toBe(5)
    expect(pmToTextOffset(d, 8)).toBe(5)
    expect(pmToTextOffset(d, 999)).toBe(10)
  })
})
