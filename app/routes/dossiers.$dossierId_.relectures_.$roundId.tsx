import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { Alert, Badge, PageHeader } from '~/components/ui'
import { formatDate, formatNumber, formatTime, frenchTypography as ft, plural } from '~/domain/format'
import { dossierGrants } from '~/domain/permissions'
import { REVIEW_SUMMARY_MAX, threadCountsText } from '~/domain/review-round'
import { CloseRoundSchema } from '~/services/review-round-input.server'
import type { DiffSegment } from '~/domain/word-diff'
import { requireDossierAccess } from '~/services/dossier-access.server'
import { templateOfDossier } from '~/services/dossiers.server'
import { changesSince, closeRound, ReviewRoundError, roundsOf } from '~/services/review-rounds.server'

export const meta: MetaFunction = () => [{ title: 'Relecture du dossier — Atelier' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { dossier, relations } = await requireDossierAccess(request, params.dossierId, 'read')
  const round = (await roundsOf(dossier.id)).find((r) => r.id === params.roundId)
  const changes = round ? await changesSince(dossier, round.id) : null
  if (!round || !changes) throw new Response('Cette relecture n’existe pas.', { status: 404 })
  return { dossierId: dossier.id, title: templateOfDossier(dossier).title, round, ...changes, canClose: dossierGrants(relations, 'comment') }
}

/** The tutor closes the round with a summary. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, dossier } = await requireDossierAccess(request, params.dossierId, 'comment')
  const raw = (await request.formData()).get('summary')
  const summary = typeof raw === 'string' ? raw : ''
  const parsed = CloseRoundSchema.safeParse({ summary: raw ?? undefined })
  if (!parsed.success) return data({ error: parsed.error.issues[0]?.message ?? 'Demande invalide.', summary }, { status: 400 })
  try {
    await closeRound(dossier, params.roundId ?? '', user.id, parsed.data.summary)
  } catch (error) {
    if (error instanceof ReviewRoundError) return data({ error: error.message, summary }, { status: error.status })
    throw error
  }
  throw redirect(`/dossiers/${dossier.id}/relectures/${params.roundId}?close=1`)
}

const when = (ms: number) => `${formatDate(new Date(ms))} à ${formatTime(new Date(ms))}`

/** One segment of a word diff: inserted and deleted words are marked, and named for screen readers. */
function Segment({ segment }: { segment: DiffSegment }) {
  if (segment.op === 'insert')
    return (
      <ins>
        <span className="visually-hidden">{'[ajouté\u00a0: '}</span>
        {segment.text}
        <span className="visually-hidden">]</span>
      </ins>
    )
  if (segment.op === 'delete')
    return (
      <del>
        <span className="visually-hidden">{'[supprimé\u00a0: '}</span>
        {segment.text}
        <span className="visually-hidden">]</span>
      </del>
    )
  return <>{segment.text}</>
}

const isEqual = (block: DiffSegment[]) => block.every((s) => s.op === 'equal')

/**
 * A rich-text section as a word diff, one paragraph per block. Unchanged
 * paragraphs far from any change are folded (« 4 paragraphes inchangés »).
 */
function WordDiff({ blocks }: { blocks: DiffSegment[][] }) {
  // Kept in view: changed blocks and their unchanged neighbours.
  const near = blocks.map((_, i) => [i - 1, i, i + 1].some((j) => blocks[j] && !isEqual(blocks[j]!)))
  const parts: ({ fold: false; index: number } | { fold: true; indices: number[] })[] = []
  blocks.forEach((_, i) => {
    const last = parts.at(-1)
    if (near[i]) parts.push({ fold: false, index: i })
    else if (last?.fold) last.indices.push(i)
    else parts.push({ fold: true, indices: [i] })
  })
  const paragraph = (i: number) => (
    <p key={i} className={`review-diff__block${isEqual(blocks[i]!) ? '' : ' review-diff__block--changed'}`}>
      {blocks[i]!.map((s, j) => (
        <Segment key={j} segment={s} />
      ))}
    </p>
  )
  return (
    <div className="review-diff">
      {parts.map((part) =>
        part.fold ? (
          <details key={`fold-${part.indices[0]}`} className="review-diff__fold">
            <summary>{plural(part.indices.length, 'paragraphe inchangé', 'paragraphes inchangés')}</summary>
            {part.indices.map(paragraph)}
          </details>
        ) : (
          paragraph(part.index)
        ),
      )}
    </div>
  )
}

