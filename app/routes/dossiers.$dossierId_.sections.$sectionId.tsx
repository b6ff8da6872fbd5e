import { usePresence } from '~/components/dossier/use-presence'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, type ClientLoaderFunctionArgs } from '@remix-run/react'
import { useCallback, useMemo, useState } from 'react'
import { CasePanel } from '~/components/dossier/case-panel'
import { CaseTablesContext } from '~/components/dossier/case-tables'
import { focusHref, SectionEditor, SectionReader } from '~/components/dossier/section-editor'
import { frenchTypography as ft } from '~/domain/format'
import { evaluateHints, loadDefinitions } from '~/kinds/registry.on-demand'
import type { FieldValue } from '~/kinds/values'
import { dossierPage } from '~/services/dossier-page.server'
import { useCriterionStatuses } from '~/components/dossier/use-criterion-statuses'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.section.title} — ${data.template.title} — Atelier` : 'Section — Atelier' },
]

/**
 * Focus mode: one section of a dossier at full width, its criteria, hints and
 * self-assessment in a drawer, the case beside it on demand. Whoever may read
 * the dossier page may read this one, with the same rights.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { view } = await dossierPage(request, params.dossierId)
  const index = view.template.sections.findIndex((s) => s.id === params.sectionId)
  if (index < 0) throw new Response('Section introuvable', { status: 404 })
  const section = view.template.sections[index]!
  const neighbour = (i: number) => {
    const s = view.template.sections[i]
    return s ? { id: s.id, title: s.title } : null
  }
  const criteria = new Set(section.criteria)
  return {
    dossier: view.dossier,
    template: { id: view.template.id, title: view.template.title },
    section,
    state: view.sections[index]!.state,
    previous: neighbour(index - 1),
    next: neighbour(index + 1),
    position: { index: index + 1, of: view.template.sections.length },
    criteria: view.competencies.flatMap((c) =>
      c.criteria.filter((k) => criteria.has(k.id)).map((k) => ({ id: k.id, text: k.text, heading: c.heading, status: k.status })),
    ),
    discussed: section.discusses.map((id) => ({ id, text: view.discussed[id] ?? id })),
    evaluation: view.evaluation,
    caseMaterial: view.caseMaterial,
    caseFiles: view.caseFiles,
    showCaseMaterial: view.showCaseMaterial,
    objectives: view.objectives,
    personas: view.personas,
    memberList: view.memberList,
    pictures: view.pictures,
    canEdit: view.canEdit,
    canComment: view.canComment,
    threads: view.threads.filter((t) => t.sectionId === section.id && t.target !== 'criterion'),
    bank: view.bank,
  }
}

/** The page renders once its section's kind definition is loaded (live hints). */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const data = await serverLoader<typeof loader>()
  await loadDefinitions([data.section.field.kind])
  return data
}

export default function SectionFocusPage() {
  const view = useLoaderData<typeof loader>()
  // From one section to the next, the page starts afresh (its editor, its value, its drawer).
  return <FocusedSection key={view.section.id} view={view} />
}

function FocusedSection({ view }: { view: ReturnType<typeof useLoaderData<typeof loader>> }) {
  const { dossier, section, canEdit } = view
  const present = usePresence({ dossierId: dossier.id, enabled: canEdit && view.memberList.length > 0, fixedSection: section.id })
  const [value, setValue] = useState<FieldValue>(view.state.content as FieldValue)
  const onContent = useCallback((_: string, next: FieldValue) => setValue(next), [])
  const onStatus = useCallback(() => {}, [])
  const hints = useMemo(
    () =>
      evaluateHints({ ...view.template, sections: [section] } as Parameters<typeof evaluateHints>[0], { [section.id]: value }, { members: view.memberList }),
    [view.template, section, value, view.memberList],
  )
  const statuses = useCriterionStatuses(view.criteria)
  const criteria = view.criteria.map((c) => ({ ...c, status: statuses.get(c.id) ?? c.status }))
  const caseTables = useMemo(() => (canEdit ? view.caseFiles.filter((f) => f.tableHref !== null) : []), [canEdit, view.caseFiles])
  const state = view.state as Parameters<typeof SectionEditor>[0]['initial']

  return (
    <div className="focus-page" data-field-kinds={section.field.kind}>
      <nav className="focus-bar" aria-label="Dossier">
        <Link to={`/dossiers/${dossier.id}#section-${section.id}`} className="button button--ghost button--small">
          ← Retour au dossier<span className="visually-hidden"> « {ft(view.template.title)} »</span>
        </Link>
        <p className="focus-bar__where">
          {ft(view.template.title)} · section {view.position.index} sur {view.position.of}
        </p>
        <div className="focus-bar__steps">
          {view.previous ? (
            <Link to={focusHref(dossier.id, view.previous.id)} className="button button--ghost button--small" rel="prev">
              ‹ <span className="visually-hidden">Section précédente : </span>
              <span className="focus-bar__step-title">{ft(view.previous.title)}</span>
            </Link>
          ) : null}
          {view.next ? (
            <Link to={focusHref(dossier.id, view.next.id)} className="button button--ghost button--small" rel="next">
              <span className="visually-hidden">Section suivante : </span>
              <span className="focus-bar__step-title">{ft(view.next.title)}</span> ›
            </Link>
          ) : null}
        </div>
        <CasePanel
          dossierId={dossier.id}
          evaluation={view.evaluation}
          caseMaterial={view.caseMaterial}
          caseFiles={view.caseFiles}
          showCaseMaterial={view.showCaseMaterial}
        />
      </nav>
      <CaseTablesContext.Provider value={caseTables}>
        {canEdit ? (
          <SectionEditor
            key={section.id}
            dossierId={dossier.id}
            section={section}
            initial={state}
            criteria={criteria}
            discussed={view.discussed}
            hints={hints}
            onContent={onContent}
            onStatus={onStatus}
            objectives={view.objectives}
            personas={view.personas}
            oral={{ members: view.memberList, pictures: view.pictures }}
            group={view.memberList.length > 0}
            present={present.filter((p) => p.sectionId === section.id).map((p) => p.name)}
            threads={view.threads}
            layout="focus"
          />
        ) : (
          <SectionReader
            key={section.id}
            dossierId={dossier.id}
            section={section}
            state={state}
            criteria={criteria}
            discussed={view.discussed}
            hints={hints}
            threads={view.threads}
            canComment={view.canComment}
            bank={view.bank}
            members={view.memberList}
            layout="focus"
          />
        )}
      </CaseTablesContext.Provider>
    </div>
  )
}
