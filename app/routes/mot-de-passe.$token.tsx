import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { z } from 'zod'
import { Alert } from '~/components/ui'
import { PASSWORD_LINK_DAYS } from '~/domain/cohort-import'
import { findPasswordLink, redeemPasswordLink, type PasswordLinkRefusal } from '~/services/password-links.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.state === 'valid' ? 'Choisir votre mot de passe' : 'Lien inutilisable'} — Atelier` },
  { name: 'robots', content: 'noindex' },
]

/** The token is in the address: no page reached from here learns it through a Referer. */
const PRIVATE = { 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'private, no-store' }

export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders, errorHeaders }) => ({
  ...PRIVATE,
  ...Object.fromEntries((errorHeaders ?? actionHeaders ?? loaderHeaders).entries()),
})

const TITLES: Record<PasswordLinkRefusal, string> = {
  unknown: 'Ce lien n’est pas valide',
  used: 'Ce lien a déjà servi',
  expired: 'Ce lien a expiré',
}
/** What to do, said to the link's holder (the service's messages are shorter). */
const ADVICE: Record<PasswordLinkRefusal, string> = {
  unknown:
    'Ce lien est incomplet ou n’existe pas. Vérifiez que vous l’avez copié en entier\u00a0; sinon, demandez un nouveau lien à l’administration de votre école.',
  used: 'Ce lien a déjà servi à choisir un mot de passe\u00a0: connectez-vous avec celui-ci. Si vous l’avez oublié, demandez un nouveau lien à l’administration de votre école.',
  expired: `Un lien reste valable ${PASSWORD_LINK_DAYS}\u00a0jours et celui-ci a expiré. Demandez un nouveau lien à l’administration de votre école.`,
}
/** Unknown: not found; used or expired: gone for good. */
const STATUS: Record<PasswordLinkRefusal, 404 | 410> = { unknown: 404, used: 410, expired: 410 }

type Refused = { state: 'refused'; reason: PasswordLinkRefusal; title: string; message: string }
const refused = (reason: PasswordLinkRefusal) =>
  data<Refused>({ state: 'refused', reason, title: TITLES[reason], message: ADVICE[reason] }, { status: STATUS[reason], headers: PRIVATE })

/**
 * Public: a one-time link to choose one's password (sent after a cohort import
 * or a reset). Anyone holding the link may use it, logged in or not; the page
 * shows whose account it is, and never the token again.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const link = await findPasswordLink(params.token ?? '')
  if (!link.ok) return refused(link.reason)
  return data({ state: 'valid' as const, name: link.name, email: link.email, purpose: link.purpose }, { headers: PRIVATE })
}

const PasswordForm = z.object({
  password: z.string().min(1, 'Saisissez un mot de passe.'),
  confirm: z.string().min(1, 'Saisissez de nouveau le mot de passe.'),
})

type Errors = Partial<Record<'password' | 'confirm', string>>

export async function action({ request, params }: ActionFunctionArgs) {
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    return data({ errors: { password: 'Envoi illisible\u00a0: saisissez de nouveau le mot de passe.' } as Errors }, { status: 400, headers: PRIVATE })
  }
  const token = params.token ?? ''
  const parsed = PasswordForm.safeParse({ password: form.get('password') ?? '', confirm: form.get('confirm') ?? '' })
  const errors: Errors = {}
  if (!parsed.success) for (const issue of parsed.error.issues) errors[issue.path[0] as keyof Errors] ??= issue.message
  else if (parsed.data.password !== parsed.data.confirm) errors.confirm = 'Les deux mots de passe ne sont pas identiques.'
  // A link that cannot be used answers as its page does, whatever was typed.
  const link = await findPasswordLink(token)
  if (!link.ok) return refused(link.reason)
  if (!parsed.success || errors.confirm) return data({ errors }, { status: 400, headers: PRIVATE })

  const result = await redeemPasswordLink(token, parsed.data.password)
  if (!result.ok) {
    if (result.reason === 'password') return data({ errors: { password: result.message } as Errors }, { status: 400, headers: PRIVATE })
    return refused(result.reason)
  }
  throw redirect('/connexion?mot-de-passe=defini', { headers: PRIVATE })
}

export default function SetPassword() {
  const page = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const submitting = useNavigation().state === 'submitting'
  const errors: Errors = reply && 'errors' in reply ? reply.errors : {}
  const firstInvalid = useRef<HTMLInputElement>(null)
  const confirmRef = useRef<HTMLInputElement>(null)
  // After a refused post, focus goes to the first field in error.
  useEffect(() => {
    if (errors.password) firstInvalid.current?.focus()
    else if (errors.confirm) confirmRef.current?.focus()
  }, [reply, errors.password, errors.confirm])

  // A link found unusable when posting replaces the form.
  const refusal = reply && 'state' in reply ? reply : page.state === 'refused' ? page : null
  if (refusal) {
    return (
      <div className="auth">
        <div className="card">
          <h1>{refusal.title}</h1>
          <p>{refusal.message}</p>
          <p>
            <Link to="/connexion" className="button">
              Aller à la page de connexion
            </Link>
          </p>
        </div>
      </div>
    )
  }
  if (page.state !== 'valid') return null

  const describe = (name: keyof Errors, hint?: string) => ({
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': [hint, errors[name] ? `${name}-error` : null].filter(Boolean).join(' ') || undefined,
  })
  return (
    <div className="auth">
      <div className="card">
        <h1>{page.purpose === 'welcome' ? 'Bienvenue dans l’Atelier' : 'Choisir un nouveau mot de passe'}</h1>
        <p className="card__muted">Choisissez le mot de passe de votre compte. Ce lien ne sert qu’une fois.</p>
        <dl className="password-link__account">
          <div>
            <dt>Compte</dt>
            <dd>{page.name}</dd>
          </div>
          <div>
            <dt>Adresse e-mail</dt>
            <dd>{page.email}</dd>
          </div>
        </dl>
        {errors.password || errors.confirm ? <Alert>Le mot de passe n’a pas été enregistré&nbsp;: corrigez le champ signalé.</Alert> : null}
        <Form method="post" className="form" noValidate>
          {/* For password managers: the account this password belongs to. */}
          <input type="email" name="username" autoComplete="username" value={page.email} readOnly hidden />
          <div className="field">
            <label htmlFor="password">Nouveau mot de passe</label>
            <p className="field__hint" id="password-hint">
              10&nbsp;caractères au moins. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.
            </p>
            <input
              ref={firstInvalid}
              id="password"
              name="password"
              type="password"
              autoComplete="new-password"
              required
              minLength={10}
              maxLength={200}
              {...describe('password', 'password-hint')}
            />
            {errors.password ? (
              <p className="field__error" id="password-error">
                {errors.password}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="confirm">Confirmez le mot de passe</label>
            <input ref={confirmRef} id="confirm" name="confirm" type="password" autoComplete="new-password" required maxLength={200} {...describe('confirm')} />
            {errors.confirm ? (
              <p className="field__error" id="confirm-error">
                {errors.confirm}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button" disabled={submitting}>
            {submitting ? 'Enregistrement…' : 'Enregistrer mon mot de passe'}
          </button>
        </Form>
      </div>
    </div>
  )
}
