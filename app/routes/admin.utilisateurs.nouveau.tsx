import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { RoleFieldset } from '~/components/role-fieldset'
import { Alert, PageHeader } from '~/components/ui'
import { isRole } from '~/domain/permissions'
import { fieldErrors, formToObject, NewUserSchema } from '~/domain/user-forms'
import { requirePermission } from '~/services/auth.server'
import { createUser, EmailTakenError } from '~/services/users.server'

export const meta: MetaFunction = () => [{ title: 'Créer un compte — Atelier' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'create:user:any')
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  await requirePermission(request, 'create:user:any')
  const input = formToObject(await request.formData())
  const values = { name: String(input.name ?? ''), email: String(input.email ?? ''), roles: (input.roles as unknown[]).filter(isRole) }
  const parsed = NewUserSchema.safeParse(input)
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values }, { status: 400 })
  try {
    await createUser(parsed.data)
  } catch (error) {
    if (error instanceof EmailTakenError) {
      return data({ errors: { email: 'Un compte existe déjà avec cette adresse e-mail.' } as Record<string, string>, values }, { status: 409 })
    }
    throw error
  }
  throw redirect('/admin/utilisateurs?cree=1')
}

export default function NewUser() {
  const actionData = useActionData<typeof action>()
  const errors: Record<string, string> = actionData?.errors ?? {}
  const values = actionData?.values
  const submitting = useNavigation().state === 'submitting'
  const describe = (name: string) => (errors[name] ? { 'aria-invalid': true, 'aria-describedby': `${name}-error` } : {})
  return (
    <>
      <PageHeader title="Créer un compte" lead="La personne se connectera avec cette adresse e-mail et ce mot de passe provisoire." />
      <div className="card" style={{ maxWidth: '40rem' }}>
        {Object.keys(errors).length ? <Alert>Le compte n’a pas été créé : corrigez les champs signalés.</Alert> : null}
        <Form method="post" className="form" noValidate>
          <div className="field">
            <label htmlFor="name">Prénom et nom</label>
            <input id="name" name="name" type="text" autoComplete="off" required defaultValue={values?.name} {...describe('name')} />
            {errors.name ? (
              <p className="field__error" id="name-error">
                {errors.name}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="email">Adresse e-mail</label>
            <input id="email" name="email" type="email" autoComplete="off" required defaultValue={values?.email} {...describe('email')} />
            {errors.email ? (
              <p className="field__error" id="email-error">
                {errors.email}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="password">Mot de passe provisoire</label>
            <p className="field__hint" id="password-hint">
              10 caractères au moins. Communiquez-le par un canal sûr.
            </p>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="new-password"
              required
              aria-invalid={errors.password ? true : undefined}
              aria-describedby={errors.password ? 'password-hint password-error' : 'password-hint'}
            />
            {errors.password ? (
              <p className="field__error" id="password-error">
                {errors.password}
              </p>
            ) : null}
          </div>
          <RoleFieldset selected={values?.roles ?? ['learner']} error={errors.roles} />
          <div className="page-header__actions">
            <button type="submit" className="button" disabled={submitting}>
              {submitting ? 'Création…' : 'Créer le compte'}
            </button>
            <Link to="/admin/utilisateurs" className="button button--ghost">
              Annuler
            </Link>
          </div>
        </Form>
      </div>
    </>
  )
}
