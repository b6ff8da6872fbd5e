import type { PassageSelectors } from './annotation'

/**
 * Anchoring comments in a text that keeps changing, the way Hypothesis does
 * (https://github.com/hypothesis/client, src/annotator/anchoring): the stored
 * position if the quote is still there, otherwise the quote searched exactly,
 * otherwise an approximate match (approx-string-match) bounded by an error
 * threshold; null when the passage cannot be found (never the wrong words).
 * Pure: runs in the browser and on the server.
 *
 * IMPLEMENTATION PENDING (helper « anchoring »): signatures are the contract.
 */

/** How a passage was found again. */
export type AnchorMethod = 'position' | 'quote' | 'approximate'
export type Anchored = { start: number; end: number; method: AnchorMethod }

/** The selectors of `text[start, end)`: the quote with up to 32 characters of context on each side, and the position. */
export declare function describePassage(text: string, start: number, end: number): PassageSelectors

/** Where the passage is in `text` now, or null. */
export declare function anchorPassage(text: string, selectors: PassageSelectors): Anchored | null
