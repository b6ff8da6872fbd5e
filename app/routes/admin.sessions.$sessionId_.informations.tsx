import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSubmit } from '@remix-run/react'
import { useConfirm } from '~/components/confirm-dialog'
import { SessionForm, type SessionValues } from '~/components/admin/session-form'
import { SessionLinks } from '~/components/session-links'
import { Alert, PageHeader } from '~/components/ui'
import { formatShortDate } from '~/domain/format'
import { fieldErrors } from '~/domain/user-forms'
import { requirePermission } from '~/services/auth.server'
import { NO_SESSION, SessionError, SessionFormSchema, sessionOf, setArchived, updateSession } from '~/services/sessions.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Informations — ${data?.session.name ?? 'Session'} — Atelier` }]

async function loadSession(id: string | undefined) {
  const session = await sessionOf(id ?? '')
  if (!session) throw new Response(NO_SESSION, { status: 404 })
  return session
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'update:examSession:any')
  const s = await loadSession(params.sessionId)
  return {
    session: {
      id: s.id,
      name: s.name,
      startsOn: s.startsOn,
      endsOn: s.endsOn,
      retentionMonths: s.retentionMonths,
      archivedAt: s.archivedAt?.getTime() ?? null,
    },
  }
}

type Outcome = { ok: boolean; message: string; errors: Record<string, string>; values?: SessionValues }

export async function action({ request, params }: ActionFunctionArgs) {
  await requirePermission(request, 'update:examSession:any')
  const session = await loadSession(params.sessionId)
  const values = Object.fromEntries(await request.formData())
  const intent = values.intent
  try {
    if (intent === 'archive' || intent === 'unarchive') {
      const changed = await setArchived(session.id, intent === 'archive')
      const message =
        intent === 'archive'
          ? changed
            ? 'La session est archivée\u00a0: elle ne figure plus parmi les sessions en cours. Rien n’est effacé.'
            : 'La session était déjà archivée.'
          : changed
            ? 'La session est de nouveau parmi les sessions en cours.'
            : 'La session n’était pas archivée.'
      return data<Outcome>({ ok: true, message, errors: {} })
    }
    if (intent !== 'save') return data<Outcome>({ ok: false, message: 'Action inconnue.', errors: {} }, { status: 400 })
    const typed = {
      name: String(values.name ?? ''),
      startsOn: String(values.startsOn ?? ''),
      endsOn: String(values.endsOn ?? ''),
      retentionMonths: String(values.retentionMonths ?? ''),
    }
    const parsed = SessionFormSchema.safeParse(typed)
    if (!parsed.success) return data<Outcome>({ ok: false, message: '', errors: fieldErrors(parsed.error), values: typed }, { status: 400 })
    try {
      await updateSession(session.id, parsed.data)
    } catch (error) {
      if (error instanceof SessionError)
        return data<Outcome>({ ok: false, message: '', errors: { [error.field ?? 'form']: error.message }, values: typed }, { status: error.status })
      throw error
    }
    return data<Outcome>({ ok: true, message: 'Les informations de la session sont enregistrées.', errors: {} })
  } catch (error) {
    if (error instanceof SessionError) return data<Outcome>({ ok: false, message: error.message, errors: {} }, { status: error.status })
    throw error
  }
}

export default function SessionInformation() {
  const { session } = useLoaderData<typeof loader>()
  const outcome = useActionData<typeof action>()
  const submit = useSubmit()
  const busy = useNavigation().state === 'submitting'
  const { ask, dialog } = useConfirm()
  return (
    <>
      {dialog}
      <PageHeader title="Informations de la session" lead={session.name} actions={<SessionLinks sessionId={session.id} current="Informations" />} />
      {outcome?.ok ? <Alert tone="success">{outcome.message}</Alert> : null}
      {outcome && !outcome.ok && outcome.message ? <Alert>{outcome.message}</Alert> : null}
      {session.archivedAt ? <Alert tone="info">Session archivée le {formatShortDate(new Date(session.archivedAt))}.</Alert> : null}
      <div className="card session-card">
        <SessionForm
          values={outcome?.values ?? session}
          errors={outcome?.errors ?? {}}
          submitLabel="Enregistrer"
          failed={'Rien n’a été enregistré\u00a0: corrigez les champs signalés.'}
        />
      </div>
      <section className="card session-card" aria-labelledby="archive-title">
        <h2 id="archive-title">Archivage</h2>
        {session.archivedAt ? (
          <Form method="post">
            <p>Une session archivée reste consultable&nbsp;; la remettre parmi les sessions en cours ne change rien à ses données.</p>
            <input type="hidden" name="intent" value="unarchive" />
            <button type="submit" className="button button--ghost" disabled={busy}>
              Remettre parmi les sessions en cours
            </button>
          </Form>
        ) : (
          <Form
            method="post"
            onSubmit={(event) => {
              event.preventDefault()
              const form = event.currentTarget
              ask(
                <>
                  Archiver la session «&nbsp;{session.name}&nbsp;»&#8239;? Elle quitte la liste des sessions en cours&nbsp;; ses dossiers, copies et résultats
                  sont conservés.
                </>,
                () => submit(form),
                'Archiver la session',
              )
            }}
          >
            <p>Archivez une session terminée&nbsp;: elle quitte la liste des sessions en cours, rien n’est effacé.</p>
            <input type="hidden" name="intent" value="archive" />
            <button type="submit" className="button button--ghost" disabled={busy}>
              Archiver la session
            </button>
          </Form>
        )}
      </section>
    </>
  )
}
