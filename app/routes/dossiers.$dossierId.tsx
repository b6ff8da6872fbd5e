import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Link, useFetcher, useLoaderData, type ClientLoaderFunctionArgs } from '@remix-run/react'
import { useCallback, useMemo, useState } from 'react'
import { z } from 'zod'
import { CommentNavigator } from '~/components/comments/comment-navigator'
import { CriterionComments } from '~/components/comments/criterion-comments'
import { CaseTablesContext } from '~/components/dossier/case-tables'
import { CasePanel } from '~/components/dossier/case-panel'
import { CriterionStatus } from '~/components/dossier/criterion-status'
import { focusHref, SectionEditor, SectionReader, SectionSummary, saveStatusText } from '~/components/dossier/section-editor'
import { useOpenSections } from '~/components/dossier/use-open-sections'
import { useCriterionStatuses } from '~/components/dossier/use-criterion-statuses'
import { RequestReview } from '~/components/review/request-review'
import type { SaveStatus } from '~/components/dossier/use-autosave'
import { usePresence } from '~/components/dossier/use-presence'
import { DownloadLink } from '~/components/download-link'
import { HandInBanner } from '~/components/hand-in/hand-in-banner'
import { Badge, PageHeader, ProgressBar } from '~/components/ui'
import type { FieldValue } from '~/kinds/values'
import { frenchTypography as ft, plural } from '~/domain/format'
import { hintsByCriterion } from '~/kinds/hints'
import { entryOf, evaluateHints, isEmpty, kindsOf, loadDefinitions } from '~/kinds/registry.on-demand'
import { editsInFocus } from '~/kinds/registry.browser'
import type { Section } from '#templates/template.schema'
import { competencyRange } from '~/domain/referentiel'
import { progressOf, STATUS_LABELS, STATUSES, type Status } from '~/domain/self-assessment'
import { requireDossierAccess } from '~/services/dossier-access.server'
import { dossierPage } from '~/services/dossier-page.server'
import { openRoundOf } from '~/services/review-rounds.server'
import { templateOfDossier } from '~/services/dossiers.server'
import { setSelfAssessment } from '~/services/self-assessment.server'
import { handInSummary } from '~/services/submissions.server'
import { themeNotice } from '~/services/groups-admin.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.template.title ?? 'Dossier'} — Atelier` }]

/**
 * The page where a dossier is written and discussed: the learners who work on
 * it edit it, their tutor reads it and comments (both may `reply`). Jurors and
 * admins get their own screens.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { access, view } = await dossierPage(request, params.dossierId)
  const { user, dossier } = access
  return {
    ...view,
    openRound: await openRoundOf(dossier.id),
    handIn: await handInSummary(dossier),
    themeNotice: await themeNotice(dossier, user.id),
    now: Date.now(),
  }
}

/** The page renders once the definitions of its kinds are loaded (their live hints, what counts as written). */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const data = await serverLoader<typeof loader>()
  await loadDefinitions(kindsOf(data.template.sections))
  return data
}

const SelfAssessSchema = z.object({
  intent: z.literal('self-assess'),
  criterionId: z.string(),
  status: z.enum(STATUSES, 'Statut inconnu.'),
  /** Absent when the status is set from a section: the justification stays as it is. */
  justification: z.string().max(2_000, 'La justification est limitée à 2 000 caractères.').optional(),
})

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, dossier } = await requireDossierAccess(request, params.dossierId, 'update')
  const parsed = SelfAssessSchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return data({ ok: false, error: parsed.error.issues[0]?.message ?? 'Demande invalide.' }, { status: 400 })
  const served = templateOfDossier(dossier).sections.some((s) => s.criteria.includes(parsed.data.criterionId))
  if (!served) return data({ ok: false, error: 'Ce critère n’appartient pas à ce dossier.' }, { status: 400 })
  await setSelfAssessment({
    learnerId: user.id,
    examSessionId: dossier.examSessionId,
    criterionId: parsed.data.criterionId,
    status: parsed.data.status,
    justification: parsed.data.justification?.trim(),
  })
  return { ok: true, error: null }
}

