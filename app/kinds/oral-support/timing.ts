/**
 * The talk's timing, pure: total minutes, each speaker's share, and how far
 * the total is from the target. No React, no zod: it runs in the browser,
 * the hints and the exports.
 */

export const ORALS = ['grand-oral', 'collective', 'per-candidate'] as const
export type OralKind = (typeof ORALS)[number]

export const LIMITS = {
  parts: 40,
  questions: 60,
  rehearsals: 20,
  visuals: 8,
  title: 200,
  message: 1000,
  notes: 5000,
  alt: 300,
  question: 500,
  answer: 3000,
} as const

/** What timing needs of a part. */
export type TimedPart = { minutes: number | null; speakers: readonly string[] }

/** Total minutes of the parts (a part without a time counts 0). */
export function totalMinutes(parts: readonly TimedPart[]): number {
  return round(parts.reduce((sum, p) => sum + (p.minutes ?? 0), 0))
}

/** Rounded to a hundredth, so that 0.1 + 0.2 reads 0.3. */
const round = (n: number) => Math.round(n * 100) / 100

export type SpeakerShare = { id: string; minutes: number; percent: number }

/**
 * Each speaker's share: a part spoken by several members is split evenly
 * between them. `members` (in their order) are listed even when they never
 * speak (0 min); speakers who are no longer members come after them.
 * `percent` is of the total time of the parts (0 when it is 0).
 */
export function speakerShares(parts: readonly TimedPart[], members: readonly string[] = []): SpeakerShare[] {
  const minutes = new Map<string, number>(members.map((m) => [m, 0]))
  for (const p of parts) {
    if (!p.speakers.length) continue
    const each = (p.minutes ?? 0) / p.speakers.length
    for (const s of p.speakers) minutes.set(s, (minutes.get(s) ?? 0) + each)
  }
  const total = totalMinutes(parts)
  return [...minutes].map(([id, m]) => ({ id, minutes: round(m), percent: total > 0 ? Math.round((m / total) * 1000) / 10 : 0 }))
}

/** The members who speak in no part. */
export const silentMembers = (parts: readonly TimedPart[], members: readonly string[]) => members.filter((m) => !parts.some((p) => p.speakers.includes(m)))

export type Pace = { total: number; target: number; difference: number; status: 'over' | 'under' | 'onTime' }

/** Under the target when the talk leaves more than this share of it unused. */
export const UNDER_SHARE = 0.1

/**
 * The total against the target: over as soon as it exceeds it, under when
 * more than a tenth of the time is left, on time in between. Null without target.
 */
export function pace(parts: readonly TimedPart[], target: number | undefined | null): Pace | null {
  if (!target || target <= 0) return null
  const total = totalMinutes(parts)
  const difference = round(total - target)
  const status = difference > 0 ? 'over' : -difference > target * UNDER_SHARE ? 'under' : 'onTime'
  return { total, target, difference, status }
}
