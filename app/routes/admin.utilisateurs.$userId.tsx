import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from '@remix-run/react'
import { z } from 'zod'
import { useConfirm } from '~/components/confirm-dialog'
import { RoleFieldset } from '~/components/role-fieldset'
import { Alert, PageHeader } from '~/components/ui'
import { formatShortDate } from '~/domain/format'
import { fieldErrors, formToObject, rolesSchema } from '~/domain/user-forms'
import { requirePermission } from '~/services/auth.server'
import { getDb } from '~/services/db.server'
import { createPasswordLink, passwordLinkPath } from '~/services/password-links.server'
import { getUserWithRoles, revokeSessions, setAccountActive, setUserRoles } from '~/services/users.server'

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
  z.object({ intent: z.literal('deactivate') }),
  z.object({ intent: z.literal('reactivate') }),
  z.object({ intent: z.literal('reset-link') }),
])

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, 'update:user:any')
  const user = loadUser(params.userId)
  const parsed = ActionSchema.safeParse(formToObject(await request.formData()))
  if (!parsed.success) return data({ ok: false as const, errors: fieldErrors(parsed.error), message: '' }, { status: 400 })
  if (parsed.data.intent === 'reset-link') {
    // Shown once, to this admin: only its hash is stored. The account's password works until the link is used.
    const { token, expiresAt } = createPasswordLink(getDb(), { userId: user.id, purpose: 'reset', createdBy: admin.id })
    return data(
      {
        ok: true as const,
        errors: {},
        message: `Lien à usage unique créé, valable jusqu’au ${formatShortDate(new Date(expiresAt))}\u00a0: transmettez-le à la personne par un canal sûr.`,
        link: `${new URL(request.url).origin}${passwordLinkPath(token)}`,
      },
      { headers: { 'Cache-Control': 'no-store' } },
    )
  }
  if (parsed.data.intent === 'deactivate' || parsed.data.intent === 'reactivate') {
    const active = parsed.data.intent === 'reactivate'
    if (!active && admin.id === user.id) {
      return data({ ok: false as const, errors: {}, message: 'Vous ne pouvez pas désactiver votre propre compte.' }, { status: 400 })
    }
    const changed = setAccountActive(user.id, active)
    const message = active
      ? changed
        ? 'Le compte est réactivé\u00a0: la personne peut de nouveau se connecter.'
        : 'Le compte était déjà actif.'
      : changed
        ? 'Le compte est désactivé\u00a0: ses sessions sont fermées et la connexion lui est refusée. Ses travaux sont conservés.'
        : 'Le compte était déjà désactivé.'
    return { ok: true as const, errors: {}, message }
  }
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
  const submit = useSubmit()
  const { ask, dialog } = useConfirm()
  return (
    <>
      {dialog}
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
      {actionData && !actionData.ok && actionData.message ? <Alert>{actionData.message}</Alert> : null}
      {user.deactivatedAt ? (
        <Alert tone="info">Ce compte est désactivé depuis le {formatShortDate(user.deactivatedAt)}&nbsp;: la connexion lui est refusée.</Alert>
      ) : null}
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
        <section className="card" aria-labelledby="password-title">
          <h2 id="password-title">Mot de passe</h2>
          <p>
            Un lien à usage unique permet à la personne de choisir un nouveau mot de passe (valable 14&nbsp;jours). L’application n’envoie pas d’e-mail&nbsp;:
            vous le lui transmettez.
          </p>
          {actionData && 'link' in actionData && actionData.link ? (
            <div className="field">
              <label htmlFor="reset-link">Lien à transmettre</label>
              <input id="reset-link" type="text" readOnly value={actionData.link} onFocus={(event) => event.currentTarget.select()} />
            </div>
          ) : null}
          <Form method="post">
            <input type="hidden" name="intent" value="reset-link" />
            <button type="submit" className="button button--ghost" disabled={submitting}>
              Créer un lien de réinitialisation
            </button>
          </Form>
        </section>
        <section className="card" aria-labelledby="account-title">
          <h2 id="account-title">Compte</h2>
          {user.deactivatedAt ? (
            <>
              <p>La réactivation rend l’accès à la personne, avec ses travaux et ses rôles inchangés.</p>
              <Form method="post">
                <input type="hidden" name="intent" value="reactivate" />
                <button type="submit" className="button" disabled={submitting}>
                  Réactiver le compte
                </button>
              </Form>
            </>
          ) : (
            <>
              <p>Désactiver ferme aussitôt toutes ses sessions et refuse la connexion&nbsp;; rien n’est effacé.</p>
              <Form
                method="post"
                onSubmit={(event) => {
                  event.preventDefault()
                  const form = event.currentTarget
                  ask(
                    <>
                      Désactiver le compte «&nbsp;{user.name}&nbsp;»&#8239;? Ses sessions se ferment tout de suite et la connexion lui sera refusée jusqu’à sa
                      réactivation.
                    </>,
                    () => submit(form),
                    'Désactiver le compte',
                  )
                }}
              >
                <input type="hidden" name="intent" value="deactivate" />
                <button type="submit" className="button button--danger" disabled={submitting}>
                  Désactiver le compte
                </button>
              </Form>
            </>
          )}
        </section>
      </div>
    </>
  )
}
