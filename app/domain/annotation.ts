/**
 * The anchor of a comment on a passage of rich text, after the W3C Web
 * Annotation model (https://www.w3.org/TR/annotation-model/#selectors): the
 * quoted words with some context, and where they were. Stored beside the
 * document, never inside it. Offsets count characters of the document's
 * anchoring text (app/domain/anchoring.ts: its text nodes, concatenated).
 */
export type TextQuoteSelector = { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string }
export type TextPositionSelector = { type: 'TextPositionSelector'; start: number; end: number }
export type PassageSelectors = [TextQuoteSelector, TextPositionSelector]

/** What a comment thread addresses. */
export const COMMENT_TARGETS = ['section', 'passage', 'item', 'criterion'] as const
export type CommentTarget = (typeof COMMENT_TARGETS)[number]

export const THREAD_STATUSES = ['open', 'resolved'] as const
export type ThreadStatus = (typeof THREAD_STATUSES)[number]

/** What a notification tells. Room is left for e-mail (`emailedAt`). */
export const NOTIFICATION_TYPES = ['comment', 'reply', 'review-request', 'round-closed'] as const
export type NotificationType = (typeof NOTIFICATION_TYPES)[number]
