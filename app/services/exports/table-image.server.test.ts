import { describe, expect, it } from 'vitest'
import { personaImages } from '~/kinds/persona/picture.server'
import { emptyPersona } from '~/kinds/persona/persona'
import { tableImage, tableSvg, wrapText } from './table-image.server'

describe('tables drawn for slides', () => {
  it('wraps a text to its column, keeps paragraphs and cuts after the last line allowed', () => {
    expect(wrapText('Un deux trois', 1000)).toEqual(['Un deux trois'])
    expect(wrapText('Un\ndeux', 1000)).toEqual(['Un', 'deux'])
    const long = 'mot '.repeat(200)
    const lines = wrapText(long, 200, 14, 3)
    expect(lines).toHaveLength(3)
    expect(lines[2]!.endsWith('…')).toBe(true)
    // A single word wider than the column is cut too.
    expect(wrapText('anticonstitutionnellement', 60)[0]!.endsWith('…')).toBe(true)
  })

  it('says how many rows it leaves out, escapes the text and grows with its rows', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => [`Ligne ${i} <b>`, 'x & y'])
    const three = tableSvg({ headers: ['A', 'B'], rows: rows(3), alt: '' })
    const many = tableSvg({ headers: ['A', 'B'], rows: rows(12), alt: '' })
    expect(three.svg).not.toContain('de plus dans le dossier')
    expect(three.svg).toContain('Ligne 0 &lt;b&gt;')
    expect(three.svg).toContain('x &amp; y')
    expect(many.svg).toContain('… et 4 lignes de plus dans le dossier')
    expect(many.height).toBeGreaterThan(three.height)
    const png = tableImage({ headers: ['A', 'B'], rows: rows(2), alt: 'Deux lignes' })
    expect(png.png.subarray(1, 4).toString()).toBe('PNG')
    expect(png.alt).toBe('Deux lignes')
  })

  it('draws one card per written persona, named with its facts in its text alternative', () => {
    const lea = { ...emptyPersona('persona-1'), firstName: 'Léa', age: 34, csp: 'Cadre', quote: 'Je veux savoir d’où ça vient.', needs: 'Gagner du temps' }
    const images = personaImages({ personas: [lea, emptyPersona('persona-2')] })
    expect(images).toHaveLength(1)
    expect(images[0]!.alt).toBe('Fiche persona de Léa\u00a0: 34\u00a0ans · Cadre.')
  })
})
