import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { z } from 'zod'
import { COMMENT_TARGETS, type CommentTarget, type PassageSelectors, type ThreadStatus } from '~/domain/annotation'
import { anchorPassage, describePassage } from '~/domain/anchoring'
import { frenchTypography as ft } from '~/domain/format'
import { dossierGrants, type DossierAction, type DossierRelation } from '~/domain/permissions'
import { emptyValue, entryOf, itemsOf } from '~/kinds/registry'
import { anchoringText } from '~/kinds/rich-text/anchoring'
import type { KindItem } from '~/kinds/types'
import type { SessionUser } from './auth.server'
import { getDb, insertionOrder, schema, type DbHandle, transaction } from './db.server'
import type { DossierAccess } from './dossier-access.server'
import { learnersOfDossier, tutorsOfDossier } from './dossier-people.server'
import { templateOfDossier, type Dossier } from './dossiers.server'
import { notify } from './notifications.server'

/**
 * Comment threads on a dossier: on a section, a passage of its rich text
 * (anchored beside the content by W3C selectors), an item of a structured
 * field, or a criterion. Tutors start, resolve and reopen threads (dossier
 * action `comment`); the learners and tutors of the dossier reply (`reply`);
 * everyone edits and deletes only their own messages. Every query is scoped
 * by the dossier.
 */

const { commentThreads, commentMessages, dossierSections, users } = schema

export type MessageView = {
  id: string
  authorName: string
  body: string
  deleted: boolean
  createdAt: number
  editedAt: number | null
  mine: boolean
  canEdit: boolean
}
export type ThreadView = {
  id: string
  target: CommentTarget
  sectionId: string | null
  criterionId: string | null
  itemId: string | null
  itemLabel: string | null
  selectors: PassageSelectors | null
  status: ThreadStatus
  createdAt: number
  resolvedAt: number | null
  resolvedByName: string | null
  authorName: string
  messages: MessageView[]
  canResolve: boolean
  canReply: boolean
}

/** What every write answers: the thread written to, or why not (the API's status and French message). */
export type CommentResult = { ok: true; threadId: string; removed?: boolean } | { ok: false; status: 400 | 403 | 404; error: string }

export const MAX_BODY_CHARS = 5000
/** A name for the author of a message whose account was deleted. */
const GONE = 'Compte supprimé'

const REFUSALS = {
  comment: 'Seul·e le tuteur ou la tutrice du candidat ou de la candidate peut commenter ce dossier.',
  reply: 'Seul·es le ou la candidat·e, son groupe et son tuteur ou sa tutrice peuvent répondre aux commentaires de ce dossier.',
  notMine: 'Vous ne pouvez modifier que vos propres messages.',
  noThread: 'Ce fil de commentaires n’existe pas dans ce dossier.',
  noMessage: 'Ce message n’existe pas (ou plus) dans ce dossier.',
} as const

const fail = (status: 400 | 403 | 404, error: string): CommentResult => ({ ok: false, status, error: ft(error) })

// ---------------------------------------------------------------------------
// Input

/** Plain text as typed: line ends normalised, control characters (except tab and new line) dropped, trimmed. */
const plainText = (s: string) =>
  s
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .trim()

const BodySchema = z
  .string({ error: 'Écrivez un message avant de l’envoyer.' })
  .transform(plainText)
  .pipe(
    z
      .string()
      .min(1, 'Écrivez un message avant de l’envoyer.')
      .max(MAX_BODY_CHARS, `Le message dépasse ${MAX_BODY_CHARS.toLocaleString('fr-FR')} caractères : raccourcissez-le.`),
  )

/** An id sent by a form: '' counts as absent. */
const optionalId = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string({ error: 'Identifiant invalide.' }).trim().min(1).max(200).optional())
const requiredId = (message: string) => z.string({ error: message }).trim().min(1, message).max(200, message)

const SELECTORS_ERROR = 'Le passage sélectionné n’a pas pu être lu : sélectionnez-le de nouveau.'
const SelectorsSchema = z
  .tuple([
    z.object({ type: z.literal('TextQuoteSelector'), exact: z.string().min(1).max(20_000), prefix: z.string().max(200), suffix: z.string().max(200) }),
    z.object({ type: z.literal('TextPositionSelector'), start: z.number().int().min(0), end: z.number().int().min(0) }),
  ])
  .refine(([, p]) => p.end > p.start)
