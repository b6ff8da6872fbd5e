import { describe, expect, it } from 'vitest'
import {
  allottedSeconds,
  elapsedSeconds,
  finish,
  formatChange,
  formatDuration,
  formatRemaining,
  goTo,
  latestRehearsals,
  next,
  partElapsedMs,
  pause,
  previous,
  readyRehearsal,
  rehearsalProgress,
  resume,
  start,
  summarize,
  talkAllottedSeconds,
  timeState,
  toggle,
  totalElapsedMs,
  warningSeconds,
  type PastRehearsal,
  type RehearsalPart,
} from './rehearsal'

const intro: RehearsalPart = { id: 'intro', title: 'Introduction', minutes: 1 }
const demarche: RehearsalPart = { id: 'demarche', title: 'Ma démarche', minutes: 3 }
const bilan: RehearsalPart = { id: 'bilan', title: 'Bilan', minutes: null }
const parts = [intro, demarche, bilan]
/** A fake clock: T(12.5) is 12,5 s after the start of the test. */
const T0 = Date.UTC(2026, 11, 5, 9, 0, 0)
const T = (seconds: number) => T0 + seconds * 1000

describe('the timer state machine', () => {
  it('starts on the first part, counts only while running and sums the parts', () => {
    let s = readyRehearsal()
    expect(s).toEqual({ status: 'ready', index: 0, spent: {}, since: null })
    expect(totalElapsedMs(s, parts, T(100))).toBe(0)

    s = start(s, parts, T(0))
    expect(s.status).toBe('running')
    expect(partElapsedMs(s, parts, 'intro', T(12.5))).toBe(12_500)

    s = pause(s, parts, T(20))
    expect(s).toEqual({ status: 'paused', index: 0, spent: { intro: 20_000 }, since: null })
    // Paused: time does not move.
    expect(partElapsedMs(s, parts, 'intro', T(500))).toBe(20_000)

    s = resume(s, T(50))
    s = next(s, parts, T(75)) // intro: 20 + 25 = 45 s
    expect(s.index).toBe(1)
    expect(s.spent).toEqual({ intro: 45_000 })
    expect(s.since).toBe(T(75))
    expect(partElapsedMs(s, parts, 'demarche', T(135))).toBe(60_000)
    expect(totalElapsedMs(s, parts, T(135))).toBe(105_000)

    // Back to the introduction: its time goes on from 45 s.
    s = previous(s, parts, T(135))
    expect(s.index).toBe(0)
    expect(partElapsedMs(s, parts, 'intro', T(145))).toBe(55_000)
    expect(partElapsedMs(s, parts, 'demarche', T(145))).toBe(60_000)

    s = goTo(s, parts, 2, T(145))
    s = finish(s, parts, T(160.4))
    expect(s).toEqual({ status: 'finished', index: 2, spent: { intro: 55_000, demarche: 60_000, bilan: 15_400 }, since: null })
    // Finished: nothing moves any more.
    expect(totalElapsedMs(s, parts, T(9999))).toBe(130_400)
    expect(next(s, parts, T(200))).toBe(s)
    expect(toggle(s, parts, T(200))).toBe(s)
  })

  it('moves between parts before starting or while paused without counting time', () => {
    let s = next(readyRehearsal(), parts, T(0))
    expect(s).toEqual({ status: 'ready', index: 1, spent: {}, since: null })
    s = start(s, parts, T(10))
    s = pause(s, parts, T(40))
    s = next(s, parts, T(100))
    expect(s).toEqual({ status: 'paused', index: 2, spent: { demarche: 30_000 }, since: null })
    expect(totalElapsedMs(s, parts, T(1000))).toBe(30_000)
  })

  it('ignores actions that make no sense in the current status', () => {
    const ready = readyRehearsal()
    expect(pause(ready, parts, T(1))).toBe(ready)
    expect(resume(ready, T(1))).toBe(ready)
    expect(finish(ready, parts, T(1))).toBe(ready)
    expect(previous(ready, parts, T(1))).toBe(ready) // already on the first part
    expect(start(ready, [], T(1))).toBe(ready) // an empty talk
    const running = start(ready, parts, T(0))
    expect(start(running, parts, T(5))).toBe(running)
    expect(resume(running, T(5))).toBe(running)
    const last = goTo(running, parts, 99, T(5))
    expect(last.index).toBe(2)
    expect(next(last, parts, T(6))).toBe(last)
  })

  it('toggles: start, pause, resume', () => {
    let s = toggle(readyRehearsal(), parts, T(0))
    expect(s.status).toBe('running')
    s = toggle(s, parts, T(3))
    expect(s.status).toBe('paused')
    s = toggle(s, parts, T(10))
    expect(s).toEqual({ status: 'running', index: 0, spent: { intro: 3000 }, since: T(10) })
  })

  it('never loses time when the clock goes backwards', () => {
    const s = pause(start(readyRehearsal(), parts, T(10)), parts, T(5))
    expect(s.spent).toEqual({ intro: 0 })
  })

  it('shows whole seconds once they are over', () => {
    expect(elapsedSeconds(0)).toBe(0)
    expect(elapsedSeconds(999)).toBe(0)
    expect(elapsedSeconds(1000)).toBe(1)
    expect(elapsedSeconds(59_999)).toBe(59)
    expect(elapsedSeconds(-5)).toBe(0)
  })
})

