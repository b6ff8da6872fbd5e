import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { HandInHistory, type VerifyReply } from '~/components/hand-in/hand-in-history'
import { Alert, EmptyState, PageHeader } from '~/components/ui'
import { frenchTypography as ft } from '~/domain/format'
import { handInStatement, handInTiming } from '~/domain/hand-in'
import type { HandInProblem } from '~/domain/hand-in-checks'
import { closedMessage, formatInstant, handInStateText, NO_DEADLINE } from '~/domain/hand-in-status'
import { requireDossierAccess } from '~/services/dossier-access.server'
import { groupMemberNames, templateOfDossier } from '~/services/dossiers.server'
import { referentielIndex } from '~/services/referentiel.server'
import {
  draftProblems,
  handIn,
  HandInError,
  HandInFormSchema,
  handInSummary,
  NOT_CONFIRMED,
  submissionOfDossier,
  submissionsOfDossier,
  verifySnapshot,
  VerifyFormSchema,
} from '~/services/submissions.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Dépôt — ${data?.title ?? 'Dossier'} — Atelier` }]

/** The hand-in page of a dossier: for the learners who work on it (`update`) only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { dossier } = await requireDossierAccess(request, params.dossierId, 'update')
  const template = templateOfDossier(dossier)
  const now = new Date()
  const summary = await handInSummary(dossier, now)
  const window = summary.window
  return {
    dossierId: dossier.id,
    title: template.title,
    rex: template.kind === 'rex',
    evaluationTitle: referentielIndex.evaluations.get(dossier.evaluationId)?.title ?? '',
    isGroup: dossier.groupId !== null,
    members: await groupMemberNames(dossier.groupId),
    summary,
    now: now.getTime(),
    timing: window ? handInTiming(now, { dueAt: new Date(window.dueAt), cutoffAt: new Date(window.cutoffAt) }) : null,
    checksCount: template.handInChecks?.length ?? 0,
    problems: await draftProblems(dossier),
    statement: handInStatement(dossier.groupId !== null),
    history: (await submissionsOfDossier(dossier.id)).map((s) => ({
      id: s.id,
      submittedAt: s.submittedAt.getTime(),
      timing: s.timing,
      submitterName: s.submitterName,
      fingerprint: s.fingerprint,
    })),
  }
}

export type HandInReply =
  | { intent: 'hand-in'; ok: true; fingerprint: string; submittedAt: number; timing: 'on-time' | 'late' }
  | { intent: 'hand-in'; ok: false; error: string; problems: HandInProblem[] }

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, dossier } = await requireDossierAccess(request, params.dossierId, 'update')
  const form = Object.fromEntries(await request.formData())

  if (form.intent === 'verify') {
    const parsed = VerifyFormSchema.safeParse(form)
    const submission = parsed.success ? await submissionOfDossier(dossier.id, parsed.data.submissionId) : undefined
    if (!submission)
      return data<VerifyReply>(
        { intent: 'verify', submissionId: String(form.submissionId ?? ''), ok: false, actual: '', error: 'Ce dépôt n’existe pas dans ce dossier.' },
        { status: 404 },
      )
    const result = await verifySnapshot(submission.id)
    return data<VerifyReply>({ intent: 'verify', submissionId: submission.id, ok: result.ok, actual: result.actual })
  }

  const parsed = HandInFormSchema.safeParse(form)
  if (!parsed.success) {
    const error = form.intent === 'hand-in' ? NOT_CONFIRMED : 'Demande invalide.'
    return data<HandInReply>({ intent: 'hand-in', ok: false, error, problems: [] }, { status: 400 })
  }
  try {
    const { submission } = await handIn(user, dossier.id, { confirmed: true })
    return data<HandInReply>({
      intent: 'hand-in',
      ok: true,
      fingerprint: submission.fingerprint,
      submittedAt: submission.submittedAt.getTime(),
      timing: submission.timing,
    })
  } catch (error) {
    if (error instanceof HandInError)
      return data<HandInReply>({ intent: 'hand-in', ok: false, error: error.message, problems: error.problems }, { status: error.status })
    throw error
  }
}

function ProblemList({ dossierId, problems, id }: { dossierId: string; problems: HandInProblem[]; id?: string }) {
  return (
    <ul className="hand-in-problems" id={id}>
      {problems.map((p, i) => (
        <li key={i}>
          {p.message} <Link to={`/dossiers/${dossierId}#section-${p.sectionId}`}>Compléter «&nbsp;{ft(p.sectionTitle)}&nbsp;»</Link>
        </li>
      ))}
    </ul>
  )
}

export default function HandInPage() {
  const { dossierId, title, rex, evaluationTitle, isGroup, members, summary, now, timing, checksCount, problems, statement, history } =
    useLoaderData<typeof loader>()
  const answered = useActionData<typeof action>()
  const reply = answered?.intent === 'hand-in' ? answered : undefined
  const navigation = useNavigation()
  const submitting = navigation.state !== 'idle' && navigation.formData?.get('intent') === 'hand-in'
  const { window, state } = summary
  const result = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (reply) result.current?.focus()
  }, [reply])

  // Why the button is disabled, if it is: no deadline yet, past the cut-off, or the référentiel's numbers not met.
  const blocked = !window ? NO_DEADLINE : timing === 'closed' ? closedMessage({ cutoffAt: new Date(window.cutoffAt) }) : problems.length ? 'checks' : null
  const handedIn = reply?.ok ? reply : null
  const failed = reply && !reply.ok ? reply : null

  return (
    <>
      <PageHeader
        title={history.length ? 'Dépôts du dossier' : 'Déposer le dossier'}
        lead={
          <>
            {ft(title)}
            {rex || evaluationTitle === title ? '' : ` · ${ft(evaluationTitle)}`}
            {isGroup && members.length ? ` · Groupe : ${members.join(', ')}` : ''}
          </>
        }
        actions={
          <Link to={`/dossiers/${dossierId}`} className="button button--ghost button--small">
            Retour au dossier
          </Link>
        }
      />

      <div className="hand-in-result" ref={result} tabIndex={-1}>
        {handedIn ? (
          <Alert tone="success">
            <p>
              <strong>
                Dossier déposé le {formatInstant(new Date(handedIn.submittedAt))}
                {handedIn.timing === 'late' ? ', en retard' : ''}.
              </strong>
            </p>
            <p className="hand-in-result__fingerprint">
              Empreinte SHA-256 de ce dépôt&nbsp;: <code className="hand-in-fingerprint hand-in-fingerprint--full">{handedIn.fingerprint}</code>
            </p>
            <p>Conservez-la&nbsp;: elle identifie exactement ce que vous avez déposé. Elle figure aussi dans le document Word du dépôt.</p>
          </Alert>
        ) : null}
        {failed ? (
          <Alert tone="error">
            <p>
              <strong>Le dossier n’a pas été déposé.</strong> {failed.error}
            </p>
            {failed.problems.length ? <ProblemList dossierId={dossierId} problems={failed.problems} /> : null}
          </Alert>
        ) : null}
      </div>

      <section className="card hand-in-card" aria-labelledby="echeance-title">
        <h2 id="echeance-title">Échéance</h2>
        <p className={`hand-in-state hand-in-state--${state}`}>{handInStateText(summary, now)}</p>
        {window ? (
          <dl className="hand-in-facts">
            <div>
              <dt>Date limite</dt>
              <dd>{formatInstant(new Date(window.dueAt))} (heure de Paris)</dd>
            </div>
            <div>
              <dt>Dépôt en retard accepté jusqu’au</dt>
              <dd>{formatInstant(new Date(window.cutoffAt))} (heure de Paris)</dd>
            </div>
            {window.extension !== null ? (
              <div className="hand-in-facts__wide">
                <dt>Prolongation accordée</dt>
                <dd>{window.extension}</dd>
              </div>
            ) : null}
          </dl>
        ) : (
          <p>{NO_DEADLINE} Votre école la fixera&nbsp;; vous pourrez déposer ensuite.</p>
        )}
        <p className="card__muted">
          Un dépôt après la date limite est marqué «&nbsp;en retard&nbsp;»&nbsp;; après la limite de retard, il est refusé. Vous pouvez déposer à nouveau
          jusqu’à cette limite&nbsp;: chaque dépôt est conservé tel quel, et votre brouillon reste modifiable.
        </p>
      </section>

      {state !== 'graded' ? (
        <section className="card hand-in-card" aria-labelledby="deposer-title">
          <h2 id="deposer-title">{history.length ? 'Déposer une nouvelle version' : 'Déposer'}</h2>
          <h3 className="hand-in-subtitle">Vérifications du référentiel</h3>
          {problems.length ? (
            <>
              <p id="hand-in-blocking">Le référentiel fixe des minimums que votre brouillon n’atteint pas encore&nbsp;:</p>
              <ProblemList dossierId={dossierId} problems={problems} />
            </>
          ) : (
            <p className="hand-in-ok">
              {checksCount ? 'Les minimums fixés par le référentiel sont atteints.' : 'Le référentiel ne fixe pas de minimum chiffré pour ce dossier.'}
            </p>
          )}
          <p className="card__muted">Les indices affichés dans le dossier restent des conseils&nbsp;: ils ne bloquent pas le dépôt.</p>

          <Form method="post" className="form hand-in-form" key={history.length}>
            <input type="hidden" name="intent" value="hand-in" />
            <fieldset className="fieldset">
              <legend>Déclaration sur l’honneur</legend>
              <label className="checkbox hand-in-statement">
                <input type="checkbox" name="confirmed" required disabled={blocked !== null} />
                <span>{statement}</span>
              </label>
            </fieldset>
            {timing === 'late' && blocked === null ? (
              <p className="hand-in-late">
                La date limite est passée&nbsp;: ce dépôt sera marqué «&nbsp;en retard&nbsp;». Dépôt possible jusqu’au{' '}
                {formatInstant(new Date(window!.cutoffAt))} (heure de Paris).
              </p>
            ) : null}
            <p className="card__muted">
              Le dépôt fige une copie de toutes les sections et des images du dossier, identifiée par son empreinte SHA-256. Cette copie ne pourra plus être
              modifiée.
            </p>
            <div className="hand-in-form__actions">
              <button
                type="submit"
                className="button"
                disabled={blocked !== null || submitting}
                aria-describedby={blocked !== null ? 'hand-in-why' : undefined}
              >
                {submitting ? 'Dépôt en cours…' : history.length ? 'Déposer à nouveau' : 'Déposer'}
              </button>
              {blocked !== null ? (
                <p id="hand-in-why" className="hand-in-why">
                  {blocked === 'checks' ? 'Dépôt impossible tant que les minimums ci-dessus ne sont pas atteints.' : blocked}
                </p>
              ) : null}
            </div>
          </Form>
        </section>
      ) : null}

      <section className="hand-in-card" aria-labelledby="historique-title">
        <h2 id="historique-title">Historique des dépôts</h2>
        {history.length ? (
          <>
            {isGroup ? <p className="card__muted">Chaque membre du groupe voit qui a déposé et quand.</p> : null}
            <HandInHistory dossierId={dossierId} items={history} currentId={history[0]?.id ?? null} />
          </>
        ) : (
          <EmptyState title="Aucun dépôt pour l’instant">
            <p>Chaque dépôt apparaîtra ici avec sa date, son empreinte et sa version Word.</p>
          </EmptyState>
        )}
      </section>
    </>
  )
}
