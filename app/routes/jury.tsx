import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Badge, EmptyState, PageHeader, TableWrap } from '~/components/ui'
import { frenchTypography as ft, plural } from '~/domain/format'
import { requireRole } from '~/services/auth.server'
import { jurorHome } from '~/services/homes.server'

export const meta: MetaFunction = () => [{ title: 'Mes évaluations — Atelier' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'juror')
  return { assignments: jurorHome(user.id) }
}

export default function JurorHome() {
  const { assignments } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader
        title="Mes évaluations"
        lead={`${plural(assignments.length, 'évaluation vous est attribuée', 'évaluations vous sont attribuées')}. Les copies à noter apparaîtront ici une fois déposées.`}
      />
      {assignments.length === 0 ? (
        <EmptyState title="Aucune évaluation ne vous est attribuée">
          <p>L’administration vous attribuera des épreuves à évaluer.</p>
        </EmptyState>
      ) : (
        <TableWrap label="Épreuves à évaluer">
          <table className="table">
            <caption>Épreuves à évaluer</caption>
            <thead>
              <tr>
                <th scope="col">Épreuve</th>
                <th scope="col">Compétences</th>
                <th scope="col">Candidat·e ou groupe</th>
                <th scope="col">Session</th>
              </tr>
            </thead>
            <tbody>
              {assignments.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{ft(a.evaluationTitle)}</th>
                  <td>{a.range}</td>
                  <td>
                    {a.target.kind === 'group' ? (
                      <>
                        <Badge tone="accent">{a.target.name}</Badge> {a.target.members.join(', ')}
                      </>
                    ) : (
                      a.target.name
                    )}
                  </td>
                  <td>{a.sessionName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  )
}
