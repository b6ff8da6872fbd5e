/**
 * What changed in a list whose items keep their id through edits and moves
 * (rows, sources, personae, objectives, indicators, brands): one sentence per
 * added, changed or removed item, in each kind's words, and whether the kept
 * items were reordered. Blank items (added then left empty) are not news.
 */
export type ItemWords<T> = {
  isBlank: (item: T) => boolean
  added: (item: T, index: number) => string
  /** The sentences saying how `was` became `now` ([] when nothing changed). */
  changed: (was: T, now: T, index: number) => string[]
  removed: (item: T, index: number) => string
}

export function itemChanges<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
  words: ItemWords<T>,
): { sentences: string[]; reordered: boolean } {
  const old = new Map(before.map((item) => [item.id, item]))
  const kept = new Set(after.map((item) => item.id))
  const sentences = after.flatMap((now, i) => {
    const was = old.get(now.id)
    if (was) return words.changed(was, now, i)
    return words.isBlank(now) ? [] : [words.added(now, i)]
  })
  before.forEach((was, i) => {
    if (!kept.has(was.id) && !words.isBlank(was)) sentences.push(words.removed(was, i))
  })
  const order = (items: readonly T[]) =>
    items
      .filter((item) => old.has(item.id) && kept.has(item.id))
      .map((item) => item.id)
      .join()
  return { sentences, reordered: order(before) !== order(after) }
}

/** The sentences, then `reordered` when the kept items moved. */
export const withOrder = ({ sentences, reordered }: { sentences: string[]; reordered: boolean }, sentence: string) =>
  reordered ? [...sentences, sentence] : sentences
