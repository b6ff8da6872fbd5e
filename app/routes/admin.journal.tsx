import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { Alert, Badge, EmptyState, PageHeader, TableWrap } from '~/components/ui'
import { formatDate, formatTime, plural } from '~/domain/format'
import { requirePermission } from '~/services/auth.server'
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS as ACTIONS, type AuditAction } from '~/domain/retention'
import { auditJournal } from '~/services/data-protection.server'
import { Pager } from '~/components/pager'

export const meta: MetaFunction = () => [{ title: 'Journal des données personnelles — Atelier' }]

const isAction = (value: string | null): value is AuditAction => (ACTIONS as readonly string[]).includes(value ?? '')

/**
 * The admin audit log of data protection (issue 13 §9): every export,
 * anonymisation and deletion of a learner's data, newest first, a page at a
 * time, filtered by action (and by account from an account's page) in the
 * query. Read-only: the log is append-only in the database.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:user:any')
  const p = new URL(request.url).searchParams
  const action = p.get('action')
  const subjectId = (p.get('compte') ?? '').slice(0, 64) || null
  const journal = await auditJournal({ action: isAction(action) ? action : null, subjectId, page: Math.trunc(Number(p.get('page'))) || 1 })
  const deleted = (p.get('supprime') ?? '').replace(/[^0-9A-F]/g, '').slice(0, 6)
  return { ...journal, filtered: Boolean(isAction(action) || subjectId), subjectId, deleted }
}

// An anonymised account's name already says so.
const STATE_LABELS = { present: null, anonymised: null, deleted: 'compte supprimé' } as const

export default function AdminJournal() {
  const { rows, total, page, pages, filtered, subjectId, deleted } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const searching = useNavigation().state === 'loading'
  const pageHref = (p: number) => {
    const next = new URLSearchParams(params)
    next.set('page', String(p))
    next.delete('supprime')
    return `?${next}`
  }
  return (
    <>
      <PageHeader
        title="Journal des données personnelles"
        lead="Les exports, anonymisations et suppressions de données de candidat·es, du plus récent au plus ancien. Le journal ne peut être ni modifié ni effacé."
        actions={
          <Link className="button button--ghost button--small" to="/admin/utilisateurs">
            Utilisateurs
          </Link>
        }
      />
      {deleted ? (
        <Alert tone="success">
          Le compte de la ou du candidat·e n°&nbsp;{deleted} est supprimé, avec ses travaux individuels et ses fichiers. Le journal en garde la trace, sans son
          nom.
        </Alert>
      ) : null}
      <Form method="get" role="search" aria-label="Filtrer le journal" className="filters dp-filters">
        {subjectId ? <input type="hidden" name="compte" value={subjectId} /> : null}
        <div className="field">
          <label htmlFor="journal-action">Opération</label>
          <select id="journal-action" name="action" defaultValue={params.get('action') ?? ''}>
            <option value="">Toutes les opérations</option>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {AUDIT_ACTION_LABELS[a]}
              </option>
            ))}
          </select>
        </div>
        <div className="filters__actions">
          <button type="submit" className="button button--small" disabled={searching}>
            Filtrer
          </button>
          {filtered ? (
            <Link className="button button--ghost button--small" to="/admin/journal">
              Tout le journal
            </Link>
          ) : null}
        </div>
      </Form>
      <p className="dp-count">
        {plural(total, 'opération', 'opérations')}
        {subjectId ? ' pour ce compte' : ''}
        {pages > 1 ? ` — page ${page} sur ${pages}` : ''}.
      </p>
      {rows.length === 0 ? (
        <EmptyState title={filtered ? 'Aucune opération ne correspond à ce filtre' : 'Aucune opération pour l’instant'}>
          <p>
            Les exports, anonymisations et suppressions se font depuis la page de chaque compte de candidat·e (
            <Link to="/admin/utilisateurs">Utilisateurs</Link>
            ).
          </p>
        </EmptyState>
      ) : (
        <TableWrap label="Opérations du journal">
          <table className="table dp-journal-table">
            <caption className="visually-hidden">Opérations sur les données personnelles, de la plus récente à la plus ancienne</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Opération</th>
                <th scope="col">Candidat·e</th>
                <th scope="col">Par</th>
                <th scope="col">Détail</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="dp-when">
                    {formatDate(new Date(r.at))} à {formatTime(new Date(r.at))}
                  </td>
                  <th scope="row">
                    <Badge tone={r.action === 'learner-export' ? 'info' : 'accent'}>{r.actionLabel}</Badge>
                  </th>
                  <td>
                    {r.subjectState === 'deleted' ? r.subjectName : <Link to={`/admin/utilisateurs/${r.subjectId}`}>{r.subjectName}</Link>}
                    {STATE_LABELS[r.subjectState] ? <span className="dp-state"> ({STATE_LABELS[r.subjectState]})</span> : null}
                  </td>
                  <td>{r.actorName}</td>
                  <td>{r.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pager label="Pages du journal" page={page} pages={pages} href={pageHref} />
    </>
  )
}
