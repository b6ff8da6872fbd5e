import { getSchema } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import { definition } from './definition'
import { richTextExtensions } from './extensions'
import { RICH_TEXT_ERRORS } from './labels'
import { MAX_DEPTH } from './rich-text'
import { valueSchemaFor, type RichTextConfig } from './schema'
import { doc, FULL, h, image, nestedQuotes, p, text } from './test-docs'

const config: RichTextConfig = { kind: 'richText' }
const schema = valueSchemaFor(config)
const refusal = (value: unknown) => {
  const result = schema.safeParse(value)
  expect(result.success).toBe(false)
  return result.error!.issues.map((i) => ({ path: i.path, message: i.message }))
}

describe('rich text extensions', () => {
  it('build the editor schema on the server, without a DOM', () => {
    expect(typeof document).toBe('undefined')
    const pm = getSchema(richTextExtensions())
    expect(Object.keys(pm.nodes)).toEqual(expect.arrayContaining(['doc', 'paragraph', 'heading', 'table', 'tableCell', 'image']))
    expect(pm.nodes.codeBlock).toBeUndefined()
  })
})

describe('rich text value schema', () => {
  it('accepts what the editor makes', () => {
    const result = schema.safeParse(FULL)
    expect(result.error?.issues).toBeUndefined()
    expect(result.data).toEqual(FULL)
    expect(schema.safeParse(doc(p())).success).toBe(true)
    expect(schema.safeParse({ type: 'doc', content: [{ type: 'paragraph' }] }).success).toBe(true)
  })

  it('refuses nodes, links and images the editor does not make (as before)', () => {
    expect(refusal(doc({ type: 'script', content: [] }))).toEqual([{ path: ['content', 0, 'type'], message: RICH_TEXT_ERRORS.unknownNode }])
    expect(refusal(doc(p(text('x', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]))))).toEqual([
      { path: ['content', 0, 'content', 0, 'marks', 0, 'attrs', 'href'], message: RICH_TEXT_ERRORS.link },
    ])
    expect(refusal(doc(image('x', 'https://ailleurs.example/x.png')))).toEqual([{ path: ['content', 0, 'attrs', 'src'], message: RICH_TEXT_ERRORS.image }])
    expect(refusal('<p>html</p>')).toEqual([{ path: [], message: RICH_TEXT_ERRORS.notADocument }])
    expect(refusal(doc(p(text('x', [{ type: 'blink' } as never]))))[0]!.message).toBe(RICH_TEXT_ERRORS.unknownMark)
  })

  it('refuses 700 nested blockquotes with a sentence, not a stack overflow', () => {
    let result: ReturnType<typeof schema.safeParse> | undefined
    expect(() => (result = schema.safeParse(nestedQuotes(700)))).not.toThrow()
    expect(result!.success).toBe(false)
    expect(result!.error!.issues).toHaveLength(1)
    expect(result!.error!.issues[0]!.message).toBe(RICH_TEXT_ERRORS.tooDeep)
    // Far deeper than any parser stack: still measured.
    expect(() => schema.safeParse(nestedQuotes(50_000))).not.toThrow()
  })

  it('allows nesting up to the depth limit, and not one level more', () => {
    // doc (1) › blockquote × n › paragraph › text: n + 3 levels.
    expect(schema.safeParse(nestedQuotes(MAX_DEPTH - 3)).success).toBe(true)
    expect(refusal(nestedQuotes(MAX_DEPTH - 2))[0]!.message).toBe(RICH_TEXT_ERRORS.tooDeep)
  })

  it('refuses an empty text node (it once made the dossier, print and history pages answer 500)', () => {
    expect(refusal(doc(p(text('Avant '), { type: 'text', text: '' }, text('après'))))).toEqual([
      { path: ['content', 0, 'content', 1, 'text'], message: RICH_TEXT_ERRORS.emptyText },
    ])
  })

  it('refuses nodes out of place, by the editor’s own schema', () => {
    expect(refusal(doc(p(text('Dehors')), doc(p(text('Dedans')))))).toEqual([{ path: ['content', 1], message: RICH_TEXT_ERRORS.misplaced('doc', 'doc') }])
    expect(refusal(doc({ type: 'tableCell', content: [p(text('Perdue'))] }))).toEqual([
      { path: ['content', 0], message: 'élément non permis ici : cellule de tableau dans document' },
    ])
    expect(refusal(doc(text('Texte nu')))[0]!.message).toBe('élément non permis ici : texte dans document')
    expect(refusal(doc({ type: 'bulletList', content: [] }))).toEqual([{ path: ['content', 0], message: 'liste à puces : contenu manquant' }])
    expect(refusal(doc({ type: 'image', attrs: { src: '/fichiers/0b6f1d2e-8a4c-4f3e-9d2a-1c5b7e9f0a3d' }, content: [p(text('x'))] }))[0]!.message).toBe(
      'élément non permis ici : paragraphe dans image',
    )
    expect(refusal(doc({ type: 'paragraph', marks: [{ type: 'bold' }], content: [text('x')] }))[0]!.message).toBe(RICH_TEXT_ERRORS.markNotAllowed('doc'))
  })

  it('refuses attributes the editor does not make', () => {
    expect(refusal(doc(h(1, 'Grand titre')))).toEqual([{ path: ['content', 0, 'attrs', 'level'], message: RICH_TEXT_ERRORS.headingLevel }])
    expect(refusal(doc({ type: 'paragraph', attrs: { onclick: 'x' } }))).toEqual([
      { path: ['content', 0, 'attrs', 'onclick'], message: 'attribut inconnu « onclick »' },
    ])
    const cell = { type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: 'large', align: null }, content: [p()] }
    expect(refusal(doc({ type: 'table', content: [{ type: 'tableRow', content: [cell] }] }))[0]!.message).toBe('valeur refusée pour « colwidth »')
    expect(refusal(doc({ type: 'image', attrs: { alt: 'x' } }))[0]!.message).toBe(RICH_TEXT_ERRORS.image)
  })

  it('keeps the size caps', () => {
    expect(refusal(doc(...Array.from({ length: 10_001 }, () => p())))[0]!.message).toBe('trop d’éléments à cet endroit (10\u202f000 au plus)')
    const marks = Array.from({ length: 11 }, () => ({ type: 'bold' as const }))
    expect(refusal(doc(p(text('x', marks))))[0]!.message).toBe('trop de mises en forme sur un même texte (10 au plus)')
  })

  it('says where a refused part is', () => {
    const value = doc(p(text('Intro')), h(3, 'Titre'), p(text('x', [{ type: 'link', attrs: { href: 'ftp://x' } }])))
    const path = refusal(value)[0]!.path as (string | number)[]
    expect(definition.locate(path, value, config)).toBe('bloc 3 (paragraphe)')
    expect(definition.locate([], value, config)).toBeNull()
  })
})
