import { describe, expect, it } from 'vitest'
import { byDate, emptyAction, emptyMeeting, hasMinutes, meetingLabel, meetingState, minutesProblems, split } from './minutes'
import type { Meeting, MeetingAction, MeetingMinutesValue } from './schema'

const TODAY = '2027-03-15'
let n = 0
const meeting = (patch: Partial<Meeting>): Meeting => ({ ...emptyMeeting(`reunion-${String(++n).padStart(6, '0')}`), ...patch })
const action = (patch: Partial<MeetingAction>): MeetingAction => ({ ...emptyAction(`action-${String(++n).padStart(6, '0')}`), ...patch })
const value = (...meetings: Meeting[]): MeetingMinutesValue => ({ meetings })

describe('planned or held', () => {
  it('needs minutes: decisions, or an action with its wording', () => {
    expect(hasMinutes(meeting({ decisions: '  ' }))).toBe(false)
    expect(hasMinutes(meeting({ decisions: 'Budget validé' }))).toBe(true)
    // An owner alone is not minutes: the action says nothing yet.
    expect(hasMinutes(meeting({ actions: [action({ owner: 'Léa' })] }))).toBe(false)
    expect(hasMinutes(meeting({ actions: [action({ what: 'Relancer l’imprimeur' })] }))).toBe(true)
  })

  it('is held when its date is past (today included) and its minutes are written', () => {
    const written = { decisions: 'Budget validé' }
    expect(meetingState(meeting({ date: '2027-03-14', ...written }), TODAY)).toBe('held')
    expect(meetingState(meeting({ date: TODAY, ...written }), TODAY)).toBe('held')
    expect(meetingState(meeting({ date: '2027-03-16', ...written }), TODAY)).toBe('planned')
    expect(meetingState(meeting({ date: null, ...written }), TODAY)).toBe('planned')
    expect(meetingState(meeting({ date: '2027-03-01' }), TODAY)).toBe('planned')
  })

  it('lists meetings by date, undated last, blank ones left out, and splits planned from held', () => {
    const a = meeting({ title: 'Bilan', date: '2027-04-02' })
    const b = meeting({ title: 'Lancement', date: '2027-03-01', decisions: 'Go' })
    const c = meeting({ title: 'Atelier', date: null })
    const d = meeting({})
    const e = meeting({ title: 'Point d’étape', date: '2027-03-10', actions: [action({ what: 'Envoyer le brief' })] })
    const v = value(a, b, c, d, e)
    expect(byDate(v, TODAY).map((x) => x.meeting.title)).toEqual(['Lancement', 'Point d’étape', 'Bilan', 'Atelier'])
    const { planned, held } = split(v, TODAY)
    expect(planned.map((x) => x.meeting.title)).toEqual(['Bilan', 'Atelier'])
    expect(held.map((x) => x.meeting.title)).toEqual(['Lancement', 'Point d’étape'])
  })

  it('names a meeting by its purpose and date', () => {
    expect(meetingLabel(meeting({ title: 'Lancement', date: '2027-03-01' }), 0)).toBe('Lancement (01/03/2027)')
    expect(meetingLabel(meeting({ title: 'Lancement' }), 0)).toBe('Lancement')
    expect(meetingLabel(meeting({ date: '2027-03-01' }), 0)).toBe('Réunion du 01/03/2027')
    expect(meetingLabel(meeting({}), 2)).toBe('Réunion 3')
  })
})

