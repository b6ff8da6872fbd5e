import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DownloadLink } from '~/components/download-link'
import { Badge, EmptyState, PageHeader, ProgressBar } from '~/components/ui'
import { formatDate, frenchTypography as ft } from '~/domain/format'
import { HAND_IN_STATE_LABELS, HAND_IN_STATE_TONES } from '~/domain/hand-in-status'
import { RAPPORT_TYPE } from '~/domain/referentiel'
import { requireRole } from '~/services/auth.server'
import { learnerHome } from '~/services/homes.server'
import { publishedResultSessions } from '~/services/publication.server'

export const meta: MetaFunction = () => [{ title: 'Mes épreuves — Atelier' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'learner')
  const published = await publishedResultSessions(user.id)
  return { firstName: user.name.split(' ')[0], sessions: (await learnerHome(user.id)).map((s) => ({ ...s, resultsPublished: published.has(s.id) })) }
}

const PART_LABELS = { written: 'Écrit', oral: 'Oral', rex: 'REX individuel' } as const

/** « Écrit · Oral · REX individuel »: the parts of an épreuve. */
const partsOf = (parts: Record<keyof typeof PART_LABELS, boolean>) =>
  (Object.keys(PART_LABELS) as (keyof typeof PART_LABELS)[])
    .filter((p) => parts[p])
    .map((p) => PART_LABELS[p])
    .join(' · ')

export default function LearnerHome() {
  const { firstName, sessions } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader title={`Bonjour ${firstName}`} lead="Voici les épreuves de votre session d’examen et les compétences que chacune évalue." />
      {sessions.length === 0 ? (
        <EmptyState title="Vous n’êtes inscrit·e à aucune session d’examen">
          <p>Votre école vous inscrira à une session ; vos épreuves apparaîtront alors ici.</p>
        </EmptyState>
      ) : null}
      {sessions.map((s) => (
        <section key={s.id} aria-labelledby={`session-${s.id}`}>
          <h2 id={`session-${s.id}`}>{s.name}</h2>
          <p className="card__muted">
            Du {formatDate(s.startsOn)} au {formatDate(s.endsOn)} · {s.evaluationCount} épreuves
            {s.tutors.length ? ` · Tutorat\u00a0: ${s.tutors.join(', ')}` : ''}
          </p>
          {s.resultsPublished ? (
            <p className="group-actions">
              <Link className="button button--small" to={`/candidat/sessions/${s.id}/resultats`}>
                Voir mes résultats<span className="visually-hidden"> — {s.name}</span>
              </Link>
            </p>
          ) : null}
          {s.types.map((type) => (
            <section key={type.id} aria-labelledby={`${s.id}-${type.id}`}>
              <h3 id={`${s.id}-${type.id}`} className="group-heading">
                {ft(type.label)} <span className="count">({type.evaluations.length})</span>
              </h3>
              {type.id === RAPPORT_TYPE ? (
                <p className="group-actions">
                  <DownloadLink href={`/candidat/sessions/${s.id}/rapport-de-competences.docx`}>
                    Télécharger le rapport de compétences complet (Word)
                  </DownloadLink>
                </p>
              ) : null}
              <ul className="card-grid">
                {type.evaluations.map((e) => (
                  <li key={e.id} className="card home-card" id={`epreuve-${e.id}`}>
                    <p className="card__meta">
                      <Badge tone={e.mode === 'group' ? 'accent' : 'info'}>{e.mode === 'group' ? 'En groupe' : 'Individuel'}</Badge>
                      {partsOf(e.parts)}
                    </p>
                    <h4>
                      {ft(e.title)} <span className="card__muted">({e.range})</span>
                    </h4>
                    {e.subject ? <p className="home-card__subject">{ft(`« ${e.subject} »`)}</p> : null}
                    {e.mode === 'group' ? (
                      <p>
                        {e.group ? (
                          <>
                            <strong>{e.group.name}</strong>
                            {e.group.partners.length ? ` avec ${e.group.partners.join(' et ')}` : ''}
                          </>
                        ) : (
                          'Groupe pas encore constitué'
                        )}
                      </p>
                    ) : null}
                    {e.next ? (
                      <p className="home-card__next">
                        {e.next.state ? (
                          <>
                            <Badge tone={HAND_IN_STATE_TONES[e.next.state]}>{HAND_IN_STATE_LABELS[e.next.state]}</Badge>
                            {e.next.text ? ` ${e.next.text}` : null}
                          </>
                        ) : (
                          e.next.text
                        )}
                      </p>
                    ) : null}
                    {e.edited ? (
                      <p className="card__muted">
                        {e.edited}
                        {e.rexState ? (
                          <>
                            {' '}
                            · REX&nbsp;: <Badge tone={HAND_IN_STATE_TONES[e.rexState]}>{HAND_IN_STATE_LABELS[e.rexState]}</Badge>
                          </>
                        ) : null}
                      </p>
                    ) : null}
                    <ProgressBar
                      label={`Auto-évaluation ${e.range}`}
                      achieved={e.progress.achieved}
                      total={e.progress.total}
                      inProgress={e.progress.inProgress}
                    />
                    <p className="card__actions">
                      {e.dossierId ? (
                        <Link
                          className="button button--small"
                          to={`/dossiers/${e.dossierId}`}
                          aria-label={`Ouvrir le dossier ${e.title} (${e.range})${e.subject ? ` — ${e.subject}` : ''}`}
                        >
                          Ouvrir le dossier
                        </Link>
                      ) : null}
                      {e.rexDossierId ? (
                        <Link className="button button--ghost button--small" to={`/dossiers/${e.rexDossierId}`} aria-label={`Mon REX individuel ${e.range}`}>
                          Mon REX individuel
                        </Link>
                      ) : null}
                    </p>
                    <ul className="chips" aria-label="Compétences évaluées">
                      {e.competencyIds.map((id) => (
                        <li key={id}>
                          <Link className="chip" to={`/referentiel#${id}`}>
                            {id}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </section>
      ))}
    </>
  )
}
