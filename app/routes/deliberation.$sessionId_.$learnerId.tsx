import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunction } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { PartBadge } from '~/components/grading/badges'
import { Badge, PageHeader } from '~/components/ui'
import { BLOC_RESULT_LABELS, MIN_REASON_LENGTH, OVERALL_DECISION_LABELS, proposeOverall, type BlocResult } from '~/domain/deliberation'
import { frenchTypography as ft, plural } from '~/domain/format'
import type { CompetencyResult } from '~/domain/grading'
import { formatInstant } from '~/domain/hand-in'
import { requireUser } from '~/services/auth.server'
import {
  candidateDeliberation,
  confirmDeliberation,
  confirmInputOf,
  ConfirmInputSchema,
  deliberationAccess,
  DeliberationError,
  evidenceKey,
  NOT_SAVED,
} from '~/services/deliberation.server'
import { referentiel, referentielIndex } from '~/services/referentiel.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.name ?? 'Candidat·e'} — Délibération — Atelier` }]

const RESULT_LABELS: Record<CompetencyResult, string> = { acquired: 'Acquise', 'not-acquired': 'Non acquise' }

/**
 * One candidate's deliberation: the competencies with their results and
 * sources, the cited evidence, a decision per bloc and the overall decision.
 * The session's president and the admins read (403 for anyone else); only
 * the president confirms, until the results are published.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const view = await candidateDeliberation(await deliberationAccess(user, params.sessionId ?? ''), params.learnerId ?? '')
  const { results, session } = view
  const outcomeOf = new Map(results.competencies.map((c) => [c.competencyId, c]))
  const blocOf = new Map(results.blocs.flatMap((b) => b.competencyIds.map((id) => [id, b.title])))
  const d = results.deliberation
  const decided = new Map(d?.blocs.map((b) => [b.blocId, b]) ?? [])
  return {
    session: { id: session.id, name: session.name, presidentName: session.presidentName, published: session.resultsPublishedAt !== null },
    viewer: view.viewer,
    learnerId: results.learnerId,
    name: results.name,
    previous: view.previous,
    next: view.next,
    proposed: results.proposed,
    deliberation: d && {
      decision: d.decision,
      reason: d.reason,
      by: d.confirmedByName,
      at: formatInstant(new Date(d.confirmedAt)),
    },
    blocs: results.blocs.map((b) => ({
      id: b.blocId,
      title: b.title,
      example: b.example,
      proposed: b.proposed,
      decided: decided.get(b.blocId) ?? null,
      competencies: b.competencyIds.map((id) => ({ id, result: outcomeOf.get(id)?.result ?? null })),
    })),
    activities: referentiel.activities.map((a) => ({
      id: a.id,
      title: ft(a.title),
      competencies: a.competencies.map((c) => {
        const outcome = outcomeOf.get(c.id)!
        const source = outcome.source
        return {
          id: c.id,
          text: ft(c.text),
          bloc: blocOf.get(c.id) ?? null,
          result: outcome.result,
          source: source && {
            evaluationTitle: ft(source.evaluationTitle),
            jurors: source.jurors,
            reconciled: source.reconciled,
            override: source.override && {
              result: RESULT_LABELS[source.override.result],
              justification: source.override.justification,
              by: source.override.by,
            },
          },
          criteria: outcome.criteria.map((k) => ({
            key: `${k.criterionId}|${k.part}`,
            id: k.criterionId,
            text: ft(referentielIndex.competencies.get(c.id)?.criteria.find((x) => x.id === k.criterionId)?.text ?? ''),
            part: k.part,
            level: k.levelLabel,
            acquired: k.acquired,
            comment: k.comment,
            evidence: view.evidence[evidenceKey(c.id, k.criterionId, k.part)] ?? [],
          })),
        }
      }),
    })),
  }
}

type Outcome = { ok: boolean; message: string; errors: Record<string, string>; values: Record<string, string> }

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const access = await deliberationAccess(user, params.sessionId ?? '')
  const form = await request.formData()
  const values: Record<string, string> = {}
  for (const [key, value] of form) if (typeof value === 'string') values[key] = value
  const reply = (status: 200 | 400 | 404 | 409, outcome: Omit<Outcome, 'values' | 'errors'> & { errors?: Record<string, string> }) =>
    data<Outcome>({ errors: {}, values: outcome.ok ? {} : values, ...outcome }, { status })
  if (values.intent !== 'confirm') return reply(400, { ok: false, message: 'Action inconnue.' })
  const parsed = ConfirmInputSchema.safeParse(confirmInputOf(values))
  if (!parsed.success) return reply(400, { ok: false, message: NOT_SAVED, errors: { reason: parsed.error.issues[0]?.message ?? 'Saisie invalide.' } })
  try {
    const { replaced, decision } = await confirmDeliberation(access, params.learnerId ?? '', parsed.data)
    return reply(200, {
      ok: true,
      message: `${replaced ? 'Délibération confirmée à nouveau' : 'Délibération confirmée'}\u00a0: ${OVERALL_DECISION_LABELS[decision]}.`,
    })
  } catch (error) {
    if (!(error instanceof DeliberationError)) throw error
    return reply(error.status, { ok: false, message: error.message, errors: error.errors })
  }
}

/** A refusal because the results changed meanwhile (409) reloads them, so that the new proposals show. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => actionStatus === 409 || defaultShouldRevalidate

type Data = ReturnType<typeof useLoaderData<typeof loader>>

function ResultBadge({ result }: { result: CompetencyResult | null }) {
  if (!result) return <Badge>Sans résultat</Badge>
  return <Badge tone={result === 'acquired' ? 'success' : 'accent'}>{RESULT_LABELS[result]}</Badge>
}

function BlocBadge({ result }: { result: BlocResult }) {
  return <Badge tone={result === 'acquired' ? 'success' : 'accent'}>{BLOC_RESULT_LABELS[result]}</Badge>
}

export default function CandidateDeliberationPage() {
  const d = useLoaderData<typeof loader>()
  const base = `/deliberation/${d.session.id}`
  return (
    <div className="delib delib-candidate">
      <PageHeader
        title={d.name}
        lead={
          <>
            Délibération — {d.session.name}. Décision proposée&nbsp;: <strong>{OVERALL_DECISION_LABELS[d.proposed]}</strong>.
          </>
        }
        actions={
          <Link className="button button--ghost button--small" to={base}>
            Tous les candidat·es
          </Link>
        }
      />
      <nav className="delib-neighbours" aria-label="Candidat·es voisin·es">
        {d.previous ? (
          <Link to={`${base}/${d.previous.learnerId}`} rel="prev">
            ← {d.previous.name}
          </Link>
        ) : null}
        {d.next ? (
          <Link to={`${base}/${d.next.learnerId}`} rel="next">
            {d.next.name} →
          </Link>
        ) : null}
      </nav>
      <Status d={d} />
      <Decision d={d} />
      <Competencies d={d} />
    </div>
  )
}

function Status({ d }: { d: Data }) {
  return (
    <section className="card delib-status" aria-labelledby="delib-status-title">
      <h2 id="delib-status-title">Décision du jury</h2>
      {d.deliberation ? (
        <>
          <p>
            <Badge tone="success">Confirmée</Badge> <strong>{OVERALL_DECISION_LABELS[d.deliberation.decision]}</strong>
            {d.deliberation.decision !== d.proposed ? <> (proposition&nbsp;: {OVERALL_DECISION_LABELS[d.proposed]})</> : null}
          </p>
          <p className="delib-status__who">
            Confirmée par {d.deliberation.by}, le {d.deliberation.at}.
          </p>
          {d.deliberation.reason ? <p className="delib-status__reason">Observation du jury&nbsp;: {d.deliberation.reason}</p> : null}
        </>
      ) : (
        <p>
          <Badge tone="info">À délibérer</Badge> Aucune décision n’est encore confirmée pour ce ou cette candidat·e.
        </p>
      )}
      {d.session.published ? <p className="alert alert--info">Les résultats sont publiés&nbsp;: la décision ne peut plus changer.</p> : null}
    </section>
  )
}

function Decision({ d }: { d: Data }) {
  const outcome = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'confirm'
  const values = outcome && !outcome.ok ? outcome.values : undefined
  const errors = outcome?.errors ?? {}
  const canConfirm = d.viewer.president && !d.session.published
  const initial = (b: Data['blocs'][number]): BlocResult => (values?.[`decision-${b.id}`] as BlocResult | undefined) ?? b.decided?.decision ?? b.proposed
  const [decisions, setDecisions] = useState<Record<string, BlocResult>>(() => Object.fromEntries(d.blocs.map((b) => [b.id, initial(b)])))
  // After a post, focus goes to the first field in error, else the message.
  const message = useRef<HTMLDivElement>(null)
  const focused = useRef<unknown>(null)
  useEffect(() => {
    if (!outcome || navigation.state !== 'idle' || focused.current === outcome) return
    focused.current = outcome
    const invalid = outcome.ok ? null : document.querySelector<HTMLElement>('#form-confirm [aria-invalid="true"]')
    ;(invalid ?? message.current)?.focus()
  }, [outcome, navigation.state])

  if (d.blocs.length === 0)
    return (
      <section className="section" aria-labelledby="delib-decision-title">
        <h2 id="delib-decision-title">Décisions par bloc</h2>
        <p className="alert alert--info">La session n’a aucun bloc de compétences&nbsp;: l’administration doit d’abord les définir.</p>
      </section>
    )

  const overall = proposeOverall(d.blocs.map((b) => decisions[b.id] ?? b.proposed))
  const blocFieldsets = d.blocs.map((b) => {
    const decision = decisions[b.id] ?? b.proposed
    const departs = decision !== b.proposed
    const reasonId = `reason-${b.id}`
    const reasonError = errors[reasonId]
    const decisionError = errors[`decision-${b.id}`]
    const acquired = b.competencies.filter((c) => c.result === 'acquired').length
    return (
      <fieldset key={b.id} className="fieldset delib-bloc" aria-describedby={`${b.id}-proposal${decisionError ? ` ${b.id}-decision-error` : ''}`}>
        <legend>
          {b.title}
          {b.example ? (
            <>
              {' '}
              <Badge tone="info">Exemple</Badge>
            </>
          ) : null}
        </legend>
        <p id={`${b.id}-proposal`} className="delib-bloc__proposal">
          Proposition&nbsp;: <BlocBadge result={b.proposed} /> — {acquired} compétence{acquired > 1 ? 's' : ''} acquise{acquired > 1 ? 's' : ''} sur{' '}
          {b.competencies.length}.
        </p>
        <ul className="delib-bloc__competencies" aria-label={`Compétences du bloc ${b.title}`}>
          {b.competencies.map((c) => (
            <li key={c.id}>
              <a href={`#competence-${c.id}`}>{c.id}</a> <ResultBadge result={c.result} />
            </li>
          ))}
        </ul>
        {canConfirm ? (
          <>
            <input type="hidden" name={`shown-${b.id}`} value={b.proposed} />
            <div className="delib-bloc__choices" role="radiogroup" aria-label={`Décision du jury pour ${b.title}`}>
              {(['acquired', 'not-acquired'] as const).map((r) => (
                <label key={r} className="checkbox">
                  <input
                    type="radio"
                    name={`decision-${b.id}`}
                    value={r}
                    checked={decision === r}
                    onChange={() => setDecisions((x) => ({ ...x, [b.id]: r }))}
                  />
                  {BLOC_RESULT_LABELS[r]}
                  {r === b.proposed ? ' (proposé)' : ''}
                </label>
              ))}
            </div>
            {decisionError ? (
              <p className="field__error" id={`${b.id}-decision-error`}>
                {decisionError}
              </p>
            ) : null}
            <div className="field">
              <label htmlFor={reasonId}>Raison de l’écart{departs ? ' (obligatoire)' : ''}</label>
              <p className="field__hint" id={`${reasonId}-hint`}>
                {departs
                  ? `Vous vous écartez de la proposition\u00a0: expliquez pourquoi, en ${MIN_REASON_LENGTH}\u00a0caractères au moins.`
                  : 'Seulement si la décision s’écarte de la proposition.'}
              </p>
              <textarea
                id={reasonId}
                name={reasonId}
                rows={2}
                maxLength={2000}
                defaultValue={values?.[reasonId] ?? b.decided?.reason ?? ''}
                aria-describedby={`${reasonId}-hint${reasonError ? ` ${reasonId}-error` : ''}`}
                aria-invalid={reasonError ? true : undefined}
              />
              {reasonError ? (
                <p className="field__error" id={`${reasonId}-error`}>
                  {reasonError}
                </p>
              ) : null}
            </div>
          </>
        ) : (
          <p className="delib-bloc__decided">
            Décision du jury&nbsp;:{' '}
            {b.decided ? (
              <>
                <BlocBadge result={b.decided.decision} />
                {b.decided.reason ? <span className="delib-bloc__reason"> Raison de l’écart&nbsp;: {b.decided.reason}</span> : null}
              </>
            ) : (
              'pas encore confirmée.'
            )}
          </p>
        )}
      </fieldset>
    )
  })

  return (
    <section className="section" aria-labelledby="delib-decision-title">
      <h2 id="delib-decision-title">Décisions par bloc</h2>
      {outcome ? (
        <div ref={message} tabIndex={-1} className={`alert alert--${outcome.ok ? 'success' : 'error'}`} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.message}
        </div>
      ) : null}
      {canConfirm ? (
        <Form method="post" className="form" id="form-confirm" noValidate>
          <input type="hidden" name="intent" value="confirm" />
          {blocFieldsets}
          <div className="card delib-overall">
            <p aria-live="polite">
              Décision globale qui en découle&nbsp;: <strong>{OVERALL_DECISION_LABELS[overall]}</strong>
              {overall !== d.proposed ? <> (proposition&nbsp;: {OVERALL_DECISION_LABELS[d.proposed]})</> : null}.
            </p>
            <div className="field">
              <label htmlFor="reason">Observation du jury (facultative)</label>
              <textarea
                id="reason"
                name="reason"
                rows={2}
                maxLength={2000}
                defaultValue={values?.reason ?? d.deliberation?.reason ?? ''}
                aria-invalid={errors.reason ? true : undefined}
                aria-describedby={errors.reason ? 'reason-error' : undefined}
              />
              {errors.reason ? (
                <p className="field__error" id="reason-error">
                  {errors.reason}
                </p>
              ) : null}
            </div>
            <div>
              <button type="submit" className="button" disabled={busy}>
                {busy ? 'Confirmation…' : d.deliberation ? 'Confirmer à nouveau' : 'Confirmer la délibération'}
              </button>
            </div>
          </div>
        </Form>
      ) : (
        <>
          {!d.viewer.president && !d.session.published ? (
            <p className="alert alert--info">Seul·e le ou la président·e du jury ({d.session.presidentName ?? 'non désigné·e'}) confirme les décisions.</p>
          ) : null}
          {blocFieldsets}
        </>
      )}
    </section>
  )
}

function Competencies({ d }: { d: Data }) {
  const all = d.activities.flatMap((a) => a.competencies)
  const acquired = all.filter((c) => c.result === 'acquired').length
  const without = all.filter((c) => c.result === null).length
  return (
    <section className="section" aria-labelledby="delib-competencies-title">
      <h2 id="delib-competencies-title">Les {all.length} compétences</h2>
      <p className="card__muted">
        {plural(acquired, 'compétence acquise', 'compétences acquises')}, {plural(all.length - acquired - without, 'non acquise', 'non acquises')},{' '}
        {plural(without, 'sans résultat', 'sans résultat')} (grille non close, ou double correction pas encore rapprochée).
      </p>
      {d.activities.map((a) => (
        <section key={a.id} className="delib-activity" aria-labelledby={`activite-${a.id}`}>
          <h3 id={`activite-${a.id}`}>
            <span className="delib-activity__id">{a.id}</span> {a.title}
          </h3>
          <ul className="delib-competencies">
            {a.competencies.map((c) => (
              <li key={c.id} id={`competence-${c.id}`} className="delib-competency">
                <details>
                  <summary>
                    <span className="delib-competency__head">
                      <strong>{c.id}</strong> <ResultBadge result={c.result} />
                      {c.source?.override ? <Badge tone="info">Décision du juré·e</Badge> : null}
                    </span>
                    <span className="delib-competency__text">{c.text}</span>
                  </summary>
                  <div className="delib-competency__body">
                    <dl className="delib-facts">
                      <div>
                        <dt>Bloc</dt>
                        <dd>{c.bloc ?? 'Aucun'}</dd>
                      </div>
                      {c.source ? (
                        <>
                          <div>
                            <dt>Épreuve</dt>
                            <dd>{c.source.evaluationTitle}</dd>
                          </div>
                          <div>
                            <dt>{c.source.jurors.length > 1 ? 'Juré·es' : 'Juré·e'}</dt>
                            <dd>{c.source.jurors.join(', ')}</dd>
                          </div>
                          <div>
                            <dt>Correction</dt>
                            <dd>{c.source.reconciled ? 'Double correction, niveaux retenus après confrontation' : 'Grille close'}</dd>
                          </div>
                          {c.source.override ? (
                            <div>
                              <dt>Décision du juré·e</dt>
                              <dd>
                                {c.source.override.result}, par {c.source.override.by}. Justification&nbsp;: {c.source.override.justification}
                              </dd>
                            </div>
                          ) : null}
                        </>
                      ) : (
                        <div>
                          <dt>Source</dt>
                          <dd>Aucune grille close ne la juge encore.</dd>
                        </div>
                      )}
                    </dl>
                    <ol className="delib-criteria" aria-label={`Critères de ${c.id}`}>
                      {c.criteria.map((k) => (
                        <li key={k.key} className="delib-criterion">
                          <p className="delib-criterion__head">
                            <span className="delib-criterion__id">{k.id}</span> <PartBadge part={k.part} />{' '}
                            <span className={`delib-level delib-level--${k.acquired === null ? 'none' : k.acquired ? 'yes' : 'no'}`}>
                              {k.level || 'Non noté'}
                            </span>
                          </p>
                          <p className="delib-criterion__text">{k.text}</p>
                          {k.comment ? <p className="delib-criterion__comment">Commentaire&nbsp;: {k.comment}</p> : null}
                          {k.evidence.length ? (
                            <div className="delib-evidence">
                              <p className="delib-evidence__title">Preuves citées</p>
                              <ul>
                                {k.evidence.map((e, i) => (
                                  <li key={i}>
                                    <span className="delib-evidence__label">{e.label}</span>
                                    {e.where ? <span className="delib-evidence__where"> — {e.where}</span> : null}
                                  </li>
                                ))}
                              </ul>
                            </div>
                          ) : null}
                        </li>
                      ))}
                    </ol>
                  </div>
                </details>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  )
}
