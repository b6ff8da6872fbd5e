import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams, useSubmit } from '@remix-run/react'
import { type FormEvent, type ReactNode } from 'react'
import { useConfirm } from '~/components/confirm-dialog'
import { SessionLinks } from '~/components/session-links'
import { Badge, EmptyState, PageHeader, TableWrap } from '~/components/ui'
import { formatDate, plural } from '~/domain/format'
import { fieldErrors } from '~/domain/user-forms'
import { applyAssignmentsForm, AssignmentsError, AssignmentsFormSchema, assignmentsOverview, NO_SESSION, sessionExists } from '~/services/assignments.server'
import { requirePermission } from '~/services/auth.server'
import { usePostFocus, formOutcomeTarget } from '~/components/use-post-focus'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Affectations — ${data?.session.name ?? 'Session'} — Atelier` }]

/** Copies shown per page in each épreuve's table. */
const PAGE_SIZE = 50
const pageParam = (evaluationId: string) => `copies-${evaluationId}`

/**
 * Who follows whom in a session (admins only): each tutor's learners, and
 * the juror(s) of each copy of each épreuve opened in the session.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:examSession:any')
  const overview = await assignmentsOverview(params.sessionId ?? '')
  if (!overview) throw new Response(NO_SESSION, { status: 404 })
  const url = new URL(request.url)
  const tutorOf = new Map(overview.tutoring.flatMap((t) => t.learners.map((l) => [l.id, t.tutor.name])))
  return {
    session: { ...overview.session, dates: `du ${formatDate(overview.session.startsOn)} au ${formatDate(overview.session.endsOn)}` },
    tutors: overview.tutors,
    jurors: overview.jurors,
    learners: overview.learners.map((l) => ({ ...l, tutor: tutorOf.get(l.id) ?? null })),
    tutoring: overview.tutoring,
    conflicts: overview.conflicts.map((c) => c.message),
    instances: overview.instances.map((i) => {
      const pages = Math.max(1, Math.ceil(i.copies.length / PAGE_SIZE))
      const requested = Number(url.searchParams.get(pageParam(i.evaluationId)) ?? '1')
      const page = Number.isInteger(requested) ? Math.min(Math.max(requested, 1), pages) : 1
      const { copies, ...rest } = i
      return {
        ...rest,
        total: copies.length,
        assigned: copies.filter((c) => c.jurors.length > 0).length,
        page,
        pages,
        shown: url.searchParams.has(pageParam(i.evaluationId)),
        copies: copies.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
      }
    }),
  }
}

type Outcome = { form: string; ok: boolean; message: string; warnings: string[]; errors: Record<string, string> }

/** The id of the form a post comes from (its message and busy state). */
function formIdOf(get: (key: string) => unknown): string {
  const v = (key: string) => String(get(key) ?? '')
  switch (v('intent')) {
    case 'tutor':
      return 'tutor'
    case 'untutor':
      return `untutor-${v('tutorId')}-${v('learnerId')}`
    case 'jurors':
      return `jurors-${v('evaluationId')}-${v('subjectId')}`
    case 'bulk':
      return `bulk-${v('evaluationId')}`
    default:
      return 'page'
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requirePermission(request, 'update:examSession:any')
  const sessionId = params.sessionId ?? ''
  if (!(await sessionExists(sessionId))) throw new Response(NO_SESSION, { status: 404 })
  const form = await request.formData()
  const formId = formIdOf((key) => form.get(key))
  const reply = (status: 200 | 400 | 404 | 409, outcome: Omit<Outcome, 'form' | 'errors' | 'warnings'> & Partial<Outcome>) =>
    data<Outcome>({ form: formId, errors: {}, warnings: [], ...outcome }, { status })
  const values = Object.fromEntries([...form].filter(([key]) => key !== 'learnerIds' && key !== 'jurorIds'))
  const parsed = AssignmentsFormSchema.safeParse({
    ...values,
    learnerIds: form.getAll('learnerIds').map(String),
    jurorIds: form.getAll('jurorIds').map(String),
  })
  if (!parsed.success)
    return reply(400, { ok: false, message: 'Rien n’a été enregistré\u00a0: la demande est incomplète ou invalide.', errors: fieldErrors(parsed.error) })
  try {
    const { message, warnings } = await applyAssignmentsForm(sessionId, parsed.data)
    return reply(200, { ok: true, message, warnings })
  } catch (error) {
    if (!(error instanceof AssignmentsError)) throw error
    return reply(error.status, { ok: false, message: error.message, errors: error.field ? { [error.field]: error.message } : {} })
  }
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>
type InstanceData = Data['instances'][number]
type Ask = ReturnType<typeof useConfirm>['ask']

function FormMessage({ form, outcome }: { form: string; outcome: Outcome | undefined }) {
  if (!outcome || outcome.form !== form) return null
  return (
    <div id={`${form}-message`} className={`alert alert--${outcome.ok ? 'success' : 'error'}`} role={outcome.ok ? 'status' : 'alert'} tabIndex={-1}>
      <p>{outcome.message}</p>
      {outcome.warnings.length ? (
        <ul className="assign__warnings">
          {outcome.warnings.map((w) => (
            <li key={w}>Attention&nbsp;: {w}</li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

function useBusy(form: string) {
  const navigation = useNavigation()
  if (navigation.state !== 'submitting' || !navigation.formData) return false
  const formData = navigation.formData
  return formIdOf((key) => formData.get(key)) === form
}

export default function SessionAssignments() {
  const d = useLoaderData<typeof loader>()
  const outcome = useActionData<typeof action>()
  const { ask, dialog } = useConfirm()
  // After a post, focus goes to the form's message; a removed tutoring's form is gone: the page's message.
  usePostFocus(outcome, formOutcomeTarget)
  const orphan = outcome && (outcome.form === 'page' || outcome.form.startsWith('untutor-')) ? outcome : undefined
  return (
    <div className="assign">
      <PageHeader
        title="Affectations"
        lead={
          <>
            {d.session.name}, {d.session.dates}.
          </>
        }
        actions={<SessionLinks sessionId={d.session.id} current="Affectations" />}
      />
      {orphan ? (
        <div id="page-message" tabIndex={-1} className={`alert alert--${orphan.ok ? 'success' : 'error'}`} role={orphan.ok ? 'status' : 'alert'}>
          {orphan.message}
        </div>
      ) : null}
      {d.conflicts.length ? (
        <section className="alert alert--info assign__conflicts" aria-labelledby="conflicts-title">
          <h2 id="conflicts-title">
            {plural(d.conflicts.length, 'copie corrigée par le tuteur ou la tutrice', 'copies corrigées par le tuteur ou la tutrice')}
          </h2>
          <p>
            Ce n’est pas interdit, mais un·e juré·e qui a accompagné le ou la candidat·e n’est pas neutre&nbsp;: confiez plutôt ces copies à d’autres juré·es.
          </p>
          <ul>
            {d.conflicts.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <Tutoring d={d} outcome={outcome} ask={ask} />
      <Jury d={d} outcome={outcome} ask={ask} />
      {dialog}
    </div>
  )
}

const usersLink = <Link to="/admin/utilisateurs">Gérer les comptes</Link>

function Tutoring({ d, outcome, ask }: { d: Data; outcome: Outcome | undefined; ask: Ask }) {
  const busy = useBusy('tutor')
  const mine = outcome?.form === 'tutor' ? outcome : undefined
  return (
    <section className="section" aria-labelledby="tutoring-title">
      <h2 id="tutoring-title">Tutorat</h2>
      <p className="card__muted">Chaque candidat·e a au plus un·e tuteur·rice dans la session&nbsp;: il ou elle commente ses brouillons.</p>
      {d.tutors.length === 0 ? (
        <EmptyState title="Aucun compte tuteur·rice">
          <p>Donnez le rôle de tuteur·rice à un compte pour lui confier des candidat·es. {usersLink}</p>
        </EmptyState>
      ) : d.learners.length === 0 ? (
        <EmptyState title="Aucun·e candidat·e inscrit·e">
          <p>
            Inscrivez d’abord les candidat·es à la session. <Link to={`/admin/sessions/${d.session.id}/inscriptions`}>Inscriptions</Link>
          </p>
        </EmptyState>
      ) : (
        <>
          <ul className="assign__tutors">
            {d.tutoring.map((t) => (
              <li key={t.tutor.id} className="card">
                <h3>{t.tutor.name}</h3>
                {t.learners.length === 0 ? (
                  <p className="card__muted">Aucun·e candidat·e suivi·e.</p>
                ) : (
                  <ul className="assign__learners" aria-label={`Candidat·es suivi·es par ${t.tutor.name}`}>
                    {t.learners.map((l) => (
                      <li key={l.id}>
                        <span>{l.name}</span>
                        <RemoveTutoring tutor={t.tutor} learner={l} ask={ask} />
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
          {/* A new form after each success: the boxes start unchecked again. */}
          <Form method="post" className="form card assign__tutor-form" id="form-tutor" noValidate key={mine?.ok ? mine.message : 'tutor'}>
            <h3>Confier des candidat·es à un·e tuteur·rice</h3>
            <input type="hidden" name="intent" value="tutor" />
            <FormMessage form="tutor" outcome={mine} />
            <div className="field">
              <label htmlFor="tutor-id">Tuteur·rice</label>
              <select id="tutor-id" name="tutorId" required aria-invalid={mine?.errors.tutorId ? true : undefined}>
                {d.tutors.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name} ({t.email})
                  </option>
                ))}
              </select>
            </div>
            <fieldset className="fieldset">
              <legend>Candidat·es</legend>
              <p className="field__hint">Un·e candidat·e déjà suivi·e change de tuteur·rice.</p>
              <div className="assign__choices">
                {d.learners.map((l) => (
                  <label key={l.id} className="checkbox">
                    <input type="checkbox" name="learnerIds" value={l.id} />
                    <span>
                      {l.name}
                      {l.tutor ? <span className="card__muted"> (suivi·e par {l.tutor})</span> : null}
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
            <div>
              <button type="submit" className="button button--small" disabled={busy}>
                {busy ? 'Enregistrement…' : 'Confier les candidat·es cochés'}
              </button>
            </div>
          </Form>
        </>
      )}
    </section>
  )
}

function RemoveTutoring({ tutor, learner, ask }: { tutor: { id: string; name: string }; learner: { id: string; name: string }; ask: Ask }) {
  const submit = useSubmit()
  const busy = useBusy(`untutor-${tutor.id}-${learner.id}`)
  const confirm = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = event.currentTarget
    ask(
      <>
        {tutor.name} ne suivra plus {learner.name}&#8239;? Ses commentaires déjà écrits restent sur les dossiers.
      </>,
      () => submit(form),
      'Retirer le tutorat',
    )
  }
  return (
    <Form method="post" onSubmit={confirm}>
      <input type="hidden" name="intent" value="untutor" />
      <input type="hidden" name="tutorId" value={tutor.id} />
      <input type="hidden" name="learnerId" value={learner.id} />
      <button type="submit" className="button button--ghost button--small" disabled={busy}>
        {busy ? 'Retrait…' : 'Retirer'}
        <span className="visually-hidden">
          {' '}
          {learner.name} de {tutor.name}
        </span>
      </button>
    </Form>
  )
}

function Jury({ d, outcome, ask }: { d: Data; outcome: Outcome | undefined; ask: Ask }) {
  return (
    <section className="section" aria-labelledby="jury-title">
      <h2 id="jury-title">Jury</h2>
      {d.instances.length === 0 ? (
        <EmptyState title="Aucune épreuve ouverte dans cette session">
          <p>
            Fixez d’abord les dates d’une épreuve pour en attribuer les copies. <Link to={`/admin/sessions/${d.session.id}`}>Dépôts et notation</Link>
          </p>
        </EmptyState>
      ) : d.jurors.length === 0 ? (
        <EmptyState title="Aucun compte juré·e">
          <p>Donnez le rôle de juré·e à un compte pour lui attribuer des copies. {usersLink}</p>
        </EmptyState>
      ) : (
        d.instances.map((i) => <InstanceCard key={i.instanceId} i={i} d={d} outcome={outcome} ask={ask} />)
      )}
    </section>
  )
}

function InstanceCard({ i, d, outcome, ask }: { i: InstanceData; d: Data; outcome: Outcome | undefined; ask: Ask }) {
  const [params] = useSearchParams()
  const headingId = `epreuve-${i.evaluationId}`
  const posted = outcome?.form.startsWith(`jurors-${i.evaluationId}-`) ?? false
  const counts: ReactNode[] = [
    plural(i.total, 'copie', 'copies'),
    `${plural(i.assigned, 'attribuée', 'attribuées')}`,
    `${plural(i.unassigned, 'sans juré·e', 'sans juré·e')}`,
  ]
  if (i.doubleMarking) counts.push(plural(i.incomplete, 'avec un·e seul·e juré·e', 'avec un·e seul·e juré·e'))
  const pageHref = (page: number) => {
    const next = new URLSearchParams(params)
    next.set(pageParam(i.evaluationId), String(page))
    return `?${next.toString()}#${headingId}`
  }
  return (
    <article className="card assign__instance" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {i.title} <Badge tone="neutral">{i.mode === 'group' ? 'En groupe' : 'Individuelle'}</Badge>
        {i.doubleMarking ? (
          <>
            {' '}
            <Badge tone="info">Double correction</Badge>
          </>
        ) : null}
      </h3>
      <p className="card__muted">{counts.join(' · ')}.</p>
      {i.total === 0 ? (
        <p>{i.mode === 'group' ? 'Aucun groupe n’est formé pour cette épreuve.' : 'Aucun·e candidat·e n’est inscrit·e.'}</p>
      ) : (
        <>
          {/* Outside the form: the form goes once every copy has its juror(s). */}
          <FormMessage form={`bulk-${i.evaluationId}`} outcome={outcome} />
          {i.unassigned > 0 ? (
            <BulkForm i={i} d={d} outcome={outcome} ask={ask} />
          ) : (
            <p>
              {!i.doubleMarking
                ? 'Toutes les copies ont leur juré·e.'
                : i.incomplete
                  ? 'Chaque copie a au moins un·e juré·e\u00a0: complétez ci-dessous les paires incomplètes.'
                  : 'Toutes les copies ont leurs deux juré·es.'}
            </p>
          )}
          <details className="assign__copies" open={posted || i.shown || undefined}>
            <summary>
              Copies et juré·es<span className="visually-hidden"> de «&nbsp;{i.title}&nbsp;»</span> ({i.total})
            </summary>
            <TableWrap label={`Copies de «\u00a0${i.title}\u00a0»`}>
              <table className="table assign__table">
                <thead>
                  <tr>
                    <th scope="col">{i.mode === 'group' ? 'Groupe' : 'Candidat·e'}</th>
                    <th scope="col">Juré·e{i.doubleMarking ? 's' : ''}</th>
                    <th scope="col">Modifier</th>
                  </tr>
                </thead>
                <tbody>
                  {i.copies.map((c) => (
                    <CopyRow key={c.subjectId} c={c} i={i} d={d} outcome={outcome} />
                  ))}
                </tbody>
              </table>
            </TableWrap>
            {i.pages > 1 ? (
              <nav className="assign__pages" aria-label={`Pages des copies de «\u00a0${i.title}\u00a0»`}>
                {i.page > 1 ? <Link to={pageHref(i.page - 1)}>Page précédente</Link> : null}
                <span>
                  Page {i.page} sur {i.pages}
                </span>
                {i.page < i.pages ? <Link to={pageHref(i.page + 1)}>Page suivante</Link> : null}
              </nav>
            ) : null}
          </details>
        </>
      )}
    </article>
  )
}

