/**
 * Seeded draws for the group épreuves (issue 13 §4–§5): random groups for the
 * MSP and the serious game, and the serious-game themes. Pure: the same seed
 * and the same input always give the same result, so a stored draw can be
 * replayed and checked from its row.
 *
 * Randomness is the in-repo PRNG of `./groups` (also used by db/seed.ts), kept
 * on purpose rather than a package: a stored draw must replay identically
 * forever, so the algorithm must never change under a dependency upgrade (the
 * golden tests in draw.test.ts pin it). The pipeline:
 *   1. the string seed is hashed to 32 bits with FNV-1a (`seedFrom`);
 *   2. that number seeds mulberry32 (`seededRandom`), a 32-bit-state PRNG
 *      that passes gjrand/PractRand at this size;
 *   3. a Fisher–Yates shuffle (`seededShuffle`) draws j in 0..i as
 *      ⌊u·(i+1)⌋ with u a multiple of 2⁻³²: the bias is below (i+1)/2³²,
 *      i.e. under 10⁻⁷ for a cohort of 300 — negligible here.
 */
import { seededShuffle, seedFrom } from './groups'

/** The référentiel's group épreuves and their group sizes (checked against templates/referentiel.json by the tests). */
export const MSP_IDS = ['msp-a2', 'msp-a4', 'msp-a5', 'msp-a6'] as const
export const SERIOUS_GAME_ID = 'serious-game-a11'

export type GroupSize = { min: number; max: number }

export const GROUP_SIZES: Readonly<Record<string, GroupSize>> = {
  'msp-a2': { min: 2, max: 3 },
  'msp-a4': { min: 2, max: 3 },
  'msp-a5': { min: 2, max: 3 },
  'msp-a6': { min: 2, max: 3 },
  [SERIOUS_GAME_ID]: { min: 3, max: 3 },
}

const candidates = (n: number) => `${n}\u00a0candidat·e${n > 1 ? 's' : ''}`
const membres = (n: number) => `${n}\u00a0membre${n > 1 ? 's' : ''}`

/** « de 2 à 3 » / « de 3 exactement »: how a size reads after « groupes ». */
function sizeText(size: GroupSize): string {
  return size.min === size.max ? `de ${size.min} exactement` : `de ${size.min} à ${size.max}`
}

/** Why a group of `size` members does not fit the épreuve (French), or null when it does. */
export function groupSizeError(evaluationId: string, size: number): string | null {
  const bounds = GROUP_SIZES[evaluationId]
  if (!bounds) return 'Cette épreuve ne se passe pas en groupe.'
  if (size >= bounds.min && size <= bounds.max) return null
  const what = evaluationId === SERIOUS_GAME_ID ? 'Un groupe de serious game' : 'Un groupe de mise en situation professionnelle'
  const expected = bounds.min === bounds.max ? `exactement ${membres(bounds.min)}` : `de ${bounds.min} à ${membres(bounds.max)}`
  return `${what} compte ${expected} (celui-ci en compte ${size}).`
}

/**
 * The sizes of the groups `n` learners split into, largest first, or null when
 * no split fits `size`. Fewest groups (⌈n/max⌉), sizes differing by at most
 * one: for 2–3 that is as many groups of 3 as possible, then 2s. A split
 * exists iff ⌈n/max⌉·min ≤ n (more groups only raise the minimum total).
 */
export function groupSizes(n: number, size: GroupSize): number[] | null {
  if (n === 0) return []
  const count = Math.ceil(n / size.max)
  if (count * size.min > n) return null
  const small = Math.floor(n / count)
  const large = n % count
  return Array.from({ length: count }, (_, i) => (i < large ? small + 1 : small))
}

export type GroupsResult = { ok: true; groups: string[][] } | { ok: false; message: string }

/**
 * Splits the learners into random groups of `size.min`–`size.max`, each
 * learner exactly once. Reproducible: the ids are sorted (then de-duplicated)
 * first, so the input order does not matter, then shuffled with the seed and
 * cut into groups, largest first. When no split fits, says why in French.
 */
export function randomGroups(learnerIds: readonly string[], size: GroupSize, seed: string): GroupsResult {
  if (!Number.isInteger(size.min) || !Number.isInteger(size.max) || size.min < 1 || size.max < size.min) {
    return { ok: false, message: 'La taille des groupes est invalide.' }
  }
  const ids = [...new Set(learnerIds)].sort()
  const n = ids.length
  const sizes = groupSizes(n, size)
  if (!sizes) {
    const verb = n > 1 ? 'ne se répartissent pas' : 'ne se répartit pas'
    const rest = size.min === size.max ? `\u00a0: il en reste ${n % size.max}` : n < size.min ? `\u00a0: il en faut au moins ${size.min}` : ''
    return { ok: false, message: `${candidates(n)} ${verb} en groupes ${sizeText(size)}${rest}.` }
  }
  const shuffled = seededShuffle(ids, seedFrom(seed))
  const groups: string[][] = []
  let at = 0
  for (const s of sizes) {
    groups.push(shuffled.slice(at, at + s))
    at += s
  }
  return { ok: true, groups }
}

/** The serious-game themes, as the référentiel names them (A11). */
export const THEMES = ['identite-visuelle', 'identite-de-marque', 'eco-conception'] as const
export type Theme = (typeof THEMES)[number]
export const THEME_LABELS: Readonly<Record<Theme, string>> = {
  'identite-visuelle': 'Identité visuelle',
  'identite-de-marque': 'Identité de marque',
  'eco-conception': 'Éco-conception',
}

export function isTheme(value: unknown): value is Theme {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value)
}

export type ThemeDraw = { learnerId: string; theme: Theme }

/**
 * Each member draws a theme, never the same twice in the group: the three
 * themes are shuffled with a seed made of `seed` and the members in order,
 * and the i-th member takes the i-th theme. Reproducible from (seed, members
 * in order). Throws on more members than themes or on a repeated member.
 */
export function drawThemes(memberIds: readonly string[], seed: string): ThemeDraw[] {
  if (memberIds.length > THEMES.length) throw new RangeError(`drawThemes: ${memberIds.length} members for ${THEMES.length} themes`)
  if (new Set(memberIds).size !== memberIds.length) throw new RangeError('drawThemes: a member appears twice')
  const themes = seededShuffle(THEMES, seedFrom(['themes', seed, ...memberIds].join('\n')))
  return memberIds.map((learnerId, i) => ({ learnerId, theme: themes[i]! }))
}
