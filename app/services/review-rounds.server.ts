import { and, asc, eq, isNull } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { REVIEW_ALREADY_OPEN, threadCountsByRound } from '~/domain/review-round'
import { CloseRoundSchema, RequestReviewSchema } from './review-round-input.server'
import { blockWordDiff, hasChanges, type DiffSegment } from '~/domain/word-diff'
import { plainBlocks } from '~/kinds/rich-text/rich-text'
import { diffOf, emptyValue, entryOf } from '~/kinds/registry'
import type { FieldValue } from '~/kinds/values'
import type { FieldKind } from '#templates/template.schema'
import { getDb, insertionOrder, schema, type DbHandle, transaction } from './db.server'
import { learnersOfDossier, tutorsOfDossier } from './dossier-people.server'
import { templateOfDossier, type Dossier } from './dossiers.server'
import { notify } from './notifications.server'

const { commentThreads, dossierSections, reviewRounds, reviewRoundSections, users } = schema

/** A refusal the routes answer with its French message and status. */
export class ReviewRoundError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409,
  ) {
    super(message)
    this.name = 'ReviewRoundError'
  }
}

function parse<T>(result: { success: true; data: T } | { success: false; error: { issues: { message: string }[] } }): T {
  if (!result.success) throw new ReviewRoundError(result.error.issues[0]?.message ?? 'Demande invalide.', 400)
  return result.data
}

/** Rounds are sequential (one open at a time): their insertion order is their order. */
const chronological = [asc(reviewRounds.requestedAt), insertionOrder(reviewRounds)] as const

/** The open round of a dossier, if any. */
export async function openRoundOf(dossierId: string, db: DbHandle = getDb()): Promise<{ id: string; requestedAt: number } | null> {
  const [row] = await db
    .select({ id: reviewRounds.id, requestedAt: reviewRounds.requestedAt })
    .from(reviewRounds)
    .where(and(eq(reviewRounds.dossierId, dossierId), isNull(reviewRounds.closedAt)))
  return row ? { id: row.id, requestedAt: row.requestedAt.getTime() } : null
}

/**
 * A learner asks for a review of `dossier`, with an optional message (2 000
 * characters at most). One open round per dossier: a second request while one
 * is open is refused (409). The dossier's tutors are told.
 */
export async function requestReview(dossier: Dossier, userId: string, message: string | undefined) {
  const input = parse(RequestReviewSchema.safeParse({ message: message ?? '' }))
  return await transaction(getDb(), async (tx) => {
    if (await openRoundOf(dossier.id, tx)) throw new ReviewRoundError(REVIEW_ALREADY_OPEN, 409)
    const round = (
      await tx.insert(reviewRounds).values({ dossierId: dossier.id, requestedBy: userId, message: input.message, requestedAt: new Date() }).returning()
    )[0]!
    await notify(await tutorsOfDossier(dossier, tx), { type: 'review-request', dossierId: dossier.id, actorId: userId, roundId: round.id }, tx)
    return round
  })
}

/** The current content of every section of a dossier (the field's empty value when never saved), by section id. */
async function currentContents(dossier: Dossier, db: DbHandle): Promise<Map<string, FieldValue>> {
  const saved = new Map(
    (
      await db
        .select({ sectionId: dossierSections.sectionId, content: dossierSections.content })
        .from(dossierSections)
        .where(eq(dossierSections.dossierId, dossier.id))
    ).map((r) => [r.sectionId, r.content]),
  )
  return new Map(templateOfDossier(dossier).sections.map((s) => [s.id, saved.get(s.id) ?? emptyValue(s.field)]))
}

/**
 * A tutor closes an open round with a summary (1 to 5 000 characters). In one
 * transaction: the content of every section is kept as the round's snapshot
 * (what the next round's changes start from) and the round is closed. The
 * learners who work on the dossier are told.
 */
export async function closeRound(dossier: Dossier, roundId: string, tutorId: string, summary: string | undefined) {
  const input = parse(CloseRoundSchema.safeParse({ summary: summary ?? '' }))
  return await transaction(getDb(), async (tx) => {
    const [round] = await tx
      .select()
      .from(reviewRounds)
      .where(and(eq(reviewRounds.id, roundId), eq(reviewRounds.dossierId, dossier.id)))
    if (!round) throw new ReviewRoundError('Cette relecture n’existe pas.', 404)
    if (round.closedAt) throw new ReviewRoundError('Cette relecture est déjà close.', 409)
    const snapshot = [...(await currentContents(dossier, tx))].map(([sectionId, content]) => ({ roundId: round.id, sectionId, content }))
    if (snapshot.length) await tx.insert(reviewRoundSections).values(snapshot)
    const closedAt = new Date()
    await tx.update(reviewRounds).set({ closedAt, closedBy: tutorId, summary: input.summary }).where(eq(reviewRounds.id, round.id))
    await notify(await learnersOfDossier(dossier, tx), { type: 'round-closed', dossierId: dossier.id, actorId: tutorId, roundId: round.id }, tx)
    return { ...round, closedAt, closedBy: tutorId, summary: input.summary }
  })
}

export type RoundListItem = {
  id: string
  requestedAt: number
  requestedBy: string | null
  message: string
  closedAt: number | null
  closedBy: string | null
  summary: string | null
  /** Comment threads opened and resolved during the round (see threadCountsByRound). */
  opened: number
  resolved: number
}

