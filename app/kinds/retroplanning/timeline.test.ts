import { describe, expect, it } from 'vitest'
import { emptyTask, planRows } from './retroplanning'
import type { RetroTask } from './schema'
import { chartDate, ganttCalendar, ganttTicks, isoWeek, slackOf } from './timeline'

const task = (id: string, name: string, duration: number, dependsOn: string[] = []): RetroTask => ({ ...emptyTask(id), name, owner: 'X', duration, dependsOn })
const rowsOf = (tasks: RetroTask[], deadline = '2027-05-14') => planRows({ deadline, projectStart: null, tasks }, { orange: 1, rouge: 3 }, '2027-04-01').rows

describe('Gantt calendar', () => {
  it('ticks the Word chart on Mondays, in the screen’s one date format', () => {
    expect(ganttTicks('2027-03-12', '2027-04-01')).toEqual([
      { date: '2027-03-15', label: '15 mars' },
      { date: '2027-03-22', label: '22 mars' },
      { date: '2027-03-29', label: '29 mars' },
    ])
    // A plan shorter than a week still has a tick.
    expect(ganttTicks('2027-03-16', '2027-03-19')).toEqual([{ date: '2027-03-16', label: '16 mars' }])
  })

  it('numbers weeks the ISO way, across the new year', () => {
    expect(isoWeek('2027-02-15')).toBe(7)
    expect(isoWeek('2027-01-01')).toBe(53)
    expect(isoWeek('2026-12-28')).toBe(53)
    expect(isoWeek('2027-01-04')).toBe(1)
    expect(isoWeek('2024-12-30')).toBe(1)
  })

  it('writes every date of the chart one way', () => {
    expect(chartDate('2027-02-15')).toBe('15 févr.')
    expect(chartDate('2027-05-01')).toBe('1 mai')
  })

  it('spans whole weeks from Monday, with the months and the weekday holidays they cross', () => {
    const cal = ganttCalendar('2027-04-30', '2027-05-14')
    expect(cal.start).toBe('2027-04-26')
    expect(cal.days).toBe(21)
    expect(cal.weeks).toEqual([
      { start: '2027-04-26', label: 'S17', date: '26 avr.' },
      { start: '2027-05-03', label: 'S18', date: '3 mai' },
      { start: '2027-05-10', label: 'S19', date: '10 mai' },
    ])
    expect(cal.months).toEqual([
      { from: 0, days: 5, label: 'avril 2027' },
      { from: 5, days: 16, label: 'mai 2027' },
    ])
    // Ascension is a Thursday; 1 and 8 May 2027 fall on Saturdays, already shaded as weekend.
    expect(cal.holidays).toEqual([{ day: 10, name: 'Ascension' }])
    expect(cal.day('2027-05-14')).toBe(18)
  })

  it('finds the holidays of both years when the chart crosses the new year', () => {
    const cal = ganttCalendar('2026-12-21', '2027-01-08')
    expect(cal.holidays.map((h) => h.name)).toEqual(['Noël', 'Jour de l’an'])
    expect(cal.months.map((m) => m.label)).toEqual(['décembre 2026', 'janvier 2027'])
  })
})

describe('critical path', () => {
  it('is the longest chain of dependencies; other tasks get their slack in working days', () => {
    const rows = rowsOf([
      task('brief', 'Brief agence', 3),
      task('visuels', 'Création des visuels', 5, ['brief']),
      task('impression', 'Impression', 2, ['visuels']),
      task('salle', 'Réservation de la salle', 2),
    ])
    const slack = slackOf(rows)
    // The chain starts Friday 30 April; the room could be booked from then, its latest start is Thursday 13 May.
    expect(slack.get('brief')).toEqual({ earliestStart: '2027-04-30', slack: 0, critical: true })
    expect(slack.get('visuels')).toEqual({ earliestStart: '2027-05-05', slack: 0, critical: true })
    expect(slack.get('impression')?.critical).toBe(true)
    // Working days from 30 April to 13 May: 3, 4, 5, 7, 10, 11, 12, 13 May (Ascension on the 6th).
    expect(slack.get('salle')).toEqual({ earliestStart: '2027-04-30', slack: 8, critical: false })
  })

  it('gives a task waiting for two others the later of their finishes', () => {
    const rows = rowsOf([task('a', 'Court', 1), task('b', 'Long', 4), task('c', 'Après les deux', 2, ['a', 'b'])])
    const slack = slackOf(rows)
    expect(slack.get('b')?.critical).toBe(true)
    expect(slack.get('c')?.critical).toBe(true)
    expect(slack.get('a')).toMatchObject({ critical: false, slack: 3 })
  })

  it('leaves out tasks that are not scheduled', () => {
    const rows = rowsOf([task('a', 'Daté', 2), { ...emptyTask('b'), name: 'Sans durée' }])
    expect([...slackOf(rows).keys()]).toEqual(['a'])
    expect(slackOf(rowsOf([task('a', 'Daté', 2)], '')).size).toBe(0)
  })
})
