import { and, eq } from 'drizzle-orm'
import { prosemirrorJSONToYDoc, prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { dossierGrants } from '~/domain/permissions'
import { editorSchema } from '~/kinds/rich-text/pm-schema'
import { sanitize } from '~/kinds/rich-text/sanitize'
import { valueSchema } from '~/kinds/schemas'
import type { RichTextDoc } from '~/kinds/rich-text/rich-text'
import type { SessionUser } from './auth.server'
import { getDb, schema, transaction, type DbHandle } from './db.server'
import { dossierRelations } from './dossier-access.server'
import { saveSection, sectionStates } from './dossier-sections.server'
import { templateOfDossier } from './dossiers.server'

/**
 * Live co-editing of the rich-text sections of group dossiers (issue 17 §1):
 * which document a connection may open, and how a document is loaded from
 * and stored to the database. The collaboration server
 * (collaboration-socket.server.ts) calls these; the Yjs document lives in
 * `section_ydocs`, the editor JSON it stands for in `dossier_sections`, saved
 * as any other save (versions, attributed history).
 */

/** The Yjs fragment the editor binds to (tiptap's Collaboration default). */
export const FRAGMENT = 'default'

/** « <dossierId>/<sectionId> »: one shared document per rich-text section of a group dossier. */
export const documentName = (dossierId: string, sectionId: string) => `${dossierId}/${sectionId}`

export type CollabAccess = { dossierId: string; sectionId: string; readOnly: boolean }

/**
 * Who may open a shared document: its group's members write, those who may
 * read the dossier (tutors, jurors, admins) read; nobody else, and only for a
 * rich-text section of a group dossier. Null: refused.
 */
export async function collaborationAccess(user: SessionUser, name: string): Promise<CollabAccess | null> {
  const [dossierId, sectionId, ...rest] = name.split('/')
  if (!dossierId || !sectionId || rest.length) return null
  const access = await dossierRelations(user, dossierId)
  if (!access || !dossierGrants(access.relations, 'read') || !access.dossier.groupId) return null
  const section = templateOfDossier(access.dossier).sections.find((s) => s.id === sectionId)
  if (section?.field.kind !== 'richText') return null
  return { dossierId, sectionId, readOnly: !dossierGrants(access.relations, 'update') }
}

const ydocOf = (dossierId: string, sectionId: string) => and(eq(schema.sectionYdocs.dossierId, dossierId), eq(schema.sectionYdocs.sectionId, sectionId))

async function storedState(db: DbHandle, dossierId: string, sectionId: string): Promise<Uint8Array | null> {
  const [row] = await db.select({ state: schema.sectionYdocs.state }).from(schema.sectionYdocs).where(ydocOf(dossierId, sectionId))
  return row ? new Uint8Array(row.state) : null
}

/**
 * The stored Yjs state of a shared document. At its first opening it is made
 * from the section's saved JSON and stored at once, the first server to do so
 * winning: members who open it at the same moment on two app servers share
 * one document (two made apart would merge into the text written twice).
 */
export async function loadSharedState(dossierId: string, sectionId: string): Promise<Uint8Array> {
  const db = getDb()
  const stored = await storedState(db, dossierId, sectionId)
  if (stored) return stored
  const saved = (await sectionStates(dossierId))[sectionId]?.content as RichTextDoc | undefined
  const doc = saved ? prosemirrorJSONToYDoc(editorSchema, sanitize(saved), FRAGMENT) : new Y.Doc()
  const state = Buffer.from(Y.encodeStateAsUpdate(doc))
  await db.insert(schema.sectionYdocs).values({ dossierId, sectionId, state, updatedAt: new Date() }).onConflictDoNothing()
  return (await storedState(db, dossierId, sectionId))!
}

/**
 * A restore from the history, in the shared document (null: the section was
 * never written together, its next opening starts from the restored JSON):
 * the stored state is changed to the restored content, and the change is
 * returned as a Yjs update, for the documents open on any server
 * (replaceOpenDocument). Applying it twice changes nothing; what members
 * typed that was not stored yet stays, after it.
 */
export async function restoreSharedState(dossierId: string, sectionId: string, content: RichTextDoc): Promise<Uint8Array | null> {
  const db = getDb()
  const stored = await storedState(db, dossierId, sectionId)
  if (!stored) return null
  const doc = new Y.Doc()
  Y.applyUpdate(doc, stored)
  const before = Y.encodeStateVector(doc)
  prosemirrorJSONToYXmlFragment(editorSchema, sanitize(content), doc.getXmlFragment(FRAGMENT))
  await db
    .update(schema.sectionYdocs)
    .set({ state: Buffer.from(Y.encodeStateAsUpdate(doc)), updatedAt: new Date() })
    .where(ydocOf(dossierId, sectionId))
  return Y.encodeStateAsUpdate(doc, before)
}

/** A section's field, by dossier (null for an unknown one). */
async function sectionField(dossierId: string, sectionId: string) {
  const [dossier] = await getDb().select().from(schema.dossiers).where(eq(schema.dossiers.id, dossierId))
  return dossier ? (templateOfDossier(dossier).sections.find((s) => s.id === sectionId)?.field ?? null) : null
}

/** The editor JSON a Yjs document stands for. */
export const docJson = (doc: Y.Doc): RichTextDoc => yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(FRAGMENT)) as RichTextDoc

/**
 * Stores a shared document: its Yjs state, and its JSON as a save of the
 * section by `authorId` (the last member who changed it) with the others who
 * changed it since the last store (`coauthorIds`), when it differs from the
 * stored one — the history keeps revisions at the rhythm of any save, each
 * naming everyone who wrote in it.
 */
export async function storeSharedState(dossierId: string, sectionId: string, doc: Y.Doc, authorId: string, coauthorIds: string[] = []): Promise<void> {
  // The state and the text at the same instant: edits that arrive while this store awaits go to the next store.
  const mine = Y.encodeStateAsUpdate(doc)
  await transaction(getDb(), async (db) => {
    // Merged with what is stored: another app server holding the same document may have stored edits this one has not
    // received yet (issue 18); the stored state never loses them.
    const stored = await storedState(db, dossierId, sectionId)
    const merged = stored ? Y.mergeUpdates([stored, mine]) : mine
    const whole = new Y.Doc()
    Y.applyUpdate(whole, merged)
    const json = docJson(whole)
    const state = Buffer.from(merged)
    const now = new Date()
    await db
      .insert(schema.sectionYdocs)
      .values({ dossierId, sectionId, state, updatedAt: now })
      .onConflictDoUpdate({ target: [schema.sectionYdocs.dossierId, schema.sectionYdocs.sectionId], set: { state, updatedAt: now } })
    // What any save of the section must be (a member's client could put anything in the shared document): repaired to the
    // editor's schema, then checked like an autosave; refused content is not saved (the Yjs state keeps it for the members).
    const field = await sectionField(dossierId, sectionId)
    const checked = field ? valueSchema(field).safeParse(sanitize(json)) : null
    if (!checked?.success) return
    const content = checked.data as RichTextDoc
    const current = (await sectionStates(dossierId))[sectionId]
    if (current && JSON.stringify(current.content) === JSON.stringify(content)) return
    // The shared document is the truth for this section: saved over whatever version is current.
    await saveSection({ dossierId, sectionId, baseVersion: current?.version ?? 0, content, authorId, coauthorIds })
  })
}
