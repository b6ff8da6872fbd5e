import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { EmptyState, PageHeader, TableWrap } from '~/components/ui'
import { plural } from '~/domain/format'
import { requireRole } from '~/services/auth.server'
import { tutorHome } from '~/services/homes.server'

export const meta: MetaFunction = () => [{ title: 'Mes candidat·es — Atelier' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'tutor')
  return { learners: tutorHome(user.id) }
}

export default function TutorHome() {
  const { learners } = useLoaderData<typeof loader>()
  const sessions = [...new Set(learners.map((l) => l.sessionName))]
  return (
    <>
      <PageHeader
        title="Mes candidat·es"
        lead={`${plural(learners.length, 'candidat·e vous est confié·e', 'candidat·es vous sont confié·es')}. Vous pourrez bientôt commenter leurs brouillons.`}
      />
      {learners.length === 0 ? (
        <EmptyState title="Aucun·e candidat·e ne vous est confié·e pour l’instant">
          <p>L’administration de votre école vous attribuera des candidat·es à accompagner.</p>
        </EmptyState>
      ) : null}
      {sessions.map((name) => (
        <section key={name} className="section" aria-labelledby={`s-${name}`}>
          <TableWrap label={name}>
            <table className="table">
              <caption id={`s-${name}`}>{name}</caption>
              <thead>
                <tr>
                  <th scope="col">Candidat·e</th>
                  <th scope="col">Adresse e-mail</th>
                </tr>
              </thead>
              <tbody>
                {learners
                  .filter((l) => l.sessionName === name)
                  .map((l) => (
                    <tr key={l.learnerId}>
                      <th scope="row">{l.name}</th>
                      <td>
                        <a href={`mailto:${l.email}`}>{l.email}</a>
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ))}
    </>
  )
}
