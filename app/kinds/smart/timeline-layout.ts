import { addDays, parseIsoDate } from '~/domain/calendar'

/**
 * Where the objectives sit on the SMART timeline: a position along the axis
 * (in percent), a lane so that markers close in time never overlap, and the
 * axis' month ticks. Dates are ISO calendar dates. Pure.
 */

/** Markers nearer than this (in percent of the axis) go on different lanes. */
export const MIN_GAP = 6

const shortMonth = new Intl.DateTimeFormat('fr-FR', { month: 'short', timeZone: 'UTC' })
const day = (iso: string) => parseIsoDate(iso).getTime() / 86_400_000

export type Placed<T> = { item: T; at: number; lane: number }
export type TimelineLayout<T> = {
  placed: Placed<T>[]
  lanes: number
  /** Today's place on the axis, when it is shown. */
  today: number | null
  /** First day of each month on the axis; `label` is empty for months left unlabelled. */
  ticks: { at: number; label: string }[]
}

/**
 * Lays out items (sorted by date) on an axis from the first date (or today,
 * up to six months before it) to the last, padded so that end markers stay inside.
 */
export function timelineLayout<T>(items: readonly { item: T; date: string }[], today: string): TimelineLayout<T> {
  const dates = items.map((i) => i.date)
  const first = dates.reduce((a, b) => (a < b ? a : b))
  const last = dates.reduce((a, b) => (a > b ? a : b))
  const withToday = today < first && today >= addDays(first, -183)
  const from = day(withToday ? today : first)
  const span = Math.max(day(last) - from, 1)
  const at = (iso: string) => 4 + ((day(iso) - from) / span) * 92
  const laneEnds: number[] = []
  const placed = items.map(({ item, date }) => {
    const x = at(date)
    let lane = laneEnds.findIndex((end) => x - end >= MIN_GAP)
    if (lane < 0) lane = laneEnds.push(x) - 1
    else laneEnds[lane] = x
    return { item, at: x, lane }
  })
  const months = (day(last) - from) / 30.4
  const every = months <= 4 ? 1 : months <= 15 ? 3 : 6
  const ticks: TimelineLayout<T>['ticks'] = []
  const start = withToday ? today : first
  for (let d = addDays(`${start.slice(0, 7)}-01`, 32).slice(0, 7) + '-01'; d <= last; d = addDays(d, 32).slice(0, 7) + '-01') {
    const month = Number(d.slice(5, 7))
    // January says its year; the first label says its month and year; the others their month.
    const label =
      (month - 1) % every !== 0
        ? ''
        : month === 1
          ? d.slice(0, 4)
          : `${shortMonth.format(parseIsoDate(d))}${ticks.some((t) => t.label) ? '' : ` ${d.slice(0, 4)}`}`
    ticks.push({ at: at(d), label })
  }
  return { placed, lanes: laneEnds.length, today: withToday || (today >= first && today <= last) ? at(today) : null, ticks }
}
