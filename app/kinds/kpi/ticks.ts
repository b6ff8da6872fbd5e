/**
 * Round axis ticks for the dashboard's charts: 0, 50, 100, 150 % rather
 * than 0, 31, 62, 94. Pure.
 */

/** Steps of 1, 2, 2.5 or 5 times a power of ten. */
const STEPS = [1, 2, 2.5, 5, 10]

/**
 * Ticks every round step from below `low` (0 at most) to above `high`, about
 * `count` intervals; the first and last ticks make the axis' domain.
 */
export function roundTicks(low: number, high: number, count = 4): number[] {
  const from = Math.min(0, Number.isFinite(low) ? low : 0)
  const top = Number.isFinite(high) ? high : 0
  const to = top > from ? top : from + 1
  const raw = (to - from) / count
  const power = 10 ** Math.floor(Math.log10(raw))
  const step = STEPS.map((m) => m * power).find((s) => s >= raw - 1e-9)!
  const first = Math.floor(from / step + 1e-9)
  const last = Math.ceil(to / step - 1e-9)
  return Array.from({ length: last - first + 1 }, (_, i) => Number(((first + i) * step).toPrecision(12)))
}
