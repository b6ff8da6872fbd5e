import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from '@remix-run/react'
import { z } from 'zod'
import { useConfirm } from '~/components/confirm-dialog'
import { RoleFieldset } from '~/components/role-fieldset'
import { Alert, PageHeader } from '~/components/ui'
import { formatDate, formatShortDate, plural } from '~/domain/format'
import { fieldErrors, formToObject, rolesSchema } from '~/domain/user-forms'
import { requirePermission } from '~/services/auth.server'
import {
  ANONYMISED_LOCKED,
  anonymiseLearner,
  DataProtectionError,
  dataProtectionState,
  deleteLearner,
  isAnonymised,
  type DataProtectionState,
} from '~/services/data-protection.server'
import { getDb } from '~/services/db.server'
import { createPasswordLink, passwordLinkPath } from '~/services/password-links.server'
import { getUserWithRoles, revokeSessions, setAccountActive, setUserRoles } from '~/services/users.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.user.name ?? 'Compte'} — Atelier` }]

async function loadUser(userId: string | undefined) {
  const user = userId ? await getUserWithRoles(userId) : null
  if (!user) throw new Response('Ce compte n’existe pas.', { status: 404 })
  return user
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:user:any')
  const user = await loadUser(params.userId)
  return { user, dataProtection: (await dataProtectionState(user.id))! }
}

const ActionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('roles'), roles: rolesSchema }),
  z.object({ intent: z.literal('revoke-sessions') }),
  z.object({ intent: z.literal('deactivate') }),
  z.object({ intent: z.literal('reactivate') }),
  z.object({ intent: z.literal('reset-link') }),
  z.object({ intent: z.literal('anonymise'), confirmation: z.string().max(320).default('') }),
  z.object({ intent: z.literal('delete'), confirmation: z.string().max(320).default('') }),
])

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, 'update:user:any')
  const user = await loadUser(params.userId)
  const parsed = ActionSchema.safeParse(formToObject(await request.formData()))
  if (!parsed.success) return data({ ok: false as const, errors: fieldErrors(parsed.error), message: '' }, { status: 400 })
  const intent = parsed.data.intent
  if (intent === 'anonymise' || intent === 'delete') {
    const typed = parsed.data.confirmation
    try {
      if (intent === 'delete') {
        const done = await deleteLearner(admin, user.id, typed)
        return redirect(`/admin/journal?supprime=${done.shortId}`)
      }
      const done = await anonymiseLearner(admin, user.id, typed)
      return {
        ok: true as const,
        errors: {},
        message: `Le compte est anonymisé\u00a0: il s’appelle désormais «\u00a0${done.label}\u00a0». Ses dossiers, dépôts et notes sont conservés.`,
      }
    } catch (error) {
      if (!(error instanceof DataProtectionError)) throw error
      const errors: Record<string, string> = error.field ? { [`${intent}-confirmation`]: error.message } : {}
      return data({ ok: false as const, errors, message: error.field ? '' : error.message, intent, typed }, { status: error.status })
    }
  }
  // An anonymised account stays as it is: no password link (it could be used to log in as nobody), no reactivation, no roles.
  if (await isAnonymised(user.id)) return data({ ok: false as const, errors: {}, message: ANONYMISED_LOCKED }, { status: 409 })
  if (parsed.data.intent === 'reset-link') {
    // Shown once, to this admin: only its hash is stored. The account's password works until the link is used.
    const { token, expiresAt } = await createPasswordLink(getDb(), { userId: user.id, purpose: 'reset', createdBy: admin.id })
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
    const changed = await setAccountActive(user.id, active)
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
    const n = await revokeSessions(user.id)
    return { ok: true as const, errors: {}, message: n > 0 ? `${n} session(s) fermée(s) : la personne devra se reconnecter.` : 'Aucune session ouverte.' }
  }
  if (admin.id === user.id && !parsed.data.roles.includes('admin')) {
    return data({ ok: false as const, errors: { roles: 'Vous ne pouvez pas retirer votre propre rôle d’administrateur·rice.' }, message: '' }, { status: 400 })
  }
  await setUserRoles(user.id, parsed.data.roles)
  return { ok: true as const, errors: {}, message: 'Les rôles ont été mis à jour.' }
}

export default function EditUser() {
  const { user, dataProtection } = useLoaderData<typeof loader>()
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
      {dataProtection.anonymizedAt ? (
        <Alert tone="info">
          Ce compte a été anonymisé le {formatShortDate(new Date(dataProtection.anonymizedAt))}&nbsp;: il ne peut plus se connecter ni être modifié. Ses travaux
          sont conservés sans son identité.
        </Alert>
      ) : user.deactivatedAt ? (
        <Alert tone="info">Ce compte est désactivé depuis le {formatShortDate(user.deactivatedAt)}&nbsp;: la connexion lui est refusée.</Alert>
      ) : null}
      {dataProtection.anonymizedAt ? null : (
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
      )}
      {dataProtection.learner ? (
        <PersonalData
          userId={user.id}
          email={user.email}
          state={dataProtection}
          errors={errors}
          failed={
            actionData && !actionData.ok && 'typed' in actionData && 'intent' in actionData
              ? { intent: String(actionData.intent), typed: String(actionData.typed) }
              : null
          }
          submitting={submitting}
        />
      ) : null}
    </>
  )
}

/** « Session 2027 »: terminée le 25 juin 2027, conservée 36 mois — possible à partir du 26 juin 2030. */
function RetentionList({ sessions }: { sessions: DataProtectionState['sessions'] }) {
  return (
    <ul className="dp-sessions">
      {sessions.map((s) => (
        <li key={s.id}>
          <Link to={`/admin/sessions/${s.id}/informations`}>{s.name}</Link>&nbsp;: terminée le {formatDate(s.endsOn)}, données conservées{' '}
          {plural(s.retentionMonths, 'mois', 'mois')} après la fin —{' '}
          {s.elapsed ? <>durée écoulée depuis le {formatDate(s.availableOn)}.</> : <>jusqu’au {formatDate(s.availableOn)}, exclu.</>}
        </li>
      ))}
    </ul>
  )
}