export default function DossierPage() {
  const view = useLoaderData<typeof loader>()
  const {
    template,
    evaluation,
    sections,
    competencies,
    members,
    caseMaterial,
    caseFiles,
    showCaseMaterial,
    siblings,
    dossier,
    canEdit,
    canComment,
    threads,
    bank,
  } = view
  // The case's CSV and Excel files: a table of the dossier can load one of them.
  const caseTables = useMemo(() => (canEdit ? caseFiles.filter((f) => f.tableHref !== null) : []), [canEdit, caseFiles])
  const threadsOf = (sectionId: string) => threads.filter((t) => t.sectionId === sectionId && t.target !== 'criterion')
  const openIn = (list: typeof threads) => list.filter((t) => t.status === 'open').length
  const criterionThreads = threads.filter((t) => t.target === 'criterion')

  // Live contents and save states, reported by each section editor.
  const [values, setValues] = useState<Record<string, FieldValue>>(() => Object.fromEntries(sections.map((s) => [s.id, s.state.content])))
  const [saveStates, setSaveStates] = useState<Record<string, { status: SaveStatus; savedAt: number | null }>>({})
  const onContent = useCallback((id: string, value: FieldValue) => setValues((v) => (v[id] === value ? v : { ...v, [id]: value })), [])
  const onStatus = useCallback(
    (id: string, status: SaveStatus, savedAt: number | null) =>
      setSaveStates((s) => (s[id]?.status === status && s[id]?.savedAt === savedAt ? s : { ...s, [id]: { status, savedAt } })),
    [],
  )

  // Statuses, with self-assessments still on their way to the server applied optimistically.
  const statuses = useCriterionStatuses(useMemo(() => competencies.flatMap((c) => c.criteria), [competencies]))

  const hints = useMemo(
    () => evaluateHints(template as Parameters<typeof evaluateHints>[0], values, { members: view.memberList }),
    [template, values, view.memberList],
  )
  // Sections with something written: their hints are warnings; the others', to-dos.
  const started = useMemo(
    () => new Set(template.sections.filter((s) => values[s.id] !== undefined && !isEmpty(entryOf(s.field, values[s.id]))).map((s) => s.id)),
    [template, values],
  )
  const firstToWrite = template.sections.find((s) => !started.has(s.id)) ?? null
  const opened = useOpenSections(
    dossier.id,
    template.sections.map((s) => s.id),
    // Sections whose comments await an answer are open from the start.
    useMemo(() => threads.flatMap((t) => (t.status === 'open' && t.target !== 'criterion' && t.sectionId ? [t.sectionId] : [])), [threads]),
  )
  const hintsForCriterion = useMemo(() => hintsByCriterion(hints), [hints])
  const allCriteria = competencies.flatMap((c) => c.criteria.map((k) => k.id))
  const overall = progressOf(allCriteria, statuses)
  // The other members with the dossier open now, and where (group dossiers).
  const online = usePresence({ dossierId: dossier.id, enabled: canEdit && view.memberList.length > 0 })
  const criterionInfo = new Map(competencies.flatMap((c) => c.criteria.map((k) => [k.id, { ...k, heading: c.heading }] as const)))

  return (
    <>
      <PageHeader
        title={ft(template.title)}
        lead={
          <>
            {ft(evaluation.title)} ({competencyRange(evaluation)}) · {ft(evaluation.workMode)}
            {members.length ? ` · Groupe : ${members.join(', ')}` : ''}
            {online.length ? <span className="presence-online"> · En ligne&nbsp;: {online.map((p) => p.name).join(', ')}</span> : null}
          </>
        }
        actions={
          <>
            {siblings.map((s) => (
              <Link key={s.id} to={`/dossiers/${s.id}`} className="button button--ghost button--small">
                {s.kind === 'rex' ? (canEdit ? 'Mon REX individuel' : 'REX individuel') : 'Dossier du groupe'}
              </Link>
            ))}
            {canEdit ? (
              <Link to={`/dossiers/${dossier.id}/historique`} className="button button--ghost button--small">
                Historique
              </Link>
            ) : null}
            <Link to={`/dossiers/${dossier.id}/relectures`} className="button button--ghost button--small">
              Relectures
            </Link>
            <DownloadLink href={`/dossiers/${dossier.id}/export.docx`}>Télécharger en Word</DownloadLink>
            {threads.length ? <DownloadLink href={`/dossiers/${dossier.id}/export.docx?commentaires=1`}>Word avec commentaires</DownloadLink> : null}
            <DownloadLink href={`/dossiers/${dossier.id}/export.xlsx`}>Télécharger en Excel</DownloadLink>
          </>
        }
      />
      {view.themeNotice ? <p className="alert alert--info">{view.themeNotice}</p> : null}
      <HandInBanner dossierId={dossier.id} summary={view.handIn} now={view.now} canHandIn={canEdit} />
      {canEdit ? <RequestReview dossierId={dossier.id} openRound={view.openRound} /> : null}
      {canEdit ? (
        <DossierStatusLine states={Object.values(saveStates)} />
      ) : (
        <p className="status-line status-line--read">
          Lecture seule&nbsp;: vous relisez le travail de {view.learnerName ?? (members.length ? members.join(', ') : 'ce dossier')}. Sélectionnez un passage ou
          choisissez un élément pour le commenter.
        </p>
      )}

      {canEdit && started.size === 0 ? (
        <StartPanel
          subject={evaluation.title}
          intro={template.intro}
          dossierId={dossier.id}
          first={template.sections[0] ?? null}
          hasCase={showCaseMaterial || caseFiles.length > 0}
        />
      ) : null}
      <div className="dossier-summary card">
        {canEdit && started.size === 0 ? null : <p>{ft(template.intro)}</p>}
        {canEdit && started.size > 0 && firstToWrite ? (
          <p className="dossier-summary__next">
            Prochaine section à écrire&nbsp;: <a href={sectionHref(dossier.id, firstToWrite)}>{ft(firstToWrite.title)}</a>
          </p>
        ) : null}
        {allCriteria.length > 0 ? (
          <ProgressBar
            id="progression-dossier"
            label="Progression du dossier"
            achieved={overall.achieved}
            total={overall.total}
            inProgress={overall.inProgress}
          />
        ) : null}
        <p className="dossier-summary__case">
          <CasePanel
            dossierId={dossier.id}
            evaluation={evaluation}
            caseMaterial={caseMaterial}
            caseFiles={caseFiles}
            showCaseMaterial={showCaseMaterial}
            label={`Le sujet de l’épreuve${showCaseMaterial ? ' et le cas de l’entreprise' : ''}${caseFiles.length ? ` · ${plural(caseFiles.length, 'document', 'documents')}` : ''}`}
          />
          {allCriteria.length > 0 ? (
            <a href="#auto-evaluation" className="button button--ghost button--small">
              Auto-évaluation
              {openIn(criterionThreads) > 0 ? ` · ${plural(openIn(criterionThreads), 'commentaire', 'commentaires')}` : ''}
            </a>
          ) : null}
        </p>
        <CommentNavigator open={openIn(threads)} />
      </div>

      <div>
        <div className="dossier-sections" data-field-kinds={kindsOf(template.sections).join(' ')}>
          <CaseTablesContext.Provider value={caseTables}>
            {template.sections.map((s, i) => {
              const state = sections[i]!.state as Parameters<typeof SectionEditor>[0]['initial']
              const sectionHints = hints.filter((h) => h.sectionId === s.id)
              if (!opened.mounted.has(s.id)) {
                return (
                  <SectionSummary
                    key={s.id}
                    dossierId={dossier.id}
                    section={s}
                    updatedAt={state.updatedAt}
                    started={started.has(s.id)}
                    hints={sectionHints.length}
                    openComments={openIn(threadsOf(s.id))}
                    onToggle={() => opened.toggle(s.id)}
                  />
                )
              }
              const criteria = s.criteria.map((id) => ({
                id,
                text: criterionInfo.get(id)?.text ?? id,
                heading: criterionInfo.get(id)?.heading ?? '',
                status: statuses.get(id) ?? 'todo',
              }))
              const collapsed = !opened.open.has(s.id)
              return canEdit ? (
                <SectionEditor
                  key={s.id}
                  dossierId={dossier.id}
                  section={s}
                  initial={state}
                  criteria={criteria}
                  discussed={s.discusses.map((id) => ({ id, text: view.discussed[id] ?? id }))}
                  hints={sectionHints}
                  onContent={onContent}
                  onStatus={onStatus}
                  objectives={view.objectives}
                  personas={view.personas}
                  oral={{ members: view.memberList, pictures: view.pictures }}
                  group={view.memberList.length > 0}
                  present={online.filter((p) => p.sectionId === s.id).map((p) => p.name)}
                  threads={threadsOf(s.id)}
                  collapsed={collapsed}
                  onToggle={() => opened.toggle(s.id)}
                />
              ) : (
                <SectionReader
                  key={s.id}
                  dossierId={dossier.id}
                  section={s}
                  state={state}
                  criteria={criteria}
                  discussed={s.discusses.map((id) => ({ id, text: view.discussed[id] ?? id }))}
                  hints={sectionHints}
                  threads={threadsOf(s.id)}
                  canComment={canComment}
                  bank={bank}
                  members={view.memberList}
                  collapsed={collapsed}
                  onToggle={() => opened.toggle(s.id)}
                />
              )
            })}
          </CaseTablesContext.Provider>

          {allCriteria.length > 0 ? (
            <section id="auto-evaluation" className="card self-assessment" aria-labelledby="auto-evaluation-title">
              <h2 id="auto-evaluation-title">{view.learnerName ? `Auto-évaluation de ${view.learnerName}` : 'Auto-évaluation'}</h2>
              <p className="card__muted">
                {canEdit
                  ? 'Pour chaque critère, indiquez où vous en êtes. Les indices signalent ce qu’une machine peut vérifier ; c’est vous qui décidez du statut.'
                  : 'Où le ou la candidat·e estime en être, critère par critère. Vous pouvez commenter chaque critère.'}
              </p>
              {competencies.map((c) => {
                const p = progressOf(
                  c.criteria.map((k) => k.id),
                  statuses,
                )
                return (
                  <div key={c.id} className="sa-competency">
                    <h3>
                      {c.id} — {ft(c.heading)}
                    </h3>
                    <ProgressBar label={`Progression ${c.id}`} achieved={p.achieved} total={p.total} inProgress={p.inProgress} />
                    {c.criteria.map((k) => (
                      <CriterionAssessment
                        key={k.id}
                        dossierId={dossier.id}
                        opensWithComments={criterionThreads.some((t) => t.criterionId === k.id && t.status === 'open')}
                        criterion={k}
                        status={statuses.get(k.id) ?? 'todo'}
                        hints={(hintsForCriterion.get(k.id) ?? []).map((h) => h.message)}
                        readOnly={!canEdit}
                      >
                        <CriterionComments
                          dossierId={dossier.id}
                          criterionId={k.id}
                          threads={criterionThreads.filter((t) => t.criterionId === k.id)}
                          canComment={canComment}
                          bank={bank}
                        />
                      </CriterionAssessment>
                    ))}
                  </div>
                )
              })}
            </section>
          ) : null}
        </div>
      </div>
    </>
  )
}

