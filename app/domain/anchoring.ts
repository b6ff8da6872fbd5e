import approxSearch from 'approx-string-match'
import type { PassageSelectors, TextPositionSelector, TextQuoteSelector } from './annotation'

/**
 * Anchoring comments in a text that keeps changing, the way Hypothesis does
 * (https://github.com/hypothesis/client, src/annotator/anchoring): the stored
 * position if the quote is still there, otherwise the quote searched exactly,
 * otherwise an approximate match (approx-string-match) bounded by an error
 * threshold; null when the passage cannot be found (never the wrong words).
 * Pure: runs in the browser and on the server.
 *
 * Where we are stricter than Hypothesis: a candidate must also be *backed*.
 * A quote of 32 characters or more found word for word is its own evidence;
 * a shorter one (« 40 % », « marché local ») occurs by chance elsewhere, so it
 * is kept only where one side of its stored context is still around it. An
 * approximate match always needs that context, and a bounded number of errors
 * (see `acceptable`): a passage rewritten or deleted is reported as lost
 * rather than pinned on neighbouring words.
 */

/** How a passage was found again. */
export type AnchorMethod = 'position' | 'quote' | 'approximate'
export type Anchored = { start: number; end: number; method: AnchorMethod }

/** Characters of context stored on each side of the quote. */
export const CONTEXT_LENGTH = 32
/** An exact quote at least this long is taken on its own; a shorter one needs one side of its context (random French words repeat short phrases). */
const SELF_EVIDENT = 32
/**
 * Similarity (0–1) of a side's context to the stored one that counts as « still around it ». Unrelated French text scores about 0.3
 * against 32 stored characters (under 0.55 in 99 cases out of 100), the same context with one word edited about 0.8.
 */
const SAME_CONTEXT = 0.75
/** Quotes shorter than this are only found exactly: two errors in « 40 % » or « CA 2024 » make other words. */
const MIN_APPROXIMATE = 8
/** Errors (inserted, deleted or changed characters) accepted on the quote alone, as a share of its length: a typo fixed, a figure updated. */
const SMALL_EDIT = 0.25
/**
 * Errors accepted when at least `WORDS_KEPT` of the quote's words are still there, as a share of its length: one or two words replaced
 * or added. Half is the bound Hypothesis searches with; alone it would not do: the best alignment of an unrelated French phrase of 50
 * to 100 characters within a few thousand characters of text has 40 to 60 % errors (measured). The words kept tell an edited passage
 * from a rewritten one, and the context tells where it is.
 */
const LARGE_EDIT = 0.5
const WORDS_KEPT = 0.5
/** The most errors searched for: the cost of approx-string-match grows with it (O(errors / 32 × text length)). */
const MAX_ERRORS = 256
/** Characters searched on each side of where the quote is expected (after its stored context, or at its stored position). */
const SLACK = 32
/** Characters that may separate an approximate match from its context (see `sideSimilarity`). */
const GAP = 12
const WINDOW = 2048
/** Exact occurrences (of the quote, or of its context) scored at most, the nearest to the stored position first. */
const MAX_OCCURRENCES = 200

/** Cuts `[start, end)` so that it does not split a surrogate pair (an emoji): the context stays valid text. */
function sliceWhole(text: string, start: number, end: number): string {
  const isLow = (i: number) => i > 0 && i < text.length && (text.charCodeAt(i) & 0xfc00) === 0xdc00
  if (isLow(start)) start++
  if (isLow(end)) end--
  return start < end ? text.slice(start, end) : ''
}

/** The selectors of `text[start, end)`: the quote with up to 32 characters of context on each side, and the position. */
export function describePassage(text: string, start: number, end: number): PassageSelectors {
  const s = Math.max(0, Math.min(Math.trunc(start) || 0, text.length))
  const e = Math.max(s, Math.min(Math.trunc(end) || 0, text.length))
  return [
    {
      type: 'TextQuoteSelector',
      exact: text.slice(s, e),
      prefix: sliceWhole(text, Math.max(0, s - CONTEXT_LENGTH), s),
      suffix: sliceWhole(text, e, Math.min(text.length, e + CONTEXT_LENGTH)),
    },
    { type: 'TextPositionSelector', start: s, end: e },
  ]
}

/**
 * Levenshtein distance from `a` to `b` — or, with `anyStart`, to the closest suffix of `b` (`b` may start anywhere, it ends where `a`
 * ends). O(|a| × |b|): called on contexts (32 characters) and on quotes of a few hundred.
 */
