import { CommentRangeEnd, CommentRangeStart, CommentReference, Paragraph, TextRun, type ICommentOptions, type ParagraphChild } from 'docx'
import { formatDate, frenchTypography as ft } from '~/domain/format'
import type { ThreadView } from '../comments.server'

/**
 * The dossier's comment threads as real Word comments (export option
 * `?commentaires=1`). A thread is one Word comment: its first message, then
 * the replies (« Réponse de … (date) : … »), « [résolu] » when resolved. The
 * document places each on its passage (the rich-text writer), on its row of
 * the self-assessment appendix (a criterion) or on its section heading (a
 * section, an item with « Sur : … », a passage no longer found with its quote).
 */

/** What the export keeps of a thread (no viewer-specific rights): plain data, sent to the export worker. */
export type ExportThread = Pick<
  ThreadView,
  'id' | 'target' | 'sectionId' | 'criterionId' | 'itemId' | 'itemLabel' | 'selectors' | 'status' | 'createdAt' | 'authorName'
> & { messages: Pick<ThreadView['messages'][number], 'authorName' | 'body' | 'deleted' | 'createdAt'>[] }

export const toExportThread = (t: ThreadView): ExportThread => ({
  id: t.id,
  target: t.target,
  sectionId: t.sectionId,
  criterionId: t.criterionId,
  itemId: t.itemId,
  itemLabel: t.itemLabel,
  selectors: t.selectors,
  status: t.status,
  createdAt: t.createdAt,
  authorName: t.authorName,
  messages: t.messages.map((m) => ({ authorName: m.authorName, body: m.body, deleted: m.deleted, createdAt: m.createdAt })),
})

export const COMMENT_LABELS = {
  resolved: '[résolu]',
  deleted: 'message supprimé',
  on: (what: string) => ft(`Sur : ${what}`),
  criterion: (id: string) => `critère ${id}`,
  deletedItem: (label: string) => `${label} (élément supprimé)`,
  lostPassage: (quote: string) => ft(`Passage modifié ou supprimé : “${quote}”`),
  reply: (name: string, date: string) => ft(`Réponse de ${name} (${date}) : `),
}

/** Longest quote of a lost passage written in its comment. */
const MAX_QUOTE = 300
const shortQuote = (quote: string) => {
  const flat = quote.replace(/\s+/g, ' ').trim()
  return flat.length > MAX_QUOTE ? `${flat.slice(0, MAX_QUOTE - 1).trimEnd()}…` : flat
}

/** « CL » for « Chloé Lefèvre ». */
export function initialsOf(name: string): string {
  const letters = name
    .split(/[\s\-’']+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase())
  return letters.slice(0, 3).join('') || '?'
}

/** A message's lines as paragraphs, the first after `lead` (bold); a deleted message reads « message supprimé ». */
function messageParagraphs(lead: string | null, message: ExportThread['messages'][number]): Paragraph[] {
  const leadRun = lead ? [new TextRun({ text: lead, bold: true })] : []
  if (message.deleted) return [new Paragraph({ children: [...leadRun, new TextRun({ text: COMMENT_LABELS.deleted, italics: true })] })]
  const lines = message.body.split('\n')
  return lines.map((line, i) => new Paragraph({ children: [...(i === 0 ? leadRun : []), new TextRun(line)] }))
}

/** The Word comments of a document. */
export class WordComments {
  private readonly comments: ICommentOptions[] = []
  private next = 0

  /** An id for a comment written later (a passage: whether it is found decides what its comment says). */
  reserve(): number {
    return this.next++
  }

  /** Writes `thread` as comment `id`, with a first line saying what it is on (`note`); gives the id. */
  write(id: number, thread: ExportThread, note: string | null = null): number {
    const children: Paragraph[] = []
    if (thread.status === 'resolved') children.push(new Paragraph({ children: [new TextRun({ text: COMMENT_LABELS.resolved, bold: true })] }))
    if (note) children.push(new Paragraph({ children: [new TextRun({ text: note, italics: true })] }))
    thread.messages.forEach((m, i) => {
      children.push(...messageParagraphs(i === 0 ? null : COMMENT_LABELS.reply(m.authorName, formatDate(new Date(m.createdAt))), m))
    })
    const author = thread.messages[0]?.authorName ?? thread.authorName
    this.comments.push({ id, author, initials: initialsOf(author), date: new Date(thread.createdAt), children })
    return id
  }

  /** A new comment (see `write`). */
  add(thread: ExportThread, note: string | null = null): number {
    return this.write(this.reserve(), thread, note)
  }

  /** The comments, in id order. */
  get list(): ICommentOptions[] {
    return [...this.comments].sort((a, b) => a.id - b.id)
  }
}

/** What a thread placed on a heading says it is on, or null (the section itself). `currentItemIds`: the section's items now. */
export function noteFor(thread: ExportThread, currentItemIds: ReadonlySet<string>): string | null {
  switch (thread.target) {
    case 'item': {
      const label = thread.itemLabel ?? thread.itemId ?? ''
      return COMMENT_LABELS.on(thread.itemId && !currentItemIds.has(thread.itemId) ? COMMENT_LABELS.deletedItem(label) : label)
    }
    case 'criterion':
      return COMMENT_LABELS.on(COMMENT_LABELS.criterion(thread.criterionId ?? ''))
    case 'passage':
      return COMMENT_LABELS.lostPassage(shortQuote(thread.selectors?.[0].exact ?? ''))
    case 'section':
      return null
  }
}

/** `children` wrapped in the ranges of comments `ids` (a heading, a table cell's text), each followed by its reference. */
export function commented(ids: readonly number[], children: ParagraphChild[]): ParagraphChild[] {
  if (ids.length === 0) return children
  return [
    ...ids.map((id) => new CommentRangeStart(id)),
    ...children,
    ...ids.flatMap((id) => [new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] })]),
  ]
}
