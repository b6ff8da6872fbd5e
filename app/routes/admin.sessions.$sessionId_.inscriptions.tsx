import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useState } from 'react'
import { DownloadLink } from '~/components/download-link'
import { SessionLinks } from '~/components/session-links'
import { Badge, EmptyState, PageHeader, TableWrap } from '~/components/ui'
import { useHydrated } from '~/components/use-hydrated'
import { IMPORT_FIELD_LABELS, IMPORT_MAX_BYTES, PASSWORD_LINK_DAYS, type CreatedAccount, type ImportOutcome, type ImportReport } from '~/domain/cohort-import'
import { formatDate, plural } from '~/domain/format'
import { formatInstant } from '~/domain/hand-in'
import { hasPermission } from '~/domain/permissions'
import { forbidden, requirePermission } from '~/services/auth.server'
import { applyCohortImport, CohortImportError, CohortImportRefused, planCohortImport, rosterRows } from '~/services/cohort-import.server'
import { resultsSession } from '~/services/results-access.server'
import { usePostFocus } from '~/components/use-post-focus'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Inscriptions — ${data?.session.name ?? 'Session'} — Atelier` }]

const NO_SESSION = 'Cette session d’examen n’existe pas.'
/** The file travels back with the confirmation as base64: 4 characters for 3 bytes. */
const MAX_BASE64 = Math.ceil(IMPORT_MAX_BYTES / 3) * 4
const MAX_MB = Math.round(IMPORT_MAX_BYTES / (1024 * 1024))
const TOO_LARGE = `Le fichier dépasse ${MAX_MB}\u00a0Mo\u00a0: scindez la liste en plusieurs fichiers.`

/**
 * The enrolments of a session (admins only): the roster as Excel, and the
 * import of a cohort from a CSV or Excel file in two steps, a preview that
 * writes nothing, then the confirmation that creates the accounts, enrols
 * them and shows each new account's one-time link to set its password.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:examSession:any')
  const session = await resultsSession(params.sessionId ?? '')
  if (!session) throw new Response(NO_SESSION, { status: 404 })
  const roster = await rosterRows(session.id)
  return {
    session: { id: session.id, name: session.name, dates: `du ${formatDate(session.startsOn)} au ${formatDate(session.endsOn)}` },
    enrolled: roster.length,
    pending: roster.filter((r) => r.state === 'pending').length,
  }
}

type FileData = { name: string; content: string }
type ImportResult =
  | { kind: 'error'; message: string }
  | { kind: 'preview'; report: ImportReport; file: FileData | null }
  | { kind: 'refused'; report: ImportReport }
  | { kind: 'done'; outcome: ImportOutcome }

const NO_STORE = { 'Cache-Control': 'private, no-store' }
const reply = (result: ImportResult, status = 200) => data<ImportResult>(result, { status, headers: NO_STORE })

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, 'update:examSession:any')
  if (!hasPermission(admin.roles, 'create:user:any')) forbidden()
  const sessionId = params.sessionId ?? ''
  if (!(await resultsSession(sessionId))) throw new Response(NO_SESSION, { status: 404 })
  if (Number(request.headers.get('Content-Length') ?? 0) > MAX_BASE64 + 64 * 1024) return reply({ kind: 'error', message: TOO_LARGE }, 413)
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    return reply({ kind: 'error', message: 'Envoi illisible\u00a0: choisissez de nouveau le fichier.' }, 400)
  }
  const intent = form.get('intent')

  if (intent === 'preview') {
    const upload = form.get('file')
    if (!(upload instanceof File) || upload.size === 0 || !upload.name) {
      return reply({ kind: 'error', message: 'Choisissez un fichier CSV ou Excel (.xlsx) contenant la liste des candidat·es.' }, 400)
    }
    if (upload.size > IMPORT_MAX_BYTES) return reply({ kind: 'error', message: TOO_LARGE }, 413)
    const bytes = new Uint8Array(await upload.arrayBuffer())
    try {
      const report = await planCohortImport(sessionId, { name: upload.name, bytes })
      // The confirmation sends the very same file back: only a file that can be imported.
      const importable = report.errors.length === 0 && report.rows.length > 0
      return reply({ kind: 'preview', report, file: importable ? { name: upload.name, content: Buffer.from(bytes).toString('base64') } : null })
    } catch (error) {
      if (error instanceof CohortImportError) return reply({ kind: 'error', message: error.message }, error.status)
      throw error
    }
  }

  if (intent === 'import') {
    const name = form.get('fileName')
    const content = form.get('content')
    if (typeof name !== 'string' || !name || typeof content !== 'string' || !content) {
      return reply({ kind: 'error', message: 'Aucun fichier à importer\u00a0: choisissez le fichier et vérifiez-le d’abord.' }, 400)
    }
    if (content.length > MAX_BASE64) return reply({ kind: 'error', message: TOO_LARGE }, 413)
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(content)) {
      return reply({ kind: 'error', message: 'Le fichier à importer est illisible\u00a0: choisissez-le de nouveau et vérifiez-le.' }, 400)
    }
    const file = { name: name.slice(0, 255), bytes: new Uint8Array(Buffer.from(content, 'base64')) }
    try {
      const outcome = await applyCohortImport(sessionId, file, admin, { baseUrl: new URL(request.url).origin })
      return reply({ kind: 'done', outcome })
    } catch (error) {
      if (error instanceof CohortImportRefused) return reply({ kind: 'refused', report: error.report }, 400)
      if (error instanceof CohortImportError) return reply({ kind: 'error', message: error.message }, error.status)
      throw error
    }
  }

  return reply({ kind: 'error', message: 'Action inconnue.' }, 400)
}

export default function SessionEnrolments() {
  const { session, enrolled, pending } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const navigation = useNavigation()
  const busyIntent = navigation.state === 'submitting' ? String(navigation.formData?.get('intent') ?? '') : null

  // After a post, focus goes to what it produced (an error message, the preview, the outcome).
  usePostFocus(result, (r) => document.getElementById(r.kind === 'error' ? 'file' : 'import-result'))

  const fileError = result?.kind === 'error' ? result.message : null
  return (
    <div className="import-admin">
      <PageHeader
        title="Inscriptions"
        lead={
          <>
            {session.name}, {session.dates}.
          </>
        }
        actions={<SessionLinks sessionId={session.id} current="Inscriptions" />}
      />

      <section className="card import-admin__roster" aria-labelledby="inscrits">
        <h2 id="inscrits">Candidat·es inscrit·es</h2>
        {enrolled === 0 ? (
          <EmptyState title="Aucun·e candidat·e n’est inscrit·e à cette session.">
            <p>Importez la liste de la promotion ci-dessous&nbsp;: les comptes manquants seront créés.</p>
          </EmptyState>
        ) : (
          <>
            <p className="import-admin__count">
              <strong>{plural(enrolled, 'candidat·e inscrit·e', 'candidat·es inscrit·es')}</strong> à cette session
              {pending ? <>, dont {plural(pending, 'compte', 'comptes')} en attente de mot de passe (lien pas encore utilisé)</> : null}.
            </p>
            <DownloadLink href={`/admin/sessions/${session.id}/inscriptions.xlsx`}>Exporter la liste (Excel)</DownloadLink>
          </>
        )}
      </section>

      <section className="card import-admin__upload" aria-labelledby="importer">
        <h2 id="importer">Importer une promotion</h2>
        <p>
          Un fichier CSV ou Excel, une ligne par candidat·e. Chaque compte manquant est créé avec un lien à usage unique pour choisir son mot de passe (valable{' '}
          {PASSWORD_LINK_DAYS}&nbsp;jours)&nbsp;; un compte qui existe déjà (même adresse e-mail) est seulement inscrit à la session. Rien n’est enregistré
          avant votre confirmation.
        </p>
        <ImportHelp />
        {/* A new form after an import: the file field starts empty again. */}
        <Form method="post" encType="multipart/form-data" className="form" noValidate key={result?.kind === 'done' ? 'after-import' : 'upload'}>
          <input type="hidden" name="intent" value="preview" />
          <div className="field">
            <label htmlFor="file">Fichier de la promotion</label>
            <p className="field__hint" id="file-hint">
              Formats .csv ou .xlsx, {MAX_MB}&nbsp;Mo au plus.
            </p>
            <input
              id="file"
              name="file"
              type="file"
              accept=".csv,.xlsx"
              required
              aria-invalid={fileError ? true : undefined}
              aria-describedby={fileError ? 'file-hint file-error' : 'file-hint'}
            />
            {fileError ? (
              <p className="field__error" id="file-error">
                {fileError}
              </p>
            ) : null}
          </div>
          <div>
            <button type="submit" className="button" disabled={busyIntent !== null}>
              {busyIntent === 'preview' ? 'Lecture du fichier…' : 'Vérifier le fichier'}
            </button>
          </div>
        </Form>
      </section>

      {result && result.kind !== 'error' ? <ImportResultView result={result} busy={busyIntent} /> : null}
    </div>
  )
}

const q = (text: string) => `«\u00a0${text}\u00a0»`
/** The headers the import reads (app/domain/cohort-import.ts, headerField), as the admin would type them. */
const RECOGNISED: { field: keyof typeof IMPORT_FIELD_LABELS; headers: string[]; note?: string }[] = [
  { field: 'firstName', headers: ['Prénom', 'Prénoms', 'First name'] },
  { field: 'lastName', headers: ['Nom', 'Nom de famille', 'Nom d’usage', 'Last name'] },
  { field: 'name', headers: ['Nom complet', 'Prénom et nom', 'Nom et prénom', 'Candidat'], note: 'à la place de Prénom et Nom' },
  { field: 'email', headers: ['Courriel', 'E-mail', 'Mail', 'Adresse e-mail', 'Adresse électronique'] },
  { field: 'group', headers: ['Groupe'], note: 'facultatif, un groupe qui existe déjà dans la session' },
]

function ImportHelp() {
  return (
    <details className="import-admin__help">
      <summary>Colonnes reconnues et encodages</summary>
      <p>
        La première ligne donne les en-têtes, dans n’importe quel ordre. Ils sont reconnus sans tenir compte des majuscules, des accents, des espaces ni des
        tirets&nbsp;:
      </p>
      <ul>
        {RECOGNISED.map((r) => (
          <li key={r.field}>
            <strong>{IMPORT_FIELD_LABELS[r.field]}</strong>
            {r.note ? ` (${r.note})` : ''}&nbsp;: {r.headers.map(q).join(', ')}.
          </li>
        ))}
      </ul>
      <p>Les autres colonnes sont ignorées, les lignes vides sautées. Les numéros de ligne des erreurs sont ceux du tableur (l’en-tête est la ligne 1).</p>
      <p>
        CSV&nbsp;: encodage UTF-8, avec ou sans BOM&nbsp;; séparateur point-virgule, virgule ou tabulation. Depuis Excel, choisissez «&nbsp;CSV UTF-8&nbsp;», ou
        envoyez directement le classeur .xlsx (sa première feuille est lue).
      </p>
    </details>
  )
}

function ImportResultView({ result, busy }: { result: Exclude<ImportResult, { kind: 'error' }>; busy: string | null }) {
  const report = result.kind === 'done' ? result.outcome.report : result.report
  const created = result.kind === 'done' ? result.outcome.created : []
  const newCount = report.rows.filter((r) => r.status === 'new').length
  const existingCount = report.rows.length - newCount
  return (
    <section className="card import-admin__result" aria-labelledby="import-result">
      <h2 id="import-result" tabIndex={-1}>
        {result.kind === 'done' ? 'Import terminé' : result.kind === 'refused' ? 'Import refusé' : 'Aperçu de l’import'}
      </h2>
      <p className="card__muted">
        Fichier «&nbsp;{report.fileName}&nbsp;» ({report.format === 'csv' ? 'CSV' : 'Excel'}), {plural(report.lines, 'ligne lue', 'lignes lues')}.
      </p>

      {result.kind === 'done' ? (
        <div className="alert alert--success" role="status">
          {result.outcome.created.length === 0 ? 'Aucun compte créé' : plural(result.outcome.created.length, 'compte créé', 'comptes créés')},{' '}
          {plural(result.outcome.enrolled, 'candidat·e inscrit·e', 'candidat·es inscrit·es')} à la session.
        </div>
      ) : result.kind === 'refused' ? (
        <div className="alert alert--error" role="alert">
          {plural(report.errors.length, 'erreur empêche', 'erreurs empêchent')} l’import (la session a pu changer depuis l’aperçu)&nbsp;: rien n’a été
          enregistré. Corrigez le fichier puis vérifiez-le de nouveau.
        </div>
      ) : report.errors.length > 0 ? (
        <div className="alert alert--error" role="alert">
          {plural(report.errors.length, 'erreur empêche', 'erreurs empêchent')} l’import&nbsp;: corrigez le fichier puis vérifiez-le de nouveau. Rien n’a été
          enregistré.
        </div>
      ) : report.rows.length === 0 ? (
        <div className="alert alert--error" role="alert">
          Le fichier ne contient aucune ligne à importer. Rien n’a été enregistré.
        </div>
      ) : (
        <div className="alert alert--info" role="status">
          0&nbsp;erreur&nbsp;:{' '}
          {[
            newCount ? `${plural(newCount, 'compte', 'comptes')} à créer` : null,
            existingCount ? `${plural(existingCount, 'compte existant', 'comptes existants')} à inscrire` : null,
          ]
            .filter(Boolean)
            .join(' et ')}
          . Rien n’est encore enregistré&nbsp;: vérifiez la lecture du fichier, puis confirmez l’import.
        </div>
      )}

      {result.kind === 'done' ? <CreatedLinks created={created} /> : null}

      <h3 id="lecture-colonnes">Lecture des colonnes</h3>
      <TableWrap label="Lecture des colonnes">
        <table className="table import-admin__table" aria-labelledby="lecture-colonnes">
          <thead>
            <tr>
              <th scope="col">Colonne</th>
              <th scope="col">En-tête</th>
              <th scope="col">Lu comme</th>
            </tr>
          </thead>
          <tbody>
            {report.columns.map((c) => (
              <tr key={c.column}>
                <th scope="row" data-label="Colonne">
                  {c.column}
                </th>
                <td data-label="En-tête">{c.header || <span className="card__muted">(vide)</span>}</td>
                <td data-label="Lu comme">{c.field ? IMPORT_FIELD_LABELS[c.field] : <span className="card__muted">Ignorée</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>

      {report.errors.length > 0 ? (
        <>
          <h3 id="erreurs">Lignes refusées ({report.errors.length})</h3>
          <TableWrap label="Lignes refusées">
            <table className="table import-admin__table import-admin__errors" aria-labelledby="erreurs">
              <thead>
                <tr>
                  <th scope="col">Ligne</th>
                  <th scope="col">Colonne</th>
                  <th scope="col">Problème</th>
                </tr>
              </thead>
              <tbody>
                {report.errors.map((e, i) => (
                  <tr key={`${e.line}-${e.column ?? ''}-${i}`}>
                    <th scope="row" data-label="Ligne">
                      {e.line}
                    </th>
                    <td data-label="Colonne">{e.column ?? '—'}</td>
                    <td data-label="Problème">{sentence(e.message)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      ) : null}

      {result.kind !== 'done' && report.rows.length > 0 ? (
        <>
          <h3 id="lignes">
            {result.kind === 'preview' && report.errors.length === 0 ? 'Lignes à importer' : 'Lignes lisibles'} ({report.rows.length})
          </h3>
          <TableWrap label="Lignes à importer">
            <table className="table import-admin__table" aria-labelledby="lignes">
              <thead>
                <tr>
                  <th scope="col">Ligne</th>
                  <th scope="col">Nom</th>
                  <th scope="col">Adresse e-mail</th>
                  <th scope="col">Groupe</th>
                  <th scope="col">Compte</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => (
                  <tr key={r.line}>
                    <th scope="row" data-label="Ligne">
                      {r.line}
                    </th>
                    <td data-label="Nom">{r.name}</td>
                    <td data-label="Adresse e-mail">{r.email}</td>
                    <td data-label="Groupe">{r.group ?? '—'}</td>
                    <td data-label="Compte">{r.status === 'new' ? <Badge tone="info">Nouveau compte</Badge> : <Badge>Compte existant</Badge>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      ) : null}

      {result.kind === 'preview' && result.file ? (
        <Form method="post" encType="multipart/form-data" className="import-admin__confirm">
          <input type="hidden" name="intent" value="import" />
          <input type="hidden" name="fileName" value={result.file.name} />
          <input type="hidden" name="content" value={result.file.content} />
          <button type="submit" className="button" disabled={busy !== null}>
            {busy === 'import' ? 'Import en cours…' : `Importer ${plural(report.rows.length, 'candidat·e', 'candidat·es')}`}
          </button>
        </Form>
      ) : null}
    </section>
  )
}

/** The service's messages follow « Ligne 4, colonne C : »; alone in a cell they start with a capital. */
const sentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1)

/** The links as a CSV for a spreadsheet (semicolons, BOM and CRLF, as French Excel expects). */
function linksCsv(created: CreatedAccount[]): string {
  const cell = (value: string) => (/[";\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)
  const lines = [
    ['Nom', 'Adresse e-mail', 'Lien pour choisir le mot de passe', 'Valable jusqu’au'],
    ...created.map((c) => [c.name, c.email, c.link, formatInstant(new Date(c.expiresAt))]),
  ]
  return lines.map((line) => line.map(cell).join(';')).join('\r\n') + '\r\n'
}

function CreatedLinks({ created }: { created: CreatedAccount[] }) {
  const hydrated = useHydrated()
  const [copied, setCopied] = useState<string | null>(null)
  if (created.length === 0) return <p>Tous les comptes existaient déjà&nbsp;: aucun lien à transmettre.</p>

  async function copy(account: CreatedAccount, inputId: string) {
    try {
      await navigator.clipboard.writeText(account.link)
      setCopied(`Lien de ${account.name} copié.`)
    } catch {
      // No clipboard (an insecure page, a refused permission): the link is selected for Ctrl+C.
      const input = document.getElementById(inputId) as HTMLInputElement | null
      input?.focus()
      input?.select()
      setCopied('Le lien est sélectionné\u00a0: copiez-le avec Ctrl+C (ou Cmd+C).')
    }
  }
  function downloadCsv() {
    const url = URL.createObjectURL(new Blob(['\ufeff', linksCsv(created)], { type: 'text/csv;charset=utf-8' }))
    const a = document.createElement('a')
    a.href = url
    a.download = 'liens-mot-de-passe.csv'
    document.body.append(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }

  return (
    <div className="import-admin__links">
      <h3 id="liens">Liens pour choisir le mot de passe ({created.length})</h3>
      <p className="alert alert--info">
        Transmettez à chaque personne son lien, par un canal sûr. Chaque lien ne sert qu’une fois et reste valable {PASSWORD_LINK_DAYS}&nbsp;jours. Ces liens ne
        seront plus affichés&nbsp;: copiez-les ou téléchargez-les maintenant.
      </p>
      {hydrated ? (
        <p>
          <button type="button" className="button button--ghost button--small" onClick={downloadCsv}>
            Télécharger les liens (CSV)
          </button>
        </p>
      ) : null}
      <TableWrap label="Comptes créés et leurs liens">
        <table className="table import-admin__table import-admin__link-table" aria-labelledby="liens">
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Adresse e-mail</th>
              <th scope="col">Lien</th>
              <th scope="col">Valable jusqu’au</th>
            </tr>
          </thead>
          <tbody>
            {created.map((c, i) => {
              const inputId = `link-${i + 1}`
              return (
                <tr key={c.email}>
                  <th scope="row">{c.name}</th>
                  <td data-label="Adresse e-mail">{c.email}</td>
                  <td data-label="Lien">
                    <div className="import-admin__link">
                      <input
                        id={inputId}
                        type="text"
                        readOnly
                        value={c.link}
                        aria-label={`Lien de ${c.name}`}
                        onFocus={(event) => event.currentTarget.select()}
                      />
                      {hydrated ? (
                        <button type="button" className="button button--ghost button--small" onClick={() => void copy(c, inputId)}>
                          Copier<span className="visually-hidden"> le lien de {c.name}</span>
                        </button>
                      ) : null}
                    </div>
                  </td>
                  <td data-label="Valable jusqu’au">{formatInstant(new Date(c.expiresAt))}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </TableWrap>
      <p className="visually-hidden" role="status">
        {copied}
      </p>
      {hydrated ? null : (
        <div className="field import-admin__fallback">
          <label htmlFor="links-text">Les liens en texte (CSV), à copier dans un tableur</label>
          <textarea id="links-text" readOnly rows={Math.min(12, created.length + 2)} value={linksCsv(created)} />
        </div>
      )}
    </div>
  )
}
