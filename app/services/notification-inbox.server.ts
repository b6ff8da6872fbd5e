import { and, eq } from 'drizzle-orm'
import { notificationSentence, notificationTarget } from '~/domain/notification-text'
import { getDb, schema } from './db.server'
import { markRead, notificationsOf } from './notifications.server'
import { templatesById } from './templates.server'

const { notifications } = schema

/** How many notifications the list shows: the latest ones. */
export const INBOX_SIZE = 50

/** The user's latest notifications, newest first, each with its sentence and where it leads. Times are epoch milliseconds. */
export async function inbox(userId: string) {
  return (await notificationsOf(userId, INBOX_SIZE)).map((n) => {
    const facts = { ...n, dossierTitle: templatesById.get(n.templateId)?.title ?? 'un dossier' }
    return { id: n.id, text: notificationSentence(facts), href: notificationTarget(facts), createdAt: n.createdAt.getTime(), read: n.readAt !== null }
  })
}

/** Marks one of the user's notifications read and tells where it leads; null when the user has no such notification. */
export async function openNotification(userId: string, id: number): Promise<string | null> {
  const [row] = await getDb()
    .select({ type: notifications.type, dossierId: notifications.dossierId, threadId: notifications.threadId, roundId: notifications.roundId })
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
  if (!row) return null
  await markRead(userId, [id])
  return notificationTarget(row)
}
