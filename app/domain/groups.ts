/** Seeded draws and group making. Pure and deterministic for a given seed. */

/** mulberry32: a small, fast PRNG with a 32-bit state. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A string hashed to a 32-bit seed (FNV-1a). */
export function seedFrom(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** Fisher–Yates shuffle driven by a seed; the input is left untouched. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed)
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}

/**
 * Splits `items` into groups of `min`–`max` members, as many full groups of
 * `max` as possible. Items that cannot form a valid group (fewer than `min`
 * left over and no room to spread them) are returned in `left`.
 */
export function makeGroups<T>(items: readonly T[], min: number, max: number): { groups: T[][]; left: T[] } {
  const n = items.length
  // Fewest groups such that every group has at least `min` members.
  let count = Math.ceil(n / max)
  while (count > 0 && n < count * min) count--
  if (count === 0) return { groups: [], left: [...items] }
  const used = Math.min(n, count * max)
  const groups: T[][] = Array.from({ length: count }, () => [])
  // Deal round-robin so sizes differ by at most one.
  items.slice(0, used).forEach((item, i) => groups[i % count]!.push(item))
  return { groups, left: items.slice(used) }
}
