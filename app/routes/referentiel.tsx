import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData, useNavigation, useSubmit } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { Badge, EmptyState, PageHeader } from '~/components/ui'
import { frenchTypography as ft, plural } from '~/domain/format'
import { competencyRange, filterReferentiel } from '~/domain/referentiel'
import { requirePermission } from '~/services/auth.server'
import { referentiel, referentielIndex } from '~/services/referentiel.server'

export const meta: MetaFunction = () => [{ title: 'Référentiel — Atelier' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:referentiel:any')
  const q = (new URL(request.url).searchParams.get('q') ?? '').slice(0, 200)
  const activities = filterReferentiel(referentiel.activities, q).map((a) => ({
    ...a,
    competencies: a.competencies.map((c) => {
      const e = referentielIndex.evaluationByCompetency.get(c.id)
      return {
        ...c,
        evaluation: e
          ? {
              id: e.id,
              title: e.title,
              range: competencyRange(e),
              typeLabel: referentielIndex.epreuveTypeLabels.get(e.type) ?? '',
              mode: e.mode,
              workMode: e.workMode,
            }
          : null,
      }
    }),
  }))
  const total = referentiel.activities.reduce((n, a) => n + a.competencies.length, 0)
  return {
    q,
    title: referentiel.title,
    level: referentiel.level,
    certifier: referentiel.certifier,
    activities,
    totals: { activities: referentiel.activities.length, competencies: total },
    shown: activities.reduce((n, a) => n + a.competencies.length, 0),
    toc: referentiel.activities.map((a) => ({ id: a.id, title: a.title })),
  }
}

export default function ReferentielPage() {
  const { q, title, level, certifier, activities, totals, shown, toc } = useLoaderData<typeof loader>()
  const submit = useSubmit()
  const navigation = useNavigation()
  const timer = useRef<ReturnType<typeof setTimeout>>()
  useEffect(() => () => clearTimeout(timer.current), [])
  const searching = navigation.state === 'loading' && navigation.location?.pathname === '/referentiel'

  return (
    <>
      <PageHeader
        title="Référentiel"
        lead={
          <>
            {ft(`« ${title} »`)} — niveau {level}, certificateur {certifier}. Activités, compétences et critères d’évaluation, avec l’épreuve qui évalue chaque
            compétence.
          </>
        }
        actions={
          <>
            <a className="button button--ghost button--small" href="/referentiel.moodle.csv" download>
              Exporter pour Moodle (CSV)
            </a>
            <a className="button button--ghost button--small" href="/referentiel.json">
              Données JSON
            </a>
          </>
        }
      />
      <div className="side-layout">
        <nav className="side-toc card" aria-label="Activités du référentiel">
          <h2 className="visually-hidden">Sommaire</h2>
          <ol>
            {toc.map((a) => (
              <li key={a.id}>
                <a href={`#${a.id}`}>
                  <strong>{a.id}</strong> {ft(a.title)}
                </a>
              </li>
            ))}
          </ol>
        </nav>
        <div>
          <Form
            method="get"
            role="search"
            className="ref-toolbar"
            onChange={(event) => {
              const form = event.currentTarget
              clearTimeout(timer.current)
              timer.current = setTimeout(() => submit(form, { replace: true, preventScrollReset: true }), 250)
            }}
          >
            <div className="field">
              <label htmlFor="q">Filtrer le référentiel</label>
              <input id="q" name="q" type="search" defaultValue={q} placeholder="ex. personae, RGAA, C6.2, budget" aria-describedby="ref-count" />
            </div>
            <button type="submit" className="button button--small">
              Filtrer
            </button>
          </Form>
          <p id="ref-count" className="card__muted" aria-live="polite">
            {searching
              ? 'Recherche…'
              : q
                ? `${plural(shown, 'compétence affichée', 'compétences affichées')} sur ${totals.competencies} pour « ${q} ».`
                : `${totals.activities} activités, ${totals.competencies} compétences.`}
          </p>
          {activities.length === 0 ? (
            <EmptyState title="Aucun résultat">
              <p>Aucune activité, compétence ou critère ne contient « {q} ». Essayez un autre mot ou un identifiant comme C3.2.</p>
            </EmptyState>
          ) : null}
          {activities.map((a) => (
            <section key={a.id} id={a.id} className="activity" aria-labelledby={`${a.id}-title`}>
              <h2 id={`${a.id}-title`} className="activity__title">
                <span className="activity__id">{a.id}</span>
                <span>{ft(a.title)}</span>
              </h2>
              {a.competencies.map((c) => (
                <article key={c.id} id={c.id} className="competency card" aria-labelledby={`${c.id}-title`}>
                  <div className="competency__head">
                    <h3 id={`${c.id}-title`}>
                      <a className="competency__id" href={`#${c.id}`} aria-label={`Compétence ${c.id} (lien direct)`}>
                        {c.id}
                      </a>
                    </h3>
                    {c.evaluation ? (
                      <p className="evaluation-link">
                        <span className="visually-hidden">Évaluée par : </span>
                        <Badge tone={c.evaluation.mode === 'group' ? 'accent' : 'info'}>{ft(c.evaluation.title)}</Badge>{' '}
                        <span className="card__muted">
                          ({c.evaluation.range}) · {ft(c.evaluation.workMode)}
                        </span>
                      </p>
                    ) : null}
                  </div>
                  <p className="competency__text">{ft(c.text)}</p>
                  <div className="criteria">
                    <h4>{ft(c.criteriaHeading)}</h4>
                    <ol>
                      {c.criteria.map((k) => (
                        <li key={k.id} id={k.id}>
                          <span className="criteria__id">{k.id}</span>
                          <span>{ft(k.text)}</span>
                        </li>
                      ))}
                    </ol>
                  </div>
                </article>
              ))}
            </section>
          ))}
        </div>
      </div>
    </>
  )
}
