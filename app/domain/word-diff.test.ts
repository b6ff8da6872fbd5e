import { describe, expect, it } from 'vitest'
import { blockWordDiff, hasChanges, mergeSegments, wordDiff, type DiffSegment } from './word-diff'

/** The text before (equal + delete) and after (equal + insert) a diff. */
const sides = (segments: DiffSegment[]) => ({
  before: segments
    .filter((s) => s.op !== 'insert')
    .map((s) => s.text)
    .join(''),
  after: segments
    .filter((s) => s.op !== 'delete')
    .map((s) => s.text)
    .join(''),
})

describe('wordDiff', () => {
  it('marks a replaced word and an inserted one, keeping the rest equal', () => {
    const before = 'Le marché des salons professionnels est en croissance.'
    const after = 'Le marché des salons régionaux est en forte croissance.'
    const segments = wordDiff(before, after)
    expect(segments).toEqual([
      { op: 'equal', text: 'Le marché des salons ' },
      { op: 'delete', text: 'professionnels' },
      { op: 'insert', text: 'régionaux' },
      { op: 'equal', text: ' est en ' },
      { op: 'insert', text: 'forte ' },
      { op: 'equal', text: 'croissance.' },
    ])
    expect(sides(segments)).toEqual({ before, after })
  })

  it('compares whole words, accents and apostrophes included', () => {
    expect(wordDiff('l’entreprise a choisi', 'l’entreprise aura choisi')).toEqual([
      { op: 'equal', text: 'l’entreprise ' },
      { op: 'delete', text: 'a' },
      { op: 'insert', text: 'aura' },
      { op: 'equal', text: ' choisi' },
    ])
    expect(wordDiff('Étude Xerfi', 'étude Xerfi')).toEqual([
      { op: 'delete', text: 'Étude' },
      { op: 'insert', text: 'étude' },
      { op: 'equal', text: ' Xerfi' },
    ])
  })

  it('says everything is new against an empty text, and nothing changed for the same text', () => {
    expect(wordDiff('', 'Un texte neuf')).toEqual([{ op: 'insert', text: 'Un texte neuf' }])
    expect(wordDiff('Un texte supprimé', '')).toEqual([{ op: 'delete', text: 'Un texte supprimé' }])
    expect(wordDiff('Inchangé', 'Inchangé')).toEqual([{ op: 'equal', text: 'Inchangé' }])
    expect(wordDiff('', '')).toEqual([])
  })

  it('never leaves two adjacent segments of the same operation', () => {
    const before = 'un deux trois quatre cinq six sept huit'
    const after = 'un 2 3 quatre 5 six 7 8 neuf'
    const segments = wordDiff(before, after)
    for (let i = 1; i < segments.length; i++) expect(segments[i]!.op).not.toBe(segments[i - 1]!.op)
    expect(sides(segments)).toEqual({ before, after })
  })

  it('gives up on texts too different to compare cheaply, replacing one by the other', () => {
    const words = (prefix: string) => Array.from({ length: 3_000 }, (_, i) => `${prefix}${i}`).join(' ')
    const segments = wordDiff(words('a'), words('b'))
    expect(sides(segments)).toEqual({ before: words('a'), after: words('b') })
    expect(segments.every((s) => s.op !== 'equal')).toBe(true)
  })
})

describe('mergeSegments', () => {
  it('joins neighbours of one operation and drops empty ones', () => {
    expect(
      mergeSegments([
        { op: 'equal', text: 'a ' },
        { op: 'equal', text: 'b' },
        { op: 'insert', text: '' },
        { op: 'delete', text: ' c' },
        { op: 'delete', text: ' d' },
      ]),
    ).toEqual([
      { op: 'equal', text: 'a b' },
      { op: 'delete', text: ' c d' },
    ])
  })
})

describe('blockWordDiff', () => {
  it('compares an edited paragraph word by word and leaves the others equal', () => {
    const blocks = blockWordDiff(['Titre', 'Premier paragraphe.', 'Second paragraphe.'], ['Titre', 'Premier paragraphe modifié.', 'Second paragraphe.'])
    expect(blocks).toEqual([
      [{ op: 'equal', text: 'Titre' }],
      [
        // jsdiff keeps the spaces around an insertion on the unchanged side.
        { op: 'equal', text: 'Premier paragraphe ' },
        { op: 'insert', text: 'modifié' },
        { op: 'equal', text: '.' },
      ],
      [{ op: 'equal', text: 'Second paragraphe.' }],
    ])
    expect(hasChanges(blocks)).toBe(true)
  })

  it('shows a new paragraph inserted before an edited one as new, not as a rewrite of it', () => {
    const blocks = blockWordDiff(
      ['Introduction.', 'Le salon attire des exposants régionaux.'],
      ['Introduction.', 'Un paragraphe entièrement nouveau sur la concurrence.', 'Le salon attire des exposants nationaux.'],
    )
    expect(blocks).toEqual([
      [{ op: 'equal', text: 'Introduction.' }],
      [{ op: 'insert', text: 'Un paragraphe entièrement nouveau sur la concurrence.' }],
      [
        { op: 'equal', text: 'Le salon attire des exposants ' },
        { op: 'delete', text: 'régionaux' },
        { op: 'insert', text: 'nationaux' },
        { op: 'equal', text: '.' },
      ],
    ])
  })

  it('shows a deleted paragraph as deleted where it stood', () => {
    expect(blockWordDiff(['Un.', 'Deux.', 'Trois.'], ['Un.', 'Trois.'])).toEqual([
      [{ op: 'equal', text: 'Un.' }],
      [{ op: 'delete', text: 'Deux.' }],
      [{ op: 'equal', text: 'Trois.' }],
    ])
  })

  it('shows a paragraph replaced by an unrelated one as deleted then inserted', () => {
    expect(blockWordDiff(['Le budget est de 10 000 euros.'], ['Nous visons les étudiants lyonnais.'])).toEqual([
      [{ op: 'delete', text: 'Le budget est de 10 000 euros.' }],
      [{ op: 'insert', text: 'Nous visons les étudiants lyonnais.' }],
    ])
  })

  it('says everything is new against no blocks, and nothing changed between equal ones', () => {
    expect(blockWordDiff([], ['A', 'B'])).toEqual([[{ op: 'insert', text: 'A' }], [{ op: 'insert', text: 'B' }]])
    const same = blockWordDiff(['A', 'B'], ['A', 'B'])
    expect(hasChanges(same)).toBe(false)
    expect(blockWordDiff([], [])).toEqual([])
  })

  it('pairs long runs of edited blocks in order without measuring every pair', () => {
    const before = Array.from({ length: 60 }, (_, i) => `Paragraphe ${i} avant.`)
    const after = Array.from({ length: 60 }, (_, i) => `Paragraphe ${i} après.`)
    const blocks = blockWordDiff(before, after)
    expect(blocks).toHaveLength(60)
    expect(blocks[7]).toEqual([
      { op: 'equal', text: 'Paragraphe 7 ' },
      { op: 'delete', text: 'avant' },
      { op: 'insert', text: 'après' },
      { op: 'equal', text: '.' },
    ])
  })
})