/** Selectors as a JSON string (a form field) or as they are (a JSON body). */
function parseSelectors(raw: unknown): PassageSelectors | null {
  let value = raw
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw)
    } catch {
      return null
    }
  }
  const parsed = SelectorsSchema.safeParse(value)
  return parsed.success ? (parsed.data as PassageSelectors) : null
}

const CreateSchema = z.object({
  target: z.enum(COMMENT_TARGETS, { error: 'Choisissez ce que vous commentez : la section, un passage, un élément ou un critère.' }),
  sectionId: optionalId,
  criterionId: optionalId,
  itemId: optionalId,
  selectors: z.unknown().optional(),
  body: BodySchema,
})
const ReplySchema = z.object({ threadId: requiredId(REFUSALS.noThread), body: BodySchema })
const EditSchema = z.object({ messageId: requiredId(REFUSALS.noMessage), body: BodySchema })
const MessageSchema = z.object({ messageId: requiredId(REFUSALS.noMessage) })
const ThreadSchema = z.object({ threadId: requiredId(REFUSALS.noThread) })

type Parsed<T> = { ok: true; data: T } | { ok: false; result: CommentResult }
function parse<T>(schema: z.ZodType<T>, input: unknown): Parsed<T> {
  const parsed = schema.safeParse(input ?? {})
  if (parsed.success) return { ok: true, data: parsed.data }
  const issue = parsed.error.issues[0]
  // A missing or malformed id is a thread or message that is not there.
  const key = issue?.path[0]
  const status = key === 'threadId' || key === 'messageId' ? 404 : 400
  return { ok: false, result: fail(status, issue?.message ?? 'Demande incomplète.') }
}

function refused(access: Pick<DossierAccess, 'relations'>, action: Extract<DossierAction, 'comment' | 'reply'>): CommentResult | null {
  return dossierGrants(access.relations, action) ? null : fail(403, REFUSALS[action])
}

// ---------------------------------------------------------------------------
// Reading

const resolvers = alias(users, 'resolvers')

/**
 * The threads of a dossier as `viewer` sees them, oldest first, each with its
 * messages oldest first. A deleted message kept for its replies has an empty
 * body (« message supprimé »). `relations` are the viewer's relations to the
 * dossier (already authorized to read it): they say who may resolve and reply.
 */
export async function threadsOfDossier(dossierId: string, viewer: SessionUser, relations: readonly DossierRelation[]): Promise<ThreadView[]> {
  const db = getDb()
  const threads = await db
    .select({
      id: commentThreads.id,
      target: commentThreads.target,
      sectionId: commentThreads.sectionId,
      criterionId: commentThreads.criterionId,
      itemId: commentThreads.itemId,
      itemLabel: commentThreads.itemLabel,
      selectors: commentThreads.selectors,
      status: commentThreads.status,
      createdAt: commentThreads.createdAt,
      resolvedAt: commentThreads.resolvedAt,
      resolvedByName: resolvers.name,
      authorName: users.name,
    })
    .from(commentThreads)
    .leftJoin(users, eq(users.id, commentThreads.authorId))
    .leftJoin(resolvers, eq(resolvers.id, commentThreads.resolvedBy))
    .where(eq(commentThreads.dossierId, dossierId))
    .orderBy(asc(commentThreads.createdAt), insertionOrder(commentThreads))
  if (threads.length === 0) return []

  const messages = await db
    .select({
      id: commentMessages.id,
      threadId: commentMessages.threadId,
      authorId: commentMessages.authorId,
      authorName: users.name,
      body: commentMessages.body,
      createdAt: commentMessages.createdAt,
      editedAt: commentMessages.editedAt,
      deletedAt: commentMessages.deletedAt,
    })
    .from(commentMessages)
    .innerJoin(commentThreads, eq(commentThreads.id, commentMessages.threadId))
    .leftJoin(users, eq(users.id, commentMessages.authorId))
    .where(eq(commentThreads.dossierId, dossierId))
    .orderBy(asc(commentMessages.createdAt), insertionOrder(commentMessages))

  const canReply = dossierGrants(relations, 'reply')
  const canResolve = dossierGrants(relations, 'comment')
  const byThread = new Map<string, MessageView[]>()
  for (const m of messages) {
    const deleted = m.deletedAt !== null
    const mine = m.authorId !== null && m.authorId === viewer.id
    const view: MessageView = {
      id: m.id,
      authorName: m.authorName ?? GONE,
      body: deleted ? '' : m.body,
      deleted,
      createdAt: m.createdAt.getTime(),
      editedAt: m.editedAt?.getTime() ?? null,
      mine,
      canEdit: mine && !deleted && canReply,
    }
    byThread.set(m.threadId, [...(byThread.get(m.threadId) ?? []), view])
  }
  return threads
    .map((t) => ({
      ...t,
      createdAt: t.createdAt.getTime(),
      resolvedAt: t.resolvedAt?.getTime() ?? null,
      authorName: t.authorName ?? GONE,
      messages: byThread.get(t.id) ?? [],
      canResolve,
      canReply,
    }))
    .filter((t) => t.messages.some((m) => !m.deleted))
}

