import { describe, expect, it } from 'vitest'
import { scheduleBackwards, type PlanTask } from './retroplanning'

const task = (id: string, duration: number, dependsOn: string[] = []): PlanTask => ({ id, name: id.toUpperCase(), duration, dependsOn })

describe('scheduleBackwards', () => {
  it('moves a deadline that falls on a weekend to the Friday before', () => {
    const { slots, problems } = scheduleBackwards([task('impression', 2)], '2027-03-06') // Saturday
    expect(problems).toEqual([])
    expect(slots.get('impression')).toEqual({ latestFinish: '2027-03-05', latestStart: '2027-03-04' })
  })

  it('skips a public holiday (14 July 2027, a Wednesday)', () => {
    const { slots } = scheduleBackwards([task('envoi', 3)], '2027-07-15')
    // Thursday 15 → Tuesday 13 (Wednesday 14 July skipped).
    expect(slots.get('envoi')).toEqual({ latestFinish: '2027-07-15', latestStart: '2027-07-12' })
  })

  it('skips Easter Monday', () => {
    const { slots } = scheduleBackwards([task('relecture', 2)], '2027-03-30')
    // Tuesday 30 March, then Friday 26 (Easter Monday 29 and the weekend skipped).
    expect(slots.get('relecture')).toEqual({ latestFinish: '2027-03-30', latestStart: '2027-03-26' })
  })

  it('chains dependencies backwards: a task ends the working day before its successor starts', () => {
    const { slots } = scheduleBackwards(
      [task('brief', 1), task('maquette', 3, ['brief']), task('bat', 2, ['maquette']), task('impression', 2, ['bat'])],
      '2027-04-09',
    )
    expect(slots.get('impression')).toEqual({ latestStart: '2027-04-08', latestFinish: '2027-04-09' })
    expect(slots.get('bat')).toEqual({ latestStart: '2027-04-06', latestFinish: '2027-04-07' })
    // 3 working days ending Monday 5 April: Thursday 1, Friday 2, Monday 5.
    expect(slots.get('maquette')).toEqual({ latestStart: '2027-04-01', latestFinish: '2027-04-05' })
    expect(slots.get('brief')).toEqual({ latestStart: '2027-03-31', latestFinish: '2027-03-31' })
  })

  it('takes the earliest of several successors', () => {
    const { slots } = scheduleBackwards([task('a', 1), task('b', 5, ['a']), task('c', 1, ['a'])], '2027-06-11')
    expect(slots.get('b')!.latestStart).toBe('2027-06-07')
    expect(slots.get('a')!.latestFinish).toBe('2027-06-04')
  })

  it('detects a cycle and names it', () => {
    const { slots, problems } = scheduleBackwards([task('a', 1, ['c']), task('b', 1, ['a']), task('c', 1, ['b'])], '2027-06-11')
    expect(slots.size).toBe(0)
    expect(problems).toHaveLength(1)
    expect(problems[0]!.kind).toBe('cycle')
    expect(problems[0]!.taskIds.sort()).toEqual(['a', 'b', 'c'])
    expect(problems[0]!.message).toMatch(/^Dépendances circulaires : « [ABC] » → « [ABC] » → « [ABC] » → « [ABC] »/)
  })

  it('says which chain cannot fit before the project start', () => {
    const { problems } = scheduleBackwards(
      [task('brief', 2), task('tournage', 5, ['brief']), task('montage', 4, ['tournage']), task('affiche', 1)],
      '2027-06-11',
      {
        projectStart: '2027-06-01',
      },
    )
    expect(problems).toHaveLength(1)
    expect(problems[0]!.kind).toBe('too-late')
    expect(problems[0]!.taskIds).toEqual(['brief', 'tournage', 'montage'])
    expect(problems[0]!.message).toContain('« BRIEF » → « TOURNAGE » → « MONTAGE » ne tient pas : 11 jours ouvrés de travail pour 9 disponibles')
  })

  it('refuses invalid durations and unknown dependencies', () => {
    const { problems } = scheduleBackwards([task('a', 0), task('b', 1, ['zzz'])], '2027-06-11')
    expect(problems.map((p) => p.kind)).toEqual(['duration', 'unknown-dependency'])
  })
})
