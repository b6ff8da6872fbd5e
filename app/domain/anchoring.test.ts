import { describe, expect, it } from 'vitest'
import { anchoringText } from '~/kinds/rich-text/anchoring'
import { doc, h, p, text } from '~/kinds/rich-text/test-docs'
import type { PassageSelectors } from './annotation'
import { anchorPassage, describePassage } from './anchoring'

const cell = (t: string, type = 'tableCell') => ({ type, attrs: { colspan: 1, rowspan: 1, colwidth: null, align: null }, content: [p(text(t))] })
const row = (...cells: string[]) => ({ type: 'tableRow', content: cells.map((c) => cell(c)) })
const list = (...items: string[]) => ({ type: 'bulletList', content: items.map((t) => ({ type: 'listItem', content: [p(text(t))] })) })

const INTRO = 'Les acheteuses fidèles de la marque préfèrent les produits issus de l’éco-conception et recherchent des prix accessibles.'
const TARGET = 'Notre stratégie vise les urbaines actives de 25 à 40 ans, qui comparent les offres sur leur mobile avant d’acheter.'
const REPEATED = 'Sur chaque canal, la marque doit rester cohérente ; en boutique, la marque doit rester proche de ses clientes.'
const ITEMS = ['Renforcer la notoriété locale grâce aux salons régionaux', 'Développer la newsletter mensuelle pour fidéliser les clientes']
const ROWS: [string, string][] = [
  ['Urbaines actives', '40 %'],
  ['Familles rurales', '25 %'],
]

/** A rich-text document as the editor saves it, with the parts each test edits. */
function draft({ intro = INTRO, target = TARGET, repeated = REPEATED, items = ITEMS, rows = ROWS, before = [] as unknown[] } = {}) {
  return anchoringText(
    doc(
      ...before,
      h(3, 'Analyse de la cible'),
      p(text(intro)),
      p(text(target)),
      list(...items),
      { type: 'table', content: [{ type: 'tableRow', content: [cell('Segment', 'tableHeader'), cell('Part', 'tableHeader')] }, ...rows.map((r) => row(...r))] },
      p(text(repeated)),
    ),
  )
}

/** The selectors of the `nth` occurrence of `words` in `text`. */
function select(text: string, words: string, nth = 0): PassageSelectors {
  let at = -1
  for (let i = 0; i <= nth; i++) at = text.indexOf(words, at + 1)
  if (at < 0) throw new Error(`« ${words} » not in the text`)
  return describePassage(text, at, at + words.length)
}

/** Where the passage landed: its words and how it was found, or null. */
function land(text: string, selectors: PassageSelectors) {
  const anchored = anchorPassage(text, selectors)
  return anchored && { words: text.slice(anchored.start, anchored.end), method: anchored.method, start: anchored.start }
}

const ORIGINAL = draft()
const PASSAGE = 'les produits issus de l’éco-conception'
const selectors = select(ORIGINAL, PASSAGE)

describe('describePassage', () => {
  it('keeps the quote, 32 characters of context on each side and the position', () => {
    const [quote, position] = selectors
    const start = ORIGINAL.indexOf(PASSAGE)
    expect(quote).toEqual({
      type: 'TextQuoteSelector',
      exact: PASSAGE,
      prefix: ORIGINAL.slice(start - 32, start),
      suffix: ORIGINAL.slice(start + PASSAGE.length, start + PASSAGE.length + 32),
    })
    expect(quote.prefix).toHaveLength(32)
    expect(position).toEqual({ type: 'TextPositionSelector', start, end: start + PASSAGE.length })
  })

  it('keeps less context near the edges and clamps offsets outside the text', () => {
    expect(describePassage('Bonjour à tous', -5, 7)[0]).toMatchObject({ exact: 'Bonjour', prefix: '', suffix: ' à tous' })
    expect(describePassage('Bonjour', 3, 99)[1]).toMatchObject({ start: 3, end: 7 })
    expect(describePassage('Bonjour', 5, 2)[0].exact).toBe('')
  })

  it('never cuts an emoji in two in the context', () => {
    const text = `😀${'a'.repeat(31)} passage ${'b'.repeat(31)}😀`
    const [quote] = describePassage(text, 33, 42)
    expect(quote.exact).toBe(' passage ')
    expect(quote.prefix).toBe('a'.repeat(31))
    expect(quote.suffix).toBe('b'.repeat(31))
  })
})

