import { describe, expect, it } from 'vitest'
import { delayLevel, emptyTask, ganttFrame, planRows, retroplanningProblems, varianceInWorkingDays } from './retroplanning'
import type { RetroplanningValue, RetroTask } from './schema'

describe('retroplanning field: planned vs actual', () => {
  const thresholds = { orange: 1, rouge: 3 }
  const t = (
    id: string,
    name: string,
    duration: number | null,
    dependsOn: string[] = [],
    actual: [string | null, string | null] = [null, null],
  ): RetroTask => ({
    ...emptyTask(id),
    name,
    owner: 'X',
    duration,
    dependsOn,
    actualStart: actual[0],
    actualFinish: actual[1],
  })

  it('counts the variance in working days, signed', () => {
    expect(varianceInWorkingDays('2026-11-20', '2026-11-25')).toBe(3) // Fri → Wed: Mon, Tue, Wed
    expect(varianceInWorkingDays('2026-11-20', '2026-11-20')).toBe(0)
    expect(varianceInWorkingDays('2026-11-20', '2026-11-18')).toBe(-2)
    expect(varianceInWorkingDays('2026-11-10', '2026-11-12')).toBe(1) // 11 November is a public holiday
  })
  it('gives each task its level from the template thresholds', () => {
    expect(delayLevel(0, thresholds)).toBe('vert')
    expect(delayLevel(-4, thresholds)).toBe('vert')
    expect(delayLevel(1, thresholds)).toBe('orange')
    expect(delayLevel(2, thresholds)).toBe('orange')
    expect(delayLevel(3, thresholds)).toBe('rouge')
  })
  it('plans backwards, then measures actual finishes and overdue unfinished tasks against today', () => {
    const value: RetroplanningValue = {
      deadline: '2026-11-20',
      projectStart: null,
      tasks: [t('a', 'Brief', 2, [], ['2026-11-12', '2026-11-16']), t('b', 'Tournage', 3, ['a'], ['2026-11-18', null])],
    }
    const { rows, problems } = planRows(value, thresholds, '2026-11-24')
    expect(problems).toEqual([])
    // Tournage: 18–20 Nov; Brief: 16–17 Nov, finished on the 16th, a day early.
    expect(rows[1]!.slot).toEqual({ latestStart: '2026-11-18', latestFinish: '2026-11-20' })
    expect(rows[0]!.slot).toEqual({ latestStart: '2026-11-16', latestFinish: '2026-11-17' })
    expect(rows[0]).toMatchObject({ variance: -1, overdue: false, level: 'vert' })
    // Not finished on Tuesday 24th: 2 working days late so far.
    expect(rows[1]).toMatchObject({ variance: 2, overdue: true, level: 'orange' })
  })
  it('leaves tasks without a duration out of the schedule and says so', () => {
    const value: RetroplanningValue = { deadline: '2026-11-20', projectStart: null, tasks: [t('a', 'Brief', null), t('b', 'Tournage', 3, ['a'])] }
    const { rows, problems } = planRows(value, thresholds, '2026-11-01')
    expect(rows[0]!.slot).toBeNull()
    expect(rows[1]!.slot).toEqual({ latestStart: '2026-11-18', latestFinish: '2026-11-20' })
    expect(problems.map((p) => p.message)).toEqual(['La tâche « Brief » n’a pas de durée (en jours ouvrés).'])
  })
  it('lists its problems for the hints: no deadline, no owner, cycles, red alerts', () => {
    const options = { tracking: true, thresholds, today: '2026-11-30' }
    expect(retroplanningProblems({ deadline: null, projectStart: null, tasks: [] }, options)).toEqual([
      'Pas de date finale : le rétroplanning se calcule à rebours à partir d’elle.',
      'Aucune tâche pour l’instant.',
    ])
    const cycle: RetroplanningValue = {
      deadline: '2026-11-20',
      projectStart: null,
      tasks: [t('a', 'Brief', 2, ['b']), { ...t('b', 'Tournage', 3, ['a']), owner: '' }],
    }
    const problems = retroplanningProblems(cycle, options)
    expect(problems[0]).toMatch(/^Dépendances circulaires : « (Brief|Tournage) » → /)
    expect(problems[1]).toBe('Sans responsable : « Tournage ».')
    const late: RetroplanningValue = { deadline: '2026-11-20', projectStart: null, tasks: [t('a', 'Tournage', 3, [], ['2026-11-16', '2026-11-25'])] }
    expect(retroplanningProblems(late, options)).toEqual(['En alerte rouge : « Tournage » (3 j). Dites qui est alerté et quel ajustement vous proposez.'])
    expect(retroplanningProblems(late, { ...options, tracking: false })).toEqual([])
  })
})

describe('Gantt geometry', () => {
  it('spans the planned and actual dates and the deadline, as fractions', () => {
    const task = (id: string, name: string, duration: number, dependsOn: string[], actual: [string | null, string | null]): RetroTask => ({
      ...emptyTask(id),
      name,
      owner: 'X',
      duration,
      dependsOn,
      actualStart: actual[0],
      actualFinish: actual[1],
    })
    const value: RetroplanningValue = {
      deadline: '2026-11-20',
      projectStart: null,
      tasks: [
        task('a', 'Brief', 2, [], ['2026-11-12', '2026-11-16']),
        task('b', 'Tournage', 3, ['a'], ['2026-11-18', '2026-11-25']),
        { ...emptyTask('c'), name: 'Sans durée' },
      ],
    }
    const { rows } = planRows(value, { orange: 1, rouge: 3 }, '2026-11-19')
    expect(ganttFrame(rows, null, '2026-11-19')).toBeNull()
    const frame = ganttFrame(rows, value.deadline, '2026-11-19')!
    expect(frame.placed.map((r) => r.task.id)).toEqual(['a', 'b'])
    // From the brief's actual start (12th) to the late actual finish (25th): 14 days.
    expect([frame.first, frame.last]).toEqual(['2026-11-12', '2026-11-25'])
    expect(frame.offset('2026-11-12')).toBe(0)
    expect(frame.extent('2026-11-12', '2026-11-25')).toBe(1)
    expect(frame.offset('2026-11-19')).toBeCloseTo(7 / 14)
    expect(frame.todayInside).toBe(true)
    // An actual bar still running ends today; a finished one at its finish.
    expect(frame.actualEnd({ ...value.tasks[1]!, actualFinish: null })).toBe('2026-11-19')
    expect(frame.actualEnd(value.tasks[0]!)).toBe('2026-11-16')
  })
})
