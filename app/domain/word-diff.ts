import { diffArrays, diffWords } from 'diff'

/**
 * Word-level differences between two texts, as a tutor reads them in a
 * review round: what stayed, what was inserted, what was deleted. The
 * comparison itself is the `diff` package's (jsdiff); this module only shapes
 * its output. Pure.
 */
export type DiffOp = 'equal' | 'insert' | 'delete'
export type DiffSegment = { op: DiffOp; text: string }

/** Beyond this many edits between two blocks, jsdiff gives up and the block is shown replaced as a whole. */
const MAX_EDIT_LENGTH = 2_000
/** Beyond this many candidate pairs in one run of changed blocks, blocks are paired in order without measuring their likeness. */
const MAX_PAIRINGS = 2_500
/** Two blocks sharing at least this share of their words are one block edited, not one deleted and another inserted. */
const SAME_BLOCK = 0.4

/** Adjacent segments of the same operation joined into one; empty segments dropped. */
export function mergeSegments(segments: readonly DiffSegment[]): DiffSegment[] {
  const out: DiffSegment[] = []
  for (const s of segments) {
    if (s.text === '') continue
    const last = out.at(-1)
    if (last && last.op === s.op) last.text += s.text
    else out.push({ ...s })
  }
  return out
}

/**
 * The words inserted and deleted from `before` to `after` (whitespace is not
 * a change in itself), adjacent segments of one operation merged.
 */
export function wordDiff(before: string, after: string): DiffSegment[] {
  if (before === after) return mergeSegments([{ op: 'equal', text: before }])
  const changes = diffWords(before, after, { maxEditLength: MAX_EDIT_LENGTH })
  if (!changes)
    return mergeSegments([
      { op: 'delete', text: before },
      { op: 'insert', text: after },
    ])
  return mergeSegments(changes.map((c) => ({ op: c.added ? 'insert' : c.removed ? 'delete' : 'equal', text: c.value })))
}

/** How alike two blocks are, by the words they share (a multiset overlap, cheap enough to try many pairs): 0 to 1. */
function likeness(a: string, b: string): number {
  const words = (text: string) => text.toLocaleLowerCase('fr').match(/[\p{L}\p{N}]+/gu) ?? []
  const left = new Map<string, number>()
  for (const w of words(a)) left.set(w, (left.get(w) ?? 0) + 1)
  const right = words(b)
  let shared = 0
  for (const w of right) {
    const n = left.get(w) ?? 0
    if (n > 0) {
      shared++
      left.set(w, n - 1)
    }
  }
  const longest = Math.max(right.length, shared + [...left.values()].reduce((x, y) => x + y, 0))
  return longest === 0 ? (a.trim() === b.trim() ? 1 : 0) : shared / longest
}

/**
 * A run of deleted blocks against the run of inserted blocks that replaced
 * them: a deleted block is paired, in order, with the first inserted block it
 * still resembles (an edited paragraph, shown word by word); inserted blocks
 * skipped on the way are new, deleted blocks left unpaired are gone.
 */
function pairBlocks(deleted: readonly string[], inserted: readonly string[]): DiffSegment[][] {
  const out: DiffSegment[][] = []
  let next = 0
  const measure = deleted.length * inserted.length <= MAX_PAIRINGS
  for (const [i, old] of deleted.entries()) {
    let match = -1
    if (measure) {
      for (let k = next; k < inserted.length && match < 0; k++) if (likeness(old, inserted[k]!) >= SAME_BLOCK) match = k
    } else if (i < inserted.length && next === i) match = i
    if (match < 0) {
      out.push([{ op: 'delete', text: old }])
      continue
    }
    for (const fresh of inserted.slice(next, match)) out.push([{ op: 'insert', text: fresh }])
    out.push(wordDiff(old, inserted[match]!))
    next = match + 1
  }
  for (const fresh of inserted.slice(next)) out.push([{ op: 'insert', text: fresh }])
  return out
}

/**
 * Two texts made of blocks (paragraphs, headings, list items…), compared
 * block by block so that each paragraph stays readable: blocks are aligned
 * first, then an edited block is compared word by word. One list of segments
 * per block, in the order of `after` with deleted blocks where they stood.
 */
export function blockWordDiff(before: readonly string[], after: readonly string[]): DiffSegment[][] {
  const out: DiffSegment[][] = []
  let deleted: string[] = []
  let inserted: string[] = []
  const flush = () => {
    if (deleted.length || inserted.length) out.push(...pairBlocks(deleted, inserted))
    deleted = []
    inserted = []
  }
  for (const change of diffArrays([...before], [...after])) {
    if (change.removed) deleted.push(...change.value)
    else if (change.added) inserted.push(...change.value)
    else {
      flush()
      for (const text of change.value) out.push(mergeSegments([{ op: 'equal', text }]))
    }
  }
  flush()
  return out.filter((block) => block.length > 0)
}

/** True when a diff holds an insertion or a deletion. */
export const hasChanges = (blocks: readonly (readonly DiffSegment[])[]): boolean => blocks.some((b) => b.some((s) => s.op !== 'equal'))
