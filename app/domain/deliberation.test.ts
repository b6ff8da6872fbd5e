import { describe, expect, it } from 'vitest'
import {
  BLOC_RESULT_LABELS,
  MIN_REASON_LENGTH,
  missingReason,
  OVERALL_DECISION_LABELS,
  OVERALL_DECISIONS,
  overallConsistent,
  proposeBloc,
  proposeOverall,
  type BlocResult,
} from './deliberation'
import { criterionAcquired, deriveCompetency, GRADING_SCALES, ruleLabel, type CompetencyResult } from './grading'

// ——— From levels to criteria, and from criteria to a competency (app/domain/grading.ts) ———

describe('criterionAcquired', () => {
  it('reads the binary scale: « Acquis » is acquired, « Non acquis » is not', () => {
    expect(criterionAcquired(['acquis'], 'binary')).toBe(true)
    expect(criterionAcquired(['non-acquis'], 'binary')).toBe(false)
  })

  it('reads the four-level scale: « Maîtrisé » and « Acquis » are acquired, « En cours d’acquisition » and « Non acquis » are not', () => {
    expect(GRADING_SCALES.four.levels.map((l) => l.id)).toEqual(['maitrise', 'acquis', 'en-cours', 'non-acquis'])
    expect(criterionAcquired(['maitrise'], 'four')).toBe(true)
    expect(criterionAcquired(['acquis'], 'four')).toBe(true)
    expect(criterionAcquired(['en-cours'], 'four')).toBe(false)
    expect(criterionAcquired(['non-acquis'], 'four')).toBe(false)
  })

  it('needs every part of a criterion judged on several parts (écrit, oral, REX)', () => {
    expect(criterionAcquired(['maitrise', 'acquis', 'acquis'], 'four')).toBe(true)
    // Acquired at the written part, in progress at the oral: not acquired.
    expect(criterionAcquired(['maitrise', 'en-cours'], 'four')).toBe(false)
    expect(criterionAcquired(['acquis', 'non-acquis'], 'binary')).toBe(false)
  })

  it('has no result while a part is not graded, even when another part is already not acquired', () => {
    expect(criterionAcquired([null], 'binary')).toBeNull()
    expect(criterionAcquired(['acquis', null], 'binary')).toBeNull()
    expect(criterionAcquired(['non-acquis', null], 'binary')).toBeNull()
  })

  it('does not read a level of the other scale (a grade given before the scale changed means nothing)', () => {
    expect(criterionAcquired(['maitrise'], 'binary')).toBeNull()
    expect(criterionAcquired(['en-cours', 'acquis'], 'binary')).toBeNull()
    expect(criterionAcquired([''], 'four')).toBeNull()
  })

  it('has no result without any part judged (never acquired by default)', () => {
    expect(criterionAcquired([], 'binary')).toBeNull()
  })
})

describe('deriveCompetency, rule « all »', () => {
  const all = { rule: 'all' } as const

  it('is acquired when every criterion is', () => {
    expect(deriveCompetency([true, true, true], all)).toBe('acquired')
    expect(deriveCompetency([true], all)).toBe('acquired')
  })

  it('is not acquired as soon as one criterion is not, even with others still to grade', () => {
    expect(deriveCompetency([true, false, true], all)).toBe('not-acquired')
    expect(deriveCompetency([false, null, null], all)).toBe('not-acquired')
  })

  it('has no result while it could still go either way', () => {
    expect(deriveCompetency([true, null], all)).toBeNull()
    expect(deriveCompetency([null, null], all)).toBeNull()
  })
})

describe('deriveCompetency, rule « at least »', () => {
  const atLeast = (min: number) => ({ rule: 'at-least', min }) as const

  it('is acquired with at least `min` criteria acquired, whatever the others', () => {
    expect(deriveCompetency([true, true, false, false], atLeast(2))).toBe('acquired')
    // Already certain with two criteria still to grade.
    expect(deriveCompetency([true, true, null, null], atLeast(2))).toBe('acquired')
    expect(deriveCompetency([true, true, true, false], atLeast(2))).toBe('acquired')
  })

  it('is not acquired once too few criteria can still be acquired', () => {
    expect(deriveCompetency([true, false, false, false], atLeast(2))).toBe('not-acquired')
    // One acquired, one to grade: at most 2 of 3, and 3 are needed.
    expect(deriveCompetency([true, false, null], atLeast(3))).toBe('not-acquired')
  })

  it('has no result while the criteria to grade can still decide it', () => {
    expect(deriveCompetency([true, false, null, null], atLeast(2))).toBeNull()
    expect(deriveCompetency([null, null, null], atLeast(1))).toBeNull()
  })

  it('caps `min` at the number of criteria, and needs at least one', () => {
    // « At least 5 » of 3 criteria means all 3.
    expect(deriveCompetency([true, true, true], atLeast(5))).toBe('acquired')
    expect(deriveCompetency([true, true, false], atLeast(5))).toBe('not-acquired')
    // « At least 0 » still needs one criterion acquired.
    expect(deriveCompetency([false, false], atLeast(0))).toBe('not-acquired')
    expect(deriveCompetency([false, true], atLeast(0))).toBe('acquired')
  })

  it('combines with the four-level scale: « Maîtrisé » and « Acquis » count, « En cours » does not', () => {
    const levels = [['maitrise'], ['acquis', 'acquis'], ['en-cours'], ['non-acquis']]
    const criteria = levels.map((l) => criterionAcquired(l, 'four'))
    expect(criteria).toEqual([true, true, false, false])
    expect(deriveCompetency(criteria, atLeast(2))).toBe('acquired')
    expect(deriveCompetency(criteria, atLeast(3))).toBe('not-acquired')
    expect(deriveCompetency(criteria, { rule: 'all' })).toBe('not-acquired')
  })

  it('says the rule in French', () => {
    expect(ruleLabel({ rule: 'all' })).toBe('Acquise quand tous ses critères sont acquis')
    expect(ruleLabel(atLeast(3))).toBe('Acquise quand au moins 3 de ses critères sont acquis')
  })
})

