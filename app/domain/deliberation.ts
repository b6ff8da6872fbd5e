/**
 * Deliberation rules, pure: from competency results to a proposed decision
 * per bloc de compétences and overall. The jury president confirms or departs
 * from each proposal; a departure needs a reason (checked here, stored by
 * app/services/deliberation.server.ts).
 */
import type { CompetencyResult } from './grading'

export const BLOC_RESULTS = ['acquired', 'not-acquired'] as const
export type BlocResult = (typeof BLOC_RESULTS)[number]
export const BLOC_RESULT_LABELS: Record<BlocResult, string> = { acquired: 'Acquis', 'not-acquired': 'Non acquis' }

export const OVERALL_DECISIONS = ['complete', 'partial', 'deferred'] as const
export type OverallDecision = (typeof OVERALL_DECISIONS)[number]
export const OVERALL_DECISION_LABELS: Record<OverallDecision, string> = {
  complete: 'Certification complète',
  partial: 'Validation partielle de blocs',
  deferred: 'Ajournement',
}

/** The decision on one bloc for one candidate, as recorded: what was proposed, what the jury decided and, when they differ, why. */
export type BlocDecision = { blocId: string; proposed: BlocResult; decision: BlocResult; reason: string }

/** The shortest reason accepted for departing from a proposal. */
export const MIN_REASON_LENGTH = 10

/**
 * A bloc is proposed acquired when each of its competencies is acquired; a
 * competency without a result (not graded yet) keeps it from being acquired.
 * An empty bloc is never acquired (nothing was assessed).
 */
export function proposeBloc(results: readonly (CompetencyResult | null)[]): BlocResult {
  return results.length > 0 && results.every((r) => r === 'acquired') ? 'acquired' : 'not-acquired'
}

/** All blocs acquired: certification complète; some: validation partielle; none (or no bloc): ajournement. */
export function proposeOverall(blocs: readonly BlocResult[]): OverallDecision {
  const acquired = blocs.filter((b) => b === 'acquired').length
  if (blocs.length > 0 && acquired === blocs.length) return 'complete'
  return acquired > 0 ? 'partial' : 'deferred'
}

/**
 * The overall decisions consistent with the bloc decisions taken: the jury may
 * depart from a bloc's proposal (with a reason), but not decide « complète »
 * with a bloc not acquired, « ajournement » with a bloc acquired, nor
 * « validation partielle » with every bloc (or no bloc) acquired.
 */
export function overallConsistent(decision: OverallDecision, blocs: readonly BlocResult[]): boolean {
  return proposeOverall(blocs) === decision
}

/** True when a decision departs from its proposal without a reason long enough. */
export const missingReason = (proposed: string, decision: string, reason: string) => proposed !== decision && reason.trim().length < MIN_REASON_LENGTH