/** One way to erase: what it keeps, what it removes, and the e-mail typed to confirm. */
function EraseForm({
  intent,
  title,
  keeps,
  removes,
  button,
  email,
  error,
  typed,
  submitting,
}: {
  intent: 'anonymise' | 'delete'
  title: string
  keeps: string
  removes: string
  button: string
  email: string
  error: string | undefined
  typed: string
  submitting: boolean
}) {
  const id = `${intent}-confirmation`
  return (
    <section className="dp-choice" aria-labelledby={`${intent}-title`}>
      <h3 id={`${intent}-title`}>{title}</h3>
      <dl className="dp-effects">
        <dt>Conservé</dt>
        <dd>{keeps}</dd>
        <dt>Effacé</dt>
        <dd>{removes}</dd>
      </dl>
      <Form method="post" className="form">
        <input type="hidden" name="intent" value={intent} />
        <div className="field">
          <label htmlFor={id}>Pour confirmer, saisissez son adresse e-mail</label>
          <p className="field__hint" id={`${id}-hint`}>
            Adresse du compte&nbsp;: <span className="dp-email">{email}</span>. Cette opération est définitive.
          </p>
          <input
            id={id}
            name="confirmation"
            type="email"
            autoComplete="off"
            spellCheck={false}
            required
            defaultValue={typed}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
          />
          {error ? (
            <p className="field__error" id={`${id}-error`}>
              {error}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button button--danger" disabled={submitting}>
          {button}
        </button>
      </Form>
    </section>
  )
}

/** « Données personnelles »: the export, and anonymisation or deletion once the retention period has elapsed. */
function PersonalData({
  userId,
  email,
  state,
  errors,
  failed,
  submitting,
}: {
  userId: string
  email: string
  state: DataProtectionState
  errors: Record<string, string>
  failed: { intent: string; typed: string } | null
  submitting: boolean
}) {
  const typed = (intent: string) => (failed?.intent === intent ? failed.typed : '')
  return (
    <section className="card dp" aria-labelledby="dp-title">
      <h2 id="dp-title">Données personnelles</h2>
      {state.canExport ? (
        <div className="dp-export">
          <p>
            Un fichier .zip avec toutes ses données&nbsp;: son compte, ses sessions et inscriptions, ses groupes, ses dossiers avec leur historique, les
            commentaires, ses dépôts, son auto-évaluation et ses résultats publiés, au format JSON, et les fichiers qu’elle ou il a déposés. Les autres
            candidat·es n’y sont jamais nommé·es. Chaque export est inscrit au journal.
          </p>
          <p>
            <a className="button" href={`/admin/utilisateurs/${userId}/donnees.zip`} download>
              Exporter toutes ses données (.zip)
            </a>
          </p>
        </div>
      ) : null}
      <h3 className="dp-subtitle">Anonymiser ou supprimer</h3>
      {state.canErase ? (
        <>
          <p>
            La durée de conservation de {state.sessions.length > 1 ? 'chacune de ses sessions' : state.sessions.length ? 'sa session' : 'ses données'} est
            écoulée{state.sessions.length ? '' : ' (aucune session)'}&nbsp;: vous pouvez anonymiser ou supprimer ce compte.
          </p>
          {state.sessions.length ? <RetentionList sessions={state.sessions} /> : null}
          <div className="dp-choices">
            {state.anonymizedAt ? null : (
              <EraseForm
                intent="anonymise"
                title="Anonymiser"
                keeps="Ses dossiers, dépôts, notes et décisions du jury, ses messages (sous le nouveau nom), pour les statistiques et les autres membres de ses groupes."
                removes="Son nom (remplacé par « Candidat·e anonymisé·e n° … »), son adresse e-mail, son mot de passe, ses sessions de connexion, liens de mot de passe et tentatives de connexion, ses notifications et les motifs de ses prolongations de délai. Le compte est désactivé."
                button="Anonymiser le compte"
                email={email}
                error={errors['anonymise-confirmation']}
                typed={typed('anonymise')}
                submitting={submitting}
              />
            )}
            <EraseForm
              intent="delete"
              title="Supprimer"
              keeps="Les dossiers de ses groupes, pour les autres membres (ses réponses aux commentaires y deviennent « message supprimé »)."
              removes="Le compte, ses dossiers individuels avec leur historique, leurs images, leurs dépôts et leurs notes, ses inscriptions, son auto-évaluation, les décisions du jury la ou le concernant, et ses fichiers sur le disque. Un groupe dont elle ou il était le dernier membre est supprimé avec son dossier."
              button="Supprimer le compte"
              email={email}
              error={errors['delete-confirmation']}
              typed={typed('delete')}
              submitting={submitting}
            />
          </div>
        </>
      ) : state.staffRoles.length ? (
        <p>{state.eraseRefusal}</p>
      ) : (
        <>
          <p className="dp-later">
            Possible à partir du <strong>{state.availableOn ? formatDate(state.availableOn) : '—'}</strong>&nbsp;: les données d’une session sont conservées
            pendant la durée fixée pour elle (dans ses informations), comptée à partir de sa fin, et toutes ses sessions doivent l’avoir atteinte.
          </p>
          <RetentionList sessions={state.sessions} />
        </>
      )}
      <p className="dp-journal">
        <Link to={`/admin/journal?compte=${userId}`}>Ses exports, anonymisation et suppression au journal des données personnelles</Link>
      </p>
    </section>
  )
}