function distance(a: string, b: string, anyStart = false): number {
  if (a === b) return 0
  let row = Array.from({ length: b.length + 1 }, (_, j) => (anyStart ? 0 : j))
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1))
    }
    row = next
  }
  return row[b.length]!
}

const reversed = (s: string) => Array.from(s).reverse().join('')

/**
 * How much of a stored context is still beside a candidate: 1 when all of it, about 0.4 for unrelated French text. The context may sit
 * with errors (a word edited inside the context), and `gap` characters away (what is left of a word edited at the passage's edge).
 * A stored context shorter than 32 characters means the passage was that close to the start (or end) of the text: it is compared
 * with what is there now, up to the edge, so that text inserted before the passage counts as a change.
 */
function sideSimilarity(text: string, stored: string, at: number, side: 'before' | 'after', gap: number): number {
  const edge = stored.length < CONTEXT_LENGTH
  // Untouched (the common case): no alignment needed.
  const touching = side === 'before' ? text.slice(Math.max(0, at - stored.length), at) === stored : text.startsWith(stored, at)
  if (touching && (!edge || (side === 'before' ? at === stored.length : at + stored.length === text.length))) return 1
  const reach = edge ? CONTEXT_LENGTH : CONTEXT_LENGTH + gap
  const actual = side === 'before' ? sliceWhole(text, Math.max(0, at - reach), at) : sliceWhole(text, at, Math.min(text.length, at + reach))
  if (edge) {
    const longest = Math.max(stored.length, actual.length)
    return longest === 0 ? 1 : 1 - distance(stored, actual) / longest
  }
  if (!actual) return 0
  const errors = approxSearch(actual, stored, stored.length)[0]?.errors ?? stored.length
  return 1 - errors / stored.length
}

const WORD_CHAR = /[\p{L}\p{N}]/u
/** Words, hyphenated ones whole (« éco-conception » is one word). */
const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+(?:[-‐][\p{L}\p{N}]+)*/gu) ?? []

/** Share of the quote's words (counted with repeats) still found in the candidate. */
function wordsKept(quote: string, found: string): number {
  const expected = words(quote)
  if (!expected.length) return 1
  const left = new Map<string, number>()
  for (const w of words(found)) left.set(w, (left.get(w) ?? 0) + 1)
  let kept = 0
  for (const w of expected) {
    const n = left.get(w) ?? 0
    if (n > 0) {
      kept++
      left.set(w, n - 1)
    }
  }
  return kept / expected.length
}

type Candidate = { start: number; end: number; errors: number }
type Judged = Candidate & { prefix: number; suffix: number; score: number }

/**
 * Exact occurrences of `needle`, the nearest to `hint` first, at most `MAX_OCCURRENCES`. Looked for within `WINDOW` characters of the
 * hint first, and in the whole text only when there are none there (`indexOf` over a 20 000-word text costs up to half a millisecond).
 */
function occurrences(text: string, needle: string, hint: number, near = true): number[] {
  const found: number[] = []
  if (!needle) return found
  const from = near ? Math.max(0, hint - WINDOW) : 0
  const to = near ? Math.min(text.length, hint + WINDOW + needle.length) : text.length
  // A slice: indexOf would otherwise read on to the end of the text when the needle is not in the window.
  const part = from > 0 || to < text.length ? text.slice(from, to) : text
  for (let i = part.indexOf(needle); i !== -1 && found.length < 10_000; i = part.indexOf(needle, i + 1)) found.push(from + i)
  if (!found.length && part !== text) return occurrences(text, needle, hint, false)
  found.sort((a, b) => Math.abs(a - hint) - Math.abs(b - hint))
  return found.length > MAX_OCCURRENCES ? found.slice(0, MAX_OCCURRENCES) : found
}

/** Approximate matches of `quote` in `text[from, to)`, with offsets in `text`. */
function searchIn(text: string, quote: string, from: number, to: number, maxErrors: number): Candidate[] {
  from = Math.max(0, from)
  to = Math.min(text.length, to)
  if (to - from < quote.length - maxErrors) return []
  return approxSearch(text.slice(from, to), quote, maxErrors).map((m) => ({ start: m.start + from, end: m.end + from, errors: m.errors }))
}