describe('the summary of a finished rehearsal', () => {
  it('rounds each part to the second, lists skipped parts at 0 and totals the parts', () => {
    let s = start(readyRehearsal(), parts, T(0))
    s = next(s, parts, T(62.4)) // intro 62,4 s → 62
    s = next(s, parts, T(62.4 + 185.5)) // démarche 185,5 s → 186
    s = finish(s, parts, T(62.4 + 185.5 + 0.4)) // bilan 0,4 s → 0
    expect(summarize(s, parts, T(1000))).toEqual({ seconds: 248, parts: { intro: 62, demarche: 186, bilan: 0 } })
  })

  it('is the same when read while running (the running segment counts)', () => {
    const s = start(readyRehearsal(), parts, T(0))
    expect(summarize(s, parts, T(30))).toEqual({ seconds: 30, parts: { intro: 30, demarche: 0, bilan: 0 } })
  })
})

describe('against the allotted time', () => {
  it('reads the allotted seconds of a part and of the talk', () => {
    expect(allottedSeconds(intro)).toBe(60)
    expect(allottedSeconds({ id: 'x', title: 'x', minutes: 2.5 })).toBe(150)
    expect(allottedSeconds(bilan)).toBeNull()
    expect(allottedSeconds({ id: 'x', title: 'x', minutes: 0 })).toBeNull()
    // 1 + 3 minutes; the part without a time adds nothing.
    expect(talkAllottedSeconds(parts)).toBe(240)
    expect(talkAllottedSeconds([bilan])).toBeNull()
    expect(talkAllottedSeconds([])).toBeNull()
  })

  it('warns in the last 30 s or the last 10 %, whichever is larger', () => {
    expect(warningSeconds(60)).toBe(30) // 10 % = 6 s < 30 s
    expect(warningSeconds(300)).toBe(30) // 10 % = 30 s: equal
    expect(warningSeconds(600)).toBe(60) // 10 % = 60 s > 30 s
    expect(warningSeconds(1200)).toBe(120)
    expect(warningSeconds(20)).toBe(20) // capped at the part itself
  })

  it('turns ok → warning → over at the hand-checked seconds', () => {
    // A 1-minute part: warning from 30 s, over after 60 s.
    expect(timeState(0, 60)).toBe('ok')
    expect(timeState(29, 60)).toBe('ok')
    expect(timeState(30, 60)).toBe('warning')
    expect(timeState(60, 60)).toBe('warning')
    expect(timeState(61, 60)).toBe('over')
    // A 10-minute part: warning from 9 min (540 s).
    expect(timeState(539, 600)).toBe('ok')
    expect(timeState(540, 600)).toBe('warning')
    expect(timeState(601, 600)).toBe('over')
    // A 20-second part warns from the start.
    expect(timeState(0, 20)).toBe('warning')
    // Without a time, never late.
    expect(timeState(100_000, null)).toBe('ok')
  })
})

