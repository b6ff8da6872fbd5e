import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Alert, EmptyState, PageHeader, TableWrap } from '~/components/ui'
import { formatDateTime, formatList, formatShortDateTime, frenchTypography as ft } from '~/domain/format'
import { requireDossierAccess } from '~/services/dossier-access.server'
import { listRevisions } from '~/services/dossier-sections.server'
import { templateOfDossier } from '~/services/dossiers.server'

export const meta: MetaFunction = () => [{ title: 'Historique du dossier — Atelier' }]

const KIND_LABELS = { save: 'Enregistrement', restore: 'Restauration', 'conflict-copy': 'Version mise de côté (conflit)' } as const

export async function loader({ request, params }: LoaderFunctionArgs) {
  // The history leads to restoring: the dossier's authors only, for now.
  const { dossier } = await requireDossierAccess(request, params.dossierId, 'update')
  const template = templateOfDossier(dossier)
  const titles = new Map(template.sections.map((s) => [s.id, s.title]))
  const revisions = (await listRevisions(dossier.id)).map((r) => ({
    ...r,
    sectionTitle: titles.get(r.sectionId) ?? r.sectionId,
    updatedAt: r.updatedAt.getTime(),
  }))
  // After a restore (historique_.$revisionId.tsx), `?restauree=<revision id>`: the page says which version came back.
  const restoredId = Number(new URL(request.url).searchParams.get('restauree'))
  return { dossierId: dossier.id, title: template.title, revisions, restored: revisions.find((r) => r.id === restoredId) ?? null }
}

export default function History() {
  const { dossierId, title, revisions, restored } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader
        title="Historique du dossier"
        lead={ft(title)}
        actions={
          <Link to={`/dossiers/${dossierId}`} className="button button--ghost button--small">
            Retour au dossier
          </Link>
        }
      />
      {restored ? (
        <Alert tone="success" focus>
          <p>
            Version restaurée&nbsp;: la section «&nbsp;{ft(restored.sectionTitle)}&nbsp;» a repris son contenu du {formatDateTime(new Date(restored.updatedAt))}
            . Le contenu qu’elle remplace reste dans l’historique.
          </p>
          <p>
            <Link to={`/dossiers/${dossierId}#section-${restored.sectionId}`}>Reprendre la section «&nbsp;{ft(restored.sectionTitle)}&nbsp;»</Link>
          </p>
        </Alert>
      ) : null}
      {revisions.length === 0 ? (
        <EmptyState title="Aucune version enregistrée">
          <p>Chaque enregistrement d’une section apparaîtra ici&#8239;; vous pourrez le consulter et le restaurer.</p>
        </EmptyState>
      ) : (
        <TableWrap label="Versions enregistrées">
          <table className="table">
            <caption className="visually-hidden">Versions enregistrées, de la plus récente à la plus ancienne</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Section</th>
                <th scope="col">Auteur·rice</th>
                <th scope="col">Nature</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {revisions.map((r) => (
                <tr key={r.id}>
                  <td className="nowrap">{formatShortDateTime(new Date(r.updatedAt))}</td>
                  <th scope="row">{ft(r.sectionTitle)}</th>
                  <td>
                    {r.author ?? 'Compte supprimé'}
                    {r.coauthors.length ? ` avec ${formatList(r.coauthors)}` : null}
                  </td>
                  <td>
                    {KIND_LABELS[r.kind]} (v{r.version})
                  </td>
                  <td>
                    <Link
                      to={`/dossiers/${dossierId}/historique/${r.id}`}
                      aria-label={`Voir la version de ${ft(r.sectionTitle)} du ${formatDateTime(new Date(r.updatedAt))}`}
                    >
                      Voir
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  )
}