/** Anchors a passage in `text`, scoring candidates as Hypothesis' match-quote does (quote, then context, then position as a tie-breaker). */
class Anchorer {
  constructor(
    private readonly text: string,
    private readonly quote: TextQuoteSelector,
    private readonly hint: number,
  ) {}

  judge(c: Candidate): Judged {
    const { text, quote, hint } = this
    // An exact quote must touch its context; an approximate match may end inside an edited word.
    const gap = c.errors ? GAP : 0
    const prefix = sideSimilarity(text, quote.prefix, c.start, 'before', gap)
    const suffix = sideSimilarity(text, quote.suffix, c.end, 'after', gap)
    const quoteScore = 1 - c.errors / quote.exact.length
    const position = text.length ? 1 - Math.min(1, Math.abs(c.start - hint) / text.length) : 1
    return { ...c, prefix, suffix, score: 50 * quoteScore + 20 * prefix + 20 * suffix + 2 * position }
  }

  /**
   * Whether a candidate may carry the comment. Exact: a long quote, or one side of its context still there. Approximate: its context
   * still there (one side for a long quote, both for a short one), and `fits` — judged again once met with its context (`refine`).
   */
  acceptable(c: Judged): boolean {
    const length = this.quote.exact.length
    const oneSide = Math.max(c.prefix, c.suffix) >= SAME_CONTEXT
    if (c.errors === 0) return length >= SELF_EVIDENT || (oneSide && this.sameWordEdges(c))
    // A short quote with errors looks like many neighbouring phrases: both sides of its context must still be there.
    const backed = length >= SELF_EVIDENT ? oneSide : Math.min(c.prefix, c.suffix) >= SAME_CONTEXT
    return backed && this.fits(c)
  }

  /** Few errors (`SMALL_EDIT`: a typo, a figure), or up to `LARGE_EDIT` with most of the quote's words kept (words replaced or added). */
  fits(c: Candidate): boolean {
    const length = this.quote.exact.length
    if (length < MIN_APPROXIMATE) return false
    if (c.errors <= length * SMALL_EDIT) return true
    if (c.errors > length * LARGE_EDIT) return false
    const whole = this.wholeWords(c)
    return wordsKept(this.quote.exact, this.text.slice(whole.start, whole.end)) >= WORDS_KEPT
  }

  /**
   * An approximate match met with its context (`snap`), its errors counted again over the whole range: what approx-string-match found
   * may overlap the context (« persona message » for « partenariat message » rewritten before « message ») or sit inside a longer
   * word (« ation be » in « application besoin » for « action le »). Null when the range no longer fits the quote.
   */
  refine(c: Judged): Judged | null {
    const { start, end } = this.snap(c)
    if (start >= end) return null
    const moved = start !== c.start || end !== c.end
    const refined = { ...c, start, end, errors: moved ? this.errorsOf(start, end, c.errors) : c.errors }
    if (!this.fits(refined) || !this.fits({ ...this.wholeWords(refined), errors: this.wholeErrors(refined) })) return null
    return { ...refined, score: c.score - (50 * (refined.errors - c.errors)) / this.quote.exact.length }
  }

  /** The quote's distance to `text[start, end)`: counted exactly up to 250 000 cells (quotes of some 500 characters), bounded below beyond. */
  errorsOf(start: number, end: number, atLeast: number): number {
    const length = this.quote.exact.length
    if (length * (end - start) <= 250_000) return distance(this.quote.exact, this.text.slice(start, end))
    return Math.max(atLeast, Math.abs(length - (end - start)))
  }

  /** The errors of a range widened to whole words (see `wholeWords`): the quote against the words it touches. */
  wholeErrors(c: Candidate): number {
    const whole = this.wholeWords(c)
    if (whole.start === c.start && whole.end === c.end) return c.errors
    return this.errorsOf(whole.start, whole.end, c.errors + (c.start - whole.start) + (whole.end - c.end))
  }

