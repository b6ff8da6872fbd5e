import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { useRef } from 'react'
import { PageHeader } from '~/components/ui'
import { entryOf } from '~/kinds/registry'
import { FieldView } from '~/kinds/registry.browser'
import { staticHtml } from '~/kinds/registry.server'
import { formatDateTime, formatList, frenchTypography as ft } from '~/domain/format'
import { requireDossierAccess } from '~/services/dossier-access.server'
import { replaceOpenDocument } from '~/services/collaboration-socket.server'
import { getRevision, restoreRevision } from '~/services/dossier-sections.server'
import { templateOfDossier } from '~/services/dossiers.server'

export const meta: MetaFunction = () => [{ title: 'Version du dossier — Atelier' }]

async function load(revisionId: string | undefined, dossierId: string) {
  const id = Number(revisionId)
  const revision = Number.isInteger(id) ? await getRevision(dossierId, id) : undefined
  if (!revision) throw new Response('Cette version n’existe pas.', { status: 404 })
  return revision
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  // The preview offers to restore: the dossier's authors only, for now.
  const { dossier } = await requireDossierAccess(request, params.dossierId, 'update')
  const revision = await load(params.revisionId, dossier.id)
  const section = templateOfDossier(dossier).sections.find((s) => s.id === revision.sectionId)
  if (!section) throw new Response('Cette section n’existe plus dans le modèle.', { status: 404 })
  const content = revision.content
  return {
    dossierId: dossier.id,
    section,
    revision: { ...revision, content, updatedAt: revision.updatedAt.getTime() },
    html: staticHtml(entryOf(section.field, content)),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, dossier } = await requireDossierAccess(request, params.dossierId, 'update')
  const revision = await load(params.revisionId, dossier.id)
  const restored = await restoreRevision(dossier.id, revision.id, user.id)
  // A rich-text section of a group written in right now: its members' editors show the restored text at once.
  if (restored?.sharedUpdate) await replaceOpenDocument(user.id, dossier.id, revision.sectionId, restored.sharedUpdate)
  // Back to the history, which confirms the restore and leads to the section (dossiers.$dossierId_.historique.tsx).
  throw redirect(`/dossiers/${dossier.id}/historique?restauree=${revision.id}`)
}

export default function RevisionPreview() {
  const { dossierId, section, revision, html } = useLoaderData<typeof loader>()
  const dialog = useRef<HTMLDialogElement>(null)
  const restoring = useNavigation().state === 'submitting'
  const when = formatDateTime(new Date(revision.updatedAt))
  return (
    <>
      <PageHeader
        title={ft(section.title)}
        lead={`Version ${revision.version} du ${when}${revision.author ? `, par ${formatList([revision.author, ...revision.coauthors])}` : ''}`}
        actions={
          <>
            <Link to={`/dossiers/${dossierId}/historique`} className="button button--ghost button--small">
              Retour à l’historique
            </Link>
            <button type="button" className="button button--small" onClick={() => dialog.current?.showModal()}>
              Restaurer cette version
            </button>
          </>
        }
      />
      <div className="card">
        <FieldView field={section.field} value={revision.content} caption={section.title} html={html} />
      </div>
      <dialog ref={dialog} className="dialog" aria-labelledby="restore-title">
        <h2 id="restore-title" className="dialog__title">
          Restaurer cette version ?
        </h2>
        <p>Le contenu actuel de la section « {ft(section.title)} » sera remplacé. Il restera consultable dans l’historique.</p>
        <Form method="post" className="dialog__actions">
          <button type="button" className="button button--ghost" onClick={() => dialog.current?.close()}>
            Annuler
          </button>
          <button type="submit" className="button" disabled={restoring}>
            Restaurer
          </button>
        </Form>
      </dialog>
    </>
  )
}
