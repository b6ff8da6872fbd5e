import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSubmit } from '@remix-run/react'
import { type FormEvent } from 'react'
import { SessionLinks } from '~/components/session-links'
import { useConfirm } from '~/components/confirm-dialog'
import { Badge, PageHeader } from '~/components/ui'
import { formatDate, frenchTypography as ft, plural } from '~/domain/format'
import { fieldErrors } from '~/domain/user-forms'
import { requirePermission } from '~/services/auth.server'
import { applyBlocsForm, BlocsError, BlocsFormSchema, blocsSettings, sessionExists, TITLE_MAX } from '~/services/blocs.server'
import { referentiel } from '~/services/referentiel.server'
import { usePostFocus, formOutcomeTarget } from '~/components/use-post-focus'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Blocs de compétences — ${data?.session.name ?? 'Session'} — Atelier` }]

/**
 * The blocs de compétences of a session and its jury president (admins only):
 * the référentiel allows certification bloc by bloc without listing the
 * blocs, so the admin groups the competencies, each in one bloc at most.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:examSession:any')
  const settings = await blocsSettings(params.sessionId ?? '')
  if (!settings) throw new Response('Cette session d’examen n’existe pas.', { status: 404 })
  const { session } = settings
  return {
    session: { id: session.id, name: session.name, dates: `du ${formatDate(session.startsOn)} au ${formatDate(session.endsOn)}` },
    presidentId: session.presidentId,
    resultsPublished: session.resultsPublished,
    locked: settings.confirmed > 0,
    confirmed: settings.confirmed,
    jurors: settings.jurors,
    blocs: settings.blocs,
    unassigned: settings.unassigned,
    // The référentiel's competencies by activity, with their verbatim titles.
    activities: referentiel.activities.map((a) => ({
      id: a.id,
      title: ft(a.title),
      competencies: a.competencies.map((c) => ({ id: c.id, text: ft(c.text) })),
    })),
    titleMax: TITLE_MAX,
  }
}

type Outcome = { form: string; ok: boolean; message: string; errors: Record<string, string>; values: Record<string, string> }

export async function action({ request, params }: ActionFunctionArgs) {
  await requirePermission(request, 'update:examSession:any')
  const sessionId = params.sessionId ?? ''
  if (!(await sessionExists(sessionId))) throw new Response('Cette session d’examen n’existe pas.', { status: 404 })
  const form = await request.formData()
  const values: Record<string, string> = {}
  for (const [key, value] of form) if (typeof value === 'string' && key !== 'competencyIds') values[key] = value
  const blocId = values.blocId ?? ''
  const formId = values.intent === 'create' || values.intent === 'president' ? values.intent : `${values.intent ?? ''}-${blocId}`
  const reply = (status: 200 | 400 | 404 | 409, outcome: Omit<Outcome, 'form' | 'values' | 'errors'> & { errors?: Record<string, string> }) =>
    data<Outcome>({ form: formId, errors: {}, values: outcome.ok ? {} : values, ...outcome }, { status })
  const parsed = BlocsFormSchema.safeParse({ ...values, competencyIds: form.getAll('competencyIds').map(String) })
  if (!parsed.success) return reply(400, { ok: false, message: 'Rien n’a été enregistré\u00a0: corrigez le champ signalé.', errors: fieldErrors(parsed.error) })
  try {
    return reply(200, { ok: true, message: await applyBlocsForm(sessionId, parsed.data) })
  } catch (error) {
    if (!(error instanceof BlocsError)) throw error
    return reply(error.status, { ok: false, message: error.message, errors: error.field ? { [error.field]: error.message } : {} })
  }
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>

function FormMessage({ form, outcome }: { form: string; outcome: Outcome | undefined }) {
  if (!outcome || outcome.form !== form) return null
  return (
    <div id={`${form}-message`} className={`alert alert--${outcome.ok ? 'success' : 'error'}`} role={outcome.ok ? 'status' : 'alert'} tabIndex={-1}>
      {outcome.message}
    </div>
  )
}

function useBusy(form: string) {
  const navigation = useNavigation()
  if (navigation.state !== 'submitting' || !navigation.formData) return false
  const intent = String(navigation.formData.get('intent'))
  return form === (intent === 'create' || intent === 'president' ? intent : `${intent}-${String(navigation.formData.get('blocId'))}`)
}

export default function SessionBlocs() {
  const d = useLoaderData<typeof loader>()
  const outcome = useActionData<typeof action>()
  const { ask, dialog } = useConfirm()
  // After a post, focus goes to the first field in error, else the form's message (a deleted bloc's goes to the page's).
  usePostFocus(outcome, formOutcomeTarget)

  const titleOf = new Map(d.blocs.map((b) => [b.id, b.title]))
  const blocOf = new Map(d.blocs.flatMap((b) => b.competencyIds.map((id) => [id, b.id])))
  const example = d.blocs.some((b) => b.example)
  // A deleted bloc's form is gone: its message shows at the top.
  const orphan = outcome && outcome.form.startsWith('delete-') ? outcome : undefined
  return (
    <div className="blocs-admin">
      <PageHeader
        title="Blocs de compétences"
        lead={
          <>
            {d.session.name}, {d.session.dates}.
          </>
        }
        actions={<SessionLinks sessionId={d.session.id} current="Blocs et présidence" />}
      />
      <p className="alert alert--info">
        Le référentiel permet d’obtenir la certification bloc par bloc, mais ne liste pas les blocs&nbsp;: définissez-les ici en regroupant les compétences.
        Chaque compétence appartient à un bloc au plus.
      </p>
      {orphan ? (
        <div id="page-message" tabIndex={-1} className={`alert alert--${orphan.ok ? 'success' : 'error'}`} role={orphan.ok ? 'status' : 'alert'}>
          {orphan.message}
        </div>
      ) : null}

      <President d={d} outcome={outcome} />

      <section className="section" aria-labelledby="blocs-title">
        <h2 id="blocs-title">Blocs</h2>
        {example ? (
          <p className="blocs-admin__example">
            <Badge tone="info">Exemple</Badge> Les blocs marqués «&nbsp;Exemple&nbsp;» sont un regroupement proposé par la démonstration, par familles
            d’activités du référentiel&nbsp;: le référentiel ne liste pas les blocs. Renommez-les ou changez leurs compétences pour en faire les vôtres.
          </p>
        ) : null}
        {d.locked ? (
          <p className="alert alert--info">
            {plural(d.confirmed, 'délibération est déjà confirmée', 'délibérations sont déjà confirmées')}&nbsp;: les blocs ne peuvent plus changer.
          </p>
        ) : null}
        {d.blocs.length === 0 ? <p className="card__muted">Aucun bloc pour l’instant&nbsp;: ajoutez le premier ci-dessous.</p> : null}
        <ol className="blocs-admin__list">
          {d.blocs.map((b, i) => (
            <li key={b.id}>
              <BlocCard
                bloc={b}
                index={i}
                count={d.blocs.length}
                d={d}
                outcome={outcome}
                ask={ask}
                elsewhere={(id) => {
                  const other = blocOf.get(id)
                  return other && other !== b.id ? (titleOf.get(other) ?? null) : null
                }}
              />
            </li>
          ))}
        </ol>
        {d.locked ? null : <CreateBloc titleMax={d.titleMax} outcome={outcome} />}
      </section>

      <section className="section card" aria-labelledby="unassigned-title">
        <h2 id="unassigned-title">Compétences sans bloc</h2>
        {d.unassigned.length === 0 ? (
          <p>Toutes les compétences du référentiel sont dans un bloc.</p>
        ) : (
          <>
            <p className="card__muted">
              {plural(d.unassigned.length, 'compétence n’est', 'compétences ne sont')} dans aucun bloc&nbsp;: elles ne comptent dans aucune décision par bloc.
            </p>
            <ul className="blocs-admin__unassigned">
              {d.activities
                .flatMap((a) => a.competencies)
                .filter((c) => d.unassigned.includes(c.id))
                .map((c) => (
                  <li key={c.id}>
                    <strong>{c.id}</strong> {c.text}
                  </li>
                ))}
            </ul>
          </>
        )}
      </section>
      {dialog}
    </div>
  )
}

function President({ d, outcome }: { d: Data; outcome: Outcome | undefined }) {
  const errors = outcome?.form === 'president' ? outcome.errors : {}
  const busy = useBusy('president')
  const current = d.jurors.find((j) => j.id === d.presidentId)
  return (
    <section className="card blocs-admin__president" aria-labelledby="president-title">
      <h2 id="president-title">Président·e du jury</h2>
      <p className="card__muted">
        {current ? `${current.name} préside le jury\u00a0: il ou elle confirme les décisions de la délibération.` : 'Aucun·e président·e n’est désigné·e.'}
      </p>
      <Form method="post" className="form" id="form-president" noValidate key={d.presidentId ?? 'none'}>
        <input type="hidden" name="intent" value="president" />
        <FormMessage form="president" outcome={outcome} />
        <div className="field">
          <label htmlFor="president">Juré·e qui préside</label>
          <select
            id="president"
            name="presidentId"
            defaultValue={outcome?.form === 'president' && !outcome.ok ? outcome.values.presidentId : (d.presidentId ?? '')}
            disabled={d.resultsPublished}
            aria-invalid={errors.presidentId ? true : undefined}
            aria-describedby={errors.presidentId ? 'president-error' : undefined}
          >
            <option value="">— Personne —</option>
            {d.jurors.map((j) => (
              <option key={j.id} value={j.id}>
                {j.name} ({j.email})
              </option>
            ))}
          </select>
          {errors.presidentId ? (
            <p className="field__error" id="president-error">
              {errors.presidentId}
            </p>
          ) : null}
        </div>
        {d.resultsPublished ? (
          <p className="field__hint">Les résultats sont publiés&nbsp;: la présidence ne peut plus changer.</p>
        ) : (
          <div>
            <button type="submit" className="button button--small" disabled={busy}>
              {busy ? 'Enregistrement…' : 'Enregistrer la présidence'}
            </button>
          </div>
        )}
      </Form>
    </section>
  )
}

function CreateBloc({ titleMax, outcome }: { titleMax: number; outcome: Outcome | undefined }) {
  const mine = outcome?.form === 'create' ? outcome : undefined
  const busy = useBusy('create')
  return (
    // A new form after each creation: the field starts empty again.
    <Form method="post" className="form card blocs-admin__create" id="form-create" noValidate key={mine?.ok ? mine.message : 'create'}>
      <h3>Ajouter un bloc</h3>
      <input type="hidden" name="intent" value="create" />
      <FormMessage form="create" outcome={mine} />
      <div className="field">
        <label htmlFor="new-title">Titre du bloc</label>
        <p className="field__hint" id="new-title-hint">
          Par exemple «&nbsp;Bloc 6 — Pilotage de la performance&nbsp;». {titleMax} caractères au plus.
        </p>
        <input
          id="new-title"
          name="title"
          type="text"
          maxLength={titleMax}
          required
          defaultValue={mine && !mine.ok ? mine.values.title : ''}
          aria-invalid={mine?.errors.title ? true : undefined}
          aria-describedby={mine?.errors.title ? 'new-title-hint new-title-error' : 'new-title-hint'}
        />
        {mine?.errors.title ? (
          <p className="field__error" id="new-title-error">
            {mine.errors.title}
          </p>
        ) : null}
      </div>
      <div>
        <button type="submit" className="button button--small" disabled={busy}>
          {busy ? 'Ajout…' : 'Ajouter le bloc'}
        </button>
      </div>
    </Form>
  )
}

function BlocCard({
  bloc,
  index,
  count,
  d,
  outcome,
  ask,
  elsewhere,
}: {
  bloc: Data['blocs'][number]
  index: number
  count: number
  d: Data
  outcome: Outcome | undefined
  ask: ReturnType<typeof useConfirm>['ask']
  elsewhere: (competencyId: string) => string | null
}) {
  const submit = useSubmit()
  const renameForm = `rename-${bloc.id}`
  const competenciesForm = `competencies-${bloc.id}`
  const moveForm = `move-${bloc.id}`
  const rename = outcome?.form === renameForm ? outcome : undefined
  const chosen = outcome?.form === competenciesForm ? outcome : undefined
  const renaming = useBusy(renameForm)
  const choosing = useBusy(competenciesForm)
  const moving = useBusy(moveForm)
  const headingId = `bloc-${bloc.id}-title`
  const confirmDelete = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = event.currentTarget
    ask(
      <>
        Supprimer le bloc «&nbsp;{bloc.title}&nbsp;»&#8239;?{' '}
        {bloc.competencyIds.length ? `Ses ${plural(bloc.competencyIds.length, 'compétence', 'compétences')} seront sans bloc.` : ''}
      </>,
      () => submit(form),
      'Supprimer le bloc',
    )
  }
  const members = new Set(bloc.competencyIds)
  return (
    <article className="card blocs-admin__bloc" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {bloc.title}{' '}
        {bloc.example ? (
          <>
            {' '}
            <Badge tone="info">Exemple</Badge>
          </>
        ) : null}
      </h3>
      <p className="card__muted">
        {bloc.competencyIds.length
          ? `${plural(bloc.competencyIds.length, 'compétence', 'compétences')}\u00a0: ${bloc.competencyIds.join(', ')}.`
          : 'Aucune compétence.'}
      </p>
      <FormMessage form={moveForm} outcome={outcome} />
      {d.locked ? null : (
        <>
          <div className="blocs-admin__actions">
            <Form method="post">
              <input type="hidden" name="intent" value="move" />
              <input type="hidden" name="blocId" value={bloc.id} />
              <input type="hidden" name="direction" value="up" />
              <button type="submit" className="button button--ghost button--small" disabled={index === 0 || moving}>
                Monter<span className="visually-hidden"> le bloc {bloc.title}</span>
              </button>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="move" />
              <input type="hidden" name="blocId" value={bloc.id} />
              <input type="hidden" name="direction" value="down" />
              <button type="submit" className="button button--ghost button--small" disabled={index === count - 1 || moving}>
                Descendre<span className="visually-hidden"> le bloc {bloc.title}</span>
              </button>
            </Form>
            <Form method="post" onSubmit={confirmDelete}>
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="blocId" value={bloc.id} />
              <button type="submit" className="button button--danger button--small">
                Supprimer<span className="visually-hidden"> le bloc {bloc.title}</span>
              </button>
            </Form>
          </div>

          <Form method="post" className="form blocs-admin__rename" id={`form-${renameForm}`} noValidate key={`${bloc.title}`}>
            <input type="hidden" name="intent" value="rename" />
            <input type="hidden" name="blocId" value={bloc.id} />
            <FormMessage form={renameForm} outcome={rename} />
            <div className="field">
              <label htmlFor={`${bloc.id}-title`}>Titre</label>
              <input
                id={`${bloc.id}-title`}
                name="title"
                type="text"
                maxLength={d.titleMax}
                required
                defaultValue={rename && !rename.ok ? rename.values.title : bloc.title}
                aria-invalid={rename?.errors.title ? true : undefined}
                aria-describedby={rename?.errors.title ? `${bloc.id}-title-error` : undefined}
              />
              {rename?.errors.title ? (
                <p className="field__error" id={`${bloc.id}-title-error`}>
                  {rename.errors.title}
                </p>
              ) : null}
            </div>
            <div>
              <button type="submit" className="button button--small" disabled={renaming}>
                {renaming ? 'Enregistrement…' : 'Renommer'}
                <span className="visually-hidden"> le bloc {bloc.title}</span>
              </button>
            </div>
          </Form>

          <details className="blocs-admin__choose" open={chosen && !chosen.ok ? true : undefined}>
            <summary>
              Choisir les compétences<span className="visually-hidden"> du bloc {bloc.title}</span>
            </summary>
            {/* Re-mounted when the bloc's competencies change (here or by another bloc taking one): the boxes show what is stored. */}
            <Form method="post" className="form" id={`form-${competenciesForm}`} noValidate key={bloc.competencyIds.join(',')}>
              <input type="hidden" name="intent" value="competencies" />
              <input type="hidden" name="blocId" value={bloc.id} />
              <FormMessage form={competenciesForm} outcome={chosen} />
              <p className="field__hint">Une compétence cochée ici qui est dans un autre bloc le quitte pour celui-ci.</p>
              {d.activities.map((a) => (
                <fieldset key={a.id} className="fieldset blocs-admin__activity">
                  <legend>
                    {a.id} — {a.title}
                  </legend>
                  {a.competencies.map((c) => {
                    const other = elsewhere(c.id)
                    return (
                      <label key={c.id} className="checkbox blocs-admin__competency">
                        <input type="checkbox" name="competencyIds" value={c.id} defaultChecked={members.has(c.id)} />
                        <span>
                          <strong>{c.id}</strong> {c.text}
                          {other ? <span className="blocs-admin__elsewhere"> Actuellement dans «&nbsp;{other}&nbsp;».</span> : null}
                        </span>
                      </label>
                    )
                  })}
                </fieldset>
              ))}
              <div>
                <button type="submit" className="button button--small" disabled={choosing}>
                  {choosing ? 'Enregistrement…' : 'Enregistrer les compétences'}
                  <span className="visually-hidden"> du bloc {bloc.title}</span>
                </button>
              </div>
            </Form>
          </details>
        </>
      )}
    </article>
  )
}