describe('anchorPassage', () => {
  it('finds an untouched passage at its stored position', () => {
    expect(land(ORIGINAL, selectors)).toMatchObject({ words: PASSAGE, method: 'position' })
  })

  it('follows the passage when text is inserted before it', () => {
    const edited = draft({ before: [p(text('Une introduction ajoutée par la candidate, avant tout le reste.'))] })
    expect(land(edited, selectors)).toMatchObject({ words: PASSAGE, method: 'quote' })
  })

  it('stays in place when text is inserted after it', () => {
    const edited = draft({ target: `${TARGET} Elles lisent aussi les avis en ligne.`, items: [...ITEMS, 'Mesurer le taux de conversion'] })
    expect(land(edited, selectors)).toMatchObject({ words: PASSAGE, method: 'position' })
  })

  it('keeps a passage whose words were edited inside (one word changed), on the edited words', () => {
    const edited = draft({
      before: [p(text('Ajout en tête.'))],
      intro: INTRO.replace('les produits issus de', 'les produits venus de'),
    })
    expect(land(edited, selectors)).toMatchObject({ words: 'les produits venus de l’éco-conception', method: 'approximate' })
  })

  it('leaves words typed at the edge of an edited passage outside it', () => {
    const edited = draft({ intro: INTRO.replace('préfèrent les produits issus de', 'préfèrent tous les produits venus de') })
    expect(land(edited, selectors)).toMatchObject({ words: 'les produits venus de l’éco-conception', method: 'approximate' })
  })

  it('keeps a passage edited across its end', () => {
    const edited = draft({ intro: INTRO.replace('de l’éco-conception et recherchent', 'd’une démarche d’éco-conception, puis recherchent') })
    const landed = land(edited, selectors)
    expect(landed).toMatchObject({ method: 'approximate' })
    expect(landed!.words).toMatch(/^les produits issus d’une démarche d’éco-conception/)
  })

  it('keeps a passage edited across its start', () => {
    const edited = draft({ intro: INTRO.replace('marque préfèrent les produits', 'enseigne choisissent plutôt des produits') })
    const landed = land(edited, selectors)
    expect(landed).toMatchObject({ method: 'approximate' })
    expect(landed!.words).toMatch(/produits issus de l’éco-conception$/)
    expect(edited.slice(landed!.start - 20, landed!.start)).toContain('choisissent')
  })

  it('loses a deleted passage (null), even though its neighbours are still there', () => {
    const edited = draft({ intro: INTRO.replace(`${PASSAGE} `, '') })
    expect(edited).toContain('préfèrent et recherchent')
    expect(land(edited, selectors)).toBeNull()
  })

  it('loses a passage rewritten entirely instead of pinning it on other words', () => {
    const edited = draft({ intro: INTRO.replace(PASSAGE, 'une fabrication française et durable') })
    expect(edited).toContain(selectors[0].prefix)
    expect(edited).toContain(selectors[0].suffix)
    expect(land(edited, selectors)).toBeNull()
    // A whole sentence rewritten, with the same length and many of the same letters.
    const sentence = select(ORIGINAL, TARGET)
    const rewritten = draft({ target: 'Nous ciblons des femmes de 25 à 40 ans vivant en ville, qui consultent leur téléphone avant tout achat.' })
    expect(land(rewritten, sentence)).toBeNull()
  })

  it('keeps the right one of the same words occurring twice after an insertion before both', () => {
    const first = select(ORIGINAL, 'la marque doit rester', 0)
    const second = select(ORIGINAL, 'la marque doit rester', 1)
    expect(first[0].exact).toBe(second[0].exact)
    const edited = draft({ before: [p(text('Préambule.'))], repeated: `Avant tout, ${REPEATED}` })
    const occurrences = [...edited.matchAll(/la marque doit rester/g)].map((m) => m.index)
    expect(occurrences).toHaveLength(2)
    expect(land(edited, second)).toMatchObject({ words: 'la marque doit rester', start: occurrences[1], method: 'quote' })
    expect(land(edited, first)).toMatchObject({ words: 'la marque doit rester', start: occurrences[0], method: 'quote' })
  })

  it('keeps the right one of the same words when the one commented is also edited', () => {
    const second = select(ORIGINAL, 'la marque doit rester proche de ses clientes', 0)
    const edited = draft({ repeated: REPEATED.replace('la marque doit rester proche', 'la marque doit demeurer proche') })
    const landed = land(edited, second)
    expect(landed).toMatchObject({ method: 'approximate', words: 'la marque doit demeurer proche de ses clientes' })
  })

  it('finds a passage inside a list item after the list changed around it', () => {
    const passage = select(ORIGINAL, 'la newsletter mensuelle')
    const moved = draft({ items: ['Lancer un jeu-concours en ligne', ...ITEMS] })
    expect(land(moved, passage)).toMatchObject({ words: 'la newsletter mensuelle', method: 'quote' })
    const edited = draft({ items: ['Lancer un jeu-concours en ligne', ITEMS[0]!, 'Développer la newsletter trimestrielle pour fidéliser les clientes'] })
    expect(land(edited, passage)).toMatchObject({ words: 'la newsletter trimestrielle', method: 'approximate' })
  })

  it('finds a passage inside a table cell after a row was added before it', () => {
    const passage = select(ORIGINAL, '40 %')
    const edited = draft({ rows: [['Étudiantes', '15 %'], ...ROWS] })
    expect(land(edited, passage)).toMatchObject({ words: '40 %', method: 'quote' })
    // The row deleted: « 40 % » still occurs elsewhere (in « 40 ans » no, but in a new paragraph), never with its context.
    const deleted = draft({ rows: [ROWS[1]!], target: `${TARGET} Elles pèsent 40 % des ventes.` })
    expect(land(deleted, passage)).toBeNull()
  })

  it('keeps an edited passage that ends a block within it (blocks touch in the anchoring text)', () => {
    const passage = select(ORIGINAL, 'sur leur mobile avant d’acheter.')
    expect(passage[0].suffix.startsWith('Renforcer')).toBe(true)
    const edited = draft({ target: TARGET.replace('leur mobile avant d’acheter.', 'leur téléphone avant l’achat') })
    expect(land(edited, passage)).toMatchObject({ words: 'sur leur téléphone avant l’achat', method: 'approximate' })
  })

  it('finds a whole table cell edited inside', () => {
    const passage = select(ORIGINAL, 'Familles rurales')
    const edited = draft({ rows: [ROWS[0]!, ['Familles périurbaines', '25 %']] })
    expect(land(edited, passage)).toMatchObject({ words: 'Familles périurbaines', method: 'approximate' })
  })

  it('does not take a short quote found inside a longer word', () => {
    const text = 'Les clientes choisissent ce produit pour sa qualité.'
    const passage = describePassage(text, text.indexOf('ce produit'), text.indexOf('ce produit') + 2)
    expect(land('Les clientes choisissent la concurrence produit pour sa qualité.', passage)).toBeNull()
  })

  it('round-trips: every passage described in a text is found there at its position', () => {
    const text = ORIGINAL
    for (let start = 0; start < text.length; start += 7) {
      for (const length of [1, 5, 23, 60]) {
        const end = Math.min(text.length, start + length)
        expect(anchorPassage(text, describePassage(text, start, end))).toEqual({ start, end, method: 'position' })
      }
    }
  })

  it('returns null for an empty quote or malformed selectors, without throwing', () => {
    expect(anchorPassage(ORIGINAL, describePassage(ORIGINAL, 10, 10))).toBeNull()
    expect(anchorPassage(ORIGINAL, [] as never)).toBeNull()
    expect(anchorPassage(ORIGINAL, null as never)).toBeNull()
    // A quote alone: long enough, it is found; short, it cannot be told from the same words elsewhere.
    expect(anchorPassage(ORIGINAL, [{ type: 'TextQuoteSelector', exact: `${PASSAGE} et` }] as never)).toMatchObject({ method: 'quote' })
    expect(anchorPassage(ORIGINAL, [{ type: 'TextQuoteSelector', exact: 'la marque' }] as never)).toBeNull()
    expect(anchorPassage('', selectors)).toBeNull()
  })
})
