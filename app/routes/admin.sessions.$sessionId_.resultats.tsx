import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSubmit } from '@remix-run/react'
import { useRef, type FormEvent } from 'react'
import { SessionLinks } from '~/components/session-links'
import { useConfirm } from '~/components/confirm-dialog'
import { DownloadLink } from '~/components/download-link'
import { Alert, Badge, PageHeader, TableWrap } from '~/components/ui'
import { formatDate, plural } from '~/domain/format'
import { formatInstant } from '~/domain/hand-in'
import { requirePermission } from '~/services/auth.server'
import { PublicationError, PublicationFormSchema, publicationState, publishResults, withdrawResults } from '~/services/publication.server'
import { usePostFocus } from '~/components/use-post-focus'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Résultats et publication — ${data?.session.name ?? 'Session'} — Atelier` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:examSession:any')
  const state = await publicationState(params.sessionId ?? '')
  if (!state) throw new Response('Cette session d’examen n’existe pas.', { status: 404 })
  return state
}

type Outcome = { ok: boolean; message: string }

export async function action({ request, params }: ActionFunctionArgs) {
  await requirePermission(request, 'update:examSession:any')
  const sessionId = params.sessionId ?? ''
  const parsed = PublicationFormSchema.safeParse(Object.fromEntries(await request.formData()))
  if (!parsed.success) return data<Outcome>({ ok: false, message: 'Action inconnue.' }, { status: 400 })
  try {
    if (parsed.data.intent === 'publish') {
      await publishResults(sessionId)
      const state = (await publicationState(sessionId))!
      return data<Outcome>({
        ok: true,
        message: `Les résultats sont publiés\u00a0: ${state.total > 1 ? `les ${plural(state.total, 'candidat·e', 'candidat·es')} les voient dans leur espace` : 'le ou la candidat·e les voit dans son espace'}.`,
      })
    }
    await withdrawResults(sessionId)
    return data<Outcome>({ ok: true, message: 'La publication est retirée\u00a0: les candidat·es ne voient plus leurs résultats.' })
  } catch (error) {
    if (error instanceof PublicationError) return data<Outcome>({ ok: false, message: error.message }, { status: error.status })
    throw error
  }
}

const DECISION_TONES = { complete: 'success', partial: 'info', deferred: 'accent' } as const

export default function SessionResults() {
  const { session, total, deliberated, candidates, refusal } = useLoaderData<typeof loader>()
  const outcome = useActionData<typeof action>()
  const navigation = useNavigation()
  const submit = useSubmit()
  const { ask, dialog } = useConfirm()
  const busy = navigation.state === 'submitting'
  const published = session.publishedAt !== null
  const missing = candidates.filter((c) => c.decision === null)

  // After a post, focus goes to its message, once the page's data is reloaded.
  const message = useRef<HTMLDivElement>(null)
  usePostFocus(outcome, () => message.current)

  const confirmPublish = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = event.currentTarget
    ask(
      <>
        Publier les résultats de la session «&nbsp;{session.name}&nbsp;»&#8239;? Chaque candidat·e ({plural(total, 'inscrit·e', 'inscrit·es')}) verra sa
        décision, ses blocs et, critère par critère, le niveau et le commentaire du jury. La délibération ne pourra plus être modifiée tant que la publication
        n’est pas retirée.
      </>,
      () => submit(form),
      'Publier les résultats',
    )
  }
  const confirmWithdraw = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = event.currentTarget
    ask(
      <>
        Retirer la publication des résultats&#8239;? Les candidat·es ne les verront plus jusqu’à une nouvelle publication&nbsp;; rien n’est effacé et la
        délibération pourra de nouveau être modifiée.
      </>,
      () => submit(form),
      'Retirer la publication',
    )
  }

  return (
    <div className="results-admin">
      <PageHeader
        title="Résultats et publication"
        lead={
          <>
            {session.name}, du {formatDate(session.startsOn)} au {formatDate(session.endsOn)}.
          </>
        }
        actions={<SessionLinks sessionId={session.id} current="Publication des résultats" />}
      />

      {outcome ? (
        <div ref={message} className={`alert alert--${outcome.ok ? 'success' : 'error'}`} role={outcome.ok ? 'status' : 'alert'} tabIndex={-1}>
          {outcome.message}
        </div>
      ) : null}

      <section className="card results-admin__state" aria-labelledby="etat">
        <h2 id="etat">Où en est la session</h2>
        <dl className="stats">
          <div className="stat">
            <dt>Candidat·es délibéré·es</dt>
            <dd>
              {deliberated}&nbsp;/&nbsp;{total}
            </dd>
          </div>
          <div className="stat">
            <dt>Publication</dt>
            <dd>{published ? <Badge tone="success">Publiés</Badge> : <Badge>Non publiés</Badge>}</dd>
          </div>
        </dl>
        {published ? (
          <p>Résultats publiés le {formatInstant(new Date(session.publishedAt!))} (heure de Paris)&nbsp;: chaque candidat·e les voit dans son espace.</p>
        ) : refusal ? (
          <p className="results-admin__refusal">{refusal}</p>
        ) : (
          <p>Toutes les délibérations sont confirmées&nbsp;: les résultats peuvent être publiés.</p>
        )}

        {published ? (
          <Form method="post" onSubmit={confirmWithdraw}>
            <input type="hidden" name="intent" value="withdraw" />
            <button type="submit" className="button button--ghost" disabled={busy}>
              Retirer la publication
            </button>
          </Form>
        ) : (
          <Form method="post" onSubmit={confirmPublish}>
            <input type="hidden" name="intent" value="publish" />
            <button type="submit" className="button" disabled={busy} aria-describedby={refusal ? 'publication-hint' : undefined}>
              Publier les résultats
            </button>
            {refusal ? (
              <p className="field__hint" id="publication-hint">
                La publication sera refusée tant qu’un·e candidat·e inscrit·e n’a pas de délibération confirmée.
              </p>
            ) : null}
          </Form>
        )}
      </section>

      <section className="card" aria-labelledby="documents">
        <h2 id="documents">Documents de la délibération</h2>
        <p className="card__muted">
          Les candidat·es sans délibération confirmée y figurent comme «&nbsp;non délibéré&nbsp;». Le ou la président·e du jury peut aussi les télécharger.
        </p>
        <ul className="results-admin__documents">
          <li>
            <DownloadLink href={`/deliberation/${session.id}/proces-verbal.docx`}>Procès-verbal de délibération (Word)</DownloadLink>
          </li>
          <li>
            <DownloadLink href={`/deliberation/${session.id}/resultats.xlsx`}>Grille des résultats (Excel)</DownloadLink>
          </li>
        </ul>
        <p className="card__muted">
          Une attestation de blocs validés par candidat·e, dans le tableau ci-dessous, pour chaque candidat·e qui en a validé au moins un.
        </p>
      </section>

      <section aria-labelledby="candidats">
        <h2 id="candidats">Candidat·es ({total})</h2>
        {missing.length ? (
          <Alert tone="info">
            {plural(missing.length, 'candidat·e reste', 'candidat·es restent')} à délibérer&nbsp;: {missing.map((c) => c.name).join(', ')}.
          </Alert>
        ) : null}
        {total === 0 ? (
          <p>Aucun·e candidat·e n’est inscrit·e à cette session.</p>
        ) : (
          <TableWrap label="Décisions des candidat·es">
            <table className="table results-admin__table">
              <thead>
                <tr>
                  <th scope="col">Candidat·e</th>
                  <th scope="col">Décision</th>
                  <th scope="col">Confirmée le</th>
                  <th scope="col">Attestation</th>
                </tr>
              </thead>
              <tbody>
                {candidates.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{c.name}</th>
                    <td data-label="Décision">
                      {c.decision ? <Badge tone={DECISION_TONES[c.decision]}>{c.decisionLabel}</Badge> : <Badge>Non délibéré</Badge>}
                    </td>
                    <td data-label="Confirmée le">{c.confirmedAt ? formatInstant(new Date(c.confirmedAt)) : '—'}</td>
                    <td data-label="Attestation">
                      {c.blocsValidated > 0 ? (
                        <DownloadLink href={`/deliberation/${session.id}/${c.id}/attestation.docx`}>
                          Attestation (Word)<span className="visually-hidden"> de {c.name}</span>
                        </DownloadLink>
                      ) : (
                        <span className="card__muted">{c.decision ? 'Aucun bloc validé' : 'Après délibération'}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
      {dialog}
    </div>
  )
}
