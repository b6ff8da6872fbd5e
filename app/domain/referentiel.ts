import type { Activity, Competency, Evaluation, Referentiel } from '#templates/referentiel.schema'
import { readableAbbreviations } from './format'

/** Lookups over the référentiel. Pure. */
export function indexReferentiel(ref: Referentiel) {
  const competencies = new Map<string, Competency & { activityId: string }>()
  for (const activity of ref.activities) {
    for (const c of activity.competencies) competencies.set(c.id, { ...c, activityId: activity.id })
  }
  const evaluationByCompetency = new Map<string, Evaluation>()
  for (const evaluation of ref.evaluations) {
    for (const cid of evaluation.competencyIds) evaluationByCompetency.set(cid, evaluation)
  }
  const evaluations = new Map(ref.evaluations.map((e) => [e.id, e]))
  const epreuveTypeLabels = new Map(ref.epreuveTypes.map((t) => [t.id, t.label]))
  return { competencies, evaluationByCompetency, evaluations, epreuveTypeLabels }
}

/** « C1.1 à C1.3 », « C11.1 » — the range of competencies an evaluation covers. */
export function competencyRange(evaluation: Pick<Evaluation, 'competencyIds'>): string {
  const ids = evaluation.competencyIds
  if (ids.length === 1) return ids[0] ?? ''
  return `${ids[0]} à ${ids[ids.length - 1]}`
}

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[’']/g, "'")
    .toLowerCase()
}

/**
 * Filters activities → competencies → criteria by a free-text query, ignoring
 * case and accents. A competency matches when its id, its text, its heading or
 * one of its criteria matches; a matching activity keeps all its competencies.
 */
export function filterReferentiel(activities: Activity[], query: string): Activity[] {
  const words = fold(query).split(/\s+/).filter(Boolean)
  if (words.length === 0) return activities
  const matches = (...texts: string[]) => {
    // The abbreviations as the page shows them (« RGAA », not « R.G.A.A. »).
    const haystack = fold(readableAbbreviations(texts.join(' ')))
    return words.every((w) => haystack.includes(w))
  }
  return activities.flatMap((activity) => {
    if (matches(activity.id, activity.title)) return [activity]
    const competencies = activity.competencies.filter((c) => matches(activity.id, c.id, c.text, c.criteriaHeading, ...c.criteria.map((k) => k.text)))
    return competencies.length > 0 ? [{ ...activity, competencies }] : []
  })
}

/** The épreuve type whose dossiers make up the « rapport de compétences » (the fiches and the projet de communication). */
export const RAPPORT_TYPE = 'rapport-de-competences'
