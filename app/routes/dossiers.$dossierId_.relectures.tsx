import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { RequestReviewForm, type RequestReviewReply } from '~/components/review/request-review'
import { Badge, EmptyState, PageHeader } from '~/components/ui'
import { formatDate, formatTime, frenchTypography as ft } from '~/domain/format'
import { dossierGrants } from '~/domain/permissions'
import { threadCountsText } from '~/domain/review-round'
import { RequestReviewSchema } from '~/services/review-round-input.server'
import { requireDossierAccess } from '~/services/dossier-access.server'
import { templateOfDossier } from '~/services/dossiers.server'
import { requestReview, ReviewRoundError, roundsOf, type RoundListItem } from '~/services/review-rounds.server'

export const meta: MetaFunction = () => [{ title: 'Relectures du dossier — Atelier' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { dossier, relations } = await requireDossierAccess(request, params.dossierId, 'read')
  return {
    dossierId: dossier.id,
    title: templateOfDossier(dossier).title,
    rounds: await roundsOf(dossier.id),
    // The learners who work on the dossier ask for a review; its tutor closes one.
    canRequest: dossierGrants(relations, 'update'),
    canClose: dossierGrants(relations, 'comment'),
    canEdit: dossierGrants(relations, 'update'),
  }
}

/** A learner who works on the dossier asks for a review (also posted by <RequestReview> from the dossier page). */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, dossier } = await requireDossierAccess(request, params.dossierId, 'update')
  const raw = (await request.formData()).get('message')
  const typed = typeof raw === 'string' ? raw : ''
  const parsed = RequestReviewSchema.safeParse({ message: raw ?? undefined })
  if (!parsed.success) {
    return data<RequestReviewReply>({ ok: false, error: parsed.error.issues[0]?.message ?? 'Demande invalide.', message: typed }, { status: 400 })
  }
  try {
    const round = await requestReview(dossier, user.id, parsed.data.message)
    return data<RequestReviewReply>({ ok: true, roundId: round.id, requestedAt: round.requestedAt.getTime(), error: null })
  } catch (error) {
    if (error instanceof ReviewRoundError) return data<RequestReviewReply>({ ok: false, error: error.message, message: typed }, { status: error.status })
    throw error
  }
}

const when = (ms: number) => `${formatDate(new Date(ms))} à ${formatTime(new Date(ms))}`

/** A message or a summary: plain text, line breaks kept. */
function PlainText({ text, className }: { text: string; className?: string }) {
  return <p className={`review-text ${className ?? ''}`}>{text}</p>
}

function RoundCard({ round, dossierId, current, canClose }: { round: RoundListItem; dossierId: string; current: boolean; canClose: boolean }) {
  const headingId = `relecture-${round.id}`
  const url = `/dossiers/${dossierId}/relectures/${round.id}`
  const open = round.closedAt === null
  return (
    <article className={`card review-round${open ? ' review-round--open' : ''}`} aria-labelledby={headingId}>
      <div className="review-round__head">
        <h3 id={headingId} className="review-round__title" tabIndex={current ? -1 : undefined}>
          Relecture demandée le {formatDate(new Date(round.requestedAt))}
        </h3>
        {open ? <Badge tone="accent">En cours</Badge> : <Badge tone="success">Close</Badge>}
      </div>
      <dl className="review-round__facts">
        <div>
          <dt>Demandée</dt>
          <dd>
            le {when(round.requestedAt)}
            {round.requestedBy ? ` par ${round.requestedBy}` : ''}
          </dd>
        </div>
        {round.closedAt !== null ? (
          <div>
            <dt>Close</dt>
            <dd>
              le {when(round.closedAt)}
              {round.closedBy ? ` par ${round.closedBy}` : ''}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Commentaires</dt>
          <dd>{threadCountsText(round)}</dd>
        </div>
      </dl>
      {round.message ? (
        <div className="review-round__block">
          <h4 className="review-round__label">Message de la demande</h4>
          <PlainText text={round.message} />
        </div>
      ) : null}
      {round.summary ? (
        <div className="review-round__block">
          <h4 className="review-round__label">Synthèse</h4>
          <PlainText text={round.summary} />
        </div>
      ) : null}
      <p className="review-round__link">
        <Link to={url} className={open && canClose ? 'button button--small' : undefined}>
          {open && canClose ? 'Voir les changements et clore la relecture' : 'Voir les changements'}
          <span className="visually-hidden"> de la relecture du {formatDate(new Date(round.requestedAt))}</span>
        </Link>
      </p>
    </article>
  )
}

export default function Rounds() {
  const { dossierId, title, rounds, canRequest, canClose, canEdit } = useLoaderData<typeof loader>()
  const answered = useActionData<typeof action>()
  const openRound = rounds.find((r) => r.closedAt === null) ?? null
  const past = rounds.filter((r) => r !== openRound)
  // A round just asked for: its heading takes the focus (the form it replaces is gone).
  const shown = useRef(openRound?.id)
  useEffect(() => {
    if (openRound && openRound.id !== shown.current) document.getElementById(`relecture-${openRound.id}`)?.focus()
    shown.current = openRound?.id
  }, [openRound])
  return (
    <>
      <PageHeader
        title="Relectures"
        lead={ft(title)}
        actions={
          <Link to={`/dossiers/${dossierId}`} className="button button--ghost button--small">
            Retour au dossier
          </Link>
        }
      />
      <div className="review-page stack">
        {openRound ? (
          <section aria-labelledby="relecture-en-cours">
            <h2 id="relecture-en-cours" className="review-page__heading">
              Relecture en cours
            </h2>
            <RoundCard round={openRound} dossierId={dossierId} current canClose={canClose} />
          </section>
        ) : canRequest ? (
          <section className="card review-request" aria-labelledby="demander">
            <h2 id="demander" className="review-page__heading">
              Demander une relecture
            </h2>
            <p className="card__muted">
              Votre tuteur ou tutrice sera prévenu·e. Il ou elle verra ce qui a changé depuis la dernière relecture, commentera, puis clora la relecture par une
              synthèse.
            </p>
            <RequestReviewForm dossierId={dossierId} answered={answered} />
          </section>
        ) : null}

        <section aria-labelledby="relectures-passees">
          <h2 id="relectures-passees" className="review-page__heading">
            {openRound ? 'Relectures précédentes' : 'Relectures closes'}
          </h2>
          {past.length === 0 ? (
            <EmptyState title="Aucune relecture close pour l’instant">
              <p>
                {canEdit
                  ? 'Quand votre dossier est prêt à être relu, demandez une relecture : la synthèse de votre tuteur ou tutrice s’affichera ici.'
                  : 'Les relectures closes s’afficheront ici avec leur synthèse et le nombre de commentaires ouverts et résolus.'}
              </p>
            </EmptyState>
          ) : (
            <ol className="review-list">
              {past.map((round) => (
                <li key={round.id}>
                  <RoundCard round={round} dossierId={dossierId} current={false} canClose={canClose} />
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </>
  )
}