function CopyRow({ c, i, d, outcome }: { c: InstanceData['copies'][number]; i: InstanceData; d: Data; outcome: Outcome | undefined }) {
  const formId = `jurors-${i.evaluationId}-${c.subjectId}`
  const mine = outcome?.form === formId ? outcome : undefined
  const busy = useBusy(formId)
  const slots = i.doubleMarking ? ['Juré·e principal·e', 'Second·e juré·e'] : ['Juré·e']
  const label = c.kind === 'group' ? `groupe ${c.label}` : c.label
  return (
    <tr>
      <th scope="row">
        {c.label}
        {c.members.length ? <span className="assign__members">{c.members.join(', ')}</span> : null}
      </th>
      <td>
        {c.jurors.length === 0 ? (
          <Badge tone="accent">À attribuer</Badge>
        ) : (
          <ul className="assign__jurors">
            {c.jurors.map((j) => (
              <li key={j.assignmentId}>
                {j.name}
                {i.doubleMarking && j.lead ? <span className="card__muted"> (principal·e)</span> : null}
              </li>
            ))}
          </ul>
        )}
        {i.doubleMarking && c.jurors.length === 1 ? <p className="card__muted">Second·e juré·e à désigner.</p> : null}
      </td>
      <td>
        {c.locked ? (
          <p className="card__muted">{c.locked}</p>
        ) : (
          <Form method="post" className="assign__copy-form" id={`form-${formId}`} noValidate key={c.jurors.map((j) => j.jurorId).join(',')}>
            <input type="hidden" name="intent" value="jurors" />
            <input type="hidden" name="evaluationId" value={i.evaluationId} />
            <input type="hidden" name="subjectId" value={c.subjectId} />
            <FormMessage form={formId} outcome={mine} />
            {slots.map((slot, k) => (
              <div className="field" key={slot}>
                <label htmlFor={`${formId}-${k}`}>
                  {slot}
                  <span className="visually-hidden"> de {label}</span>
                </label>
                <select id={`${formId}-${k}`} name="jurorIds" defaultValue={c.jurors[k]?.jurorId ?? ''} aria-invalid={mine?.errors.jurorIds ? true : undefined}>
                  <option value="">— Personne —</option>
                  {d.jurors.map((j) => (
                    <option key={j.id} value={j.id}>
                      {j.name}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            <div>
              <button type="submit" className="button button--small" disabled={busy}>
                {busy ? 'Enregistrement…' : 'Enregistrer'}
                <span className="visually-hidden"> les juré·es de {label}</span>
              </button>
            </div>
          </Form>
        )}
      </td>
    </tr>
  )
}

function BulkForm({ i, d, outcome, ask }: { i: InstanceData; d: Data; outcome: Outcome | undefined; ask: Ask }) {
  const submit = useSubmit()
  const formId = `bulk-${i.evaluationId}`
  const mine = outcome?.form === formId ? outcome : undefined
  const busy = useBusy(formId)
  const confirm = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = event.currentTarget
    const chosen = new FormData(form).getAll('jurorIds').length
    if (chosen < (i.doubleMarking ? 2 : 1)) {
      // The server says why (and the message gets the focus).
      submit(form)
      return
    }
    ask(
      <>
        Répartir {plural(i.unassigned, 'copie sans juré·e', 'copies sans juré·e')} de «&nbsp;{i.title}&nbsp;» entre {plural(chosen, 'juré·e', 'juré·es')}
        {i.doubleMarking ? ', par paires' : ''}&#8239;? Les copies déjà attribuées ne changent pas.
      </>,
      () => submit(form),
      'Répartir les copies',
    )
  }
  return (
    <Form method="post" className="form assign__bulk" id={`form-${formId}`} noValidate onSubmit={confirm} key={mine?.ok ? mine.message : formId}>
      <input type="hidden" name="intent" value="bulk" />
      <input type="hidden" name="evaluationId" value={i.evaluationId} />
      <fieldset className="fieldset">
        <legend>
          Juré·es entre qui répartir<span className="visually-hidden"> les copies de «&nbsp;{i.title}&nbsp;»</span>
        </legend>
        <p className="field__hint">
          {i.doubleMarking
            ? 'Chaque copie va à deux juré·es qui se suivent dans la liste, le ou la principal·e changeant à chaque copie. Cochez-en au moins deux.'
            : 'Les copies sont distribuées à tour de rôle, dans l’ordre de la liste.'}
        </p>
        <div className="assign__choices">
          {d.jurors.map((j) => (
            <label key={j.id} className="checkbox">
              <input type="checkbox" name="jurorIds" value={j.id} />
              <span>{j.name}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <button type="submit" className="button button--small" disabled={busy}>
          {busy ? 'Répartition…' : 'Répartir les copies non attribuées'}
          <span className="visually-hidden"> de «&nbsp;{i.title}&nbsp;»</span>
        </button>
      </div>
    </Form>
  )
}
