import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData, useNavigation, useSubmit } from '@remix-run/react'
import { Fragment, useEffect, useRef } from 'react'
import { Badge, EmptyState, PageHeader } from '~/components/ui'
import { frenchTypography as ft, plural } from '~/domain/format'
import { competencyRange, filterReferentiel } from '~/domain/referentiel'
import { referentiel, referentielIndex } from '~/services/referentiel.server'

export const meta: MetaFunction = () => [{ title: 'Référentiel — Atelier' }]

/**
 * Public, as the README says: the référentiel is the title's public document,
 * readable without an account (like /referentiel.json). Sends what the page
 * shows: each activity with its competencies and criteria, and the épreuves
 * that evaluate them once per activity (most activities have one).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const q = (new URL(request.url).searchParams.get('q') ?? '').slice(0, 200)
  return q ? pageData(q) : (unfiltered ??= pageData(''))
}

/** The page without a filter: the same for everyone, computed once. */
let unfiltered: ReturnType<typeof pageData> | undefined

function pageData(q: string) {
  const activities = filterReferentiel(referentiel.activities, q).map((a) => {
    const evaluations = new Map<string, { id: string; title: string; range: string; group: boolean; workMode: string }>()
    for (const c of a.competencies) {
      const e = referentielIndex.evaluationByCompetency.get(c.id)
      if (e && !evaluations.has(e.id))
        evaluations.set(e.id, { id: e.id, title: e.title, range: competencyRange(e), group: e.mode === 'group', workMode: e.workMode })
    }
    return {
      id: a.id,
      title: a.title,
      evaluations: [...evaluations.values()],
      competencies: a.competencies.map((c) => ({ id: c.id, text: c.text, criteriaHeading: c.criteriaHeading, criteria: c.criteria })),
    }
  })
  return {
    q,
    title: referentiel.title,
    level: referentiel.level,
    certifier: referentiel.certifier,
    activities,
    totals: { activities: referentiel.activities.length, competencies: referentiel.activities.reduce((n, a) => n + a.competencies.length, 0) },
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

  // Lean markup (issue 14 §9, EcoIndex): one card per activity; a competency is its heading, text, criteria heading and list;
  // a criterion is one <li> whose id (« C3.2-1 ») the stylesheet shows before its text.
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
        <nav className="side-toc card ref-toc" aria-labelledby="ref-toc-title">
          <h2 id="ref-toc-title" className="visually-hidden">
            Activités du référentiel
          </h2>
          {toc.map((a) => (
            <a key={a.id} href={`#${a.id}`}>
              {a.id} · {ft(a.title)}
            </a>
          ))}
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
            <section key={a.id} id={a.id} className="activity card" aria-labelledby={`${a.id}-title`}>
              <h2 id={`${a.id}-title`} className="activity__title">
                <span className="activity__id">{a.id}</span> {ft(a.title)}
              </h2>
              {a.evaluations.length ? (
                <p className="activity__evaluation">
                  Évaluée par{' '}
                  {a.evaluations.map((e, i) => (
                    <Fragment key={e.id}>
                      {i ? ' ; ' : ''}
                      <Badge tone={e.group ? 'accent' : 'info'}>{ft(e.title)}</Badge> ({e.range}) · {ft(e.workMode)}
                    </Fragment>
                  ))}
                </p>
              ) : null}
              {a.competencies.map((c) => (
                <Fragment key={c.id}>
                  <h3 id={c.id} className="competency__id">
                    {c.id}
                  </h3>
                  <p className="competency__text">{ft(c.text)}</p>
                  <h4 className="criteria__heading">{ft(c.criteriaHeading)}</h4>
                  <ol className="criteria__list">
                    {c.criteria.map((k) => (
                      <li key={k.id} id={k.id}>
                        {ft(k.text)}
                      </li>
                    ))}
                  </ol>
                </Fragment>
              ))}
            </section>
          ))}
        </div>
      </div>
    </>
  )
}
