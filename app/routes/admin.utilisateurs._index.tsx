import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { Alert, Badge, EmptyState, PageHeader, TableWrap } from '~/components/ui'
import { formatShortDate, plural } from '~/domain/format'
import { ROLE_LABELS, ROLES, type Role } from '~/domain/permissions'
import { requirePermission } from '~/services/auth.server'
import { searchUsers, sessionChoices, type UserFilters } from '~/services/users.server'
import { Pager } from '~/components/pager'

export const meta: MetaFunction = () => [{ title: 'Utilisateurs — Atelier' }]

function filtersOf(url: URL): UserFilters {
  const p = url.searchParams
  const role = p.get('role')
  const state = p.get('etat')
  return {
    q: (p.get('q') ?? '').slice(0, 100),
    role: (ROLES as readonly string[]).includes(role ?? '') ? (role as Role) : null,
    sessionId: p.get('session') || null,
    state: state === 'actifs' ? 'active' : state === 'desactives' ? 'inactive' : null,
    page: Math.trunc(Number(p.get('page'))) || 1,
  }
}

/**
 * The accounts, a page at a time, searched and filtered in the query (name
 * or e-mail, role, session, active or deactivated). Plain GET form and
 * links: bookmarkable, and usable without JavaScript.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:user:any')
  const filters = filtersOf(new URL(request.url))
  const result = await searchUsers(filters)
  return {
    ...result,
    filtered: Boolean(filters.q || filters.role || filters.sessionId || filters.state),
    sessions: await sessionChoices(),
  }
}

export default function AdminUsers() {
  const { rows, total, page, pages, filtered, sessions } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const searching = useNavigation().state === 'loading'
  const pageHref = (p: number) => {
    const next = new URLSearchParams(params)
    next.set('page', String(p))
    next.delete('cree')
    return `?${next}`
  }
  return (
    <>
      <PageHeader
        title="Utilisateurs"
        lead="Candidat·es, tuteur·rices, juré·es et administrateur·rices."
        actions={
          <Link className="button" to="/admin/utilisateurs/nouveau">
            Créer un compte
          </Link>
        }
      />
      {params.get('cree') ? <Alert tone="success">Le compte a été créé.</Alert> : null}
      <Form method="get" role="search" aria-label="Rechercher et filtrer les comptes" className="filters">
        <div className="field filters__q">
          <label htmlFor="users-q">Nom ou adresse e-mail</label>
          <input id="users-q" name="q" type="search" defaultValue={params.get('q') ?? ''} maxLength={100} />
        </div>
        <div className="field">
          <label htmlFor="users-role">Rôle</label>
          <select id="users-role" name="role" defaultValue={params.get('role') ?? ''}>
            <option value="">Tous les rôles</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="users-session">Session</label>
          <select id="users-session" name="session" defaultValue={params.get('session') ?? ''}>
            <option value="">Toutes les sessions</option>
            {sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="users-state">État</label>
          <select id="users-state" name="etat" defaultValue={params.get('etat') ?? ''}>
            <option value="">Actifs et désactivés</option>
            <option value="actifs">Actifs</option>
            <option value="desactives">Désactivés</option>
          </select>
        </div>
        <div className="filters__actions">
          <button type="submit" className="button button--small" disabled={searching}>
            {searching ? 'Recherche…' : 'Rechercher'}
          </button>
        </div>
      </Form>
      <p className="tdash-count">
        {filtered ? `${plural(total, 'compte trouvé', 'comptes trouvés')}` : plural(total, 'compte', 'comptes')}
        {pages > 1 ? ` — page ${page} sur ${pages}` : ''}.
      </p>
      {rows.length === 0 ? (
        <EmptyState title={filtered ? 'Aucun compte ne correspond à cette recherche' : 'Aucun compte'}>
          {filtered ? (
            <p>
              <Link to="/admin/utilisateurs">Effacer les filtres</Link>
            </p>
          ) : null}
        </EmptyState>
      ) : (
        <TableWrap label="Liste des comptes">
          <table className="table">
            <caption className="visually-hidden">Liste des comptes</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Adresse e-mail</th>
                <th scope="col">Rôles</th>
                <th scope="col">Créé le</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((u) => (
                <tr key={u.id}>
                  <th scope="row">
                    <Link to={`/admin/utilisateurs/${u.id}`}>{u.name}</Link>
                    {u.deactivatedAt ? (
                      <>
                        {' '}
                        <Badge tone="accent">Désactivé</Badge>
                      </>
                    ) : null}
                  </th>
                  <td>{u.email}</td>
                  <td>
                    {u.roles.length ? (
                      u.roles.map((r) => (
                        <Badge key={r} tone={r === 'admin' ? 'accent' : 'neutral'}>
                          {ROLE_LABELS[r]}
                        </Badge>
                      ))
                    ) : (
                      <span className="card__muted">Aucun rôle</span>
                    )}
                  </td>
                  <td>{formatShortDate(u.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pager label="Pages de la liste des comptes" page={page} pages={pages} href={pageHref} />
    </>
  )
}
