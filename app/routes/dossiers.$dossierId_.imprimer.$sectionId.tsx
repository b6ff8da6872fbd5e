import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { frenchTypography as ft } from '~/domain/format'
import { emptyValue, entryOf } from '~/kinds/registry'
import { FieldView } from '~/kinds/registry.browser'
import { staticHtml } from '~/kinds/registry.server'
import { requireDossierAccess } from '~/services/dossier-access.server'
import { sectionStates } from '~/services/dossier-sections.server'
import { templateOfDossier } from '~/services/dossiers.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.section.title ?? 'Section'} — version imprimable — Atelier` }]

/** A section on its own, laid out for printing (persona sheets, tables). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { dossier } = await requireDossierAccess(request, params.dossierId, 'read')
  const template = templateOfDossier(dossier)
  const section = template.sections.find((s) => s.id === params.sectionId)
  if (!section) throw new Response('Cette section n’existe pas dans ce dossier.', { status: 404 })
  const content = (await sectionStates(dossier.id))[section.id]?.content ?? emptyValue(section.field)
  const html = staticHtml(entryOf(section.field, content))
  return { dossierId: dossier.id, dossierTitle: template.title, section, content, html }
}

export default function PrintSection() {
  const { dossierId, dossierTitle, section, content, html } = useLoaderData<typeof loader>()
  return (
    <>
      <div className="page-header">
        <div>
          <p className="card__muted">{ft(dossierTitle)}</p>
          <h1>{ft(section.title)}</h1>
        </div>
        <div className="page-header__actions no-print">
          <Link to={`/dossiers/${dossierId}#section-${section.id}`} className="button button--ghost button--small">
            Retour au dossier
          </Link>
          <button type="button" className="button button--small" onClick={() => window.print()}>
            Imprimer
          </button>
        </div>
      </div>
      <FieldView field={section.field} value={content} caption={section.title} headingLevel={2} html={html} />
    </>
  )
}
