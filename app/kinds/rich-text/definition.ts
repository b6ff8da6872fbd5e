import type { KindDefinition } from '../types'
import { RICH_TEXT_DIFF, RICH_TEXT_HINTS, RICH_TEXT_LABELS } from './labels'
import { EMPTY_DOC, headingsOf, imagesOf, imagesWithoutAlt, richTextToPlain, wordCount, wordsOf, type RichTextDoc } from './rich-text'
import type { RichTextConfig } from './schema'

/** A word as compared by the review summary: without the punctuation around it. */
const bare = (w: string) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')

function counts(words: string[]): Map<string, number> {
  const map = new Map<string, number>()
  for (const w of words) map.set(w, (map.get(w) ?? 0) + 1)
  return map
}

/** How many of `a` are not matched in `b` (multisets). */
function missingFrom(a: Map<string, number>, b: Map<string, number>): number {
  let n = 0
  for (const [w, count] of a) n += Math.max(0, count - (b.get(w) ?? 0))
  return n
}

/** Headings present in `a` more often than in `b`, in `a`'s order. */
function onlyIn(a: string[], b: string[]): string[] {
  const left = counts(b)
  return a.filter((h) => {
    const n = left.get(h) ?? 0
    if (n > 0) left.set(h, n - 1)
    return n === 0
  })
}

/**
 * What changed, as a tutor reads it: words added and deleted (a word-level
 * count, moves ignored), headings added, deleted or renamed, images added or
 * deleted; a change of layout alone is said so.
 */
function diff(before: RichTextDoc, after: RichTextDoc): string[] {
  const plainBefore = richTextToPlain(before)
  const plainAfter = richTextToPlain(after)
  const wordsBefore = counts(wordsOf(plainBefore).map(bare))
  const wordsAfter = counts(wordsOf(plainAfter).map(bare))
  const changes: string[] = []
  const words = RICH_TEXT_DIFF.words(missingFrom(wordsAfter, wordsBefore), missingFrom(wordsBefore, wordsAfter))
  if (words) changes.push(words)

  const headingsBefore = headingsOf(before)
  const headingsAfter = headingsOf(after)
  const removed = onlyIn(headingsBefore, headingsAfter)
  const added = onlyIn(headingsAfter, headingsBefore)
  // A heading that changed in place, the others staying, was renamed.
  const renamed = new Set<number>()
  if (headingsBefore.length === headingsAfter.length) {
    headingsBefore.forEach((heading, i) => {
      const now = headingsAfter[i]!
      if (heading !== now && removed.includes(heading) && added.includes(now)) renamed.add(i)
    })
  }
  for (const i of renamed) changes.push(RICH_TEXT_DIFF.headingRenamed(headingsBefore[i]!, headingsAfter[i]!))
  for (const heading of onlyIn(
    added,
    [...renamed].map((i) => headingsAfter[i]!),
  ))
    changes.push(RICH_TEXT_DIFF.headingAdded(heading))
  for (const heading of onlyIn(
    removed,
    [...renamed].map((i) => headingsBefore[i]!),
  ))
    changes.push(RICH_TEXT_DIFF.headingRemoved(heading))

  const imagesBefore = imagesOf(before)
  const imagesAfter = imagesOf(after)
  const srcBefore = new Set(imagesBefore.map((i) => i.src))
  const srcAfter = new Set(imagesAfter.map((i) => i.src))
  const imagesAdded = imagesAfter.filter((i) => !srcBefore.has(i.src)).length
  const imagesRemoved = imagesBefore.filter((i) => !srcAfter.has(i.src)).length
  if (imagesAdded) changes.push(RICH_TEXT_DIFF.imagesAdded(imagesAdded))
  if (imagesRemoved) changes.push(RICH_TEXT_DIFF.imagesRemoved(imagesRemoved))
  const altBefore = new Map(imagesBefore.map((i) => [i.src, i.alt]))
  const altChanged = imagesAfter.filter((i) => altBefore.has(i.src) && altBefore.get(i.src) !== i.alt).length
  if (altChanged) changes.push(RICH_TEXT_DIFF.altChanged(altChanged))

  if (changes.length) return changes
  if (plainBefore !== plainAfter) return [RICH_TEXT_DIFF.reordered]
  return sameJson(before, after) ? [] : [RICH_TEXT_DIFF.formatting]
}

function sameJson(a: unknown, b: unknown): boolean {
  try {
    return JSON.stringify(a) === JSON.stringify(b)
  } catch {
    // Too deep to compare (a value stored before depth was limited): said changed.
    return false
  }
}

const isEmpty = (value: RichTextDoc) => wordCount(value) === 0 && imagesOf(value).length === 0

export const definition: KindDefinition<RichTextConfig, RichTextDoc> = {
  label: RICH_TEXT_LABELS.kind,
  empty: () => EMPTY_DOC,
  isEmpty,
  rules: {
    minWords: (hint, value, _config, { title }) => {
      const words = wordCount(value)
      return words < hint.min ? RICH_TEXT_HINTS.minWords(title, words, hint.min) : null
    },
  },
  audit(value, _config, { title }) {
    const missing = imagesWithoutAlt(value)
    return missing > 0 ? [RICH_TEXT_HINTS.missingAlt(title, missing)] : []
  },
  // Passages of a text are commented with text selectors (exact quote, position), not items.
  items: () => [],
  diff,
  plainText: (value) => richTextToPlain(value),
  locate(path, value) {
    const [content, index] = path
    if (content !== 'content' || typeof index !== 'number') return null
    const block = value.content?.[index]
    return RICH_TEXT_LABELS.block(index, block && typeof block === 'object' && typeof block.type === 'string' ? block.type : '')
  },
  excel: false,
}