describe('hints', () => {
  const held = (title: string, date: string, patch: Partial<Meeting> = {}) => meeting({ title, date, decisions: 'Décision', ...patch })

  it('asks for minutes of at least two meetings, not two meetings planned', () => {
    expect(minutesProblems(value(), 2, TODAY)).toEqual([
      'Aucun compte-rendu rédigé\u00a0: les comptes-rendus d’au moins 2\u00a0réunions tenues sont attendus, pas seulement 2\u00a0réunions planifiées.',
    ])
    // Two meetings planned, one past without minutes: still none kept.
    expect(minutesProblems(value(meeting({ title: 'A', date: '2027-03-01' }), meeting({ title: 'B', date: '2027-04-01' })), 2, TODAY)).toEqual([
      'Aucun compte-rendu rédigé (2\u00a0réunions encore planifiées)\u00a0: les comptes-rendus d’au moins 2\u00a0réunions tenues sont attendus, pas seulement 2\u00a0réunions planifiées.',
    ])
    expect(minutesProblems(value(held('A', '2027-03-01'), meeting({ title: 'B', date: '2027-04-01' })), 2, TODAY)).toEqual([
      '1\u00a0compte-rendu rédigé seulement (1\u00a0réunion encore planifiée)\u00a0: les comptes-rendus d’au moins 2\u00a0réunions tenues sont attendus, pas seulement 2\u00a0réunions planifiées.',
    ])
    expect(minutesProblems(value(held('A', '2027-03-01'), held('B', '2027-03-08')), 2, TODAY)).toEqual([])
  })

  it('takes its minimum from the template', () => {
    const two = value(held('A', '2027-03-01'), held('B', '2027-03-08'))
    expect(minutesProblems(two, 3, TODAY)).toEqual([
      '2\u00a0comptes-rendus rédigés seulement\u00a0: les comptes-rendus d’au moins 3\u00a0réunions tenues sont attendus, pas seulement 3\u00a0réunions planifiées.',
    ])
    expect(minutesProblems(value(held('A', '2027-03-01')), 1, TODAY)).toEqual([])
  })

  it('flags a meeting without date, and minutes of a meeting still to come', () => {
    const v = value(held('A', '2027-03-01'), held('B', '2027-03-08'), meeting({ title: 'Atelier' }), held('Bilan', '2027-04-02'))
    expect(minutesProblems(v, 2, TODAY)).toEqual([
      'Bilan (02/04/2027)\u00a0: la réunion est à venir, son compte-rendu ne comptera qu’une fois la date passée.',
      'Atelier\u00a0: sans date, la réunion ne peut pas être tenue ni son compte-rendu compté.',
    ])
  })

  it('flags actions without owner or due date, naming them', () => {
    const v = value(
      held('Lancement', '2027-03-01', {
        actions: [
          action({ what: 'Brief graphiste', owner: 'Léa', due: '2027-03-05' }),
          action({ what: 'Devis imprimeur', due: '2027-03-06' }),
          action({ what: 'Relancer la direction', owner: '  ' }),
          action({ owner: 'Paul' }),
          action({}),
        ],
      }),
      held('Point d’étape', '2027-03-08'),
    )
    expect(minutesProblems(v, 2, TODAY)).toEqual([
      'Lancement (01/03/2027)\u00a0: actions sans responsable\u00a0: «\u00a0Devis imprimeur\u00a0», «\u00a0Relancer la direction\u00a0».',
      'Lancement (01/03/2027)\u00a0: actions sans échéance\u00a0: «\u00a0Relancer la direction\u00a0», «\u00a0action 4\u00a0».',
    ])
    const one = value(held('A', '2027-03-01', { actions: [action({ what: 'Brief', owner: 'Léa' })] }), held('B', '2027-03-08'))
    expect(minutesProblems(one, 2, TODAY)).toEqual(['A (01/03/2027)\u00a0: action sans échéance\u00a0: «\u00a0Brief\u00a0».'])
  })

  it('flags a next meeting dated on or before the meeting', () => {
    const v = value(
      held('A', '2027-03-08', { nextDate: '2027-03-01' }),
      held('B', '2027-03-10', { nextDate: '2027-03-10' }),
      held('C', '2027-03-12', { nextDate: '2027-03-13' }),
    )
    expect(minutesProblems(v, 2, TODAY)).toEqual([
      'A (08/03/2027)\u00a0: la prochaine réunion (01/03/2027) n’est pas datée après celle-ci.',
      'B (10/03/2027)\u00a0: la prochaine réunion (10/03/2027) n’est pas datée après celle-ci.',
    ])
  })
})
