/**
 * What the deliberation, its documents and the published results show of a
 * candidate (the contract between app/services/results.server.ts, which
 * builds it, and the screens and exports that show it).
 */
import type { BlocDecision, BlocResult, OverallDecision } from './deliberation'
import type { CompetencyResult, GradeEvidence, GradePart } from './grading'

/** One criterion as the jury finally judged it: the reconciled level for a double-marked copy, else the juror's. */
export type CriterionOutcome = {
  criterionId: string
  part: GradePart
  level: string | null
  /** « Acquis », « Maîtrisé »…; '' without a level. */
  levelLabel: string
  /** The level counts as acquired (null: not graded). */
  acquired: boolean | null
  comment: string
  evidence: GradeEvidence[]
  /** The candidate's own status on this criterion for the session (self_assessments), null when none. */
  selfAssessment: 'todo' | 'in_progress' | 'achieved' | null
  /**
   * The gap between the two: « over » when the candidate said « achieved » and the jury did not
   * find it acquired, « under » when the jury found it acquired and the candidate did not say so.
   */
  gap: 'over' | 'under' | null
}

/** Where a competency's result comes from. */
export type CompetencySource = {
  instanceId: string
  evaluationId: string
  evaluationTitle: string
  /** The jurors who graded it (names). */
  jurors: string[]
  /** Double-marked: the levels are those the lead juror recorded after reconciling. */
  reconciled: boolean
  /** A juror's override of the derived result, with its justification. */
  override: { result: CompetencyResult; justification: string; by: string } | null
}

export type CompetencyOutcome = {
  competencyId: string
  /** Null while no closed grid (or closed reconciliation) judges it. */
  result: CompetencyResult | null
  source: CompetencySource | null
  criteria: CriterionOutcome[]
}

export type BlocOutcome = { blocId: string; title: string; example: boolean; competencyIds: string[]; proposed: BlocResult }

export type CandidateResults = {
  examSessionId: string
  learnerId: string
  name: string
  /** The référentiel's competencies, in its order. */
  competencies: CompetencyOutcome[]
  blocs: BlocOutcome[]
  proposed: OverallDecision
  /** The jury's confirmed decision; null before the president confirms. */
  deliberation: {
    blocs: BlocDecision[]
    decision: OverallDecision
    reason: string
    confirmedByName: string
    confirmedAt: number
  } | null
}
