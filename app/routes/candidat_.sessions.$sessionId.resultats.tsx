import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useState } from 'react'
import { DownloadLink } from '~/components/download-link'
import { useHydrated } from '~/components/use-hydrated'
import { Badge, EmptyState, PageHeader } from '~/components/ui'
import { formatDate, frenchTypography as ft, plural } from '~/domain/format'
import { GAP_LABELS } from '~/domain/results-labels'
import { requireRole } from '~/services/auth.server'
import { learnerResults, type LearnerCompetency, type LearnerCriterion } from '~/services/publication.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Mes résultats — ${data?.page.session.name ?? 'Session'} — Atelier` }]

/**
 * A learner's results for one of their sessions: nothing before the admin
 * publishes them (not even whether a grade exists), then the jury's decision,
 * their blocs and, per criterion, their self-assessment beside the jury's
 * level and comment with the gaps spelled out. 404 for a session they are not enrolled in.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'learner')
  const page = await learnerResults(params.sessionId ?? '', user.id)
  if (!page) throw new Response('Vous n’êtes pas inscrit·e à cette session d’examen.', { status: 404 })
  return { page, learnerId: user.id }
}

const DECISION_TONES = { complete: 'success', partial: 'info', deferred: 'accent' } as const
const RESULT_TONES = { acquired: 'success', 'not-acquired': 'accent' } as const

function Gap({ criterion }: { criterion: LearnerCriterion }) {
  if (!criterion.gap) return null
  return (
    <p className={`results-gap results-gap--${criterion.gap}`}>
      <strong>{GAP_LABELS[criterion.gap]}</strong>
      {criterion.gap === 'over'
        ? `\u00a0: vous aviez indiqué «\u00a0${criterion.selfLabel}\u00a0», le jury n’a pas jugé ce critère acquis.`
        : `\u00a0: vous aviez indiqué «\u00a0${criterion.selfLabel}\u00a0», le jury a jugé ce critère acquis.`}
    </p>
  )
}

function Criterion({ criterion }: { criterion: LearnerCriterion }) {
  return (
    <li className={`results-criterion${criterion.gap ? ' results-criterion--gap' : ''}`} id={`critere-${criterion.key}`}>
      <p className="results-criterion__text">
        <strong>{criterion.criterionId}</strong> {ft(criterion.text)}
        {criterion.partLabel ? <span className="results-criterion__part"> ({criterion.partLabel})</span> : null}
      </p>
      <dl className="results-criterion__pair">
        <div>
          <dt>Votre auto-évaluation</dt>
          <dd>{criterion.selfLabel}</dd>
        </div>
        <div>
          <dt>Niveau retenu par le jury</dt>
          <dd>{criterion.levelLabel}</dd>
        </div>
      </dl>
      {criterion.comment ? (
        <div className="results-criterion__comment">
          <p className="results-criterion__comment-label">Commentaire du jury</p>
          <p>{criterion.comment}</p>
        </div>
      ) : null}
      <Gap criterion={criterion} />
    </li>
  )
}

function Competency({ competency, onlyGaps }: { competency: LearnerCompetency; onlyGaps: boolean }) {
  const criteria = onlyGaps ? competency.criteria.filter((c) => c.gap) : competency.criteria
  return (
    <article className="card results-competency" id={`competence-${competency.id}`} aria-labelledby={`titre-${competency.id}`}>
      <div className="results-competency__head">
        <h4 id={`titre-${competency.id}`}>
          {competency.id} — {ft(competency.heading)}
        </h4>
        {competency.result ? <Badge tone={RESULT_TONES[competency.result]}>{competency.resultLabel}</Badge> : <Badge>{competency.resultLabel}</Badge>}
      </div>
      <p className="results-competency__text">{ft(competency.text)}</p>
      {competency.evaluationTitle ? <p className="card__muted">Épreuve&nbsp;: {ft(competency.evaluationTitle)}</p> : null}
      {criteria.length ? (
        <ul className="results-criteria">
          {criteria.map((c) => (
            <Criterion key={c.key} criterion={c} />
          ))}
        </ul>
      ) : (
        <p className="card__muted">{competency.result ? 'Aucun critère de cette compétence n’a été évalué.' : 'Le jury n’a pas évalué cette compétence.'}</p>
      )}
    </article>
  )
}

export default function LearnerResults() {
  const { page, learnerId } = useLoaderData<typeof loader>()
  const hydrated = useHydrated()
  const [onlyGaps, setOnlyGaps] = useState(false)
  const { session } = page
  const header = (
    <PageHeader
      title="Mes résultats"
      lead={
        <>
          {session.name}, du {formatDate(session.startsOn)} au {formatDate(session.endsOn)}.
        </>
      }
      actions={
        <Link className="button button--ghost button--small" to="/candidat">
          Retour à mes épreuves
        </Link>
      }
    />
  )
  if (page.state !== 'published') {
    return (
      <div className="results">
        {header}
        {page.state === 'unpublished' ? (
          <EmptyState title="Les résultats ne sont pas encore publiés">
            <p>
              Le jury délibère une fois toutes les épreuves corrigées. Vous verrez ici, dès que l’école les aura publiés, la décision du jury, vos blocs de
              compétences et, critère par critère, le niveau retenu par le jury à côté de votre auto-évaluation.
            </p>
          </EmptyState>
        ) : (
          <EmptyState title="Vos résultats ne sont pas encore disponibles">
            <p>La délibération du jury vous concernant n’est pas encore confirmée. Ils apparaîtront ici dès qu’elle le sera.</p>
          </EmptyState>
        )}
      </div>
    )
  }

  const { view } = page
  const gaps = view.gaps.over + view.gaps.under
  const activities = view.activities
    .map((a) => ({ ...a, competencies: onlyGaps ? a.competencies.filter((c) => c.criteria.some((k) => k.gap)) : a.competencies }))
    .filter((a) => a.competencies.length > 0)

  return (
    <div className="results">
      {header}
      <section className="card results-decision" aria-labelledby="decision">
        <h2 id="decision">Décision du jury</h2>
        <p className="results-decision__label">
          <Badge tone={DECISION_TONES[view.decision]}>{view.decisionLabel}</Badge>
        </p>
        <p>Délibération du {formatDate(new Date(view.confirmedAt))}.</p>
        {view.attestation ? (
          <p>
            <DownloadLink href={`/deliberation/${session.id}/${learnerId}/attestation.docx`} className="button button--small">
              Télécharger mon attestation de blocs validés (Word)
            </DownloadLink>
          </p>
        ) : (
          <p className="card__muted">Aucun bloc n’est validé&nbsp;: il n’y a pas d’attestation à télécharger.</p>
        )}
      </section>

      <section className="section" aria-labelledby="blocs">
        <h2 id="blocs">Mes blocs de compétences</h2>
        {view.blocs.length === 0 ? (
          <p>Aucun bloc de compétences n’est défini pour cette session.</p>
        ) : (
          <ul className="results-blocs">
            {view.blocs.map((b) => (
              <li key={b.id} className="card results-bloc">
                <h3>{ft(b.title)}</h3>
                <p>
                  <Badge tone={b.decision === 'acquired' ? 'success' : 'accent'}>{b.decisionLabel}</Badge>
                </p>
                <p className="card__muted">
                  Compétences&nbsp;:{' '}
                  {b.competencyIds.map((id, i) => (
                    <span key={id}>
                      {i > 0 ? ', ' : ''}
                      <a href={`#competence-${id}`}>{id}</a>
                    </span>
                  ))}
                </p>
                {b.example ? <p className="card__muted">Regroupement donné à titre d’exemple par l’école.</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="section" aria-labelledby="criteres">
        <h2 id="criteres">Votre auto-évaluation et l’avis du jury</h2>
        <p>
          {gaps === 0
            ? 'Votre auto-évaluation rejoint l’avis du jury sur chaque critère évalué.'
            : `${plural(gaps, 'écart', 'écarts')} entre votre auto-évaluation et l’avis du jury\u00a0: ${plural(view.gaps.over, 'surestimation', 'surestimations')}, ${plural(view.gaps.under, 'sous-estimation', 'sous-estimations')}.`}
        </p>
        {hydrated && gaps > 0 ? (
          <p className="results-filter">
            <label>
              <input type="checkbox" checked={onlyGaps} onChange={(e) => setOnlyGaps(e.currentTarget.checked)} /> N’afficher que les critères où vous vous étiez
              surestimé·e ou sous-estimé·e
            </label>
          </p>
        ) : null}
        {activities.map((a) => (
          <section key={a.id} className="results-activity" aria-labelledby={`activite-${a.id}`}>
            <h3 id={`activite-${a.id}`} className="group-heading">
              {a.id} — {ft(a.title)}
            </h3>
            {a.competencies.every((c) => c.result === null && c.criteria.length === 0) ? (
              <p className="results-unassessed">
                Le jury n’a évalué aucune compétence de cette activité&nbsp;:{' '}
                {a.competencies.map((c, i) => (
                  <span key={c.id} id={`competence-${c.id}`}>
                    {i > 0 ? ', ' : ''}
                    {c.id}
                  </span>
                ))}
                .
              </p>
            ) : (
              a.competencies.map((c) => <Competency key={c.id} competency={c} onlyGaps={onlyGaps} />)
            )}
          </section>
        ))}
      </section>
    </div>
  )
}