function DossierStatusLine({ states }: { states: { status: SaveStatus; savedAt: number | null }[] }) {
  const worst = (['conflict', 'error', 'offline', 'saving', 'pending'] as const).find((s) => states.some((x) => x.status === s))
  const latest = Math.max(0, ...states.map((s) => s.savedAt ?? 0))
  const text = worst ? saveStatusText(worst, null) : latest ? saveStatusText('saved', latest) : 'Aucune modification pour l’instant'
  return (
    <p className={`status-line status-line--${worst ?? 'saved'}`} role="status" data-testid="status-line">
      {text}
    </p>
  )
}

/** Where a section is written: in focus mode for a specialised editor, in the page otherwise. */
const sectionHref = (dossierId: string, section: Section) => (editsInFocus(section.field) ? focusHref(dossierId, section.id) : `#section-${section.id}`)

/** On a blank dossier: what the épreuve asks, the case, and the first section to write. */
function StartPanel({
  subject,
  intro,
  dossierId,
  first,
  hasCase,
}: {
  subject: string
  intro: string
  dossierId: string
  first: Section | null
  hasCase: boolean
}) {
  return (
    <section className="start-panel card" aria-labelledby="par-ou-commencer">
      <h2 id="par-ou-commencer">Par où commencer</h2>
      <ol className="start-panel__steps">
        <li>
          <strong>Le sujet.</strong> {ft(subject)}. {ft(intro)}
        </li>
        {hasCase ? (
          <li>
            <strong>Le cas.</strong> Lisez le sujet et le dossier de l’entreprise&nbsp;: le bouton «&nbsp;Le sujet de l’épreuve&nbsp;» ci-dessous les ouvre dans
            un panneau qui reste ouvert pendant que vous écrivez.
          </li>
        ) : null}
        {first ? (
          <li>
            <strong>La première section.</strong> <a href={sectionHref(dossierId, first)}>{ft(first.title)}</a>&nbsp;: {ft(first.guidance)}
          </li>
        ) : null}
      </ol>
      <p className="card__muted">
        Les points «&nbsp;À faire&nbsp;» de chaque section sont de simples repères&nbsp;: ils deviennent des indices une fois la section commencée.
      </p>
    </section>
  )
}

