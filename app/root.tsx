import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { isRouteErrorResponse, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { AppShell } from '~/components/app-shell'
import { useNonce } from '~/nonce'
import { getUser } from '~/services/auth.server'
import { unreadCount } from '~/services/notifications.server'
import styles from '~/styles/app.css?url'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = () => [
  { title: 'Atelier' },
  { name: 'description', content: 'Préparer, commenter et évaluer les livrables du titre « Chargé(e) de marketing et communication ».' },
]

/** Public: only tells the shell who is logged in, and how many of their notifications are unread. Each route authorizes itself. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  return { user: user ? { name: user.name, roles: user.roles, unread: await unreadCount(user.id) } : null }
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce()
  const data = useRouteLoaderData<typeof loader>('root')
  return (
    <html lang="fr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <AppShell user={data?.user ?? null}>{children}</AppShell>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  const error = useRouteError()
  let title = 'Une erreur est survenue'
  let message = 'Le problème a été enregistré. Réessayez dans un instant.'
  if (isRouteErrorResponse(error)) {
    if (error.status === 403) {
      title = 'Accès refusé'
      message = typeof error.data === 'string' && error.data ? error.data : 'Vous n’avez pas accès à cette page.'
    } else if (error.status === 404) {
      title = 'Page introuvable'
      message = 'Cette page n’existe pas ou a été déplacée.'
    } else if (typeof error.data === 'string' && error.data) {
      message = error.data
    }
  } else {
    console.error(error)
  }
  return (
    <div className="error-page">
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <Link to="/" className="button">
          Revenir à l’accueil
        </Link>
      </p>
    </div>
  )
}