export default function Round() {
  const { dossierId, title, round, since, sections, canClose } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const closing = useNavigation().state === 'submitting'
  const [params] = useSearchParams()
  const justClosed = params.get('close') === '1' && round.closedAt !== null
  const summary = useRef<HTMLTextAreaElement>(null)
  const open = round.closedAt === null
  const changed = sections.filter((s) => s.changed).length

  useEffect(() => {
    if (actionData?.error) summary.current?.focus()
  }, [actionData])

  return (
    <>
      <PageHeader
        title={`Relecture du ${formatDate(new Date(round.requestedAt))}`}
        lead={ft(title)}
        actions={
          <>
            <Link to={`/dossiers/${dossierId}/relectures`} className="button button--ghost button--small">
              Toutes les relectures
            </Link>
            <Link to={`/dossiers/${dossierId}`} className="button button--ghost button--small">
              Retour au dossier
            </Link>
            {open && canClose ? (
              <a href="#clore" className="button button--small">
                Aller à la synthèse
              </a>
            ) : null}
          </>
        }
      />
      <div className="review-page stack">
        {justClosed ? <Alert tone="success">La relecture est close. Les candidat·es ont été prévenu·es.</Alert> : null}

        <section className="card review-round" aria-labelledby="demande">
          <div className="review-round__head">
            <h2 id="demande" className="review-round__title">
              La demande
            </h2>
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
            <div>
              <dt>Commentaires</dt>
              <dd>{threadCountsText(round)}</dd>
            </div>
          </dl>
          {round.message ? <p className="review-text">{round.message}</p> : <p className="card__muted">Aucun message avec la demande.</p>}
        </section>

        {!open ? (
          <section className="card review-round review-round--closed" aria-labelledby="synthese">
            <h2 id="synthese" className="review-round__title">
              Synthèse
            </h2>
            <p className="card__muted">
              Close le {when(round.closedAt!)}
              {round.closedBy ? ` par ${round.closedBy}` : ''}
            </p>
            <p className="review-text">{round.summary}</p>
          </section>
        ) : null}

        <section aria-labelledby="changements">
          <h2 id="changements" className="review-page__heading">
            Ce qui a changé
          </h2>
          <p className="card__muted">
            {since === null ? 'Depuis le début du dossier (première relecture)' : `Depuis la relecture close le ${when(since)}`}
            {open ? ', jusqu’à maintenant' : ', jusqu’à la clôture de cette relecture'} : {plural(changed, 'section modifiée', 'sections modifiées')} sur{' '}
            {sections.length}.
          </p>
          <p className="review-legend" aria-hidden="true">
            <ins>texte ajouté</ins> <del>texte supprimé</del>
          </p>
          <ol className="review-sections">
            {sections.map((s) => {
              const headingId = `changement-${s.sectionId}`
              const comment = (
                <Link to={`/dossiers/${dossierId}#section-${s.sectionId}`} className="review-section__link">
                  {canClose ? 'Commenter' : 'Ouvrir'} dans le dossier<span className="visually-hidden"> : {ft(s.title)}</span>
                </Link>
              )
              if (!s.changed) {
                return (
                  <li key={s.sectionId} className="review-section review-section--same">
                    <h3 id={headingId} className="review-section__title">
                      {ft(s.title)}
                    </h3>
                    <Badge>Inchangée</Badge>
                    {comment}
                  </li>
                )
              }
              return (
                <li key={s.sectionId} className="review-section card">
                  <section aria-labelledby={headingId}>
                    <div className="review-section__head">
                      <h3 id={headingId} className="review-section__title">
                        {ft(s.title)}
                      </h3>
                      <Badge tone="info">Modifiée</Badge>
                      {comment}
                    </div>
                    {s.changes?.length ? (
                      <ul className={s.words ? 'review-section__summary' : 'review-section__changes'}>
                        {s.changes.map((c, i) => (
                          <li key={i}>{ft(c)}</li>
                        ))}
                      </ul>
                    ) : null}
                    {s.words ? <WordDiff blocks={s.words} /> : null}
                  </section>
                </li>
              )
            })}
          </ol>
        </section>

        {open && canClose ? (
          <section className="card review-close" aria-labelledby="clore" id="clore-section">
            <h2 id="clore" className="review-page__heading" tabIndex={-1}>
              Clore la relecture
            </h2>
            <Form method="post" className="form" noValidate>
              {actionData?.error ? (
                <p className="field__error" id="summary-error" role="alert">
                  {actionData.error}
                </p>
              ) : null}
              <div className="field">
                <label htmlFor="summary">Synthèse pour le ou la candidat·e</label>
                <p className="field__hint" id="summary-hint">
                  Ce qui progresse, ce qui reste à travailler, les priorités pour la suite. {formatNumber(REVIEW_SUMMARY_MAX)} caractères au plus.
                </p>
                <textarea
                  ref={summary}
                  id="summary"
                  name="summary"
                  rows={6}
                  maxLength={REVIEW_SUMMARY_MAX}
                  required
                  defaultValue={actionData?.summary}
                  aria-invalid={actionData?.error ? true : undefined}
                  aria-describedby={actionData?.error ? 'summary-hint summary-error' : 'summary-hint'}
                />
              </div>
              <div>
                <button type="submit" className="button" disabled={closing}>
                  {closing ? 'Clôture…' : 'Clore la relecture'}
                </button>
              </div>
            </Form>
          </section>
        ) : null}
      </div>
    </>
  )
}