/** Open threads per section id, and per `criterion:<id>` for criteria (the counts of the table of contents). */
export async function openThreadCounts(dossierId: string): Promise<Map<string, number>> {
  const rows = await getDb()
    .select({ sectionId: commentThreads.sectionId, criterionId: commentThreads.criterionId, n: sql<number>`count(*)` })
    .from(commentThreads)
    .where(and(eq(commentThreads.dossierId, dossierId), eq(commentThreads.status, 'open')))
    .groupBy(commentThreads.sectionId, commentThreads.criterionId)
  const counts = new Map<string, number>()
  for (const r of rows) {
    const key = r.sectionId ?? (r.criterionId ? `criterion:${r.criterionId}` : null)
    if (key) counts.set(key, (counts.get(key) ?? 0) + Number(r.n))
  }
  return counts
}

// ---------------------------------------------------------------------------
// Writing

/** The current value of a section (its empty value before the first save). */
async function currentValue(db: DbHandle, dossier: Dossier, sectionId: string) {
  const section = templateOfDossier(dossier).sections.find((s) => s.id === sectionId)!
  const [row] = await db
    .select({ content: dossierSections.content })
    .from(dossierSections)
    .where(and(eq(dossierSections.dossierId, dossier.id), eq(dossierSections.sectionId, sectionId)))
  return entryOf(section.field, row?.content ?? emptyValue(section.field))
}

type Anchor = Pick<typeof commentThreads.$inferInsert, 'target' | 'sectionId' | 'criterionId' | 'itemId' | 'itemLabel' | 'selectors'>

/** What a new thread addresses, checked against the template and the section's current value. */
async function anchorOf(
  db: DbHandle,
  dossier: Dossier,
  input: z.infer<typeof CreateSchema>,
): Promise<{ ok: true; anchor: Anchor } | { ok: false; result: CommentResult }> {
  const no = (error: string) => ({ ok: false as const, result: fail(400, error) })
  const template = templateOfDossier(dossier)
  if (input.target === 'criterion') {
    const criterionId = input.criterionId
    if (!criterionId) return no('Choisissez le critère commenté.')
    if (!template.sections.some((s) => s.criteria.includes(criterionId))) return no('Ce critère n’est pas évalué dans ce dossier.')
    return { ok: true, anchor: { target: 'criterion', sectionId: null, criterionId, itemId: null, itemLabel: null, selectors: null } }
  }
  if (!input.sectionId) return no('Choisissez la section commentée.')
  const section = template.sections.find((s) => s.id === input.sectionId)
  if (!section) return no('Cette section n’existe pas dans ce dossier.')
  const base = { sectionId: section.id, criterionId: null, itemId: null, itemLabel: null, selectors: null }
  if (input.target === 'section') return { ok: true, anchor: { ...base, target: 'section' } }

  const entry = await currentValue(db, dossier, section.id)
  if (input.target === 'passage') {
    if (entry.kind !== 'richText') return no('On ne peut commenter un passage que dans une section de texte.')
    const selectors = parseSelectors(input.selectors)
    if (!selectors) return no(SELECTORS_ERROR)
    const text = anchoringText(entry.value)
    const found = anchorPassage(text, selectors)
    if (!found) return no('Le passage sélectionné n’est plus dans la section (il a peut-être été modifié entre-temps) : sélectionnez-le de nouveau.')
    // Stored as it reads now on the server: the quote is the words found, never the client's.
    return { ok: true, anchor: { ...base, target: 'passage', selectors: describePassage(text, found.start, found.end) } }
  }
  if (!input.itemId) return no('Choisissez l’élément commenté.')
  const item = itemsOf(entry).find((i) => i.id === input.itemId)
  if (!item) return no('Cet élément n’existe plus dans la section : rechargez la page.')
  return { ok: true, anchor: { ...base, target: 'item', itemId: item.id, itemLabel: item.label } }
}