/** The rounds of a dossier, oldest first, with who asked for and who closed each. */
async function roundRows(dossierId: string) {
  const requester = alias(users, 'requester')
  const closer = alias(users, 'closer')
  return (
    await getDb()
      .select({
        id: reviewRounds.id,
        requestedAt: reviewRounds.requestedAt,
        requestedBy: requester.name,
        message: reviewRounds.message,
        closedAt: reviewRounds.closedAt,
        closedBy: closer.name,
        summary: reviewRounds.summary,
      })
      .from(reviewRounds)
      .leftJoin(requester, eq(requester.id, reviewRounds.requestedBy))
      .leftJoin(closer, eq(closer.id, reviewRounds.closedBy))
      .where(eq(reviewRounds.dossierId, dossierId))
      .orderBy(...chronological)
  ).map((r) => ({ ...r, requestedAt: r.requestedAt.getTime(), closedAt: r.closedAt?.getTime() ?? null }))
}

/**
 * The rounds of a dossier, newest first, each with the number of comment
 * threads opened and resolved in it (counted by time window, from the
 * threads' dates).
 */
export async function roundsOf(dossierId: string): Promise<RoundListItem[]> {
  const rounds = await roundRows(dossierId)
  if (rounds.length === 0) return []
  const threads = (
    await getDb()
      .select({ createdAt: commentThreads.createdAt, resolvedAt: commentThreads.resolvedAt })
      .from(commentThreads)
      .where(eq(commentThreads.dossierId, dossierId))
  ).map((t) => ({ createdAt: t.createdAt.getTime(), resolvedAt: t.resolvedAt?.getTime() ?? null }))
  const counts = threadCountsByRound(rounds, threads, Date.now())
  return rounds.map((r, i) => ({ ...r, ...counts[i]! })).reverse()
}

export type SectionChange = {
  sectionId: string
  title: string
  kind: FieldKind
  changed: boolean
  /** Rich text: one list of segments per block (paragraph, heading, list item…), when the section changed. */
  words?: DiffSegment[][]
  /** The kind's own sentences (a table's rows added, changed, removed…), when the section changed. */
  changes?: string[]
}

async function snapshotOf(roundId: string): Promise<Map<string, FieldValue>> {
  return new Map(
    (
      await getDb()
        .select({ sectionId: reviewRoundSections.sectionId, content: reviewRoundSections.content })
        .from(reviewRoundSections)
        .where(eq(reviewRoundSections.roundId, roundId))
    ).map((r) => [r.sectionId, r.content]),
  )
}

/** The kind's sentences; a value it cannot read (stored before a template changed) is said changed without detail. */
function kindChanges(field: Parameters<typeof diffOf>[0], before: FieldValue, after: FieldValue): string[] {
  try {
    return diffOf(field, before, after)
  } catch {
    return JSON.stringify(before) === JSON.stringify(after) ? [] : ['Le contenu a changé (le détail n’a pas pu être calculé).']
  }
}

const blocksOf = (doc: Parameters<typeof plainBlocks>[0]) =>
  plainBlocks(doc)
    .map((b) => b.text)
    .filter((text) => text.trim() !== '')

/**
 * What changed in each section of the dossier's template during a round: for
 * an open round, the current content against the snapshot of the last closed
 * round before it; for a closed round, its own snapshot against the previous
 * closed round's. With no previous round, against the empty values
 * (everything is new). `since`: when the previous round was closed (null: from
 * the beginning). Null when the round is not one of this dossier's.
 */
export async function changesSince(dossier: Dossier, roundId: string): Promise<{ since: number | null; sections: SectionChange[] } | null> {
  const rounds = await roundRows(dossier.id)
  const index = rounds.findIndex((r) => r.id === roundId)
  if (index < 0) return null
  const round = rounds[index]!
  const previous = rounds
    .slice(0, index)
    .reverse()
    .find((r) => r.closedAt !== null)
  const before = previous ? await snapshotOf(previous.id) : new Map<string, FieldValue>()
  const after = round.closedAt !== null ? await snapshotOf(round.id) : await currentContents(dossier, getDb())

  const sections = templateOfDossier(dossier).sections.map((s): SectionChange => {
    const was = before.get(s.id) ?? emptyValue(s.field)
    const now = after.get(s.id) ?? emptyValue(s.field)
    const base = { sectionId: s.id, title: s.title, kind: s.field.kind }
    const changes = kindChanges(s.field, was, now)
    const wasEntry = entryOf(s.field, was)
    const nowEntry = entryOf(s.field, now)
    // Prose is read word by word; structured kinds speak through their own diff.
    const words = wasEntry.kind === 'richText' && nowEntry.kind === 'richText' ? blockWordDiff(blocksOf(wasEntry.value), blocksOf(nowEntry.value)) : undefined
    const changed = changes.length > 0 || (words !== undefined && hasChanges(words))
    if (!changed) return { ...base, changed }
    return { ...base, changed, changes, ...(words ? { words } : {}) }
  })
  return { since: previous?.closedAt ?? null, sections }
}

/** One round of a dossier with who asked for and closed it; null when it is not one of this dossier's. */
export async function roundOf(dossierId: string, roundId: string) {
  return (await roundRows(dossierId)).find((r) => r.id === roundId) ?? null
}
