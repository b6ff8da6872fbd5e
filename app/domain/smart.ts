import { formatDate } from './format'

/**
 * SMART checker for the objectives of an action plan (C6.2). The référentiel
 * asks for objectives « Mesurables, Atteignables, Limités, Individualisés,
 * Négociables »; Spécifique is checked too. Each quality explains its
 * failures in French. Only what a machine can see is checked. Pure.
 */
export type Objective = {
  id: string
  label: string
  kind: 'global' | 'intermediate'
  /** For an intermediate objective: the global one it serves. */
  parentId?: string | null
  indicator?: string | null
  baseline?: number | null
  target?: number | null
  unit?: string | null
  deadline?: string | null
  owner?: string | null
  resources?: string | null
  /** Who it was discussed and agreed with. */
  agreedWith?: string | null
}

export const QUALITIES = ['specifique', 'mesurable', 'atteignable', 'limite', 'individualise', 'negociable'] as const
export type Quality = (typeof QUALITIES)[number]
export const QUALITY_LABELS: Record<Quality, string> = {
  specifique: 'Spécifique',
  mesurable: 'Mesurable',
  atteignable: 'Atteignable',
  limite: 'Limité dans le temps',
  individualise: 'Individualisé',
  negociable: 'Négociable',
}

export type SmartCheck = { quality: Quality; ok: boolean; problems: string[] }

const blank = (s: string | null | undefined) => !s || !s.trim()
const words = (s: string | null | undefined) => (s ?? '').trim().split(/\s+/).filter(Boolean).length

/** Above this growth over the baseline, a target is flagged as possibly out of reach. */
export const MAX_GROWTH = 3

export function checkObjective(o: Objective, all: Objective[] = []): SmartCheck[] {
  const checks: Record<Quality, string[]> = { specifique: [], mesurable: [], atteignable: [], limite: [], individualise: [], negociable: [] }

  if (words(o.label) < 4) checks.specifique.push('intitulé trop vague : dites précisément ce qui doit changer, pour qui')
  if (blank(o.indicator)) checks.mesurable.push('pas d’indicateur')
  if (o.target === null || o.target === undefined) checks.mesurable.push('pas de valeur cible')
  else if (blank(o.unit)) checks.mesurable.push('cible sans unité')

  if (typeof o.target === 'number' && typeof o.baseline === 'number') {
    if (o.target === o.baseline) checks.atteignable.push('la cible est égale à la valeur de départ')
    else if (o.baseline > 0 && o.target / o.baseline > 1 + MAX_GROWTH) {
      checks.atteignable.push(`la cible multiplie la valeur de départ par ${(o.target / o.baseline).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} : justifiez qu’elle est atteignable`)
    }
  } else if (o.baseline === null || o.baseline === undefined) {
    checks.atteignable.push('pas de valeur de départ pour juger de l’effort')
  }
  if (blank(o.resources)) checks.atteignable.push('aucune ressource affectée')

  if (blank(o.deadline)) checks.limite.push('pas d’échéance')
  if (o.kind === 'intermediate') {
    const parent = all.find((p) => p.id === o.parentId)
    if (!parent) checks.limite.push('objectif intermédiaire rattaché à aucun objectif global')
    else if (o.deadline && parent.deadline && o.deadline > parent.deadline) {
      checks.limite.push(`objectif intermédiaire après l’échéance du global (${formatDate(o.deadline)} > ${formatDate(parent.deadline)})`)
    }
  }

  if (blank(o.owner)) checks.individualise.push('pas de responsable nommé')
  if (blank(o.agreedWith)) checks.negociable.push('ne dit pas avec qui l’objectif a été discuté et validé')

  return QUALITIES.map((quality) => ({ quality, ok: checks[quality].length === 0, problems: checks[quality] }))
}

export type SmartValue = { objectives: Objective[] }

export function emptyObjective(id: string, kind: Objective['kind'] = 'global'): Objective {
  return { id, label: '', kind, parentId: null, indicator: '', baseline: null, target: null, unit: '', deadline: null, owner: '', resources: '', agreedWith: '' }
}

/** Structural problems of a set of objectives, one line per objective that fails a quality. */
export function smartProblems(value: SmartValue): string[] {
  if (value.objectives.length === 0) return ['Aucun objectif pour l’instant.']
  const problems: string[] = []
  if (!value.objectives.some((o) => o.kind === 'global')) problems.push('Aucun objectif global : les objectifs intermédiaires doivent s’y rattacher.')
  value.objectives.forEach((o, i) => {
    const failing = checkObjective(o, value.objectives).filter((c) => !c.ok)
    if (failing.length === 0) return
    const name = o.label.trim() ? `« ${o.label.trim()} »` : `Objectif ${i + 1}`
    problems.push(`${name} — ${failing.map((c) => `${QUALITY_LABELS[c.quality]} : ${c.problems.join(', ')}`).join(' ; ')}.`)
  })
  return problems
}
