import { and, desc, eq, inArray } from 'drizzle-orm'
import { emptyValue } from '~/kinds/registry'
import type { FieldValue } from '~/kinds/values'
import { getDb, schema, type DbHandle, transaction } from './db.server'
import { templatesById } from './templates.server'
import { restoreSharedState } from './collaboration.server'
import type { RichTextDoc } from '~/kinds/rich-text/rich-text'

const { dossiers, dossierSections, dossierRevisions, users } = schema

/**
 * Consecutive saves of one author on one section share a revision for this
 * long; a save that removes a large part of the content always starts a new
 * one, so an accidental deletion can be undone from the history.
 */
const REVISION_WINDOW_MS = 2 * 60 * 1000

function shrinksALot(before: unknown, after: unknown): boolean {
  const a = JSON.stringify(before).length
  const b = JSON.stringify(after).length
  return a - b > 100 && b < a * 0.75
}

export type SectionState = { content: FieldValue; version: number; updatedAt: number; updatedBy: string | null }

export async function sectionStates(dossierId: string): Promise<Record<string, SectionState>> {
  const rows = await getDb()
    .select({
      sectionId: dossierSections.sectionId,
      content: dossierSections.content,
      version: dossierSections.version,
      updatedAt: dossierSections.updatedAt,
      updatedBy: users.name,
    })
    .from(dossierSections)
    .leftJoin(users, eq(users.id, dossierSections.updatedBy))
    .where(eq(dossierSections.dossierId, dossierId))
  return Object.fromEntries(
    rows.map((r) => [r.sectionId, { content: r.content, version: r.version, updatedAt: r.updatedAt.getTime(), updatedBy: r.updatedBy }]),
  )
}

/** The empty value of a section's field: its content before the first save. */
async function emptyContent(db: DbHandle, dossierId: string, sectionId: string): Promise<FieldValue> {
  const [dossier] = await db.select({ templateId: dossiers.templateId }).from(dossiers).where(eq(dossiers.id, dossierId))
  const section = dossier ? templatesById.get(dossier.templateId)?.sections.find((s) => s.id === sectionId) : undefined
  if (!section) throw new Error(`Unknown section ${sectionId} of dossier ${dossierId}`)
  return emptyValue(section.field)
}

export type SaveResult = { ok: true; version: number; savedAt: number } | { ok: false; conflict: SectionState }

/**
 * Saves a section if `baseVersion` is the current version; otherwise returns
 * the current state so the client can show the conflict. `conflict-copy`
 * keeps a version aside in the history without touching the current content.
 */
export async function saveSection(input: {
  dossierId: string
  sectionId: string
  baseVersion: number
  content: FieldValue
  authorId: string
  kind?: 'save' | 'restore' | 'conflict-copy'
  /**
   * A section written together live: the other members who changed it since
   * its last save. Its saves share a revision within the window whoever
   * saves them, and the revision lists everyone who wrote in it.
   */
  coauthorIds?: string[]
}): Promise<SaveResult> {
  const db = getDb()
  const kind = input.kind ?? 'save'
  return await transaction(db, async (tx) => {
    const now = new Date()
    const [current] = await tx
      .select()
      .from(dossierSections)
      .where(and(eq(dossierSections.dossierId, input.dossierId), eq(dossierSections.sectionId, input.sectionId)))
    const currentVersion = current?.version ?? 0

    if (kind === 'conflict-copy') {
      await tx.insert(dossierRevisions).values({
        dossierId: input.dossierId,
        sectionId: input.sectionId,
        version: currentVersion,
        kind,
        content: input.content,
        authorId: input.authorId,
        createdAt: now,
        updatedAt: now,
      })
      return { ok: true, version: currentVersion, savedAt: now.getTime() }
    }

    if (kind === 'save' && currentVersion !== input.baseVersion) {
      // Never saved (a client that believes otherwise, e.g. after a database reset): the current state is the empty field.
      if (!current)
        return { ok: false, conflict: { content: await emptyContent(tx, input.dossierId, input.sectionId), version: 0, updatedAt: 0, updatedBy: null } }
      const name = current.updatedBy ? ((await tx.select({ name: users.name }).from(users).where(eq(users.id, current.updatedBy)))[0]?.name ?? null) : null
      return {
        ok: false,
        conflict: { content: current.content, version: currentVersion, updatedAt: current.updatedAt.getTime(), updatedBy: name },
      }
    }

    const version = currentVersion + 1
    await tx
      .insert(dossierSections)
      .values({ dossierId: input.dossierId, sectionId: input.sectionId, content: input.content, version, updatedAt: now, updatedBy: input.authorId })
      .onConflictDoUpdate({
        target: [dossierSections.dossierId, dossierSections.sectionId],
        set: { content: input.content, version, updatedAt: now, updatedBy: input.authorId },
      })

    const [last] = await tx
      .select()
      .from(dossierRevisions)
      .where(and(eq(dossierRevisions.dossierId, input.dossierId), eq(dossierRevisions.sectionId, input.sectionId)))
      .orderBy(desc(dossierRevisions.id))
    const together = input.coauthorIds !== undefined
    const coalesce =
      kind === 'save' &&
      last?.kind === 'save' &&
      (last.authorId === input.authorId || (together && last.coauthorIds !== null)) &&
      last.version === currentVersion &&
      now.getTime() - last.createdAt.getTime() < REVISION_WINDOW_MS &&
      !shrinksALot(last.content, input.content)
    const others = (ids: (string | null)[]) => (together ? [...new Set(ids)].filter((id): id is string => !!id && id !== input.authorId) : null)
    if (coalesce) {
      // The revision is the last saver's, with everyone else who wrote in it.
      const coauthorIds = others([last.authorId, ...(last.coauthorIds ?? []), ...(input.coauthorIds ?? [])])
      await tx
        .update(dossierRevisions)
        .set({ version, content: input.content, updatedAt: now, ...(together ? { authorId: input.authorId, coauthorIds } : {}) })
        .where(eq(dossierRevisions.id, last.id))
    } else {
      await tx.insert(dossierRevisions).values({
        dossierId: input.dossierId,
        sectionId: input.sectionId,
        version,
        kind,
        content: input.content,
        authorId: input.authorId,
        coauthorIds: others(input.coauthorIds ?? []),
        createdAt: now,
        updatedAt: now,
      })
    }
    return { ok: true, version, savedAt: now.getTime() }
  })
}

