import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSubmit } from '@remix-run/react'
import { useState, type FormEvent } from 'react'
import { useConfirm } from '~/components/confirm-dialog'
import { Badge, EmptyState, PageHeader } from '~/components/ui'
import { useHydrated } from '~/components/use-hydrated'
import { SessionLinks } from '~/components/session-links'
import { formOutcomeTarget, usePostFocus } from '~/components/use-post-focus'
import { CASE_BODY_MAX, CASE_FILE_ACCEPT, CASE_TITLE_MAX, MAX_CASE_FILE_BYTES, MAX_CASE_FILES } from '~/domain/case-material'
import { formatDate, plural } from '~/domain/format'
import { formatInstant } from '~/domain/hand-in'
import { requirePermission } from '~/services/auth.server'
import { sessionSummary } from '~/services/groups-admin.server'
import {
  addCaseFile,
  CaseMaterialError,
  caseMaterialOverview,
  removeCaseFile,
  saveCaseText,
  TOO_LARGE,
  type CaseEpreuveMaterial,
} from '~/services/case-materials.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Documents des cas — ${data?.session.name ?? 'Session'} — Atelier` }]

const NO_SESSION = 'Cette session d’examen n’existe pas.'

/**
 * The fictional company material of a session's cas pratiques and MSP
 * (admins only, issue 13 §6): for each épreuve, the text of the case and its
 * files (PDF, Excel, CSV or text, 20 Mo at most, type read from the content),
 * attached and deleted here; the learners read them in their dossier.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:examSession:any')
  const sessionId = params.sessionId ?? ''
  const overview = await caseMaterialOverview(sessionId)
  if (!overview) throw new Response(NO_SESSION, { status: 404 })
  const session = overview.session
  return {
    session: { id: session.id, name: session.name, dates: `du ${formatDate(session.startsOn)} au ${formatDate(session.endsOn)}` },
    epreuves: overview.epreuves.map((e) => ({ ...e, files: e.files.map((f) => ({ ...f, added: formatInstant(new Date(f.createdAt)) })) })),
  }
}

type Field = 'file' | 'title' | 'body'
type Outcome = { form: string; ok: boolean; message: string; errors: Partial<Record<Field, string>>; values: { title?: string; body?: string } }

const NO_STORE = { 'Cache-Control': 'private, no-store' }
const INTENTS = ['upload', 'text', 'delete'] as const
type Intent = (typeof INTENTS)[number]
const isIntent = (value: unknown): value is Intent => typeof value === 'string' && (INTENTS as readonly string[]).includes(value)
const formIdOf = (intent: string, evaluationId: string) => (isIntent(intent) ? `${intent === 'delete' ? 'upload' : intent}-${evaluationId}` : 'page')

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, 'update:examSession:any')
  const sessionId = params.sessionId ?? ''
  if (!(await sessionSummary(sessionId))) throw new Response(NO_SESSION, { status: 404 })
  const reply = (status: number, outcome: Omit<Outcome, 'values' | 'errors'> & Partial<Pick<Outcome, 'values' | 'errors'>>) =>
    data<Outcome>({ errors: {}, values: {}, ...outcome }, { status, headers: NO_STORE })
  // The http guard caps the body a little above the largest file; a declared larger one is answered here too.
  if (Number(request.headers.get('Content-Length') ?? 0) > MAX_CASE_FILE_BYTES + 256 * 1024) {
    return reply(413, { form: 'page', ok: false, message: TOO_LARGE })
  }
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    return reply(400, { form: 'page', ok: false, message: 'Envoi illisible\u00a0: choisissez de nouveau le fichier et recommencez.' })
  }
  const intent = form.get('intent')
  const evaluationId = String(form.get('evaluationId') ?? '')
  const formId = formIdOf(String(intent ?? ''), evaluationId)
  if (!isIntent(intent)) return reply(400, { form: 'page', ok: false, message: 'Demande inconnue.' })
  const values = intent === 'text' ? { title: String(form.get('title') ?? ''), body: String(form.get('body') ?? '') } : {}
  try {
    switch (intent) {
      case 'upload': {
        const file = form.get('file')
        if (!(file instanceof File) || file.size === 0 || !file.name) {
          return reply(400, { form: formId, ok: false, message: 'Choisissez un fichier à joindre.', errors: { file: 'Choisissez un fichier à joindre.' } })
        }
        if (file.size > MAX_CASE_FILE_BYTES) return reply(413, { form: formId, ok: false, message: TOO_LARGE, errors: { file: TOO_LARGE } })
        const added = await addCaseFile(admin, sessionId, evaluationId, { name: file.name.slice(0, 255), bytes: new Uint8Array(await file.arrayBuffer()) })
        return reply(200, { form: formId, ok: true, message: added.message })
      }
      case 'text':
        return reply(200, { form: formId, ok: true, message: await saveCaseText(sessionId, evaluationId, { title: values.title!, body: values.body! }) })
      case 'delete':
        return reply(200, { form: formId, ok: true, message: await removeCaseFile(sessionId, String(form.get('fileId') ?? '')) })
    }
  } catch (error) {
    if (!(error instanceof CaseMaterialError)) throw error
    return reply(error.status, {
      form: formId,
      ok: false,
      message: error.message,
      errors: error.field ? { [error.field]: error.message } : {},
      values,
    })
  }
}

function FormMessage({ form, outcome }: { form: string; outcome: Outcome | undefined }) {
  if (!outcome || outcome.form !== form) return null
  return (
    <div id={`${form}-message`} className={`alert alert--${outcome.ok ? 'success' : 'error'}`} role={outcome.ok ? 'status' : 'alert'} tabIndex={-1}>
      {outcome.message}
    </div>
  )
}

/** True while this intent is being sent for this épreuve. */
function useBusy(intent: Intent, evaluationId: string) {
  const navigation = useNavigation()
  const sent = navigation.state === 'submitting' ? navigation.formData : undefined
  return sent?.get('intent') === intent && sent.get('evaluationId') === evaluationId
}

