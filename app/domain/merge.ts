/**
 * Three-way merge of structured section values (issue 17 §3): a save based on
 * an older version is merged with the current one when the two touch
 * different items (`id`s of a list) or different fields of one item. Only the
 * same field changed two ways is a conflict; the current value (`ours`, what
 * the others already see) is kept there and the conflict is reported with both
 * sides, so that nothing typed is lost. Pure, for the server and the browser.
 *
 * - objects merge key by key;
 * - lists whose items all carry a string `id` merge item by item: added on
 *   either side, deleted when the other side left the item untouched
 *   (deleted by one and edited by the other: a conflict, the edited item is
 *   kept), reordered by whichever side reordered;
 * - anything else (texts, numbers, lists of ids…) is one value.
 */
export type MergePath = (string | number)[]
export type MergeConflict = { path: MergePath; base: unknown; ours: unknown; theirs: unknown }
export type MergeResult<T> = { value: T; conflicts: MergeConflict[] }

type Item = { id: string } & Record<string, unknown>

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isItemList = (v: unknown): v is Item[] => Array.isArray(v) && v.every((x) => isObject(x) && typeof x.id === 'string')

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    return a.every((x, i) => deepEqual(x, b[i]))
  }
  if (!isObject(a) || !isObject(b)) return false
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  for (const k of keys) if (!deepEqual(a[k], b[k])) return false
  return true
}

/** Merges `theirs` (a save based on `base`) into `ours` (the current value). */
export function merge3<T>(base: unknown, ours: T, theirs: unknown): MergeResult<T> {
  const conflicts: MergeConflict[] = []
  const value = mergeAt(base, ours, theirs, [], conflicts) as T
  return { value, conflicts }
}

function mergeAt(base: unknown, ours: unknown, theirs: unknown, path: MergePath, conflicts: MergeConflict[]): unknown {
  if (deepEqual(ours, theirs)) return ours
  if (deepEqual(base, ours)) return theirs
  if (deepEqual(base, theirs)) return ours
  if (isItemList(ours) && isItemList(theirs)) return mergeItems(isItemList(base) ? base : [], ours, theirs, path, conflicts)
  if (isObject(ours) && isObject(theirs)) {
    const b = isObject(base) ? base : {}
    const out: Record<string, unknown> = {}
    for (const key of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
      const merged = mergeAt(b[key], ours[key], theirs[key], [...path, key], conflicts)
      if (merged !== undefined) out[key] = merged
    }
    return out
  }
  conflicts.push({ path, base, ours, theirs })
  return ours
}

/** The ids of `list` that are also in `among`, in `list`'s order. */
const orderOf = (list: Item[], among: Set<string>) => list.map((x) => x.id).filter((id) => among.has(id))

function mergeItems(base: Item[], ours: Item[], theirs: Item[], path: MergePath, conflicts: MergeConflict[]): Item[] {
  const [b, o, t] = [base, ours, theirs].map((list) => new Map(list.map((x) => [x.id, x]))) as [Map<string, Item>, Map<string, Item>, Map<string, Item>]
  // What each item becomes; undefined: deleted. A conflict is recorded once the item's place is known.
  const kept = new Map<string, { item: Item; conflict?: Omit<MergeConflict, 'path'>; nested?: MergeConflict[] }>()
  for (const id of new Set([...o.keys(), ...t.keys(), ...b.keys()])) {
    const [inBase, mine, other] = [b.get(id), o.get(id), t.get(id)]
    if (mine && other) {
      const nested: MergeConflict[] = []
      kept.set(id, { item: mergeAt(inBase, mine, other, [], nested) as Item, nested })
    } else if (mine) {
      // Deleted by the save (when it was in the base): deleted unless it was edited here meanwhile.
      if (!inBase) kept.set(id, { item: mine })
      else if (!deepEqual(inBase, mine)) kept.set(id, { item: mine, conflict: { base: inBase, ours: mine, theirs: undefined } })
    } else if (other) {
      if (!inBase) kept.set(id, { item: other })
      else if (!deepEqual(inBase, other)) kept.set(id, { item: other, conflict: { base: inBase, ours: undefined, theirs: other } })
    }
  }

  // Order: the side that reordered the items both kept; the other side's additions after their predecessor.
  const common = new Set([...b.keys()].filter((id) => o.has(id) && t.has(id)))
  const baseOrder = orderOf(base, common).join('\u0000')
  const theirsReordered = orderOf(theirs, common).join('\u0000') !== baseOrder
  const oursReordered = orderOf(ours, common).join('\u0000') !== baseOrder
  const [primary, secondary] = theirsReordered && !oursReordered ? [theirs, ours] : [ours, theirs]
  const order = primary.map((x) => x.id).filter((id) => kept.has(id))
  for (const list of [secondary, base]) {
    const known = new Set(list.map((x) => x.id))
    let after: string | null = null
    for (const { id } of list) {
      if (!kept.has(id)) continue
      if (!order.includes(id)) {
        // After its predecessor and after what the primary side added there.
        let at = after === null ? 0 : order.indexOf(after) + 1
        while (at < order.length && !known.has(order[at]!) && !b.has(order[at]!)) at++
        order.splice(at, 0, id)
      }
      after = id
    }
  }

  return order.map((id, index) => {
    const entry = kept.get(id)!
    const at = [...path, index]
    if (entry.conflict) conflicts.push({ path: at, ...entry.conflict })
    for (const c of entry.nested ?? []) conflicts.push({ ...c, path: [...at, ...c.path] })
    return entry.item
  })
}

/** `value` with `next` at `path` (objects and lists copied along the way). */
export function setAtPath(value: unknown, path: MergePath, next: unknown): unknown {
  if (path.length === 0) return next
  const [head, ...rest] = path
  if (Array.isArray(value) && typeof head === 'number') return value.map((x, i) => (i === head ? setAtPath(x, rest, next) : x))
  const object = isObject(value) ? value : {}
  return { ...object, [head!]: setAtPath(object[head!], rest, next) }
}
