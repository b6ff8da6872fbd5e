/** What the results screens and documents write for a result or a gap (French labels, pure). */
import type { CompetencyResult } from './grading'

/** A competency's result (« compétence » is feminine). */
export const COMPETENCY_RESULT_LABELS: Record<CompetencyResult, string> = { acquired: 'Acquise', 'not-acquired': 'Non acquise' }

/** The gap between a candidate's self-assessment and the jury's level, in words (never shown by colour alone). */
export const GAP_LABELS = { over: 'Vous vous étiez surestimé·e', under: 'Vous vous étiez sous-estimé·e' } as const