type Ask = ReturnType<typeof useConfirm>['ask']
type Epreuve = Omit<CaseEpreuveMaterial, 'files'> & { files: (CaseEpreuveMaterial['files'][number] & { added: string })[] }

export default function CaseDocuments() {
  const d = useLoaderData<typeof loader>()
  const outcome = useActionData<typeof action>()
  const { ask, dialog } = useConfirm()
  // After a post, focus goes to the first field in error, else the form's message.
  usePostFocus(outcome, formOutcomeTarget)
  const withFiles = d.epreuves.filter((e) => e.files.length > 0).length
  return (
    <div className="case-admin">
      <PageHeader
        title="Documents des cas"
        lead={
          <>
            {d.session.name}, {d.session.dates}.
          </>
        }
        actions={<SessionLinks sessionId={d.session.id} current="Documents des cas" />}
      />
      <p className="alert alert--info">
        Joignez ici le dossier de l’entreprise fictive de chaque cas pratique et de chaque mise en situation professionnelle&nbsp;: un texte et des fichiers
        (PDF, classeur Excel, tableau CSV ou texte, 20&nbsp;Mo au plus). Les candidat·es les retrouvent dans leur dossier de l’épreuve, et peuvent importer un
        tableau CSV ou Excel dans un tableau de leur dossier.
      </p>
      <FormMessage form="page" outcome={outcome} />
      <p>
        Épreuves avec des fichiers&nbsp;: {withFiles} sur {d.epreuves.length}&#8239;; avec un texte&nbsp;: {d.epreuves.filter((e) => e.text).length} sur{' '}
        {d.epreuves.length}.
      </p>
      <nav aria-label="Épreuves avec un cas" className="section">
        <ul className="session-links">
          {d.epreuves.map((e) => (
            <li key={e.evaluationId}>
              <a href={`#${e.evaluationId}`}>{e.title}</a>
            </li>
          ))}
        </ul>
      </nav>
      {d.epreuves.map((e) => (
        <EpreuveMaterial key={e.evaluationId} epreuve={e} outcome={outcome} ask={ask} />
      ))}
      {dialog}
    </div>
  )
}

function EpreuveMaterial({ epreuve: e, outcome, ask }: { epreuve: Epreuve; outcome: Outcome | undefined; ask: Ask }) {
  const headingId = `${e.evaluationId}-title`
  return (
    <section className="section stack case-admin__epreuve" id={e.evaluationId} aria-labelledby={headingId}>
      <div>
        <h2 id={headingId}>{e.title}</h2>
        <p className="card__meta">
          <Badge tone="info">{e.typeLabel}</Badge>
          <Badge tone={e.files.length ? 'success' : 'neutral'}>{plural(e.files.length, 'fichier', 'fichiers')}</Badge>
          <Badge tone={e.text ? 'success' : 'neutral'}>{e.text ? 'Texte du cas rédigé' : 'Pas de texte'}</Badge>
        </p>
      </div>
      <Files epreuve={e} outcome={outcome} ask={ask} />
      <CaseText epreuve={e} outcome={outcome} />
    </section>
  )
}

