import { describe, expect, it } from 'vitest'
import { structureProblems } from './check'
import { richTextToPlain, type RichTextDoc } from './rich-text'
import { sanitize } from './sanitize'
import { valueSchemaFor } from './schema'
import { doc, FULL, MALFORMED, nestedQuotes, p, text } from './test-docs'

const schema = valueSchemaFor({ kind: 'richText' })
const depthOf = (value: unknown): number => {
  let max = 0
  const stack: [unknown, number][] = [[value, 1]]
  while (stack.length) {
    const [n, d] = stack.pop()!
    max = Math.max(max, d)
    for (const c of (n as { content?: unknown[] }).content ?? []) stack.push([c, d + 1])
  }
  return max
}

describe('sanitize', () => {
  it('leaves what the editor makes as it is', () => {
    expect(sanitize(FULL)).toEqual(FULL)
  })

  it.each(Object.entries(MALFORMED))('makes %s into a document the editor accepts, without throwing', (_, value) => {
    const clean = sanitize(value)
    expect(schema.safeParse(clean).error?.issues).toBeUndefined()
  })

  it('keeps the words, drops what cannot be shown', () => {
    const plain = (name: string) => richTextToPlain(sanitize(MALFORMED[name]))
    expect(plain('an empty text node')).toBe('Avant après')
    expect(plain('a document inside the document')).toBe('Dehors\nDedans')
    expect(plain('a table cell at the top')).toBe('Cellule perdue\nSuite')
    expect(plain('a list item outside a list')).toBe('Élément seul')
    expect(plain('an empty list and an empty table')).toBe('Reste')
    expect(plain('a paragraph inside a paragraph')).toBe('Extérieur intérieur')
    expect(plain('an unknown node and an unknown mark')).toBe('Caché\nVisible')
    expect(plain('a text node without text')).toBe('Suite')
    // Text out of place is wrapped in a paragraph and keeps its marks.
    expect(sanitize(MALFORMED['text directly in the document']).content?.[0]).toEqual({
      type: 'paragraph',
      content: [{ type: 'text', text: 'Texte nu', marks: [{ type: 'bold' }] }],
    })
    // Level 1 headings become the editor's first level; unusable attributes fall back to their defaults.
    const levels = sanitize(MALFORMED['a heading of level 1 and bad cell attributes'])
    expect(levels.content?.[0]?.attrs).toEqual({ level: 3 })
    expect(levels.content?.[1]?.content?.[0]?.content?.[0]?.attrs).toEqual({ colspan: 1, rowspan: 1, colwidth: null, align: null })
    // An image from elsewhere is dropped, an unsafe link loses its link.
    expect(sanitize(MALFORMED['an image from elsewhere and an unsafe link'])).toEqual(doc(p(text('Lien'))))
  })

  it('cuts at the depth limit: deeper text becomes plain paragraphs', () => {
    const clean = sanitize(nestedQuotes(700, 'Tout au fond'))
    expect(structureProblems(clean)).toEqual([])
    expect(depthOf(clean)).toBeLessThanOrEqual(40)
    expect(richTextToPlain(clean)).toBe('Tout au fond')
    // Nested lists and tables near the limit stay within it once wrapped again.
    let node: unknown = { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell', content: [p(text('Case'))] }] }] }
    for (let i = 0; i < 60; i++) node = { type: 'bulletList', content: [{ type: 'listItem', content: [p(text(`Niveau ${60 - i}`)), node] }] }
    const lists = sanitize(doc(node))
    expect(depthOf(lists)).toBeLessThanOrEqual(40)
    expect(schema.safeParse(lists).success).toBe(true)
    expect(richTextToPlain(lists)).toContain('Niveau 60')
    expect(richTextToPlain(lists)).toContain('Case')
  })

  it('survives anything', () => {
    for (const junk of [null, undefined, 42, 'texte', [], {}, { type: 'doc', content: 'x' }, { type: 'paragraph', content: [text('Seul')] }]) {
      const clean = sanitize(junk) as RichTextDoc
      expect(schema.safeParse(clean).success).toBe(true)
    }
    expect(richTextToPlain(sanitize({ type: 'paragraph', content: [text('Seul')] }))).toBe('Seul')
    expect(() => sanitize(nestedQuotes(50_000))).not.toThrow()
  })
})
