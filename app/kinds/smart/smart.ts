import { formatDate, formatNumber } from '~/domain/format'
import { FINDINGS, PROBLEMS, QUALITIES, QUALITY_LABELS, type ObjectiveKind, type Quality } from './labels'
import type { Objective, SmartValue } from './schema'

/**
 * SMART checker for the objectives of an action plan (C6.2). The référentiel
 * asks for objectives « Mesurables, Atteignables, Limités, Individualisés,
 * Négociables »; Spécifique is checked too. Each quality explains its
 * failures in French. Only what a machine can see is checked. Pure.
 */

/** The longest texts an objective keeps (the schema refuses longer ones; the editor stops typing at them). */
export const LIMITS = { text: 1_000, unit: 100, owner: 200, agreedWith: 300, objectives: 50 } as const

export type SmartCheck = { quality: Quality; ok: boolean; problems: string[] }

const blank = (s: string) => !s.trim()
const words = (s: string) => s.trim().split(/\s+/).filter(Boolean).length

/** Above this growth over the baseline, a target is flagged as possibly out of reach. */
export const MAX_GROWTH = 3

export function checkObjective(o: Objective, all: Objective[] = []): SmartCheck[] {
  const checks: Record<Quality, string[]> = { specifique: [], mesurable: [], atteignable: [], limite: [], individualise: [], negociable: [] }

  if (words(o.label) < 4) checks.specifique.push(FINDINGS.vague)
  if (blank(o.indicator)) checks.mesurable.push(FINDINGS.noIndicator)
  if (o.target === null) checks.mesurable.push(FINDINGS.noTarget)
  else if (blank(o.unit)) checks.mesurable.push(FINDINGS.noUnit)

  if (o.target !== null && o.baseline !== null) {
    if (o.target === o.baseline) checks.atteignable.push(FINDINGS.targetIsBaseline)
    else if (o.baseline > 0 && o.target / o.baseline > 1 + MAX_GROWTH) {
      checks.atteignable.push(FINDINGS.tooFar((o.target / o.baseline).toLocaleString('fr-FR', { maximumFractionDigits: 1 })))
    }
  } else if (o.baseline === null) {
    checks.atteignable.push(FINDINGS.noBaseline)
  }
  if (blank(o.resources)) checks.atteignable.push(FINDINGS.noResources)

  if (!o.deadline) checks.limite.push(FINDINGS.noDeadline)
  if (o.kind === 'intermediate') {
    const parent = all.find((p) => p.id === o.parentId)
    if (!parent) checks.limite.push(FINDINGS.noParent)
    else if (o.deadline && parent.deadline && o.deadline > parent.deadline) {
      checks.limite.push(FINDINGS.afterParent(formatDate(o.deadline), formatDate(parent.deadline)))
    }
  }

  if (blank(o.owner)) checks.individualise.push(FINDINGS.noOwner)
  if (blank(o.agreedWith)) checks.negociable.push(FINDINGS.notAgreed)

  return QUALITIES.map((quality) => ({ quality, ok: checks[quality].length === 0, problems: checks[quality] }))
}

/** The qualities an objective fails, each with its findings: « Mesurable : cible sans unité ». */
export function failingQualities(o: Objective, all: Objective[]): string[] {
  return checkObjective(o, all)
    .filter((c) => !c.ok)
    .map((c) => `${QUALITY_LABELS[c.quality]} : ${c.problems.join(', ')}`)
}

export function emptyObjective(id: string, kind: ObjectiveKind = 'global'): Objective {
  return {
    id,
    label: '',
    kind,
    parentId: null,
    indicator: '',
    baseline: null,
    target: null,
    unit: '',
    deadline: null,
    owner: '',
    resources: '',
    agreedWith: '',
  }
}

/** True when nothing has been written in an objective (its type aside). */
export function isBlankObjective(o: Objective): boolean {
  return o.baseline === null && o.target === null && !o.deadline && [o.label, o.indicator, o.unit, o.owner, o.resources, o.agreedWith].every(blank)
}

/** Structural problems of a set of objectives, one line per objective that fails a quality. */
export function smartProblems(value: SmartValue): string[] {
  if (value.objectives.length === 0) return [PROBLEMS.none]
  const problems: string[] = []
  if (!value.objectives.some((o) => o.kind === 'global')) problems.push(PROBLEMS.noGlobal)
  value.objectives.forEach((o, i) => {
    const failing = failingQualities(o, value.objectives)
    if (failing.length === 0) return
    const name = o.label.trim() ? `« ${o.label.trim()} »` : `Objectif ${i + 1}`
    problems.push(PROBLEMS.failing(name, failing))
  })
  return problems
}

/** « 300 leads », « 48 000 € », or '' when there is no target. */
export function targetText(o: Objective): string {
  return o.target === null ? '' : `${formatNumber(o.target)} ${o.unit.trim()}`.trim()
}

/** « 120 », or '' when there is no baseline. */
export const baselineText = (o: Objective): string => (o.baseline === null ? '' : formatNumber(o.baseline))
