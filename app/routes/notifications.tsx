import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { EmptyState, PageHeader } from '~/components/ui'
import { plural } from '~/domain/format'
import { relativeTime } from '~/domain/relative-time'
import { requireUser } from '~/services/auth.server'
import { inbox, INBOX_SIZE, openNotification } from '~/services/notification-inbox.server'
import { markRead, unreadCount } from '~/services/notifications.server'

export const meta: MetaFunction = () => [{ title: 'Notifications — Atelier' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return { notifications: await inbox(user.id), unread: await unreadCount(user.id), limit: INBOX_SIZE, now: Date.now() }
}

const actionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('open'), id: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal('read-all') }),
])

/**
 * An unread notification is opened through a POST: it is marked read only
 * when the user chooses it (never by a prefetch or a link preview), without
 * JavaScript too, and the redirect goes where the stored row says (the form
 * names a notification, not an address). Read ones are plain links.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) throw new Response('Demande incomprise.', { status: 400 })
  if (parsed.data.intent === 'read-all') {
    await markRead(user.id, 'all')
    throw redirect('/notifications')
  }
  const target = await openNotification(user.id, parsed.data.id)
  if (!target) throw new Response('Cette notification n’existe pas.', { status: 404 })
  throw redirect(target)
}

export default function Notifications() {
  const { notifications, unread, limit, now } = useLoaderData<typeof loader>()
  const busy = useNavigation().state === 'submitting'
  return (
    <>
      <PageHeader
        title="Notifications"
        lead={
          notifications.length
            ? `${unread ? `${plural(unread, 'notification non lue', 'notifications non lues')}.` : 'Tout est lu.'}${notifications.length >= limit ? ` Seules les ${limit} plus récentes sont affichées.` : ''}`
            : undefined
        }
        actions={
          unread ? (
            <Form method="post">
              <button type="submit" name="intent" value="read-all" className="button button--ghost button--small" disabled={busy}>
                Tout marquer comme lu
              </button>
            </Form>
          ) : null
        }
      />
      {notifications.length === 0 ? (
        <EmptyState title="Aucune notification">
          <p>Vous serez prévenu·e ici des nouveaux commentaires, des réponses, des demandes de relecture et des relectures closes.</p>
        </EmptyState>
      ) : (
        <ul className="notif-list">
          {notifications.map((n) => (
            <li key={n.id} className={n.read ? 'notif' : 'notif notif--unread'}>
              {n.read ? (
                <a className="notif__open" href={n.href}>
                  {n.text}
                </a>
              ) : (
                <Form method="post" className="notif__form">
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" name="intent" value="open" className="notif__open">
                    <span className="badge badge--accent">Non lue</span> <span className="notif__text">{n.text}</span>
                  </button>
                </Form>
              )}
              <span className="notif__when">{relativeTime(n.createdAt, now)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
