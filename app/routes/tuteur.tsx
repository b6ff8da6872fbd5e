import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation, useSubmit } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { z } from 'zod'
import { cellsHtml, encodeCells } from '~/components/dossier-cells'
import { EmptyState, PageHeader, TableWrap } from '~/components/ui'
import { plural } from '~/domain/format'
import { relativeTime } from '~/domain/relative-time'
import { requireRole } from '~/services/auth.server'
import { DEFAULT_DIRECTION, DOSSIER_LABELS, tutorDashboard, type DashboardFilter, type DashboardSort } from '~/services/tutor-dashboard.server'

export const meta: MetaFunction = () => [{ title: 'Mes candidat·es — Atelier' }]

// The URL speaks French; the service, English.
const FILTERS = { tous: 'all', relecture: 'review', commentaires: 'comments' } as const satisfies Record<string, DashboardFilter>
const SORTS = { nom: 'name', activite: 'activity', relectures: 'requests', commentaires: 'comments' } as const satisfies Record<string, DashboardSort>
type SortParam = keyof typeof SORTS

/** `tri` is a sort key in its default direction (`commentaires`: the most first), or `-inverse` for the other one. */
const SORT_OPTIONS: { value: string; label: string }[] = [
  { value: 'nom', label: 'Nom (A → Z)' },
  { value: 'nom-inverse', label: 'Nom (Z → A)' },
  { value: 'activite', label: 'Activité la plus récente' },
  { value: 'activite-inverse', label: 'Activité la plus ancienne' },
  { value: 'relectures', label: 'Le plus de relectures demandées' },
  { value: 'relectures-inverse', label: 'Le moins de relectures demandées' },
  { value: 'commentaires', label: 'Le plus de commentaires ouverts' },
  { value: 'commentaires-inverse', label: 'Le moins de commentaires ouverts' },
]

// A filter page: a value it does not know falls back to the default rather than failing.
const paramsSchema = z.object({
  q: z.string().trim().max(100).catch(''),
  filtre: z.enum(['tous', 'relecture', 'commentaires']).catch('tous'),
  session: z.string().max(64).catch(''),
  tri: z
    .string()
    .regex(/^(nom|activite|relectures|commentaires)(-inverse)?$/)
    .catch('nom'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
})

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'tutor')
  const now = Date.now()
  const params = paramsSchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const [key, inverse] = params.tri.split('-') as [SortParam, string | undefined]
  const sort = SORTS[key]
  const dir = inverse ? (DEFAULT_DIRECTION[sort] === 'asc' ? 'desc' : 'asc') : DEFAULT_DIRECTION[sort]
  const dashboard = await tutorDashboard(user.id, { q: params.q, filter: FILTERS[params.filtre], session: params.session, sort, dir, page: params.page })
  const labels = new Map(DOSSIER_LABELS.map((l) => [l.id, l.label]))
  const shown = new Set(dashboard.rows.flatMap((r) => r.dossiers.map((d) => d.templateId)))
  return {
    params,
    total: dashboard.total,
    page: dashboard.page,
    pages: dashboard.pages,
    learners: dashboard.learners,
    sessions: dashboard.sessions,
    legend: DOSSIER_LABELS.filter((l) => shown.has(l.id)),
    rows: dashboard.rows.map((r) => ({
      name: r.name,
      email: r.email,
      session: dashboard.sessions.length > 1 ? r.sessionName : '',
      activity: r.lastActivity ? relativeTime(r.lastActivity, now) : '',
      openRequests: r.openRequests,
      openComments: r.openComments,
      dossiers: encodeCells(
        r.dossiers.map((d) => ({
          id: d.id,
          label: labels.get(d.templateId) ?? d.templateId,
          achieved: d.achieved,
          criteria: d.criteria,
          // In words, computed here: the server and the browser print the same.
          activity: d.lastActivity ? relativeTime(d.lastActivity, now) : '',
          requested: d.requestedAt !== null,
          openComments: d.openComments,
        })),
      ),
    })),
  }
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>