function Files({ epreuve: e, outcome, ask }: { epreuve: Epreuve; outcome: Outcome | undefined; ask: Ask }) {
  const formId = `upload-${e.evaluationId}`
  const mine = outcome?.form === formId ? outcome : undefined
  const busy = useBusy('upload', e.evaluationId)
  const hydrated = useHydrated()
  const submit = useSubmit()
  // A file over the cap is refused before it is sent (the server refuses it too).
  const [tooLarge, setTooLarge] = useState<string | null>(null)
  const inputId = `${formId}-file`
  const error = tooLarge ?? (mine && !mine.ok ? (mine.errors.file ?? null) : null)
  const full = e.files.length >= MAX_CASE_FILES
  const checkSize = (event: FormEvent<HTMLFormElement>) => {
    const input = event.currentTarget.elements.namedItem('file') as HTMLInputElement | null
    const file = input?.files?.[0]
    if (file && file.size > MAX_CASE_FILE_BYTES) {
      event.preventDefault()
      setTooLarge(TOO_LARGE_CLIENT)
      input?.focus()
    } else setTooLarge(null)
  }
  const confirmDelete = (event: FormEvent<HTMLFormElement>, name: string) => {
    event.preventDefault()
    const form = event.currentTarget
    ask(
      <>
        Supprimer «&nbsp;{name}&nbsp;» des documents de l’épreuve «&nbsp;{e.title}&nbsp;»&#8239;? Les candidat·es ne le verront plus dans leur dossier&nbsp;;
        les tableaux qu’ils en ont déjà importés restent dans leurs dossiers.
      </>,
      () => submit(form),
    )
  }
  return (
    <div className="card stack">
      <h3 id={`${e.evaluationId}-files`}>Fichiers</h3>
      {/* Outside the form: the upload form is remade after a success. */}
      <FormMessage form={formId} outcome={mine} />
      {e.files.length === 0 ? (
        <EmptyState title="Aucun fichier joint à cette épreuve.">
          <p>Joignez ci-dessous les documents de l’entreprise fictive&nbsp;: présentation, chiffres, études, budget…</p>
        </EmptyState>
      ) : (
        <ul className="case-files" aria-labelledby={`${e.evaluationId}-files`}>
          {e.files.map((f) => (
            <li key={f.id} className="case-files__item">
              <div className="case-files__main">
                <a href={f.href} className="case-files__name" download={f.name}>
                  {f.name}
                </a>
                <span className="case-files__meta">
                  {f.typeLabel} · {f.sizeLabel} · ajouté le {f.added}
                  {f.uploadedByName ? ` par ${f.uploadedByName}` : ''}
                </span>
              </div>
              <Form method="post" onSubmit={(event) => confirmDelete(event, f.name)}>
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="evaluationId" value={e.evaluationId} />
                <input type="hidden" name="fileId" value={f.id} />
                {/* The deletion asks for confirmation: its button waits for the page's script. */}
                <fieldset className="until-hydrated case-files__action" disabled={!hydrated}>
                  <button type="submit" className="button button--ghost button--small">
                    Supprimer<span className="visually-hidden"> «&nbsp;{f.name}&nbsp;»</span>
                  </button>
                </fieldset>
              </Form>
            </li>
          ))}
        </ul>
      )}
      {full ? (
        <p className="card__muted">Cette épreuve compte déjà {MAX_CASE_FILES}&nbsp;fichiers, le maximum&nbsp;: supprimez-en un pour en joindre un autre.</p>
      ) : (
        <Form
          method="post"
          encType="multipart/form-data"
          className="form case-admin__upload"
          id={`form-${formId}`}
          noValidate
          onSubmit={checkSize}
          key={mine?.ok ? mine.message : 'upload'}
        >
          <input type="hidden" name="intent" value="upload" />
          <input type="hidden" name="evaluationId" value={e.evaluationId} />
          <div className="field">
            <label htmlFor={inputId}>
              Fichier à joindre<span className="visually-hidden"> — {e.title}</span>
            </label>
            <p className="field__hint" id={`${inputId}-hint`}>
              PDF, classeur Excel (.xlsx), tableau CSV ou texte en UTF-8, 20&nbsp;Mo au plus. Le type est vérifié d’après le contenu du fichier, pas d’après son
              nom.
            </p>
            <input
              type="file"
              id={inputId}
              name="file"
              accept={CASE_FILE_ACCEPT}
              required
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${inputId}-hint ${inputId}-error` : `${inputId}-hint`}
              onChange={() => setTooLarge(null)}
            />
            {error ? (
              <p className="field__error" id={`${inputId}-error`}>
                {error}
              </p>
            ) : null}
          </div>
          <div>
            <button type="submit" className="button button--small" disabled={busy}>
              {busy ? 'Envoi…' : 'Joindre le fichier'}
              <span className="visually-hidden"> — {e.title}</span>
            </button>
          </div>
        </Form>
      )}
    </div>
  )
}

const TOO_LARGE_CLIENT = 'Ce fichier dépasse 20\u00a0Mo\u00a0: compressez le PDF ou scindez le document, puis joignez-le de nouveau. Rien n’a été envoyé.'

function CaseText({ epreuve: e, outcome }: { epreuve: Epreuve; outcome: Outcome | undefined }) {
  const formId = `text-${e.evaluationId}`
  const mine = outcome?.form === formId ? outcome : undefined
  const busy = useBusy('text', e.evaluationId)
  const failed = mine && !mine.ok ? mine : undefined
  const titleId = `${formId}-title`
  const bodyId = `${formId}-body`
  return (
    <div className="card stack">
      <h3>Texte du cas</h3>
      <FormMessage form={formId} outcome={mine} />
      {e.text ? (
        <p>
          <strong>{e.text.title}</strong> <span className="card__muted">({plural(e.text.body.length, 'caractère', 'caractères')})</span>
        </p>
      ) : (
        <p className="card__muted">Aucun texte pour l’instant&nbsp;: le dossier des candidat·es annonce que l’école fournira le cas.</p>
      )}
      <details open={failed ? true : undefined} className="case-admin__text">
        <summary>
          {e.text ? 'Modifier le texte' : 'Rédiger le texte'}
          <span className="visually-hidden"> — {e.title}</span>
        </summary>
        <Form method="post" className="form" id={`form-${formId}`} noValidate key={mine?.ok ? mine.message : 'text'}>
          <input type="hidden" name="intent" value="text" />
          <input type="hidden" name="evaluationId" value={e.evaluationId} />
          <div className="field">
            <label htmlFor={titleId}>Titre</label>
            <input
              id={titleId}
              name="title"
              type="text"
              maxLength={CASE_TITLE_MAX}
              defaultValue={failed ? failed.values.title : (e.text?.title ?? '')}
              aria-invalid={failed?.errors.title ? true : undefined}
              aria-describedby={failed?.errors.title ? `${titleId}-error` : undefined}
            />
            {failed?.errors.title ? (
              <p className="field__error" id={`${titleId}-error`}>
                {failed.errors.title}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor={bodyId}>Texte</label>
            <p className="field__hint" id={`${bodyId}-hint`}>
              Séparez les paragraphes par une ligne vide. Une ligne qui commence par «&nbsp;#&nbsp;» est un intertitre, par «&nbsp;-&nbsp;» un élément de liste.
              Videz le titre et le texte pour supprimer le texte du cas.
            </p>
            <textarea
              id={bodyId}
              name="body"
              rows={10}
              maxLength={CASE_BODY_MAX}
              defaultValue={failed ? failed.values.body : (e.text?.body ?? '')}
              aria-invalid={failed?.errors.body ? true : undefined}
              aria-describedby={failed?.errors.body ? `${bodyId}-hint ${bodyId}-error` : `${bodyId}-hint`}
            />
            {failed?.errors.body ? (
              <p className="field__error" id={`${bodyId}-error`}>
                {failed.errors.body}
              </p>
            ) : null}
          </div>
          <div>
            <button type="submit" className="button button--small" disabled={busy}>
              {busy ? 'Enregistrement…' : 'Enregistrer le texte'}
              <span className="visually-hidden"> — {e.title}</span>
            </button>
          </div>
        </Form>
      </details>
    </div>
  )
}