  /**
   * An approximate match widened to whole words where the quote had whole words: « ce » cut from « croissance » is not the word « ce »,
   * and a word edited at the passage's edge is highlighted whole.
   */
  wholeWords(c: Candidate): Candidate {
    const { text, quote } = this
    let { start, end } = c
    // Nothing is widened into the context itself: blocks touch in the anchoring text (« …stratégiePositionnement… »).
    const head = quote.prefix.slice(-8)
    const tail = quote.suffix.slice(0, 8)
    if ((!WORD_CHAR.test(quote.prefix.slice(-1)) || !WORD_CHAR.test(quote.exact.charAt(0))) && !(head && text.slice(start - head.length, start) === head)) {
      while (start > 0 && WORD_CHAR.test(text.charAt(start - 1)) && WORD_CHAR.test(text.charAt(start))) start--
    }
    if ((!WORD_CHAR.test(quote.suffix.charAt(0)) || !WORD_CHAR.test(quote.exact.slice(-1))) && !(tail && text.startsWith(tail, end))) {
      while (end < text.length && WORD_CHAR.test(text.charAt(end)) && WORD_CHAR.test(text.charAt(end - 1))) end++
    }
    return { ...c, start, end }
  }

  /** A quote that started (ended) at a word's edge is not found inside a longer word: « ce » is not the end of « consommatrice ». */
  sameWordEdges(c: Candidate): boolean {
    const { text, quote } = this
    const edge = (before: string, after: string) => !(WORD_CHAR.test(before) && WORD_CHAR.test(after))
    const startsWord = edge(quote.prefix.slice(-1), quote.exact.charAt(0))
    const endsWord = edge(quote.exact.slice(-1), quote.suffix.charAt(0))
    return (!startsWord || edge(text.charAt(c.start - 1), text.charAt(c.start))) && (!endsWord || edge(text.charAt(c.end - 1), text.charAt(c.end)))
  }

  /**
   * An approximate match stretched or shrunk to meet its context. Stretched: approx-string-match prefers « Familles pér » to « Familles
   * périurbaines » for « Familles rurales » (fewer errors), but the end of a word cut at the passage's edge belongs to it; by at most
   * `GAP` characters, and only over what belongs to the passage (`belongs`): words typed between the passage and its context stay
   * outside it, as they do while the editor is open (annotations.ts). Shrunk: a match never holds its own context (a deleted passage
   * would otherwise be found in the words that followed it). The result may be empty (then nothing is there).
   */
  snap(c: Judged): Candidate {
    const { text, quote } = this
    let { start, end } = c
    const allowed = (context: string) => Math.floor(context.length * (1 - SAME_CONTEXT))
    if (quote.prefix.length) {
      const from = Math.max(0, c.start - quote.prefix.length - GAP)
      const ends = approxSearch(text.slice(from, c.end), quote.prefix, allowed(quote.prefix)).map((m) => from + m.end)
      if (ends.length) start = ends.reduce((best, e) => (Math.abs(e - c.start) < Math.abs(best - c.start) ? e : best))
      if (start < c.start && !this.belongs(text.slice(start, c.start), quote.exact.slice(0, c.start - start + 2 * GAP), start, c.start, 'start')) {
        start = c.start
      }
    }
    if (quote.suffix.length) {
      const to = Math.min(text.length, c.end + quote.suffix.length + GAP)
      const starts = approxSearch(text.slice(c.start, to), quote.suffix, allowed(quote.suffix)).map((m) => c.start + m.start)
      if (starts.length) end = starts.reduce((best, s) => (Math.abs(s - c.end) < Math.abs(best - c.end) ? s : best))
      if (end > c.end && !this.belongs(text.slice(c.end, end), quote.exact.slice(-(end - c.end + 2 * GAP)), c.end, end, 'end')) end = c.end
    }
    return { ...c, start, end }
  }

  /**
   * Whether the characters between an approximate match and its context belong to the passage: the rest of a word cut in two, or
   * words the passage ends (starts) with, edited — the quote's edge matches the text better with them than without.
   */
  belongs(gap: string, edge: string, from: number, to: number, side: 'start' | 'end'): boolean {
    if (!/\s/.test(gap)) return true
    const { text } = this
    const reach = edge.length + GAP
    if (side === 'end')
      return distance(edge, text.slice(Math.max(0, to - reach), to), true) <= distance(edge, text.slice(Math.max(0, from - reach), from), true)
    const head = reversed(edge)
    return distance(head, reversed(text.slice(from, from + reach)), true) <= distance(head, reversed(text.slice(to, to + reach)), true)
  }

  best(candidates: Candidate[]): Judged | null {
    let best: Judged | null = null
    const seen = new Set<string>()
    for (const c of candidates) {
      const key = `${c.start}:${c.end}`
      if (seen.has(key)) continue
      seen.add(key)
      const judged = this.judge(c)
      if (!this.acceptable(judged)) continue
      const found = judged.errors ? this.refine(judged) : judged
      if (found && (!best || found.score > best.score)) best = found
    }
    return best
  }

