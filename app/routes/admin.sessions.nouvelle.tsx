import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData } from '@remix-run/react'
import { SessionForm } from '~/components/admin/session-form'
import { PageHeader } from '~/components/ui'
import { fieldErrors } from '~/domain/user-forms'
import { requirePermission } from '~/services/auth.server'
import { createSession, SessionError, SessionFormSchema } from '~/services/sessions.server'

export const meta: MetaFunction = () => [{ title: 'Nouvelle session d’examen — Atelier' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'create:examSession:any')
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  await requirePermission(request, 'create:examSession:any')
  const values = Object.fromEntries(await request.formData())
  const typed = {
    name: String(values.name ?? ''),
    startsOn: String(values.startsOn ?? ''),
    endsOn: String(values.endsOn ?? ''),
    retentionMonths: String(values.retentionMonths ?? ''),
  }
  const parsed = SessionFormSchema.safeParse(typed)
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values: typed }, { status: 400 })
  try {
    const { id } = await createSession(parsed.data)
    throw redirect(`/admin/sessions/${id}?creee=1`)
  } catch (error) {
    if (!(error instanceof SessionError)) throw error
    return data({ errors: { [error.field ?? 'form']: error.message } as Record<string, string>, values: typed }, { status: error.status })
  }
}

export default function NewSession() {
  const outcome = useActionData<typeof action>()
  return (
    <>
      <PageHeader
        title="Nouvelle session d’examen"
        lead={'Les 17 épreuves du référentiel s’y retrouvent\u202f; vous fixerez ensuite leurs dates, l’anonymat et la double correction.'}
        actions={
          <Link className="button button--ghost button--small" to="/admin">
            Retour aux sessions
          </Link>
        }
      />
      <div className="card session-card">
        <SessionForm
          values={outcome?.values ?? { name: '', startsOn: '', endsOn: '', retentionMonths: 36 }}
          errors={outcome?.errors ?? {}}
          submitLabel="Créer la session"
          failed={'La session n’a pas été créée\u00a0: corrigez les champs signalés.'}
        />
      </div>
    </>
  )
}
