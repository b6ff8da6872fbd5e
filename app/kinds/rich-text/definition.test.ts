import { describe, expect, it } from 'vitest'
import { definition } from './definition'
import type { RichTextConfig } from './schema'
import { doc, FULL, h, image, p, text, UPLOAD } from './test-docs'

const config: RichTextConfig = { kind: 'richText' }
const ctx = { title: 'Analyse', today: '2027-03-01' }

describe('rich text definition', () => {
  it('is empty without words or images', () => {
    expect(definition.isEmpty(definition.empty(config), config)).toBe(true)
    expect(definition.isEmpty(doc(p(text(' … ')), p()), config)).toBe(true)
    expect(definition.isEmpty(doc(image('Carte')), config)).toBe(false)
    expect(definition.isEmpty(doc(p(text('Bonjour'))), config)).toBe(false)
  })

  it('counts words for minWords, with the former wording', () => {
    const minWords = definition.rules.minWords!
    expect(minWords({ rule: 'minWords', min: 3 }, doc(p(text('Deux mots'))), config, ctx)).toBe(
      '« Analyse » compte 2\u00a0mots ; 3 au moins sont attendus pour développer l’analyse.',
    )
    expect(minWords({ rule: 'minWords', min: 3 }, definition.empty(config), config, ctx)).toBe(
      '« Analyse » compte 0\u00a0mots ; 3 au moins sont attendus pour développer l’analyse.',
    )
    expect(minWords({ rule: 'minWords', min: 3 }, doc(p(text('Trois mots ici'))), config, ctx)).toBeNull()
  })

  it('audits images without a text alternative', () => {
    expect(definition.audit!(doc(image(null), p(text('x')), image('  ')), config, ctx)).toEqual([
      '2\u00a0images n’ont pas de texte alternatif dans « Analyse ».',
    ])
    expect(definition.audit!(doc(image('')), config, ctx)).toEqual(['1\u00a0image n’a pas de texte alternatif dans « Analyse ».'])
    expect(definition.audit!(FULL, config, ctx)).toEqual([])
  })

  it('gives all the words as plain text, one block a line', () => {
    expect(definition.plainText(FULL, config)).toBe(
      [
        'Comportements observés',
        'Les acheteuses fidèles préfèrent l’éco-conception ; source : Xerfi',
        'Point à puce',
        'Sous-point',
        'Une citation\nsur deux lignes',
        'Segment | Part',
        'Urbaines actives | 40 %',
        'Carte',
        '[Carte des points de vente à Lyon]',
      ].join('\n'),
    )
  })

  it('has no items: passages are commented with text selectors', () => {
    expect(definition.items(FULL, config)).toEqual([])
  })

  it('sums up changes in words, headings and images', () => {
    const before = doc(h(3, 'Cible'), p(text('Les urbaines actives achètent en ligne.')), image('Carte'))
    const after = doc(h(3, 'Cibles prioritaires'), p(text('Les urbaines actives et les étudiantes achètent en ligne le soir.')))
    expect(definition.diff(before, after, config)).toEqual([
      '7\u00a0mots ajoutés, 2\u00a0supprimés.',
      'Titre « Cible » renommé « Cibles prioritaires ».',
      '1\u00a0image supprimée.',
    ])
    expect(definition.diff(before, doc(p(text('Les urbaines actives achètent en ligne.')), image('Carte')), config)).toEqual([
      '1\u00a0mot supprimé.',
      'Titre supprimé : « Cible ».',
    ])
    expect(definition.diff(doc(p(text('Un'))), doc(h(3, 'Plan'), p(text('Un'))), config)).toEqual(['1\u00a0mot ajouté.', 'Titre ajouté : « Plan ».'])
    expect(definition.diff(before, before, config)).toEqual([])
    // Headings that moved are not said renamed.
    expect(definition.diff(doc(h(3, 'A'), h(3, 'B')), doc(h(3, 'B'), h(3, 'C')), config)).toEqual([
      '1\u00a0mot ajouté, 1\u00a0supprimé.',
      'Titre ajouté : « C ».',
      'Titre supprimé : « A ».',
    ])
  })

  it('says when only the layout, the order or an alternative text changed', () => {
    const plain = doc(p(text('Un texte')))
    expect(definition.diff(plain, doc(p(text('Un '), text('texte', [{ type: 'bold' }]))), config)).toEqual(['Mise en forme modifiée.'])
    expect(definition.diff(doc(p(text('Un')), p(text('Deux'))), doc(p(text('Deux')), p(text('Un'))), config)).toEqual([
      'Passages déplacés ou ponctuation modifiée.',
    ])
    expect(definition.diff(doc(image('Carte', UPLOAD)), doc(image('Carte de Lyon', UPLOAD)), config)).toEqual([
      '2\u00a0mots ajoutés.',
      'Texte alternatif modifié pour 1\u00a0image.',
    ])
  })

  it('says which block a refused part is in', () => {
    const value = doc(p(text('Intro')), { type: 'table', content: [] })
    expect(definition.locate(['content', 1, 'content', 0], value, config)).toBe('bloc 2 (tableau)')
    expect(definition.locate(['content', 7], value, config)).toBe('bloc 8')
    expect(definition.locate([], value, config)).toBeNull()
  })

  it('is a Word-only kind', () => {
    expect(definition.excel).toBe(false)
  })
})