  exact(): Judged | null {
    const { text, quote, hint } = this
    const length = quote.exact.length
    const judge = (all: number[]) => this.best(all.map((start) => ({ start, end: start + length, errors: 0 })))
    // Near where it was, with its whole context: nothing elsewhere can be better.
    const near = judge(occurrences(text, quote.exact, hint))
    if (near && near.prefix === 1 && near.suffix === 1) return near
    const all = judge(occurrences(text, quote.exact, hint, false))
    return all && (!near || all.score > near.score) ? all : near
  }

  approximate(): Judged | null {
    const { text, quote, hint } = this
    const length = quote.exact.length
    if (length < MIN_APPROXIMATE) return null
    const maxErrors = Math.min(MAX_ERRORS, Math.floor(length * LARGE_EDIT))
    // approx-string-match only reports the matches with the fewest errors of the text searched: an edited passage would lose to a
    // closer one elsewhere. So look first where it should be: right after its prefix, right before its suffix, around its position.
    const near: Candidate[] = []
    const span = length + maxErrors
    const prefixes = quote.prefix.length >= MIN_APPROXIMATE || text.startsWith(quote.prefix) ? occurrences(text, quote.prefix, hint - quote.prefix.length) : []
    for (const at of prefixes.slice(0, 5)) {
      const after = at + quote.prefix.length
      near.push(...searchIn(text, quote.exact, after - SLACK, after + span + SLACK, maxErrors))
    }
    const suffixes = quote.suffix.length >= MIN_APPROXIMATE || text.endsWith(quote.suffix) ? occurrences(text, quote.suffix, hint + length) : []
    for (const at of suffixes.slice(0, 5)) near.push(...searchIn(text, quote.exact, at - span - SLACK, at + SLACK, maxErrors))
    // Its context is still there, word for word: the passage is beside it, or it was deleted or rewritten there.
    if (prefixes.length || suffixes.length) return this.best(near)
    // Its context was edited too: around its position, then (below) anywhere.
    const found = this.best(searchIn(text, quote.exact, hint - WINDOW, hint + span + WINDOW, maxErrors))
    if (found || (hint - WINDOW <= 0 && hint + span + WINDOW >= text.length)) return found
    // Moved far away with its context damaged: the whole text, as Hypothesis searches it.
    return this.best(searchIn(text, quote.exact, 0, text.length, maxErrors))
  }
}

const isQuote = (s: unknown): s is TextQuoteSelector =>
  typeof s === 'object' && s !== null && (s as TextQuoteSelector).type === 'TextQuoteSelector' && typeof (s as TextQuoteSelector).exact === 'string'
const isPosition = (s: unknown): s is TextPositionSelector =>
  typeof s === 'object' &&
  s !== null &&
  (s as TextPositionSelector).type === 'TextPositionSelector' &&
  Number.isInteger((s as TextPositionSelector).start) &&
  Number.isInteger((s as TextPositionSelector).end)

/** Where the passage is in `text` now, or null. */
export function anchorPassage(text: string, selectors: PassageSelectors): Anchored | null {
  // Stored selectors are read defensively (JSON from the database).
  const list: unknown[] = Array.isArray(selectors) ? selectors : []
  const stored = list.find(isQuote)
  if (!stored || !stored.exact) return null
  const quote: TextQuoteSelector = {
    ...stored,
    prefix: typeof stored.prefix === 'string' ? stored.prefix.slice(-CONTEXT_LENGTH) : '',
    suffix: typeof stored.suffix === 'string' ? stored.suffix.slice(0, CONTEXT_LENGTH) : '',
  }
  const position = list.find(isPosition)
  const hint = position ? Math.max(0, Math.min(position.start, text.length)) : 0
  const anchorer = new Anchorer(text, quote, hint)

  if (position && position.start >= 0 && text.slice(position.start, position.end) === quote.exact) {
    const there = anchorer.judge({ start: position.start, end: position.end, errors: 0 })
    if (anchorer.acceptable(there)) return { start: there.start, end: there.end, method: 'position' }
  }
  const exact = anchorer.exact()
  if (exact) return { start: exact.start, end: exact.end, method: 'quote' }
  const approximate = anchorer.approximate()
  return approximate ? { start: approximate.start, end: approximate.end, method: 'approximate' } : null
}
