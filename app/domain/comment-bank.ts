/** Pure helpers of the comment bank: the order of criterion ids and the entries that fit a section. No I/O. */

/** The numbers of a criterion id, `C3.2-10` → [3, 2, 10]; competency ids (`C3.2`) give two numbers. */
function criterionNumbers(id: string): number[] {
  return (id.match(/\d+/g) ?? []).map(Number)
}

/** Référentiel order: `C1.1-2` < `C1.1-10` < `C2.1-1` (not the string order, where `C1.1-10` < `C1.1-2`). */
export function compareCriterionIds(a: string, b: string): number {
  const [x, y] = [criterionNumbers(a), criterionNumbers(b)]
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1)
    if (d !== 0) return d
  }
  return a.localeCompare(b)
}

/** The competency of a criterion: `C3.2-1` → `C3.2`. */
export function competencyOf(criterionId: string): string {
  return criterionId.replace(/-\d+$/, '')
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true })

/** Sorted by their first criterion (référentiel order), then by text (French collation). */
export function sortBankEntries<T extends { body: string; criterionIds: readonly string[] }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => compareCriterionIds(a.criterionIds[0] ?? '', b.criterionIds[0] ?? '') || collator.compare(a.body, b.body))
}

/** The entries tagged with at least one of `criteria` (the criteria of the section being commented). */
export function entriesForCriteria<T extends { criterionIds: readonly string[] }>(entries: readonly T[], criteria: readonly string[]): T[] {
  const wanted = new Set(criteria)
  return entries.filter((e) => e.criterionIds.some((id) => wanted.has(id)))
}

/** The criteria of the référentiel by activity and competency: what a bank entry can be tagged with. */
export type CriteriaCatalogue = {
  id: string
  title: string
  competencies: { id: string; heading: string; criteria: { id: string; text: string }[] }[]
}[]

/** Lower case, no accents, one kind of apostrophe: « Évènement » and « evenement » match. */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[’']/g, "'")
    .toLowerCase()
}

/**
 * The criteria a free-text query finds: every word must occur in the criterion's id or text, or in its
 * competency's id and heading, or its activity's id and title (« personae », « C3.2 », « A3 », « smart »).
 * Null for an empty query (nothing filtered).
 */
export function findCriteria(catalogue: CriteriaCatalogue, query: string): Set<string> | null {
  const words = foldText(query).split(/\s+/).filter(Boolean)
  if (words.length === 0) return null
  const found = new Set<string>()
  for (const activity of catalogue) {
    for (const c of activity.competencies) {
      for (const k of c.criteria) {
        const haystack = foldText(`${activity.id} ${activity.title} ${c.id} ${c.heading} ${k.id} ${k.text}`)
        if (words.every((w) => haystack.includes(w))) found.add(k.id)
      }
    }
  }
  return found
}

/** The page address after a bank form succeeded: the criterion filter kept, edit mode left, what was done said. */
export function bankPageAfter(url: URL, done: 'ajout' | 'modif' | 'suppr', id: string): string {
  const params = new URLSearchParams()
  const criterion = url.searchParams.get('critere')
  if (criterion) params.set('critere', criterion)
  params.set('fait', done)
  params.set('id', id)
  return `${url.pathname}?${params}`
}
