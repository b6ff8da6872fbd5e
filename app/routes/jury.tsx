import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Badge, EmptyState, PageHeader } from '~/components/ui'
import { frenchTypography as ft, plural } from '~/domain/format'
import { requireRole } from '~/services/auth.server'
import { jurorHome } from '~/services/homes.server'

export const meta: MetaFunction = () => [{ title: 'Mes évaluations — Atelier' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'juror')
  return { evaluations: jurorHome(user.id) }
}

export default function JurorHome() {
  const { evaluations } = useLoaderData<typeof loader>()
  const total = evaluations.reduce((n, e) => n + e.targets.length, 0)
  const multiSession = new Set(evaluations.flatMap((e) => e.targets.map((t) => t.sessionName))).size > 1
  return (
    <>
      <PageHeader
        title="Mes évaluations"
        lead={
          total > 0
            ? `${plural(total, 'copie à évaluer', 'copies à évaluer')} sur ${plural(evaluations.length, 'épreuve', 'épreuves')}. Les copies apparaîtront ici une fois déposées.`
            : undefined
        }
      />
      {evaluations.length === 0 ? (
        <EmptyState title="Aucune évaluation ne vous est attribuée">
          <p>L’administration vous attribuera des épreuves à évaluer.</p>
        </EmptyState>
      ) : (
        <ul className="card-grid">
          {evaluations.map((e) => (
            <li key={e.evaluationId} className="card">
              <div className="card__meta">
                <Badge tone={e.mode === 'group' ? 'accent' : 'info'}>{e.mode === 'group' ? 'En groupe' : 'Individuel'}</Badge>
                <Badge>{plural(e.targets.length, e.mode === 'group' ? 'groupe' : 'candidat·e', e.mode === 'group' ? 'groupes' : 'candidat·es')}</Badge>
              </div>
              <h2>
                {ft(e.title)} <span className="card__muted">({e.range})</span>
              </h2>
              <ul className="target-list">
                {e.targets.map((t) => (
                  <li key={t.id}>
                    {t.kind === 'group' ? (
                      <>
                        <strong>{t.name}</strong> — {t.members.join(', ')}
                      </>
                    ) : (
                      t.name
                    )}
                    {multiSession ? <span className="card__muted"> · {t.sessionName}</span> : null}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