/** The current query with some parameters changed, defaults left out of the URL. */
function hrefWith(params: Data['params'], changes: Partial<Data['params']>): string {
  const merged = { ...params, ...changes }
  const search = new URLSearchParams()
  if (merged.q) search.set('q', merged.q)
  if (merged.filtre !== 'tous') search.set('filtre', merged.filtre)
  if (merged.session) search.set('session', merged.session)
  if (merged.tri !== 'nom') search.set('tri', merged.tri)
  if (merged.page > 1) search.set('page', String(merged.page))
  const query = search.toString()
  return query ? `/tuteur?${query}` : '/tuteur'
}

export default function TutorDashboard() {
  const data = useLoaderData<typeof loader>()
  const { params, learners, total, page, pages, rows } = data
  const filtered = Boolean(params.q || params.filtre !== 'tous' || params.session)
  return (
    <>
      <PageHeader
        title="Mes candidat·es"
        lead={
          learners > 0 ? (
            <>
              {plural(learners, 'candidat·e vous est confié·e', 'candidat·es vous sont confié·es')}.{' '}
              <Link to={hrefWith(params, { filtre: 'relecture', tri: 'relectures', page: 1 })}>Voir les relectures demandées</Link>
            </>
          ) : undefined
        }
      />
      {learners === 0 ? (
        <EmptyState title="Aucun·e candidat·e ne vous est confié·e pour l’instant">
          <p>L’administration de votre école vous attribuera des candidat·es à accompagner.</p>
        </EmptyState>
      ) : (
        <>
          <Filters data={data} />
          <p id="tdash-count" className="tdash-count" aria-live="polite">
            {filtered ? `${plural(total, 'candidat·e correspond', 'candidat·es correspondent')} à ces critères` : plural(total, 'candidat·e', 'candidat·es')}
            {pages > 1 ? ` · page ${page} sur ${pages}` : ''}.
          </p>
          {rows.length === 0 ? (
            <EmptyState title="Aucun·e candidat·e ne correspond à ces critères">
              <p>
                <Link to="/tuteur">Effacer les filtres</Link> pour revoir tous vos candidat·es.
              </p>
            </EmptyState>
          ) : (
            <>
              <TableWrap label="Candidat·es et dossiers">
                <table className="table tdash">
                  <caption className="visually-hidden">Vos candidat·es et leurs dossiers{pages > 1 ? `, page ${page} sur ${pages}` : ''}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Candidat·e</th>
                      <th scope="col">Dossiers</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <LearnerRow key={`${r.email} ${r.session}`} row={r} />
                    ))}
                  </tbody>
                </table>
              </TableWrap>
              <Pagination params={params} page={page} pages={pages} />
              <details className="tdash-legend">
                <summary>Intitulés complets des dossiers</summary>
                <dl>
                  {data.legend.map((l) => (
                    <div key={l.id}>
                      <dt>{l.label}</dt>
                      <dd>{l.title}</dd>
                    </div>
                  ))}
                </dl>
              </details>
            </>
          )}
        </>
      )}
    </>
  )
}

