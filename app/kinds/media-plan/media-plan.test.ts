import { describe, expect, it } from 'vitest'
import { PLAN } from './fixtures.test-data'
import { budgets, mediaPlanProblems, mediumRows, periodLabel, phaseBars, planPeriod, shownMarronniers, yearCalendar } from './media-plan'

describe('the plan’s year', () => {
  it('runs twelve months from its first month', () => {
    expect(planPeriod({ year: 2027, firstMonth: 1 })).toEqual({ first: '2027-01-01', last: '2027-12-31' })
    expect(planPeriod({ year: 2027, firstMonth: 9 })).toEqual({ first: '2027-09-01', last: '2028-08-31' })
    expect(planPeriod({ year: null, firstMonth: 1 })).toBeNull()
    expect(periodLabel({ year: 2027, firstMonth: 9 })).toBe('septembre 2027 – août 2028')
    expect(periodLabel({ year: 2026, firstMonth: 1 })).toBe('2026')
  })

  it('lays out a calendar of days grouped by French months, leap years included', () => {
    const cal = yearCalendar(planPeriod({ year: 2027, firstMonth: 9 })!)
    // September 2027 to August 2028 holds 29 February 2028: 366 days.
    expect(cal.days).toBe(366)
    expect(cal.months.map((m) => m.short)).toEqual(['sept.', 'oct.', 'nov.', 'déc.', 'janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août'])
    expect(cal.months[5]).toEqual({ from: 153, days: 29, label: 'février 2028', short: 'févr.', year: 2028 })
    expect(cal.day('2027-09-20')).toBe(19)
    expect(cal.day('2026-01-01')).toBe(0)
    const plain = yearCalendar(planPeriod({ year: 2026, firstMonth: 1 })!)
    expect(plain.days).toBe(365)
    expect(plain.months[11]).toMatchObject({ from: 334, days: 31, label: 'décembre 2026' })
  })
})

describe('budgets', () => {
  it('adds the waves per medium, per phase and in total, to the cent', () => {
    const b = budgets(PLAN)
    // Instagram 18 000 + 16 000,25; the press 14 500,50 + nothing; the radio has no wave.
    expect(b.byMedium).toEqual([
      { id: 'media-insta', name: 'Instagram', type: 'Réseaux sociaux', waves: 2, budget: 34_000.25 },
      { id: 'media-press', name: 'Marie Claire Maison', type: 'Presse', waves: 2, budget: 14_500.5 },
      { id: 'media-radio', name: 'Radio locale', type: 'Radio', waves: 0, budget: 0 },
    ])
    expect(b.byPhase).toEqual([
      { id: 'phase-lance', name: 'Lancement', budget: 32_500.5 },
      { id: 'phase-fetes', name: 'Fêtes', budget: 16_000.25 },
    ])
    expect(b.total).toBe(48_500.75)
    expect(b.unassigned).toBe(0)
  })

  it('keeps 0,1 + 0,2 at 0,3', () => {
    const waves = [0.1, 0.2].map((budget, i) => ({ ...PLAN.waves[0]!, id: `vague-cent${i}`, budget }))
    expect(budgets({ ...PLAN, waves }).total).toBe(0.3)
  })
})

describe('the calendar rows', () => {
  it('places each medium’s dated waves and the phases, clipped to the year', () => {
    const period = planPeriod(PLAN)!
    const rows = mediumRows({ ...PLAN, waves: [...PLAN.waves, { ...PLAN.waves[0]!, id: 'vague-early', start: '2027-08-15', end: '2027-09-05' }] }, period)
    expect(rows.map((r) => [r.name, r.bars.map((b) => `${b.name} ${b.start}→${b.end}`)])).toEqual([
      ['Instagram', ['Lancement 2027-09-20→2027-10-17', 'Fêtes 2027-11-22→2027-12-24', 'Lancement 2027-09-01→2027-09-05']],
      ['Marie Claire Maison', ['Lancement presse 2027-10-01→2027-10-31', 'Saint-Valentin 2028-02-01→2028-02-14']],
      ['Radio locale', []],
    ])
    expect(phaseBars(PLAN, period).map((p) => p.name)).toEqual(['Lancement', 'Fêtes'])
    expect(shownMarronniers(PLAN, period).map((m) => `${m.label} ${m.start}`)).toEqual([
      'Black Friday 2027-11-26',
      'Noël 2027-12-25',
      'Saint-Valentin 2028-02-14',
    ])
  })
})

describe('problems', () => {
  it('names waves without budget or dates, outside the year, and media without wave', () => {
    const value = {
      ...PLAN,
      waves: [
        ...PLAN.waves,
        { ...PLAN.waves[0]!, id: 'vague-nodate', name: 'Rentrée', start: null, end: null },
        { ...PLAN.waves[0]!, id: 'vague-late1', name: 'Été 2029', start: '2029-07-01', end: '2029-07-15' },
        { ...PLAN.waves[0]!, id: 'vague-rever', name: 'À l’envers', start: '2027-10-10', end: '2027-10-01' },
      ],
    }
    expect(mediaPlanProblems(value)).toEqual([
      'Sans dates : «\u00a0Rentrée\u00a0».',
      'Fin avant le début : «\u00a0À l’envers\u00a0».',
      'Sans budget : «\u00a0Saint-Valentin\u00a0».',
      'Hors de l’année du plan (01/09/2027 – 31/08/2028) : «\u00a0Été 2029\u00a0».',
      'Ce média n’a aucune vague : «\u00a0Radio locale\u00a0».',
    ])
  })

  it('asks for the year, media and phases of an empty plan', () => {
    expect(mediaPlanProblems({ year: null, firstMonth: 1, media: [], waves: [], phases: [], marronniers: [] })).toEqual([
      'Indiquez l’année du plan : le calendrier et les marronniers en dépendent.',
      'Aucun média pour l’instant.',
      'Aucune phase commerciale : nommez les temps forts (lancement, salon, soldes…) qui rythment l’année.',
    ])
  })

  it('names a wave without medium', () => {
    const value = { ...PLAN, waves: [{ ...PLAN.waves[0]!, mediumId: null }] }
    expect(mediaPlanProblems(value)).toContain('Sans média : «\u00a0Lancement\u00a0».')
  })
})
