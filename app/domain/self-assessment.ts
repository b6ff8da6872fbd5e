/** Self-assessment statuses and progress. Pure. */
export const STATUSES = ['todo', 'in_progress', 'achieved'] as const
export type Status = (typeof STATUSES)[number]

export const STATUS_LABELS: Record<Status, string> = {
  todo: 'À faire',
  in_progress: 'En cours',
  achieved: 'Atteint',
}

export type Progress = { total: number; achieved: number; inProgress: number; percent: number }

/** Progress over a set of criteria: the share of criteria the learner marks « atteint ». */
export function progressOf(criterionIds: readonly string[], statuses: ReadonlyMap<string, Status>): Progress {
  let achieved = 0
  let inProgress = 0
  for (const id of criterionIds) {
    const s = statuses.get(id)
    if (s === 'achieved') achieved++
    else if (s === 'in_progress') inProgress++
  }
  const total = criterionIds.length
  return { total, achieved, inProgress, percent: total === 0 ? 0 : Math.round((achieved / total) * 100) }
}
