import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { Alert } from '~/components/ui'
import { primaryRole, ROLE_HOMES } from '~/domain/permissions'
import { getUser, login, safeRedirect } from '~/services/auth.server'

export const meta: MetaFunction = () => [{ title: 'Connexion — Atelier' }]

const LoginSchema = z.object({
  email: z.string().trim().min(1, 'Saisissez votre adresse e-mail.').pipe(z.email('Cette adresse e-mail n’est pas valide.')),
  password: z.string().min(1, 'Saisissez votre mot de passe.').max(200, 'Ce mot de passe est trop long.'),
  redirectTo: z.string().optional(),
})

/** Public. A logged-in user is sent to their home. Only a same-site `redirectTo` is carried on. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  if (user) {
    const role = primaryRole(user.roles)
    throw redirect(role ? ROLE_HOMES[role] : '/')
  }
  const params = new URL(request.url).searchParams
  // Back from a one-time link (app/routes/mot-de-passe.$token.tsx).
  return { redirectTo: safeRedirect(params.get('redirectTo'), ''), passwordSet: params.get('mot-de-passe') === 'defini' }
}

type ActionData = { formError?: string; fieldErrors?: Partial<Record<'email' | 'password', string>>; email?: string }

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData()
  const parsed = LoginSchema.safeParse(Object.fromEntries(form))
  const email = String(form.get('email') ?? '')
  if (!parsed.success) {
    const fieldErrors: ActionData['fieldErrors'] = {}
    for (const issue of parsed.error.issues) {
      const key = issue.path[0]
      if ((key === 'email' || key === 'password') && !fieldErrors[key]) fieldErrors[key] = issue.message
    }
    return data<ActionData>({ fieldErrors, email }, { status: 400 })
  }
  const result = await login(parsed.data.email, parsed.data.password, context.clientIp)
  if (!result.ok) return data<ActionData>({ formError: result.message, email }, { status: result.status })
  const role = primaryRole(result.user.roles)
  const to = safeRedirect(parsed.data.redirectTo, role ? ROLE_HOMES[role] : '/')
  throw redirect(to, { headers: { 'Set-Cookie': result.cookie } })
}

export default function Login() {
  const { redirectTo, passwordSet } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const submitting = navigation.state === 'submitting'
  const fieldErrors = actionData?.fieldErrors ?? {}
  return (
    <div className="auth">
      <div className="card">
        <h1>Connexion</h1>
        <p className="card__muted">Accédez à vos épreuves, à vos candidat·es ou à vos évaluations avec l’adresse e-mail fournie par votre école.</p>
        {passwordSet && !actionData ? <Alert tone="success">Votre mot de passe est enregistré&nbsp;: connectez-vous.</Alert> : null}
        {actionData?.formError ? <Alert id="login-error">{actionData.formError}</Alert> : null}
        <Form method="post" className="form" noValidate aria-describedby={actionData?.formError ? 'login-error' : undefined}>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <div className="field">
            <label htmlFor="email">Adresse e-mail</label>
            <input
              id="email"
              name="email"
              type="email"
              autoComplete="username"
              required
              defaultValue={actionData?.email}
              aria-invalid={fieldErrors.email ? true : undefined}
              aria-describedby={fieldErrors.email ? 'email-error' : undefined}
            />
            {fieldErrors.email ? (
              <p className="field__error" id="email-error">
                {fieldErrors.email}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="password">Mot de passe</label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              aria-invalid={fieldErrors.password ? true : undefined}
              aria-describedby={fieldErrors.password ? 'password-error' : undefined}
            />
            {fieldErrors.password ? (
              <p className="field__error" id="password-error">
                {fieldErrors.password}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button" disabled={submitting}>
            {submitting ? 'Connexion…' : 'Se connecter'}
          </button>
        </Form>
      </div>
    </div>
  )
}
