import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Link, useFetcher, useFetchers, useLoaderData } from '@remix-run/react'
import { useCallback, useMemo, useState } from 'react'
import { z } from 'zod'
import { CommentNavigator } from '~/components/comments/comment-navigator'
import { CriterionComments } from '~/components/comments/criterion-comments'
import { CaseTablesContext } from '~/components/dossier/case-tables'
import { SectionEditor, SectionReader, saveStatusText } from '~/components/dossier/section-editor'
import { RequestReview } from '~/components/review/request-review'
import type { SaveStatus } from '~/components/dossier/use-autosave'
import { DownloadLink } from '~/components/download-link'
import { HandInBanner } from '~/components/hand-in/hand-in-banner'
import { Badge, PageHeader, ProgressBar } from '~/components/ui'
import type { FieldValue } from '~/kinds/values'
import { frenchTypography as ft, plural } from '~/domain/format'
import { evaluateHints, hintsByCriterion } from '~/kinds/hints'
import { plainTextBlocks } from '~/domain/plain-text'
import { competencyRange } from '~/domain/referentiel'
import { progressOf, STATUS_LABELS, STATUSES, type Status } from '~/domain/self-assessment'
import { dossierGrants } from '~/domain/permissions'
import { bankFor } from '~/services/comment-bank.server'
import { threadsOfDossier } from '~/services/comments.server'
import { requireDossierAccess } from '~/services/dossier-access.server'
import { dossierView, learnerShownTo } from '~/services/dossier-view.server'
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
  const access = await requireDossierAccess(request, params.dossierId, 'reply')
  const { user, dossier, relations } = access
  const canEdit = dossierGrants(relations, 'update')
  const canComment = dossierGrants(relations, 'comment')
  const learner = learnerShownTo(access, user)
  return {
    ...dossierView(dossier, learner?.id ?? null),
    canEdit,
    canComment,
    learnerName: canEdit ? null : (learner?.name ?? null),
    threads: threadsOfDossier(dossier.id, user, relations),
    bank: canComment ? bankFor(user) : [],
    openRound: openRoundOf(dossier.id),
    handIn: handInSummary(dossier),
    themeNotice: themeNotice(dossier, user.id),
    now: Date.now(),
  }
}

