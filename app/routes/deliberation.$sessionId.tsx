import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from '@remix-run/react'
import { useEffect, useRef, type FormEvent } from 'react'
import { useConfirm } from '~/components/confirm-dialog'
import { DownloadLink } from '~/components/download-link'
import { SessionLinks } from '~/components/session-links'
import { Badge, EmptyState, PageHeader } from '~/components/ui'
import { OVERALL_DECISION_LABELS } from '~/domain/deliberation'
import { formatDate, frenchTypography as ft, plural } from '~/domain/format'
import { formatInstant } from '~/domain/hand-in'
import { requireUser } from '~/services/auth.server'
import { deliberationAccess, deliberationList, DeliberationError, liftAnonymity } from '~/services/deliberation.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Délibération — ${data?.session.name ?? 'Session'} — Atelier` }]

/**
 * The deliberation of a session: its candidates with the proposed and
 * confirmed decisions. For the session's jury president and the admins only
 * (deliberationAccess: 403 for anyone else, 404 for an unknown session).
 * Admins lift the anonymity of the anonymous épreuves here, once every
 * decision is confirmed.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const list = await deliberationList(await deliberationAccess(user, params.sessionId ?? ''))
  const { session } = list
  return {
    session: {
      id: session.id,
      name: session.name,
      dates: `du ${formatDate(session.startsOn)} au ${formatDate(session.endsOn)}`,
      presidentName: session.presidentName,
      publishedLabel: session.resultsPublishedAt ? formatInstant(new Date(session.resultsPublishedAt)) : null,
    },
    viewer: list.viewer,
    blocs: list.blocs,
    confirmed: list.confirmed,
    candidates: list.candidates.map((c) => ({
      learnerId: c.learnerId,
      name: c.name,
      proposed: OVERALL_DECISION_LABELS[c.proposed],
      blocsAcquired: c.blocsAcquired,
      pending: c.pending,
      confirmed: c.confirmed && {
        decision: OVERALL_DECISION_LABELS[c.confirmed.decision],
        by: c.confirmed.confirmedByName,
        at: formatInstant(new Date(c.confirmed.confirmedAt)),
        departs: c.confirmed.departs,
      },
    })),
    anonymous: list.viewer.admin
      ? list.anonymous.map((i) => ({ id: i.instanceId, title: ft(i.title), liftedLabel: i.liftedAt ? formatInstant(new Date(i.liftedAt)) : null }))
      : [],
  }
}

type Outcome = { ok: boolean; message: string }

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const access = await deliberationAccess(user, params.sessionId ?? '')
  const form = await request.formData()
  if (form.get('intent') !== 'lift-anonymity') return data<Outcome>({ ok: false, message: 'Action inconnue.' }, { status: 400 })
  try {
    const { lifted } = await liftAnonymity(access)
    return data<Outcome>({
      ok: true,
      message:
        lifted === 0
          ? 'L’anonymat était déjà levé pour toutes les épreuves anonymes de la session.'
          : `Anonymat levé pour ${plural(lifted, 'épreuve', 'épreuves')}\u00a0: les juré·es voient désormais le nom des candidat·es.`,
    })
  } catch (error) {
    if (!(error instanceof DeliberationError)) throw error
    return data<Outcome>({ ok: false, message: error.message }, { status: error.status })
  }
}

export default function Deliberation() {
  const { session, viewer, blocs, confirmed, candidates, anonymous } = useLoaderData<typeof loader>()
  const total = candidates.length
  return (
    <div className="delib">
      <PageHeader
        title="Délibération"
        lead={
          <>
            {session.name}, {session.dates}. Président·e du jury&nbsp;: {session.presidentName ?? <em>non désigné·e</em>}.
          </>
        }
        actions={
          viewer.admin ? (
            <SessionLinks sessionId={session.id} current="Délibération" />
          ) : (
            <Link className="button button--ghost button--small" to="/jury">
              Mes évaluations
            </Link>
          )
        }
      />
      {session.publishedLabel ? (
        <p className="alert alert--info">Résultats publiés le {session.publishedLabel}&nbsp;: les décisions ne peuvent plus changer.</p>
      ) : null}
      {viewer.admin && !viewer.president ? (
        <p className="alert alert--info">Vous consultez la délibération&nbsp;: seul·e le ou la président·e du jury confirme les décisions.</p>
      ) : null}

      <section className="section" aria-labelledby="delib-blocs-title">
        <h2 id="delib-blocs-title">Blocs de compétences</h2>
        {blocs.length === 0 ? (
          <p className="alert alert--info">
            La session n’a aucun bloc de compétences&nbsp;: les décisions se prennent par bloc.{' '}
            {viewer.admin ? <Link to={`/admin/sessions/${session.id}/blocs`}>Définir les blocs</Link> : 'L’administration doit d’abord les définir.'}
          </p>
        ) : (
          <>
            {blocs.some((b) => b.example) ? (
              <p className="card__muted">
                <Badge tone="info">Exemple</Badge> Le référentiel permet de certifier bloc par bloc sans lister les blocs&nbsp;: ce regroupement est un exemple,
                que l’administration peut modifier.
              </p>
            ) : null}
            <ol className="delib-blocs">
              {blocs.map((b) => (
                <li key={b.id}>
                  {b.title} <span className="card__muted">({plural(b.competencies, 'compétence', 'compétences')})</span>
                  {b.example ? (
                    <>
                      {' '}
                      <Badge tone="info">Exemple</Badge>
                    </>
                  ) : null}
                </li>
              ))}
            </ol>
          </>
        )}
      </section>

      {total > 0 && confirmed > 0 ? (
        <section className="section" aria-labelledby="delib-documents-title">
          <h2 id="delib-documents-title">Documents</h2>
          <p className="card__muted">Les documents reprennent les décisions confirmées à l’instant du téléchargement.</p>
          <p className="card__actions">
            <DownloadLink href={`/deliberation/${session.id}/proces-verbal.docx`}>Procès-verbal de délibération (Word)</DownloadLink>
            <DownloadLink href={`/deliberation/${session.id}/resultats.xlsx`}>Grille des résultats (Excel)</DownloadLink>
          </p>
        </section>
      ) : null}

      <section className="section" aria-labelledby="delib-candidates-title">
        <h2 id="delib-candidates-title">Candidat·es</h2>
        <p className="delib__progress">
          {plural(confirmed, 'décision confirmée', 'décisions confirmées')} sur {plural(total, 'candidat·e', 'candidat·es')}
          {total > confirmed ? ` — ${plural(total - confirmed, 'reste', 'restent')} à délibérer` : ''}.
        </p>
        {total === 0 ? (
          <EmptyState title="Aucun·e candidat·e inscrit·e à cette session" />
        ) : (
          <table className="table delib-table">
            <caption className="visually-hidden">Candidat·es de la session, avec la décision proposée et la décision du jury</caption>
            <thead>
              <tr>
                <th scope="col">Candidat·e</th>
                <th scope="col">Proposition</th>
                <th scope="col">Décision du jury</th>
              </tr>
            </thead>
            <tbody>
              {candidates.map((c) => (
                <tr key={c.learnerId}>
                  <th scope="row">
                    <Link to={`/deliberation/${session.id}/${c.learnerId}`}>{c.name}</Link>
                  </th>
                  <td>
                    <span className="delib-table__label">Proposition&nbsp;: </span>
                    {c.proposed}
                    <span className="delib-table__detail">
                      {blocs.length ? `${plural(c.blocsAcquired, 'bloc acquis', 'blocs acquis')} sur ${blocs.length}` : null}
                      {c.pending ? ` · ${plural(c.pending, 'compétence sans résultat', 'compétences sans résultat')}` : null}
                    </span>
                  </td>
                  <td>
                    <span className="delib-table__label">Décision du jury&nbsp;: </span>
                    {c.confirmed ? (
                      <>
                        <Badge tone="success">Confirmée</Badge> {c.confirmed.decision}
                        {c.confirmed.departs ? (
                          <>
                            {' '}
                            <Badge tone="accent">Écart à la proposition</Badge>
                          </>
                        ) : null}
                        <span className="delib-table__detail">
                          par {c.confirmed.by}, le {c.confirmed.at}
                        </span>
                      </>
                    ) : (
                      <Badge tone="info">À délibérer</Badge>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {viewer.admin ? <Anonymity instances={anonymous} remaining={total - confirmed} /> : null}
    </div>
  )
}

function Anonymity({ instances, remaining }: { instances: { id: string; title: string; liftedLabel: string | null }[]; remaining: number }) {
  const outcome = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'lift-anonymity'
  const submit = useSubmit()
  const { ask, dialog } = useConfirm()
  const message = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (outcome && navigation.state === 'idle') message.current?.focus()
  }, [outcome, navigation.state])
  const open = instances.filter((i) => !i.liftedLabel)
  const confirmLift = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = event.currentTarget
    ask(
      <>
        Lever l’anonymat de {plural(open.length, 'épreuve', 'épreuves')}&#8239;? Les juré·es verront le nom des candidat·es sur leurs copies. La levée est
        définitive.
      </>,
      () => submit(form),
      'Lever l’anonymat',
    )
  }
  return (
    <section className="section card delib-anonymity" aria-labelledby="delib-anonymity-title">
      <h2 id="delib-anonymity-title">Levée de l’anonymat</h2>
      {outcome ? (
        <div ref={message} tabIndex={-1} className={`alert alert--${outcome.ok ? 'success' : 'error'}`} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.message}
        </div>
      ) : null}
      {instances.length === 0 ? (
        <p className="card__muted">Aucune épreuve de la session n’est corrigée anonymement.</p>
      ) : (
        <>
          <ul className="delib-anonymity__list">
            {instances.map((i) => (
              <li key={i.id}>
                {i.title}&nbsp;: {i.liftedLabel ? <>anonymat levé le {i.liftedLabel}</> : <Badge tone="info">Correction anonyme</Badge>}
              </li>
            ))}
          </ul>
          {open.length ? (
            <Form method="post" onSubmit={confirmLift}>
              <input type="hidden" name="intent" value="lift-anonymity" />
              <p className="field__hint" id="lift-hint">
                {remaining > 0
                  ? `L’anonymat se lève après la délibération\u00a0: ${plural(remaining, 'décision reste', 'décisions restent')} à confirmer.`
                  : 'Toutes les décisions sont confirmées\u00a0: l’anonymat peut être levé.'}
              </p>
              <button type="submit" className="button" disabled={busy} aria-describedby="lift-hint">
                {busy ? 'Levée en cours…' : 'Lever l’anonymat'}
              </button>
            </Form>
          ) : null}
        </>
      )}
      {dialog}
    </section>
  )
}
