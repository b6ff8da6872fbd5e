import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { RoleFieldset } from '~/components/role-fieldset'
import { Alert, PageHeader } from '~/components/ui'
import { fieldErrors, formToObject, rolesSchema } from '~/domain/user-forms'
import { requirePermission } from '~/services/auth.server'
import { getUserWithRoles, revokeSessions, setUserRoles } from '~/services/users.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.user.name ?? 'Compte'} — Atelier` }]

function loadUser(userId: string | undefined) {
  const user = userId ? getUserWithRoles(userId) : null
  if (!user) throw new Response('Ce compte n’existe pas.', { status: 404 })
  return user
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:user:any')
  return { user: loadUser(params.userId) }
}

const ActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('roles'), roles: rolesSchema }),
  z.object({ intent: z.literal('revoke-sessions') }),
])

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, 'update:user:any')
  const user = loadUser(params.userId)
  const parsed = ActionSchema.safeParse(formToObject(await request.formData()))
  if (!parsed.success) return data({ ok: false as const, errors: fieldErrors(parsed.error), message: '' }, { status: 400 })
  if (parsed.data.intent === 'revoke-sessions') {
    const n = revokeSessions(user.id)
    return { ok: true as const, errors: {}, message: n > 0 ? `${n} session(s) fermée(s) : la personne devra se reconnecter.` : 'Aucune session ouverte.' }
  }
  if (admin.id === user.id && !parsed.data.roles.includes('admin')) {
    return data({ ok: false as const, errors: { roles: 'Vous ne pouvez pas retirer votre propre rôle d’administrateur·rice.' }, message: '' }, { status: 400 })
  }
  setUserRoles(user.id, parsed.data.roles)
  return { ok: true as const, errors: {}, message: 'Les rôles ont été mis à jour.' }
}

export default function EditUser() {
  const { user } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors: Record<string, string> = actionData?.errors ?? {}
  const submitting = useNavigation().state === 'submitting'
  return (
    <>
      <PageHeader
        title={user.name}
        lead={user.email}
        actions={
          <Link className="button button--ghost button--small" to="/admin/utilisateurs">
            Retour à la liste
          </Link>
        }
      />
      {actionData?.ok ? <Alert tone="success">{actionData.message}</Alert> : null}
      <div className="card-grid">
        <section className="card" aria-labelledby="roles-title">
          <h2 id="roles-title">Rôles</h2>
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="roles" />
            <RoleFieldset selected={user.roles} error={errors.roles} />
            <button type="submit" className="button" disabled={submitting}>
              Enregistrer les rôles
            </button>
          </Form>
        </section>
        <section className="card" aria-labelledby="sessions-title">
          <h2 id="sessions-title">Sessions de connexion</h2>
          <p>Fermer les sessions ouvertes oblige la personne à se reconnecter sur tous ses appareils.</p>
          <Form method="post">
            <input type="hidden" name="intent" value="revoke-sessions" />
            <button type="submit" className="button button--ghost" disabled={submitting}>
              Fermer toutes les sessions
            </button>
          </Form>
        </section>
      </div>
    </>
  )
}
