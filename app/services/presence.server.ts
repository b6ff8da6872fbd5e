import { and, eq, gt, ne } from 'drizzle-orm'
import { getDb, schema } from './db.server'

const { dossierPresences, users } = schema

/** After this long without news from their page (it beats every 5 s: use-presence.ts), a person is gone. */
export const PRESENCE_TTL_MS = 15_000

export type Present = { name: string; sectionId: string | null }

/**
 * Records that `userId` has the dossier open (in `sectionId`, or elsewhere in
 * it) and returns the others who have had it open in the last seconds, by
 * name (issue 17 §2). `sectionId` null with `leaving`: the page was closed.
 */
export async function touchPresence(
  dossierId: string,
  userId: string,
  sectionId: string | null,
  { leaving = false, now = new Date() } = {},
): Promise<Present[]> {
  const db = getDb()
  if (leaving) {
    await db.delete(dossierPresences).where(and(eq(dossierPresences.dossierId, dossierId), eq(dossierPresences.userId, userId)))
  } else {
    await db
      .insert(dossierPresences)
      .values({ dossierId, userId, sectionId, seenAt: now })
      .onConflictDoUpdate({ target: [dossierPresences.dossierId, dossierPresences.userId], set: { sectionId, seenAt: now } })
  }
  return (
    await db
      .select({ name: users.name, sectionId: dossierPresences.sectionId })
      .from(dossierPresences)
      .innerJoin(users, eq(users.id, dossierPresences.userId))
      .where(
        and(
          eq(dossierPresences.dossierId, dossierId),
          ne(dossierPresences.userId, userId),
          gt(dossierPresences.seenAt, new Date(now.getTime() - PRESENCE_TTL_MS)),
        ),
      )
  ).sort((a, b) => a.name.localeCompare(b.name, 'fr'))
}
