import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import data from './referentiel.json' with { type: 'json' }
import { referentiel } from './referentiel'
import { referentielSchema } from './referentiel.schema'

const ref = referentiel
const competencies = ref.activities.flatMap((a) => a.competencies)
const criteria = competencies.flatMap((c) => c.criteria)

describe('référentiel data', () => {
  it('validates against its schema', () => {
    expect(referentielSchema.safeParse(data).success).toBe(true)
  })

  it('holds the 15 activities and 51 competencies of the seed, in order', () => {
    expect(ref.activities.map((a) => a.id)).toEqual(Array.from({ length: 15 }, (_, i) => `A${i + 1}`))
    expect(ref.activities.map((a) => a.competencies.length)).toEqual([3, 4, 3, 3, 3, 3, 3, 3, 3, 3, 5, 5, 4, 3, 3])
    for (const [i, a] of ref.activities.entries()) {
      expect(a.competencies.map((c) => c.id)).toEqual(a.competencies.map((_, j) => `C${i + 1}.${j + 1}`))
    }
  })

  it('gives every competency its criteria, with stable well-formed ids', () => {
    for (const c of competencies) {
      expect(c.criteria.length, c.id).toBeGreaterThan(0)
      expect(c.criteria.map((k) => k.id)).toEqual(c.criteria.map((_, n) => `${c.id}-${n + 1}`))
    }
    expect(criteria).toHaveLength(190)
  })

  it('has unique ids everywhere', () => {
    const ids = [...ref.activities.map((a) => a.id), ...competencies.map((c) => c.id), ...criteria.map((k) => k.id), ...ref.evaluations.map((e) => e.id)]
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('evaluates each competency by exactly one of the 17 instances', () => {
    expect(ref.evaluations).toHaveLength(17)
    const counts = new Map<string, number>()
    for (const e of ref.evaluations) for (const id of e.competencyIds) counts.set(id, (counts.get(id) ?? 0) + 1)
    for (const c of competencies) expect(counts.get(c.id), c.id).toBe(1)
    expect([...counts.keys()].every((id) => competencies.some((c) => c.id === id))).toBe(true)
  })

  it('describes group épreuves with their group size and parts', () => {
    for (const e of ref.evaluations) {
      const group = e.type === 'mise-en-situation' || e.type === 'serious-game'
      expect(e.mode, e.id).toBe(group ? 'group' : 'individual')
      if (e.type === 'mise-en-situation') expect(e.groupSize).toEqual({ min: 2, max: 3 })
      if (e.type === 'serious-game') expect(e.groupSize).toEqual({ min: 3, max: 3 })
      if (!group) expect(e.groupSize).toBeNull()
      expect(e.parts.rex, e.id).toBe(e.type === 'mise-en-situation')
      for (const d of e.deliverables) expect(e.parts[d.part], `${e.id} ${d.part}`).toBe(true)
    }
    const counts = ref.evaluations.reduce<Record<string, number>>((acc, e) => ({ ...acc, [e.type]: (acc[e.type] ?? 0) + 1 }), {})
    expect(counts).toEqual({ 'mise-en-situation': 4, 'cas-pratique': 4, 'rapport-de-competences': 8, 'serious-game': 1 })
  })

  it('has no empty text and no stray spaces', () => {
    for (const s of allStrings()) {
      expect(s.value.length, s.label).toBeGreaterThan(0)
      expect(s.value, s.label).toBe(s.value.trim())
      expect(s.value, s.label).not.toMatch(/\s{2,}/)
    }
  })

  it('keeps the wording verbatim from the seed (only line breaks mended)', () => {
    const seed = normalizeSeed(fs.readFileSync(path.join(__dirname, 'source/referentiel-seed.txt'), 'utf8'))
    const failures: string[] = []
    for (const { label, value } of allStrings()) {
      // Every text is one run of the seed, except the cells a page break cuts in two.
      const pieces = splitIntoSeedPieces(value, seed)
      const allowed = CUT_BY_PAGE_BREAK.includes(label) ? 2 : 1
      if (pieces === null || pieces > allowed) failures.push(`${label} (${pieces ?? 'absent'})`)
    }
    expect(failures).toEqual([])
  })
})

/** Cells of the seed's table that a page break splits in two. */
const CUT_BY_PAGE_BREAK = [
  'C5.2',
  'C6.3',
  'C12.3',
  'C13.2',
  'C14.3',
  'projet-com-a11 written',
  'projet-com-a14 written',
  'projet-com-a13 context',
  'fiche-manageriale context',
]

function allStrings(): { label: string; value: string }[] {
  const out = [
    { label: 'title', value: ref.title },
    { label: 'certifier', value: ref.certifier },
    ...ref.epreuveTypes.map((t) => ({ label: t.id, value: t.label })),
  ]
  for (const a of ref.activities) {
    out.push({ label: a.id, value: a.title })
    for (const c of a.competencies) {
      out.push({ label: c.id, value: c.text }, { label: `${c.id} heading`, value: c.criteriaHeading })
      for (const k of c.criteria) out.push({ label: k.id, value: k.text })
    }
  }
  for (const e of ref.evaluations) {
    out.push({ label: `${e.id} title`, value: e.title }, { label: `${e.id} workMode`, value: e.workMode })
    out.push({ label: `${e.id} context`, value: e.context })
    for (const d of e.deliverables) out.push({ label: `${e.id} ${d.part}`, value: d.text })
  }
  return out
}

function normalizeSeed(text: string): string {
  return text.replace(/(\p{L})-[ \t]*\r?\n\s*/gu, '$1-').replace(/\s+/g, ' ')
}

/** Greedy longest-prefix split of `value` into substrings of `seed`; null if impossible. */
function splitIntoSeedPieces(value: string, seed: string): number | null {
  let rest = value
  let pieces = 0
  while (rest.length > 0) {
    let len = rest.length
    while (len > 0 && !seed.includes(rest.slice(0, len))) len--
    if (len === 0) return null
    // A page break falls between two words, never inside one.
    if (len < rest.length && rest[len] !== ' ' && rest[len - 1] !== ' ') return null
    pieces++
    rest = rest.slice(len).trimStart()
  }
  return pieces
}