function Filters({ data }: { data: Data }) {
  const { params, sessions } = data
  const submit = useSubmit()
  const navigation = useNavigation()
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const form = useRef<HTMLFormElement>(null)
  const searching = navigation.state === 'loading' && navigation.location.pathname === '/tuteur'
  // The controls are uncontrolled (the form works without JavaScript): after a navigation by a link
  // (« Effacer les filtres », the pagination…), they show the address again, except the one being used.
  useEffect(() => {
    const values: Record<string, string> = { q: params.q, filtre: params.filtre, session: params.session, tri: params.tri }
    for (const [name, value] of Object.entries(values)) {
      const control = form.current?.elements.namedItem(name)
      if ((control instanceof HTMLInputElement || control instanceof HTMLSelectElement) && control !== document.activeElement) control.value = value
    }
  }, [params.q, params.filtre, params.session, params.tri])
  return (
    <Form
      ref={form}
      method="get"
      role="search"
      aria-label="Filtrer et trier vos candidat·es"
      className="filters"
      aria-describedby="tdash-count"
      onChange={(event) => {
        // With JavaScript the list follows the controls; without, the button sends the form.
        const form = event.currentTarget
        const typing = (event.target as HTMLElement).getAttribute('type') === 'search'
        clearTimeout(timer.current)
        timer.current = setTimeout(() => submit(form, { replace: true, preventScrollReset: true }), typing ? 300 : 0)
      }}
    >
      <div className="field filters__q">
        <label htmlFor="tdash-q">Nom ou adresse e-mail</label>
        <input id="tdash-q" name="q" type="search" defaultValue={params.q} maxLength={100} />
      </div>
      <div className="field">
        <label htmlFor="tdash-filtre">Afficher</label>
        <select id="tdash-filtre" name="filtre" defaultValue={params.filtre}>
          <option value="tous">Tous les candidat·es</option>
          <option value="relecture">Relecture demandée</option>
          <option value="commentaires">Commentaires ouverts</option>
        </select>
      </div>
      {sessions.length > 1 ? (
        <div className="field">
          <label htmlFor="tdash-session">Session</label>
          <select id="tdash-session" name="session" defaultValue={params.session}>
            <option value="">Toutes les sessions</option>
            {sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="field filters__sort">
        <label htmlFor="tdash-tri">Trier par</label>
        <select id="tdash-tri" name="tri" defaultValue={params.tri}>
          {SORT_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="filters__actions">
        <button type="submit" className="button button--small" disabled={searching}>
          Appliquer
        </button>
      </div>
    </Form>
  )
}

function LearnerRow({ row }: { row: Data['rows'][number] }) {
  return (
    <tr>
      <th scope="row" className="tdash__who">
        <span className="tdash__name">{row.name}</span>
        <a className="tdash__email" href={`mailto:${row.email}`}>
          {row.email}
        </a>
        {row.session ? <span className="tdash__muted">{row.session}</span> : null}
        <span className="tdash__totals">
          {row.openRequests ? <span className="badge badge--accent">{plural(row.openRequests, 'relecture demandée', 'relectures demandées')}</span> : null}
          {row.openComments ? <span className="badge badge--info">{plural(row.openComments, 'commentaire ouvert', 'commentaires ouverts')}</span> : null}
          <span className="tdash__muted">{row.activity ? `Dernière activité\u00a0: ${row.activity}` : 'Aucune activité'}</span>
        </span>
      </th>
      <td>
        {row.dossiers ? (
          // See app/components/dossier-cells.ts: up to 315 cells a page (15 learners × 21 dossiers), written as one escaped string.
          <ul className="dchips" dangerouslySetInnerHTML={{ __html: cellsHtml(row.dossiers) }} />
        ) : (
          <span className="tdash__muted">Pas encore de dossier (inscription en attente)</span>
        )}
      </td>
    </tr>
  )
}

function Pagination({ params, page, pages }: { params: Data['params']; page: number; pages: number }) {
  if (pages <= 1) return null
  // The first, the last, and two on each side of the current page.
  const numbers = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b)
  return (
    <nav className="pager" aria-label="Pagination">
      <p className="pager__status">{`Page ${page} sur ${pages}`}</p>
      <ul>
        <li>
          {page > 1 ? (
            <Link to={hrefWith(params, { page: page - 1 })} rel="prev">
              <span aria-hidden="true">←</span> Précédente
            </Link>
          ) : (
            <span className="pager__off">
              <span aria-hidden="true">←</span> Précédente
            </span>
          )}
        </li>
        {numbers.map((n, i) => (
          <li key={n}>
            {i > 0 && n - numbers[i - 1]! > 1 ? (
              <span className="pager__gap" aria-hidden="true">
                …
              </span>
            ) : null}
            <Link to={hrefWith(params, { page: n })} aria-current={n === page ? 'page' : undefined} aria-label={`Page ${n}`}>
              {n}
            </Link>
          </li>
        ))}
        <li>
          {page < pages ? (
            <Link to={hrefWith(params, { page: page + 1 })} rel="next">
              Suivante <span aria-hidden="true">→</span>
            </Link>
          ) : (
            <span className="pager__off">
              Suivante <span aria-hidden="true">→</span>
            </span>
          )}
        </li>
      </ul>
    </nav>
  )
}
