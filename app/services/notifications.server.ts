import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm'
import type { NotificationType } from '~/domain/annotation'
import { getDb, schema, type DbHandle } from './db.server'

const { notifications, dossiers, users } = schema

export type NewNotification = {
  type: NotificationType
  dossierId: string
  actorId: string
  threadId?: string | null
  roundId?: string | null
}

/** Tells `recipients` (the actor excepted: nobody is told of their own act). */
export async function notify(recipients: readonly string[], n: NewNotification, db: DbHandle = getDb()) {
  const to = [...new Set(recipients)].filter((id) => id !== n.actorId)
  if (to.length === 0) return
  await db
    .insert(notifications)
    .values(
      to.map((userId) => ({ userId, type: n.type, dossierId: n.dossierId, actorId: n.actorId, threadId: n.threadId ?? null, roundId: n.roundId ?? null })),
    )
}

/** How many notifications `userId` has not read (the count in the header). */
export async function unreadCount(userId: string): Promise<number> {
  return (
    (
      await getDb()
        .select({ n: count() })
        .from(notifications)
        .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    )[0]?.n ?? 0
  )
}

/** The latest notifications of `userId`, newest first, with who did what on which dossier. */
export async function notificationsOf(userId: string, limit = 50) {
  return await getDb()
    .select({
      id: notifications.id,
      type: notifications.type,
      dossierId: notifications.dossierId,
      templateId: dossiers.templateId,
      threadId: notifications.threadId,
      roundId: notifications.roundId,
      actorName: users.name,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .innerJoin(dossiers, eq(dossiers.id, notifications.dossierId))
    .leftJoin(users, eq(users.id, notifications.actorId))
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit)
}

/** Marks notifications read: the given ones (scoped to their owner in the query) or all of them. */
export async function markRead(userId: string, ids: number[] | 'all') {
  const mine = and(eq(notifications.userId, userId), isNull(notifications.readAt))
  await getDb()
    .update(notifications)
    .set({ readAt: new Date() })
    .where(ids === 'all' ? mine : and(mine, inArray(notifications.id, ids.length ? ids : [-1])))
}