/** Starts a thread (tutors): its first message, and a `comment` notification to the dossier's learners. */
export async function createThread(access: DossierAccess, user: SessionUser, input: unknown): Promise<CommentResult> {
  const denied = refused(access, 'comment')
  if (denied) return denied
  const parsed = parse(CreateSchema, input)
  if (!parsed.ok) return parsed.result
  const { dossier } = access
  return await transaction(getDb(), async (tx) => {
    const anchored = await anchorOf(tx, dossier, parsed.data)
    if (!anchored.ok) return anchored.result
    const now = new Date()
    const thread = (
      await tx
        .insert(commentThreads)
        .values({ ...anchored.anchor, dossierId: dossier.id, status: 'open', authorId: user.id, createdAt: now })
        .returning({ id: commentThreads.id })
    )[0]!
    await tx.insert(commentMessages).values({ threadId: thread.id, authorId: user.id, body: parsed.data.body, createdAt: now })
    await notify(await learnersOfDossier(dossier, tx), { type: 'comment', dossierId: dossier.id, actorId: user.id, threadId: thread.id }, tx)
    return { ok: true, threadId: thread.id }
  })
}

/** A thread of this dossier (scoped in the query), or undefined. */
async function threadIn(db: DbHandle, dossierId: string, threadId: string) {
  return (
    await db
      .select()
      .from(commentThreads)
      .where(and(eq(commentThreads.id, threadId), eq(commentThreads.dossierId, dossierId)))
  )[0]
}

/** Replies in a thread: a `reply` notification to its participants, the dossier's learners and tutors (the actor excepted). */
export async function reply(access: DossierAccess, user: SessionUser, input: unknown): Promise<CommentResult> {
  const denied = refused(access, 'reply')
  if (denied) return denied
  const parsed = parse(ReplySchema, input)
  if (!parsed.ok) return parsed.result
  const { dossier } = access
  return await transaction(getDb(), async (tx) => {
    const thread = await threadIn(tx, dossier.id, parsed.data.threadId)
    if (!thread) return fail(404, REFUSALS.noThread)
    await tx.insert(commentMessages).values({ threadId: thread.id, authorId: user.id, body: parsed.data.body, createdAt: new Date() })
    const participants = (
      await tx.selectDistinct({ id: commentMessages.authorId }).from(commentMessages).where(eq(commentMessages.threadId, thread.id))
    ).flatMap((r) => (r.id ? [r.id] : []))
    const recipients = [
      ...(thread.authorId ? [thread.authorId] : []),
      ...participants,
      ...(await learnersOfDossier(dossier, tx)),
      ...(await tutorsOfDossier(dossier, tx)),
    ]
    await notify(recipients, { type: 'reply', dossierId: dossier.id, actorId: user.id, threadId: thread.id }, tx)
    return { ok: true, threadId: thread.id }
  })
}

/** A live message of this dossier (scoped in the query through its thread), or undefined. */
async function messageIn(db: DbHandle, dossierId: string, messageId: string) {
  return (
    await db
      .select({ id: commentMessages.id, threadId: commentMessages.threadId, authorId: commentMessages.authorId, body: commentMessages.body })
      .from(commentMessages)
      .innerJoin(commentThreads, eq(commentThreads.id, commentMessages.threadId))
      .where(and(eq(commentMessages.id, messageId), eq(commentThreads.dossierId, dossierId), sql`${commentMessages.deletedAt} is null`))
  )[0]
}