// ——— From competencies to blocs, and from blocs to the overall decision (app/domain/deliberation.ts) ———

describe('proposeBloc', () => {
  it('proposes « Acquis » when every competency of the bloc is acquired', () => {
    expect(proposeBloc(['acquired', 'acquired', 'acquired'])).toBe('acquired')
    expect(proposeBloc(['acquired'])).toBe('acquired')
    expect(BLOC_RESULT_LABELS[proposeBloc(['acquired'])]).toBe('Acquis')
  })

  it('proposes « Non acquis » with one competency not acquired', () => {
    expect(proposeBloc(['acquired', 'not-acquired', 'acquired'])).toBe('not-acquired')
    expect(BLOC_RESULT_LABELS[proposeBloc(['not-acquired'])]).toBe('Non acquis')
  })

  it('proposes « Non acquis » while a competency has no result (not graded yet)', () => {
    expect(proposeBloc(['acquired', null])).toBe('not-acquired')
    expect(proposeBloc([null])).toBe('not-acquired')
  })

  it('never proposes an empty bloc as acquired (nothing was assessed)', () => {
    expect(proposeBloc([])).toBe('not-acquired')
  })
})

describe('proposeOverall', () => {
  it('proposes « Certification complète » when every bloc is acquired', () => {
    expect(proposeOverall(['acquired', 'acquired', 'acquired'])).toBe('complete')
    expect(OVERALL_DECISION_LABELS[proposeOverall(['acquired'])]).toBe('Certification complète')
  })

  it('proposes « Validation partielle de blocs » when some blocs are acquired', () => {
    expect(proposeOverall(['acquired', 'not-acquired', 'acquired'])).toBe('partial')
    expect(proposeOverall(['not-acquired', 'acquired'])).toBe('partial')
    expect(OVERALL_DECISION_LABELS.partial).toBe('Validation partielle de blocs')
  })

  it('proposes « Ajournement » when no bloc is acquired, or when there is no bloc', () => {
    expect(proposeOverall(['not-acquired', 'not-acquired'])).toBe('deferred')
    expect(proposeOverall([])).toBe('deferred')
    expect(OVERALL_DECISION_LABELS.deferred).toBe('Ajournement')
  })

  it('chains from competencies: one competency not acquired turns a complete certification into a partial one', () => {
    const blocs: (CompetencyResult | null)[][] = [
      ['acquired', 'acquired'],
      ['acquired', 'not-acquired'],
    ]
    expect(proposeOverall(blocs.map(proposeBloc))).toBe('partial')
    blocs[1]![1] = 'acquired'
    expect(proposeOverall(blocs.map(proposeBloc))).toBe('complete')
  })
})

describe('overallConsistent', () => {
  const consistentWith = (blocs: BlocResult[]) => OVERALL_DECISIONS.filter((d) => overallConsistent(d, blocs))

  it('allows exactly one overall decision for the bloc decisions taken', () => {
    expect(consistentWith(['acquired', 'acquired'])).toEqual(['complete'])
    expect(consistentWith(['acquired', 'not-acquired'])).toEqual(['partial'])
    expect(consistentWith(['not-acquired', 'not-acquired'])).toEqual(['deferred'])
  })

  it('refuses « complète » with a bloc not acquired, and « ajournement » with a bloc acquired', () => {
    expect(overallConsistent('complete', ['acquired', 'not-acquired'])).toBe(false)
    expect(overallConsistent('deferred', ['acquired', 'not-acquired'])).toBe(false)
  })

  it('refuses « validation partielle » when every bloc, or no bloc, is acquired', () => {
    expect(overallConsistent('partial', ['acquired', 'acquired'])).toBe(false)
    expect(overallConsistent('partial', ['not-acquired'])).toBe(false)
  })

  it('follows the bloc decisions, not the proposals: a bloc decided acquired against its proposal counts as acquired', () => {
    const proposed: BlocResult[] = ['acquired', 'not-acquired']
    const decided: BlocResult[] = ['acquired', 'acquired']
    expect(proposeOverall(proposed)).toBe('partial')
    expect(overallConsistent('complete', decided)).toBe(true)
    expect(overallConsistent('partial', decided)).toBe(false)
  })
})

describe('missingReason', () => {
  const enough = 'x'.repeat(MIN_REASON_LENGTH)

  it('asks for no reason when the decision follows the proposal', () => {
    expect(missingReason('acquired', 'acquired', '')).toBe(false)
    expect(missingReason('complete', 'complete', '')).toBe(false)
  })

  it('asks for a reason when the decision departs from the proposal', () => {
    expect(missingReason('not-acquired', 'acquired', '')).toBe(true)
    expect(missingReason('partial', 'complete', '')).toBe(true)
    expect(missingReason('not-acquired', 'acquired', 'Oral très convaincant, écrit rattrapé.')).toBe(false)
  })

  it(`needs at least ${MIN_REASON_LENGTH} characters, spaces around not counted`, () => {
    expect(MIN_REASON_LENGTH).toBe(10)
    expect(missingReason('not-acquired', 'acquired', enough)).toBe(false)
    expect(missingReason('not-acquired', 'acquired', enough.slice(1))).toBe(true)
    expect(missingReason('not-acquired', 'acquired', `   ${enough.slice(1)}   `)).toBe(true)
    expect(missingReason('not-acquired', 'acquired', ' '.repeat(20))).toBe(true)
  })
})