const SelfAssessSchema = z.object({
  intent: z.literal('self-assess'),
  criterionId: z.string(),
  status: z.enum(STATUSES, 'Statut inconnu.'),
  justification: z.string().max(2_000, 'La justification est limitée à 2 000 caractères.').default(''),
})

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, dossier } = await requireDossierAccess(request, params.dossierId, 'update')
  const parsed = SelfAssessSchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return data({ ok: false, error: parsed.error.issues[0]?.message ?? 'Demande invalide.' }, { status: 400 })
  const served = templateOfDossier(dossier).sections.some((s) => s.criteria.includes(parsed.data.criterionId))
  if (!served) return data({ ok: false, error: 'Ce critère n’appartient pas à ce dossier.' }, { status: 400 })
  setSelfAssessment({
    learnerId: user.id,
    examSessionId: dossier.examSessionId,
    criterionId: parsed.data.criterionId,
    status: parsed.data.status,
    justification: parsed.data.justification.trim(),
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
  const fetchers = useFetchers()
  const statuses = useMemo(() => {
    const map = new Map<string, Status>()
    for (const c of competencies) for (const k of c.criteria) map.set(k.id, k.status)
    for (const f of fetchers) {
      if (f.formData?.get('intent') === 'self-assess') map.set(String(f.formData.get('criterionId')), f.formData.get('status') as Status)
    }
    return map
  }, [competencies, fetchers])

  const hints = useMemo(() => evaluateHints(template as Parameters<typeof evaluateHints>[0], values), [template, values])
  const hintsForCriterion = useMemo(() => hintsByCriterion(hints), [hints])
  const allCriteria = competencies.flatMap((c) => c.criteria.map((k) => k.id))
  const overall = progressOf(allCriteria, statuses)
  const criterionInfo = new Map(competencies.flatMap((c) => c.criteria.map((k) => [k.id, { ...k, heading: c.heading }] as const)))

  return (
    <>
      <PageHeader
        title={ft(template.title)}
        lead={
          <>
            {ft(evaluation.title)} ({competencyRange(evaluation)}) · {ft(evaluation.workMode)}
            {members.length ? ` · Groupe : ${members.join(', ')}` : ''}
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

      <div className="dossier-summary card">
        <p>{ft(template.intro)}</p>
        {allCriteria.length > 0 ? (
          <ProgressBar
            id="progression-dossier"
            label="Progression du dossier"
            achieved={overall.achieved}
            total={overall.total}
            inProgress={overall.inProgress}
          />
        ) : null}
        <details className="brief">
          <summary>
            Le sujet de l’épreuve{showCaseMaterial ? ' et le cas de l’entreprise' : ''}
            {caseFiles.length ? ` · ${plural(caseFiles.length, 'document', 'documents')}` : ''}
          </summary>
          <h2 className="brief__title">Ce que dit le référentiel</h2>
          <p>{ft(evaluation.context)}</p>
          {evaluation.deliverables.length ? (
            <ul>
              {evaluation.deliverables.map((d) => (
                <li key={d.part}>{ft(d.text)}</li>
              ))}
            </ul>
          ) : null}
          {showCaseMaterial ? (
            caseMaterial ? (
              <section className="case" aria-labelledby="case-title">
                <h2 id="case-title" className="brief__title">
                  {caseMaterial.title}
                </h2>
                {plainTextBlocks(caseMaterial.body).map((b, i) =>
                  b.kind === 'heading' ? (
                    <h3 key={i}>{b.text}</h3>
                  ) : b.kind === 'list' ? (
                    <ul key={i}>
                      {b.items.map((item, j) => (
                        <li key={j}>{item}</li>
                      ))}
                    </ul>
                  ) : (
                    <p key={i}>{b.text}</p>
                  ),
                )}
              </section>
            ) : caseFiles.length === 0 ? (
              <p className="card__muted">Le dossier de l’entreprise fictive sera fourni par votre école.</p>
            ) : null
          ) : null}
          {caseFiles.length ? (
            <section className="case-documents" aria-labelledby="case-files-title">
              <h2 id="case-files-title" className="brief__title">
                Documents de l’entreprise
              </h2>
              <ul className="case-files">
                {caseFiles.map((f) => (
                  <li key={f.id} className="case-files__item">
                    <div className="case-files__main">
                      <a href={f.href} download={f.name} className="case-files__name">
                        {f.name}
                      </a>
                      <span className="case-files__meta">
                        {f.typeLabel} · {f.sizeLabel}
                      </span>
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </details>
      </div>

      <div className="side-layout side-layout--wide">
        <nav className="side-toc card" aria-label="Sections du dossier">
          <h2 className="aside-title">Sections</h2>
          <ol>
            {template.sections.map((s) => {
              const n = hints.filter((h) => h.sectionId === s.id).length
              const c = openIn(threadsOf(s.id))
              return (
                <li key={s.id}>
                  <a href={`#section-${s.id}`}>
                    {ft(s.title)}
                    {n > 0 ? (
                      <span className="toc-hint">
                        {' '}
                        · {n} indice{n > 1 ? 's' : ''}
                      </span>
                    ) : null}
                    {c > 0 ? (
                      <span className="toc-comments">
                        {' '}
                        · {c} commentaire{c > 1 ? 's' : ''}
                      </span>
                    ) : null}
                  </a>
                </li>
              )
            })}
            {allCriteria.length > 0 ? (
              <li>
                <a href="#auto-evaluation">
                  <strong>Auto-évaluation</strong>
                  {openIn(criterionThreads) > 0 ? (
                    <span className="toc-comments">
                      {' '}
                      · {openIn(criterionThreads)} commentaire{openIn(criterionThreads) > 1 ? 's' : ''}
                    </span>
                  ) : null}
                </a>
              </li>
            ) : null}
          </ol>
          <CommentNavigator open={openIn(threads)} />
        </nav>
        <div className="dossier-sections">
          <CaseTablesContext.Provider value={caseTables}>
            {template.sections.map((s, i) => {
              const state = sections[i]!.state as Parameters<typeof SectionEditor>[0]['initial']
              const criteria = s.criteria.map((id) => ({
                id,
                text: criterionInfo.get(id)?.text ?? id,
                heading: criterionInfo.get(id)?.heading ?? '',
                status: statuses.get(id) ?? 'todo',
              }))
              const sectionHints = hints.filter((h) => h.sectionId === s.id)
              return canEdit ? (
                <SectionEditor
                  key={s.id}
                  dossierId={dossier.id}
                  section={s}
                  initial={state}
                  criteria={criteria}
                  hints={sectionHints}
                  onContent={onContent}
                  onStatus={onStatus}
                  objectives={view.objectives}
                  threads={threadsOf(s.id)}
                />
              ) : (
                <SectionReader
                  key={s.id}
                  dossierId={dossier.id}
                  section={s}
                  state={state}
                  criteria={criteria}
                  hints={sectionHints}
                  threads={threadsOf(s.id)}
                  canComment={canComment}
                  bank={bank}
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

function CriterionAssessment({
  criterion,
  status,
  hints,
  readOnly,
  children,
}: {
  criterion: { id: string; text: string; justification: string; sections: { id: string; title: string }[] }
  status: Status
  hints: string[]
  readOnly: boolean
  children: React.ReactNode
}) {
  const fetcher = useFetcher<typeof action>()
  const [justification, setJustification] = useState(criterion.justification)
  const submit = (next: { status?: Status; justification?: string }) =>
    fetcher.submit(
      { intent: 'self-assess', criterionId: criterion.id, status: next.status ?? status, justification: next.justification ?? justification },
      { method: 'post' },
    )
  const name = `statut-${criterion.id}`
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
      <fieldset className="sa-criterion__fieldset">
        <legend>
          <span className="criteria-mini__id">{criterion.id}</span> {ft(criterion.text)}
        </legend>
        <div className="sa-criterion__row">
          <div className="segmented" role="radiogroup" aria-label={`Statut du critère ${criterion.id}`}>
            {STATUSES.map((s) => (
              <label key={s} className={`segmented__option segmented__option--${s}`}>
                <input type="radio" name={name} value={s} checked={status === s} onChange={() => submit({ status: s })} />
                {STATUS_LABELS[s]}
              </label>
            ))}
          </div>
          {sectionsLine}
        </div>
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
              if (justification !== criterion.justification) submit({})
            }}
          />
        </div>
        {fetcher.data?.error ? (
          <p className="field__error" role="alert">
            {fetcher.data.error}
          </p>
        ) : null}
      </fieldset>
      {children}
    </div>
  )
}
