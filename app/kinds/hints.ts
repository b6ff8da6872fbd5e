/**
 * A structural hint that fails (see `evaluateHints` in kind-functions.ts),
 * with the section it is about and the criteria it informs.
 */
export type HintResult = { sectionId: string; sectionTitle: string; criteria: string[]; message: string }

/** Hints grouped by criterion id. */
export function hintsByCriterion(results: HintResult[]): Map<string, HintResult[]> {
  const map = new Map<string, HintResult[]>()
  for (const r of results) for (const c of r.criteria) map.set(c, [...(map.get(c) ?? []), r])
  return map
}
