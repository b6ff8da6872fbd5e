/**
 * The jury's grid, as data and pure rules: the scales criteria are graded on,
 * which criteria an evaluation's grid holds and on which part (written, oral,
 * REX) each is judged, and how a competency's result follows from its criteria.
 */
import type { Evaluation, Referentiel } from '#templates/referentiel.schema'
import type { DossierTemplate } from '#templates/template.schema'
import type { PassageSelectors } from './annotation'

export const GRADING_SCALE_IDS = ['binary', 'four'] as const
export type GradingScaleId = (typeof GRADING_SCALE_IDS)[number]

export type GradeLevel = { id: string; label: string; acquired: boolean }

/** The scales a session may grade on; `binary` is the default. */
export const GRADING_SCALES: Record<GradingScaleId, { label: string; levels: readonly GradeLevel[] }> = {
  binary: {
    label: 'Acquis / Non acquis',
    levels: [
      { id: 'acquis', label: 'Acquis', acquired: true },
      { id: 'non-acquis', label: 'Non acquis', acquired: false },
    ],
  },
  four: {
    label: 'Quatre niveaux',
    levels: [
      { id: 'maitrise', label: 'Maîtrisé', acquired: true },
      { id: 'acquis', label: 'Acquis', acquired: true },
      { id: 'en-cours', label: 'En cours d’acquisition', acquired: false },
      { id: 'non-acquis', label: 'Non acquis', acquired: false },
    ],
  },
}

export const COMPETENCY_RULES = ['all', 'at-least'] as const
export type CompetencyRuleId = (typeof COMPETENCY_RULES)[number]
/** `at-least`: acquired when at least `min` of its criteria are (capped at the number of criteria). */
export type CompetencyRule = { rule: 'all' } | { rule: 'at-least'; min: number }

export const GRADE_PARTS = ['written', 'oral', 'rex'] as const
export type GradePart = (typeof GRADE_PARTS)[number]
export const PART_LABELS: Record<GradePart, string> = { written: 'Écrit', oral: 'Oral', rex: 'REX' }

/** Evidence a juror cites for a criterion: a passage of a rich text or an item of a structured field, in one snapshot. */
export type GradeEvidence =
  | { kind: 'passage'; submissionId: string; sectionId: string; selectors: PassageSelectors }
  | { kind: 'item'; submissionId: string; sectionId: string; itemId: string; label: string }

/**
 * One row of an evaluation's grid: a criterion judged on one part. `scope`
 * says who the grade belongs to: the whole target (an individual candidate,
 * or a group's shared written work) or each member of a group (oral and REX
 * of a group épreuve).
 */
export type GridRow = { criterionId: string; competencyId: string; part: GradePart; scope: 'target' | 'member' }

/**
 * The rows of an evaluation's grid, in référentiel order: each criterion of its
 * competencies, once per part the templates judge it on (the parts of the
 * sections that cite it, among the parts the épreuve has; a criterion no
 * section cites is judged on the written work).
 */
export function gridRows(ref: Referentiel, evaluation: Evaluation, templates: readonly DossierTemplate[]): GridRow[] {
  const partsOf = new Map<string, Set<GradePart>>()
  for (const template of templates.filter((t) => t.evaluationId === evaluation.id)) {
    for (const section of template.sections) {
      if (!evaluation.parts[section.part]) continue
      for (const c of section.criteria) {
        const parts = partsOf.get(c) ?? new Set<GradePart>()
        parts.add(section.part)
        partsOf.set(c, parts)
      }
    }
  }
  const rows: GridRow[] = []
  for (const activity of ref.activities) {
    for (const competency of activity.competencies) {
      if (!evaluation.competencyIds.includes(competency.id)) continue
      for (const criterion of competency.criteria) {
        const parts = partsOf.get(criterion.id) ?? new Set<GradePart>(['written'])
        for (const part of GRADE_PARTS.filter((p) => parts.has(p))) {
          const scope = evaluation.mode === 'group' && part !== 'written' ? 'member' : 'target'
          rows.push({ criterionId: criterion.id, competencyId: competency.id, part, scope })
        }
      }
    }
  }
  return rows
}

export type CompetencyResult = 'acquired' | 'not-acquired'

/**
 * A criterion judged on several parts counts as acquired when every part is.
 * Null while one of its parts is not graded.
 */
export function criterionAcquired(levels: readonly (string | null)[], scale: GradingScaleId): boolean | null {
  // No part to read: nothing was judged (never « acquired » by default).
  if (levels.length === 0) return null
  const byId = new Map(GRADING_SCALES[scale].levels.map((l) => [l.id, l]))
  let acquired = true
  for (const level of levels) {
    const found = level ? byId.get(level) : undefined
    if (!found) return null
    acquired &&= found.acquired
  }
  return acquired
}

/**
 * A competency's result from its criteria (true: acquired), by the session's
 * rule. Null while a criterion is not graded — unless the result is already
 * certain (`all`: one criterion not acquired; `at-least`: enough acquired).
 */
export function deriveCompetency(criteria: readonly (boolean | null)[], rule: CompetencyRule): CompetencyResult | null {
  const acquired = criteria.filter((c) => c === true).length
  const missing = criteria.filter((c) => c === false).length
  const pending = criteria.length - acquired - missing
  const needed = rule.rule === 'all' ? criteria.length : Math.min(Math.max(rule.min, 1), criteria.length)
  if (acquired >= needed) return 'acquired'
  if (acquired + pending < needed) return 'not-acquired'
  return null
}

export function ruleLabel(rule: CompetencyRule): string {
  return rule.rule === 'all' ? 'Acquise quand tous ses critères sont acquis' : `Acquise quand au moins ${rule.min} de ses critères sont acquis`
}

/** Where a grid stands for a juror: nothing graded yet, started, or closed. */
export const GRADING_STATES = ['todo', 'in-progress', 'done'] as const
export type GradingState = (typeof GRADING_STATES)[number]
export const GRADING_STATE_LABELS: Record<GradingState, string> = { todo: 'À évaluer', 'in-progress': 'En cours', done: 'Évaluée' }
