import { Link } from '@remix-run/react'

/** The admin's pages of one exam session, in the order an exam runs. */
const PAGES = [
  { path: '', label: 'Dépôts et notation' },
  { path: '/accord', label: 'Accord entre correcteurs' },
  { path: '/blocs', label: 'Blocs et présidence' },
  { path: 'deliberation', label: 'Délibération' },
  { path: '/resultats', label: 'Publication des résultats' },
] as const

const hrefOf = (sessionId: string, path: string) => (path === 'deliberation' ? `/deliberation/${sessionId}` : `/admin/sessions/${sessionId}${path}`)

/**
 * Links to a session's pages (the current one left out). `sessionName`, when
 * given, is read by screen readers after each label, for lists of sessions.
 */
export function SessionLinks({ sessionId, sessionName, current }: { sessionId: string; sessionName?: string; current?: (typeof PAGES)[number]['label'] }) {
  return (
    <>
      {PAGES.filter((p) => p.label !== current).map((p) => (
        <Link key={p.label} className="button button--ghost button--small" to={hrefOf(sessionId, p.path)}>
          {p.label}
          {sessionName ? <span className="visually-hidden"> — {sessionName}</span> : null}
        </Link>
      ))}
    </>
  )
}
