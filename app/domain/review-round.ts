/**
 * Review rounds (« relectures »): a learner asks for one with an optional
 * message, a tutor closes it with a summary. Limits, and the counting of
 * comments per round. Pure, and light enough for the browser (the form
 * schemas, with zod, are in app/services/review-round-input.server.ts).
 */
export const REVIEW_MESSAGE_MAX = 2_000
export const REVIEW_SUMMARY_MAX = 5_000

export const REVIEW_ALREADY_OPEN = 'Une relecture est déjà demandée pour ce dossier.'

/** A comment thread's dates, in milliseconds. */
export type ThreadTimes = { createdAt: number; resolvedAt: number | null }

/**
 * How many comment threads were opened and resolved during each round, the
 * rounds given oldest first: a round covers what happened after the previous
 * round was closed (from the beginning, for the first) up to its own close
 * (up to `now`, for an open round).
 */
export function threadCountsByRound(
  rounds: readonly { closedAt: number | null }[],
  threads: readonly ThreadTimes[],
  now: number,
): { opened: number; resolved: number }[] {
  let start = Number.NEGATIVE_INFINITY
  return rounds.map((round) => {
    const end = round.closedAt ?? now
    const within = (t: number | null) => t !== null && t > start && t <= end
    const counts = { opened: threads.filter((t) => within(t.createdAt)).length, resolved: threads.filter((t) => within(t.resolvedAt)).length }
    if (round.closedAt !== null) start = round.closedAt
    return counts
  })
}

/** « 3 commentaires ouverts · 2 résolus », « Aucun commentaire ». */
export function threadCountsText({ opened, resolved }: { opened: number; resolved: number }): string {
  if (opened === 0 && resolved === 0) return 'Aucun commentaire'
  const nbsp = '\u00a0'
  const openedText = `${opened}${nbsp}commentaire${opened > 1 ? 's' : ''} ouvert${opened > 1 ? 's' : ''}`
  const resolvedText = `${resolved}${nbsp}résolu${resolved > 1 ? 's' : ''}`
  return `${openedText} · ${resolvedText}`
}
