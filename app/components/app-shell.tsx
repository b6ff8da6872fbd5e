import { Form, Link, NavLink, useLocation, useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { ROLE_LABELS, type Role } from '~/domain/permissions'
import { navFor } from './nav'

type ShellUser = { name: string; roles: Role[]; unread?: number }

export function AppShell({ user, children }: { user: ShellUser | null; children: ReactNode }) {
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle'
  const { pathname } = useLocation()
  return (
    <>
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <div className={busy ? 'progress-line is-active' : 'progress-line'} role="presentation" />
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="brand">
            <span className="brand__mark" aria-hidden="true">
              A
            </span>
            <span className="brand__name">Atelier</span>
            <span className="brand__tagline">Chargé·e de marketing et communication</span>
          </Link>
          {user ? <NotificationsLink unread={user.unread ?? 0} /> : null}
          {user ? (
            <div className="user-menu">
              <p className="user-menu__who">
                <span className="user-menu__name">{user.name}</span>
                <span className="user-menu__role">{user.roles.map((r) => ROLE_LABELS[r]).join(' · ')}</span>
              </p>
              <Form method="post" action="/deconnexion">
                <button type="submit" className="button button--ghost button--small">
                  Se déconnecter
                </button>
              </Form>
            </div>
          ) : pathname !== '/connexion' ? (
            // A visitor on a public page (the référentiel) can still sign in from there.
            <div className="user-menu">
              <Link to="/connexion" className="button button--ghost button--small">
                Se connecter
              </Link>
            </div>
          ) : null}
        </div>
        {user ? (
          <nav className="main-nav" aria-label="Navigation principale">
            <ul>
              {navFor(user.roles).map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end} prefetch="intent">
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="contenu" tabIndex={-1} className="page" aria-busy={busy || undefined}>
        {children}
      </main>
      <footer className="site-footer">
        <p>
          Atelier — préparation du titre RNCP niveau 6 « Chargé(e) de marketing et communication ». <Link to="/referentiel">Consulter le référentiel</Link>
        </p>
      </footer>
    </>
  )
}

/**
 * The header's way to the notifications, with the unread count as a badge.
 * Its name is one text (« Notifications, 3 non lues »); what is seen is hidden
 * from assistive technology, so that the two never add up to something else.
 */
function NotificationsLink({ unread }: { unread: number }) {
  if (unread === 0)
    return (
      <NavLink to="/notifications" className="notif-link">
        Notifications
      </NavLink>
    )
  return (
    <NavLink to="/notifications" className="notif-link">
      <span className="visually-hidden">{`Notifications, ${unread > 1 ? `${unread} non lues` : '1 non lue'}`}</span>
      <span className="notif-link__seen" aria-hidden="true">
        Notifications <span className="notif-link__count">{unread > 99 ? '99+' : unread}</span>
      </span>
    </NavLink>
  )
}
