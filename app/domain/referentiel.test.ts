import { describe, expect, it } from 'vitest'
import { referentiel } from '#templates/referentiel'
import { competencyRange, filterReferentiel, indexReferentiel } from './referentiel'

describe('référentiel lookups', () => {
  const index = indexReferentiel(referentiel)
  it('finds the evaluation of each competency', () => {
    expect(index.evaluationByCompetency.get('C3.2')?.id).toBe('cas-pratique-a3')
    expect(index.evaluationByCompetency.get('C11.1')?.id).toBe('serious-game-a11')
    expect(index.evaluationByCompetency.get('C11.2')?.id).toBe('projet-com-a11')
  })
  it('writes the range of competencies', () => {
    expect(competencyRange({ competencyIds: ['C1.1', 'C1.2', 'C1.3'] })).toBe('C1.1 à C1.3')
    expect(competencyRange({ competencyIds: ['C11.1'] })).toBe('C11.1')
  })
})

describe('filterReferentiel', () => {
  const ids = (q: string) => filterReferentiel(referentiel.activities, q).flatMap((a) => a.competencies.map((c) => c.id))
  it('keeps everything for an empty query', () => {
    expect(ids('  ')).toHaveLength(51)
  })
  it('matches criteria text, ignoring case and accents', () => {
    expect(ids('PORTRAIT-ROBOT')).toEqual(['C3.2'])
    expect(ids('eco-conception')).toEqual(expect.arrayContaining(['C11.4']))
  })
  it('matches ids and requires every word', () => {
    expect(ids('C6.2')).toEqual(['C6.2'])
    expect(ids('SMART objectifs')).toEqual(['C6.2'])
  })
  it('keeps a whole activity when its title matches', () => {
    expect(ids('Suivi de la performance')).toEqual(['C14.1', 'C14.2', 'C14.3'])
  })
})