function CriterionAssessment({
  dossierId,
  criterion,
  status,
  hints,
  readOnly,
  opensWithComments,
  children,
}: {
  dossierId: string
  criterion: { id: string; text: string; justification: string; sections: { id: string; title: string }[] }
  status: Status
  hints: string[]
  readOnly: boolean
  /** Comments on the criterion await an answer: its details show from the start. */
  opensWithComments: boolean
  children: React.ReactNode
}) {
  const fetcher = useFetcher<typeof action>()
  const [justification, setJustification] = useState(criterion.justification)
  const sectionsLine = criterion.sections.length ? (
    <p className="sa-criterion__sections">
      Sections :{' '}
      {criterion.sections.map((s, i) => (
        <span key={s.id}>
          {i > 0 ? ', ' : ''}
          <a href={`#section-${s.id}`}>{ft(s.title)}</a>
        </span>
      ))}
    </p>
  ) : null
  const hintList = hints.length ? (
    <ul className="sa-criterion__hints" aria-label={`Indices pour ${criterion.id}`}>
      {hints.map((h, i) => (
        <li key={i}>
          <Badge tone="accent">Indice</Badge> {h}
        </li>
      ))}
    </ul>
  ) : null
  if (readOnly) {
    return (
      <div id={`critere-${criterion.id}`} className="sa-criterion" tabIndex={-1}>
        <h4 className="sa-criterion__title">
          <span className="criteria-mini__id">{criterion.id}</span> {ft(criterion.text)}
        </h4>
        <div className="sa-criterion__row">
          <p>
            Statut&nbsp;: <span className={`status-chip status-chip--${status}`}>{STATUS_LABELS[status]}</span>
          </p>
          {sectionsLine}
        </div>
        {hintList}
        {criterion.justification ? <p className="sa-criterion__justification">Justification&nbsp;: {criterion.justification}</p> : null}
        {children}
      </div>
    )
  }
  return (
    <div id={`critere-${criterion.id}`} className="sa-criterion" tabIndex={-1}>
      <p className="sa-criterion__title" id={`critere-${criterion.id}-titre`}>
        <span className="criteria-mini__id">{criterion.id}</span> {ft(criterion.text)}
      </p>
      <div className="sa-criterion__row">
        <CriterionStatus dossierId={dossierId} criterionId={criterion.id} status={status} name={`statut-${criterion.id}`} justification={justification} />
        {sectionsLine}
      </div>
      <LazyDetails
        summary={`Justification${hints.length ? `, ${plural(hints.length, 'indice', 'indices')}` : ''} et commentaires`}
        initiallyOpen={justification !== '' || opensWithComments}
      >
        {hintList}
        <div className="field">
          <label htmlFor={`justification-${criterion.id}`}>Justification (facultative)</label>
          <textarea
            id={`justification-${criterion.id}`}
            rows={2}
            maxLength={2000}
            value={justification}
            onChange={(e) => setJustification(e.target.value)}
            onBlur={() => {
              if (justification !== criterion.justification) {
                fetcher.submit({ intent: 'self-assess', criterionId: criterion.id, status, justification }, { method: 'post' })
              }
            }}
          />
        </div>
        {fetcher.data?.error ? (
          <p className="field__error" role="alert">
            {fetcher.data.error}
          </p>
        ) : null}
        {fetcher.state === 'idle' && fetcher.data?.ok ? (
          <p className="sa-criterion__saved" role="status">
            Justification enregistrée
          </p>
        ) : null}
        {children}
      </LazyDetails>
    </div>
  )
}

/** A disclosure whose content is rendered once opened: the page carries only what is read. */
function LazyDetails({ summary, initiallyOpen, children }: { summary: string; initiallyOpen: boolean; children: React.ReactNode }) {
  const [open, setOpen] = useState(initiallyOpen)
  return (
    <details className="sa-criterion__more" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{summary}</summary>
      {open ? children : null}
    </details>
  )
}
