import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { referentiel } from '#templates/referentiel'
import { drawThemes, GROUP_SIZES, groupSizeError, groupSizes, isTheme, randomGroups, SERIOUS_GAME_ID, THEME_LABELS, THEMES, type GroupSize } from './draw'

const ids = (n: number) => Array.from({ length: n }, (_, i) => `l${String(i).padStart(3, '0')}`)
const MSP: GroupSize = { min: 2, max: 3 }
const SG: GroupSize = { min: 3, max: 3 }

/** Arithmetic oracle: n splits into groups of min..max iff n = 0 or some k ≥ 1 has k·min ≤ n ≤ k·max. */
function splittable(n: number, { min, max }: GroupSize): boolean {
  if (n === 0) return true
  for (let k = 1; k <= n; k++) if (k * min <= n && n <= k * max) return true
  return false
}

const sizeArb = fc.integer({ min: 1, max: 6 }).chain((min) => fc.integer({ min, max: min + 4 }).map((max) => ({ min, max })))
const cohortArb = fc.integer({ min: 0, max: 300 }).map(ids)

describe('GROUP_SIZES', () => {
  it('matches the référentiel’s group épreuves', () => {
    const fromRef = Object.fromEntries(referentiel.evaluations.filter((e) => e.mode === 'group').map((e) => [e.id, e.groupSize]))
    expect(GROUP_SIZES).toEqual(fromRef)
    expect(referentiel.evaluations.find((e) => e.id === SERIOUS_GAME_ID)?.type).toBe('serious-game')
  })

  it('says in French when a group does not fit', () => {
    expect(groupSizeError('msp-a2', 2)).toBeNull()
    expect(groupSizeError('msp-a2', 3)).toBeNull()
    expect(groupSizeError('msp-a4', 1)).toBe('Un groupe de mise en situation professionnelle compte de 2 à 3\u00a0membres (celui-ci en compte 1).')
    expect(groupSizeError('msp-a6', 4)).toMatch(/de 2 à 3\u00a0membres \(celui-ci en compte 4\)/)
    expect(groupSizeError(SERIOUS_GAME_ID, 3)).toBeNull()
    expect(groupSizeError(SERIOUS_GAME_ID, 2)).toBe('Un groupe de serious game compte exactement 3\u00a0membres (celui-ci en compte 2).')
    expect(groupSizeError(SERIOUS_GAME_ID, 4)).not.toBeNull()
    expect(groupSizeError('cp-a3', 1)).toBe('Cette épreuve ne se passe pas en groupe.')
  })
})

describe('groupSizes', () => {
  it('prefers groups of 3, then 2s, for the MSP', () => {
    expect(groupSizes(0, MSP)).toEqual([])
    expect(groupSizes(1, MSP)).toBeNull()
    expect(groupSizes(2, MSP)).toEqual([2])
    expect(groupSizes(4, MSP)).toEqual([2, 2])
    expect(groupSizes(5, MSP)).toEqual([3, 2])
    expect(groupSizes(7, MSP)).toEqual([3, 2, 2])
    expect(groupSizes(9, MSP)).toEqual([3, 3, 3])
    expect(groupSizes(10, MSP)).toEqual([3, 3, 2, 2])
    expect(groupSizes(11, MSP)).toEqual([3, 3, 3, 2])
  })
  it('needs a multiple of 3 for the serious game', () => {
    expect(groupSizes(3, SG)).toEqual([3])
    expect(groupSizes(12, SG)).toEqual([3, 3, 3, 3])
    for (const n of [1, 2, 4, 5, 7, 8, 10]) expect(groupSizes(n, SG), String(n)).toBeNull()
  })
  it('uses as many groups of the largest size as any split can', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), (n) => {
        const sizes = groupSizes(n, MSP)
        if (n === 1) return sizes === null
        const best = n % 3 === 1 ? Math.floor(n / 3) - 1 : Math.floor(n / 3)
        return sizes!.filter((s) => s === 3).length === best
      }),
    )
  })
})

