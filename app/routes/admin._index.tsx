import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { EmptyState, PageHeader, Stat } from '~/components/ui'
import { SessionLinkList } from '~/components/session-links'
import { formatDate, formatNumber } from '~/domain/format'
import { requirePermission } from '~/services/auth.server'
import { adminHome } from '~/services/homes.server'

export const meta: MetaFunction = () => [{ title: 'Sessions d’examen — Atelier' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:examSession:any')
  const all = await adminHome()
  return { sessions: all.filter((s) => !s.archived), archived: all.filter((s) => s.archived) }
}

export default function AdminHome() {
  const { sessions, archived } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader
        title="Sessions d’examen"
        lead="Candidat·es, groupes et affectations de chaque session."
        actions={
          <>
            <Link className="button button--small" to="/admin/sessions/nouvelle">
              Nouvelle session
            </Link>
            <Link className="button button--ghost button--small" to="/admin/utilisateurs">
              Gérer les utilisateurs
            </Link>
            <Link className="button button--ghost button--small" to="/admin/journal">
              Journal des données personnelles
            </Link>
          </>
        }
      />
      {sessions.length === 0 ? (
        <EmptyState title="Aucune session d’examen en cours">
          <p>
            <Link to="/admin/sessions/nouvelle">Créez une session</Link> pour y inscrire des candidat·es et fixer les dates de ses épreuves.
          </p>
        </EmptyState>
      ) : (
        <ul className="card-grid">
          {sessions.map((s) => (
            <li key={s.id} className="card">
              <h2>{s.name}</h2>
              <p className="card__muted">
                Du {formatDate(s.startsOn)} au {formatDate(s.endsOn)}
              </p>
              <dl className="stats">
                <Stat label="Candidat·es" value={formatNumber(s.learners)} />
                <Stat label="Groupes" value={formatNumber(s.groups)} />
                <Stat label="Tutorats" value={formatNumber(s.tutorAssignments)} />
                <Stat label="Affectations jury" value={formatNumber(s.jurorAssignments)} />
              </dl>
              <SessionLinkList sessionId={s.id} sessionName={s.name} />
            </li>
          ))}
        </ul>
      )}
      {archived.length > 0 ? (
        <section className="section" aria-labelledby="archived-title">
          <h2 id="archived-title">Sessions archivées</h2>
          <ul>
            {archived.map((s) => (
              <li key={s.id}>
                <Link to={`/admin/sessions/${s.id}/informations`}>{s.name}</Link>{' '}
                <span className="card__muted">
                  (du {formatDate(s.startsOn)} au {formatDate(s.endsOn)})
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  )
}