/** The names of the members who wrote in revisions with their last saver (sections written together), in the revisions' order. */
async function withCoauthors<R extends { coauthorIds: string[] | null }>(rows: R[]): Promise<(Omit<R, 'coauthorIds'> & { coauthors: string[] })[]> {
  const ids = [...new Set(rows.flatMap((r) => r.coauthorIds ?? []))]
  const names = new Map(
    ids.length ? (await getDb().select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.name]) : [],
  )
  return rows.map(({ coauthorIds, ...r }) => ({ ...r, coauthors: (coauthorIds ?? []).flatMap((id) => names.get(id) ?? []) }))
}

export async function listRevisions(dossierId: string) {
  return await withCoauthors(
    await getDb()
      .select({
        id: dossierRevisions.id,
        sectionId: dossierRevisions.sectionId,
        version: dossierRevisions.version,
        kind: dossierRevisions.kind,
        author: users.name,
        coauthorIds: dossierRevisions.coauthorIds,
        createdAt: dossierRevisions.createdAt,
        updatedAt: dossierRevisions.updatedAt,
      })
      .from(dossierRevisions)
      .leftJoin(users, eq(users.id, dossierRevisions.authorId))
      .where(eq(dossierRevisions.dossierId, dossierId))
      .orderBy(desc(dossierRevisions.updatedAt), desc(dossierRevisions.id)),
  )
}

export async function getRevision(dossierId: string, revisionId: number) {
  const [row] = await getDb()
    .select({
      id: dossierRevisions.id,
      sectionId: dossierRevisions.sectionId,
      version: dossierRevisions.version,
      kind: dossierRevisions.kind,
      content: dossierRevisions.content,
      author: users.name,
      coauthorIds: dossierRevisions.coauthorIds,
      updatedAt: dossierRevisions.updatedAt,
    })
    .from(dossierRevisions)
    .leftJoin(users, eq(users.id, dossierRevisions.authorId))
    .where(and(eq(dossierRevisions.dossierId, dossierId), eq(dossierRevisions.id, revisionId)))
  return row ? (await withCoauthors([row]))[0] : undefined
}

/** Restores a revision as the new current content; the replaced content stays in the history. */
export async function restoreRevision(dossierId: string, revisionId: number, authorId: string) {
  const revision = await getRevision(dossierId, revisionId)
  if (!revision) return null
  return await transaction(getDb(), async () => {
    const result = await saveSection({ dossierId, sectionId: revision.sectionId, baseVersion: -1, content: revision.content, authorId, kind: 'restore' })
    // A section written together: its shared document becomes the restored content too (issue 17 §1); the change, for
    // the documents open right now (collaboration-socket.server.ts replaceOpenDocument).
    const sharedUpdate = result.ok ? await restoreSharedState(dossierId, revision.sectionId, revision.content as RichTextDoc) : null
    return { ...result, sectionId: revision.sectionId, sharedUpdate }
  })
}