/** Edits one's own message. */
export async function editMessage(access: DossierAccess, user: SessionUser, input: unknown): Promise<CommentResult> {
  const denied = refused(access, 'reply')
  if (denied) return denied
  const parsed = parse(EditSchema, input)
  if (!parsed.ok) return parsed.result
  return await transaction(getDb(), async (tx) => {
    const message = await messageIn(tx, access.dossier.id, parsed.data.messageId)
    if (!message) return fail(404, REFUSALS.noMessage)
    if (message.authorId !== user.id) return fail(403, REFUSALS.notMine)
    if (message.body !== parsed.data.body) {
      await tx.update(commentMessages).set({ body: parsed.data.body, editedAt: new Date() }).where(eq(commentMessages.id, message.id))
    }
    return { ok: true, threadId: message.threadId }
  })
}

/**
 * Deletes one's own message. A message followed by replies stays, emptied, as
 * « message supprimé »; deleted messages that nothing follows any more are
 * removed, and a thread left with no message is removed (`removed: true`).
 */
export async function deleteMessage(access: DossierAccess, user: SessionUser, input: unknown): Promise<CommentResult> {
  const denied = refused(access, 'reply')
  if (denied) return denied
  const parsed = parse(MessageSchema, input)
  if (!parsed.ok) return parsed.result
  return await transaction(getDb(), async (tx) => {
    const message = await messageIn(tx, access.dossier.id, parsed.data.messageId)
    if (!message) return fail(404, REFUSALS.noMessage)
    if (message.authorId !== user.id) return fail(403, REFUSALS.notMine)
    await tx.update(commentMessages).set({ body: '', deletedAt: new Date() }).where(eq(commentMessages.id, message.id))
    const all = await tx
      .select({ id: commentMessages.id, deletedAt: commentMessages.deletedAt })
      .from(commentMessages)
      .where(eq(commentMessages.threadId, message.threadId))
      .orderBy(asc(commentMessages.createdAt), insertionOrder(commentMessages))
    let keep = all.length
    while (keep > 0 && all[keep - 1]!.deletedAt !== null) keep--
    if (keep === 0) {
      await tx.delete(commentThreads).where(and(eq(commentThreads.id, message.threadId), eq(commentThreads.dossierId, access.dossier.id)))
      return { ok: true, threadId: message.threadId, removed: true }
    }
    const trailing = all.slice(keep).map((m) => m.id)
    if (trailing.length) await tx.delete(commentMessages).where(inArray(commentMessages.id, trailing))
    return { ok: true, threadId: message.threadId }
  })
}

async function setStatus(access: DossierAccess, user: SessionUser, input: unknown, status: ThreadStatus): Promise<CommentResult> {
  const denied = refused(access, 'comment')
  if (denied) return denied
  const parsed = parse(ThreadSchema, input)
  if (!parsed.ok) return parsed.result
  const resolved = status === 'resolved'
  const done = (
    await getDb()
      .update(commentThreads)
      .set({ status, resolvedAt: resolved ? new Date() : null, resolvedBy: resolved ? user.id : null })
      .where(and(eq(commentThreads.id, parsed.data.threadId), eq(commentThreads.dossierId, access.dossier.id)))
      .returning({ id: commentThreads.id })
  )[0]
  return done ? { ok: true, threadId: done.id } : fail(404, REFUSALS.noThread)
}

/** Marks a thread resolved (tutors). */
export const resolveThread = async (access: DossierAccess, user: SessionUser, input: unknown) => await setStatus(access, user, input, 'resolved')
/** Opens a resolved thread again (tutors). */
export const reopenThread = async (access: DossierAccess, user: SessionUser, input: unknown) => await setStatus(access, user, input, 'open')

/**
 * Keeps the labels of commented items up to date after a save: the threads on
 * items that still exist get their current label; a deleted item keeps its
 * last one. Run inside the save's transaction.
 */
export async function refreshItemLabels(dossierId: string, sectionId: string, items: readonly KindItem[], db: DbHandle) {
  const threads = await db
    .select({ id: commentThreads.id, itemId: commentThreads.itemId, itemLabel: commentThreads.itemLabel })
    .from(commentThreads)
    .where(and(eq(commentThreads.dossierId, dossierId), eq(commentThreads.sectionId, sectionId), eq(commentThreads.target, 'item')))
  if (threads.length === 0) return
  const labels = new Map(items.map((i) => [i.id, i.label]))
  for (const t of threads) {
    const label = t.itemId ? labels.get(t.itemId) : undefined
    if (label !== undefined && label !== t.itemLabel) await db.update(commentThreads).set({ itemLabel: label }).where(eq(commentThreads.id, t.id))
  }
}