describe('progress across rehearsals', () => {
  const r = (id: string, at: string, seconds: number): PastRehearsal => ({ id, at, seconds, parts: {} })
  const a = r('a', '2026-12-01T18:00:00.000Z', 750) // 12 min 30
  const b = r('b', '2026-12-02T18:00:00.000Z', 660) // 11 min
  const c = r('c', '2026-12-03T18:00:00.000Z', 590) // 9 min 50
  const d = r('d', '2026-12-04T18:00:00.000Z', 610) // 10 min 10
  // Listed out of order on purpose.
  const kept = [b, a, d, c]

  it('orders by date and gives totals, last, previous and the change', () => {
    const p = rehearsalProgress(kept, 600)
    expect(p.ordered.map((x) => x.id)).toEqual(['a', 'b', 'c', 'd'])
    expect(p.count).toBe(4)
    expect(p.totalSeconds).toBe(750 + 660 + 590 + 610) // 2 610
    expect(p.last?.id).toBe('d')
    expect(p.previous?.id).toBe('c')
    expect(p.change).toBe(20) // 610 − 590
  })

  it('best is the closest to the allotted time, within it on a tie', () => {
    // c and d are both 10 s away from 600: c is within the time.
    const p = rehearsalProgress(kept, 600)
    expect(p.best?.id).toBe('c')
    // Same distance, both within: the latest wins.
    const tie = rehearsalProgress([r('x', '2026-12-01T10:00:00Z', 500), r('y', '2026-12-02T10:00:00Z', 500)], 600)
    expect(tie.best?.id).toBe('y')
    // Without an allotted time: the shortest.
    expect(rehearsalProgress(kept, null).best?.id).toBe('c')
  })

  it('says whether the last rehearsal got closer to the time', () => {
    expect(rehearsalProgress(kept, 600).trend).toBe('same') // 10 s away both times
    expect(rehearsalProgress([b, a], 600).trend).toBe('closer') // 150 s away, then 60 s
    expect(rehearsalProgress([b, d], 600).trend).toBe('closer') // 60 s, then 10 s
    // 10 s away (c, 3 December), then 100 s away (5 December).
    expect(rehearsalProgress([r('e', '2026-12-05T18:00:00.000Z', 700), c], 600).trend).toBe('further')
    expect(rehearsalProgress(kept, null).trend).toBeNull()
  })

  it('is empty without rehearsals, and has no change with one', () => {
    expect(rehearsalProgress([], 600)).toEqual({
      count: 0,
      totalSeconds: 0,
      ordered: [],
      last: null,
      previous: null,
      best: null,
      change: null,
      trend: null,
    })
    const one = rehearsalProgress([b], 600)
    expect(one.last?.id).toBe('b')
    expect(one.previous).toBeNull()
    expect(one.change).toBeNull()
    expect(one.trend).toBeNull()
  })

  it('lists the latest rehearsals newest first', () => {
    expect(latestRehearsals(kept, 3).map((x) => x.id)).toEqual(['d', 'c', 'b'])
  })
})

describe('French durations', () => {
  it('writes seconds, then minutes and two-digit seconds, with no-break spaces', () => {
    expect(formatDuration(0)).toBe('0\u00a0s')
    expect(formatDuration(45)).toBe('45\u00a0s')
    expect(formatDuration(45.9)).toBe('45\u00a0s')
    expect(formatDuration(59)).toBe('59\u00a0s')
    expect(formatDuration(60)).toBe('1\u00a0min\u00a000')
    expect(formatDuration(125)).toBe('2\u00a0min\u00a005')
    expect(formatDuration(754)).toBe('12\u00a0min\u00a034')
    expect(formatDuration(3725)).toBe('1\u00a0h\u00a002\u00a0min\u00a005')
  })

  it('writes time left, and an overrun with a minus sign and minutes', () => {
    expect(formatRemaining(90)).toBe('1\u00a0min\u00a030')
    expect(formatRemaining(45)).toBe('45\u00a0s')
    expect(formatRemaining(0)).toBe('0\u00a0s')
    expect(formatRemaining(-30)).toBe('\u22120\u00a0min\u00a030')
    expect(formatRemaining(-75)).toBe('\u22121\u00a0min\u00a015')
  })

  it('writes a change between rehearsals with its sign', () => {
    expect(formatChange(65)).toBe('+1\u00a0min\u00a005')
    expect(formatChange(-45)).toBe('\u221245\u00a0s')
    expect(formatChange(0)).toBe('±0\u00a0s')
  })
})
