import { Link } from '@remix-run/react'

/** The admin's pages of one exam session, in the order an exam runs. */
const PAGES = [
  { path: '/informations', label: 'Informations' },
  { path: '', label: 'Dépôts et notation' },
  { path: '/inscriptions', label: 'Inscriptions' },
  { path: '/groupes', label: 'Groupes' },
  { path: '/documents', label: 'Documents des cas' },
  { path: '/affectations', label: 'Affectations' },
  { path: '/suivi', label: 'Suivi' },
  { path: '/accord', label: 'Accord entre correcteurs' },
  { path: '/blocs', label: 'Blocs et présidence' },
  { path: 'deliberation', label: 'Délibération' },
  { path: '/resultats', label: 'Publication des résultats' },
] as const

type Label = (typeof PAGES)[number]['label']

const hrefOf = (sessionId: string, path: string) => (path === 'deliberation' ? `/deliberation/${sessionId}` : `/admin/sessions/${sessionId}${path}`)

/** Links to a session's other pages (the current one left out), as small buttons for a page header. */
export function SessionLinks({ sessionId, current }: { sessionId: string; current: Label }) {
  return (
    <>
      {PAGES.filter((p) => p.label !== current).map((p) => (
        <Link key={p.label} className="button button--ghost button--small" to={hrefOf(sessionId, p.path)}>
          {p.label}
        </Link>
      ))}
    </>
  )
}

/** Every page of a session, as a compact list for the session's card on the admin home. */
export function SessionLinkList({ sessionId, sessionName }: { sessionId: string; sessionName: string }) {
  return (
    <nav aria-label={`Pages de la session ${sessionName}`}>
      <ul className="session-links">
        {PAGES.map((p) => (
          <li key={p.label}>
            <Link to={hrefOf(sessionId, p.path)}>{p.label}</Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}
