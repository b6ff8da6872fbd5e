import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { Alert, Badge, PageHeader, TableWrap } from '~/components/ui'
import { formatShortDate, plural } from '~/domain/format'
import { ROLE_LABELS } from '~/domain/permissions'
import { requirePermission } from '~/services/auth.server'
import { listUsers } from '~/services/users.server'

export const meta: MetaFunction = () => [{ title: 'Utilisateurs — Atelier' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:user:any')
  return { users: listUsers() }
}

export default function AdminUsers() {
  const { users } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  return (
    <>
      <PageHeader
        title="Utilisateurs"
        lead={`${plural(users.length, 'compte', 'comptes')} : candidat·es, tuteur·rices, juré·es et administrateur·rices.`}
        actions={
          <Link className="button" to="/admin/utilisateurs/nouveau">
            Créer un compte
          </Link>
        }
      />
      {params.get('cree') ? <Alert tone="success">Le compte a été créé.</Alert> : null}
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
            {users.map((u) => (
              <tr key={u.id}>
                <th scope="row">
                  <Link to={`/admin/utilisateurs/${u.id}`}>{u.name}</Link>
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
    </>
  )
}