describe('randomGroups', () => {
  it('explains in French why a cohort cannot be split', () => {
    expect(randomGroups(ids(5), SG, 's')).toEqual({
      ok: false,
      message: '5\u00a0candidat·es ne se répartissent pas en groupes de 3 exactement\u00a0: il en reste 2.',
    })
    expect(randomGroups(ids(4), SG, 's')).toEqual({
      ok: false,
      message: '4\u00a0candidat·es ne se répartissent pas en groupes de 3 exactement\u00a0: il en reste 1.',
    })
    expect(randomGroups(ids(7), SG, 's')).toMatchObject({ ok: false, message: expect.stringContaining('il en reste 1') })
    expect(randomGroups(ids(1), MSP, 's')).toEqual({
      ok: false,
      message: '1\u00a0candidat·e ne se répartit pas en groupes de 2 à 3\u00a0: il en faut au moins 2.',
    })
    expect(randomGroups(ids(3), { min: 0, max: 3 }, 's')).toEqual({ ok: false, message: 'La taille des groupes est invalide.' })
    expect(randomGroups(ids(3), { min: 3, max: 2 }, 's').ok).toBe(false)
  })

  it('puts every learner in exactly one group of the right size, or fails exactly when no split exists', () => {
    fc.assert(
      fc.property(cohortArb, sizeArb, fc.string(), (learners, size, seed) => {
        const result = randomGroups(learners, size, seed)
        expect(result.ok).toBe(splittable(learners.length, size))
        if (!result.ok) {
          expect(result.message).toMatch(/^\d+\u00a0candidat·es? ne se (répartit|répartissent) pas en groupes de /)
          return
        }
        expect(result.groups.flat().sort()).toEqual([...learners].sort())
        for (const g of result.groups) {
          expect(g.length).toBeGreaterThanOrEqual(size.min)
          expect(g.length).toBeLessThanOrEqual(size.max)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('gives the same groups for the same seed, whatever the input order (duplicates ignored)', () => {
    fc.assert(
      fc.property(
        fc
          .uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 60 })
          .chain((learners) => fc.tuple(fc.constant(learners), fc.shuffledSubarray(learners, { minLength: learners.length }))),
        fc.string(),
        fc.boolean(),
        ([learners, shuffled], seed, exact) => {
          const size = exact ? SG : MSP
          const a = randomGroups(learners, size, seed)
          const b = randomGroups(shuffled, size, seed)
          const c = randomGroups([...learners].reverse().concat(learners.slice(0, 2)), size, seed)
          expect(b).toEqual(a)
          expect(c).toEqual(a)
        },
      ),
    )
  })

  it('varies with the seed (fixed seeds, deterministic)', () => {
    const cohort = ids(12)
    const seen = new Set<string>()
    const partners = new Map<string, number>()
    for (let i = 0; i < 300; i++) {
      const r = randomGroups(cohort, SG, `seed-${i}`)
      if (!r.ok) throw new Error(r.message)
      seen.add(JSON.stringify(r.groups.map((g) => [...g].sort()).sort()))
      const group = r.groups.find((g) => g.includes('l000'))!
      for (const other of group) if (other !== 'l000') partners.set(other, (partners.get(other) ?? 0) + 1)
    }
    expect(seen.size).toBeGreaterThan(295)
    // l000 shares a group with each of the 11 others about 2/11 of the time: 300·2/11 ≈ 55.
    expect(partners.size).toBe(11)
    for (const [other, times] of partners) expect(times, other).toBeGreaterThan(30)
    for (const [other, times] of partners) expect(times, other).toBeLessThan(80)
  })

  it('is pinned: a stored seed replays the same groups forever', () => {
    expect(randomGroups(ids(7), MSP, 'atelier-2027')).toEqual(GOLDEN_GROUPS)
  })
})

describe('drawThemes', () => {
  it('labels the three themes of the référentiel', () => {
    const context = referentiel.evaluations.find((e) => e.id === SERIOUS_GAME_ID)?.context ?? ''
    for (const theme of THEMES) expect(context.toLowerCase()).toContain(THEME_LABELS[theme].toLowerCase())
    expect(isTheme('eco-conception')).toBe(true)
    expect(isTheme('Éco-conception')).toBe(false)
  })

  it('gives distinct themes, reproducibly, to any group of 1 to 3', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 3 }), fc.string(), (members, seed) => {
        const draw = drawThemes(members, seed)
        expect(draw.map((d) => d.learnerId)).toEqual(members)
        expect(draw.every((d) => THEMES.includes(d.theme))).toBe(true)
        expect(new Set(draw.map((d) => d.theme)).size).toBe(members.length)
        expect(drawThemes([...members], seed)).toEqual(draw)
      }),
    )
  })

  it('refuses more members than themes, or a member twice', () => {
    expect(drawThemes([], 's')).toEqual([])
    expect(() => drawThemes(['a', 'b', 'c', 'd'], 's')).toThrow(RangeError)
    expect(() => drawThemes(['a', 'a'], 's')).toThrow(RangeError)
  })

  it('varies with the seed, each theme about a third of the time (fixed seeds, deterministic)', () => {
    const counts = new Map<string, number>()
    const orders = new Set<string>()
    for (let i = 0; i < 600; i++) {
      const draw = drawThemes(['ana', 'bao', 'chloé'], `tirage-${i}`)
      orders.add(draw.map((d) => d.theme).join())
      counts.set(draw[0]!.theme, (counts.get(draw[0]!.theme) ?? 0) + 1)
    }
    expect(orders.size).toBe(6)
    for (const theme of THEMES) expect(counts.get(theme), theme).toBeGreaterThan(150)
    for (const theme of THEMES) expect(counts.get(theme), theme).toBeLessThan(250)
  })

  it('is pinned: a stored seed replays the same themes forever', () => {
    expect(drawThemes(['ana', 'bao', 'chloé'], 'atelier-2027')).toEqual(GOLDEN_THEMES)
  })
})

const GOLDEN_GROUPS = {
  ok: true,
  groups: [
    ['l006', 'l004', 'l005'],
    ['l000', 'l001'],
    ['l003', 'l002'],
  ],
}
const GOLDEN_THEMES = [
  { learnerId: 'ana', theme: 'identite-de-marque' },
  { learnerId: 'bao', theme: 'identite-visuelle' },
  { learnerId: 'chloé', theme: 'eco-conception' },
]
