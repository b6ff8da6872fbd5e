import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useLocation, useNavigation } from '@remix-run/react'
import { escapeHtml } from '~/components/dossier-cells'
import { DownloadLink } from '~/components/download-link'
import { SessionLinks } from '~/components/session-links'
import { EmptyState, PageHeader, TableWrap } from '~/components/ui'
import {
  CATEGORY_LABELS,
  CATEGORY_OF,
  CATEGORY_PARAMS,
  FOLLOW_UP_CATEGORIES,
  FOLLOW_UP_STATES,
  STATE_DESCRIPTIONS,
  STATE_LABELS,
  STATE_CODES,
  followUpSearch,
  stateOfCode,
  type FollowUpCategory,
  type FollowUpState,
} from '~/domain/follow-up'
import { formatNumber, frenchTypography as ft, plural } from '~/domain/format'
import { requirePermission } from '~/services/auth.server'
import { deadlineText, filtersOf, followUp, followUpParams } from '~/services/follow-up.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Suivi — ${data?.session.name ?? 'Session'} — Atelier` }]

const NO_SESSION = 'Cette session d’examen n’existe pas.'

/**
 * The follow-up of a session (admins only): per instance, how many
 * candidates are at each step; per candidate, the state of every instance,
 * filtered and 25 a page; and the same as Excel. Plain GET form and links.
 */
export async function loader({ request, params: route }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:examSession:any')
  const params = followUpParams(new URL(request.url))
  const data = await followUp(route.sessionId ?? '', filtersOf(params))
  if (!data) throw new Response(NO_SESSION, { status: 404 })
  return {
    params: { ...params, page: data.page },
    session: data.session,
    candidates: data.candidates,
    total: data.total,
    page: data.page,
    pages: data.pages,
    columns: data.columns.map((c) => ({
      id: c.evaluationId,
      label: c.label,
      title: ft(c.title),
      group: c.group,
      due: deadlineText(c.dueAt),
      doubleMarking: c.doubleMarking,
      counts: c.counts,
    })),
    shown: data.shown,
    rows: data.rows,
  }
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>
type Column = Data['columns'][number]

const sum = (counts: Record<FollowUpState, number>, category: FollowUpCategory) =>
  FOLLOW_UP_STATES.filter((s) => CATEGORY_OF[s] === category).reduce((n, s) => n + counts[s], 0)

export default function SessionFollowUp() {
  const data = useLoaderData<typeof loader>()
  const { session, candidates } = data
  return (
    <div className="follow-up">
      <PageHeader
        title="Suivi"
        lead={
          <>
            {session.name}&nbsp;: {plural(candidates, 'candidat·e inscrit·e', 'candidat·es inscrit·es')}.
          </>
        }
        actions={<SessionLinks sessionId={session.id} current="Suivi" />}
      />
      {candidates === 0 ? (
        <EmptyState title="Aucun·e candidat·e n’est inscrit·e à cette session.">
          <p>
            <Link to={`/admin/sessions/${session.id}/inscriptions`}>Importez la liste de la promotion</Link> pour suivre ses dépôts et ses corrections.
          </p>
        </EmptyState>
      ) : (
        <>
          <InstanceSummary data={data} />
          <CandidateTable data={data} />
        </>
      )}
    </div>
  )
}

/**
 * The rows of the counts per épreuve, as one HTML string (17 rows of 8 cells,
 * the same on the server and in the browser): each count a link to its
 * candidates, « — » where the state does not apply, how many of the late
 * ones handed nothing in.
 */
function summaryHtml(columns: readonly Column[]): string {
  const cell = (column: Column, category: FollowUpCategory) => {
    if (category === 'no-group' && !column.group) return '<span class="fu-zero">—<span class="visually-hidden">épreuve individuelle</span></span>'
    if (category === 'reconciled' && !column.doubleMarking && column.counts.reconciled === 0)
      return '<span class="fu-zero">—<span class="visually-hidden">pas de double correction</span></span>'
    const n = sum(column.counts, category)
    const count =
      n === 0
        ? '<span class="fu-zero">0</span>'
        : `<a href="?${escapeHtml(new URLSearchParams({ epreuve: column.id, etat: CATEGORY_PARAMS[category] }).toString())}#candidats">${formatNumber(n)}</a>`
    const missing = column.counts.overdue + column.counts.missed
    return category === 'late' && missing > 0 ? `${count}<span class="fu-muted">dont ${plural(missing, 'non rendu', 'non rendus')}</span>` : count
  }
  let html = ''
  for (const column of columns) {
    html += `<tr><th scope="row"><span class="fu-label">${escapeHtml(column.label)}</span><span class="fu-muted">${escapeHtml(column.title)}</span></th><td class="fu-due">${escapeHtml(column.due)}</td>`
    for (const category of FOLLOW_UP_CATEGORIES) html += `<td class="num">${cell(column, category)}</td>`
    html += '</tr>'
  }
  return html
}

function InstanceSummary({ data }: { data: Data }) {
  return (
    <section className="fu-section" aria-labelledby="fu-epreuves">
      <h2 id="fu-epreuves">Par épreuve</h2>
      <p className="fu-note">
        Chaque candidat·e compte une fois par épreuve, à l’étape la plus avancée (épreuves de groupe&nbsp;: le dossier de son groupe). En retard&nbsp;: rendu
        après la date limite, ou rien de rendu alors qu’elle est passée. Un nombre mène à la liste des candidat·es concerné·es.
      </p>
      <TableWrap label="Effectifs par épreuve">
        <table className="table fu-summary">
          <caption className="visually-hidden">Effectifs par épreuve et par état, dans l’ordre des dates limites</caption>
          <thead>
            <tr>
              <th scope="col">Épreuve</th>
              <th scope="col">Date limite</th>
              {FOLLOW_UP_CATEGORIES.map((c) => (
                <th key={c} scope="col" className="num">
                  {CATEGORY_LABELS[c]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody dangerouslySetInnerHTML={{ __html: summaryHtml(data.columns) }} />
        </table>
      </TableWrap>
    </section>
  )
}

function CandidateTable({ data }: { data: Data }) {
  const { params, total, page, pages, rows, session } = data
  const filtered = Boolean(params.q || params.epreuve || params.etat || params.groupe)
  const columns = data.shown.map((id) => data.columns.find((c) => c.id === id)!)
  return (
    <section className="fu-section" aria-labelledby="candidats">
      <h2 id="candidats" tabIndex={-1}>
        Par candidat·e
      </h2>
      <Filters data={data} />
      <div className="fu-count">
        <p id="fu-count" aria-live="polite">
          {filtered ? `${plural(total, 'candidat·e correspond', 'candidat·es correspondent')} à ces critères` : plural(total, 'candidat·e', 'candidat·es')}
          {pages > 1 ? ` · page ${page} sur ${pages}` : ''}.
          {filtered ? (
            <>
              {' '}
              <Link to=".">Effacer les filtres</Link>
            </>
          ) : null}
        </p>
        {total > 0 ? (
          <DownloadLink href={`/admin/sessions/${session.id}/suivi.xlsx${followUpSearch(params, false)}`}>
            Exporter {filtered ? 'cette sélection' : 'le suivi'} (Excel)
          </DownloadLink>
        ) : null}
      </div>
      {rows.length === 0 ? (
        <EmptyState title="Aucun·e candidat·e ne correspond à ces critères">
          <p>
            <Link to=".">Effacer les filtres</Link> pour revoir toute la promotion.
          </p>
        </EmptyState>
      ) : (
        <>
          <TableWrap label="États par candidat·e et par épreuve">
            <table className="table fu-grid">
              <caption className="visually-hidden">États de chaque candidat·e par épreuve{pages > 1 ? `, page ${page} sur ${pages}` : ''}</caption>
              <thead>
                <tr>
                  <th scope="col">Candidat·e</th>
                  {columns.map((c) => (
                    <th key={c.id} scope="col">
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              {/* 25 rows of 18 cells: one HTML string, the same on the server and in the browser, instead of 1 000 React elements. */}
              <tbody dangerouslySetInnerHTML={{ __html: rowsHtml(rows) }} />
            </table>
          </TableWrap>
          <Pager params={params} page={page} pages={pages} />
        </>
      )}
      <details className="fu-legend">
        <summary>Légende des états</summary>
        <dl>
          {FOLLOW_UP_STATES.map((s) => (
            <div key={s}>
              <dt>
                <span className={`fu-pill fu-${STATE_CODES[s]}`}>{STATE_LABELS[s]}</span>
              </dt>
              <dd>{STATE_DESCRIPTIONS[s]}</dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  )
}

/**
 * The rows of the table: the candidate (a link to their account, their
 * e-mail) and, per shown épreuve, the state in words (the cell coloured by
 * its letter, app/styles/follow-up.css) and the group, for a group épreuve.
 * Names, e-mails and group names are escaped.
 */
function rowsHtml(rows: Data['rows']): string {
  let html = ''
  for (const r of rows) {
    html += `<tr><th scope="row"><a href="/admin/utilisateurs/${encodeURIComponent(r.id)}">${escapeHtml(r.name)}</a><small>${escapeHtml(r.email)}</small></th>`
    for (let i = 0; i < r.states.length; i++) {
      const code = r.states[i]!
      const group = r.groups[i]
      html += `<td class="fu-${code}">${STATE_LABELS[stateOfCode(code)]}${group ? `<small>${escapeHtml(group)}</small>` : ''}</td>`
    }
    html += '</tr>'
  }
  return html
}

function Filters({ data }: { data: Data }) {
  const { params, columns } = data
  const location = useLocation()
  const searching = useNavigation().state === 'loading'
  return (
    // Keyed by the address: after a link (a count, the pager, « Effacer »), the controls show its filters.
    <Form key={location.search} method="get" role="search" aria-label="Filtrer les candidat·es" className="filters" aria-describedby="fu-count">
      <div className="field filters__q">
        <label htmlFor="fu-q">Nom ou adresse e-mail</label>
        <input id="fu-q" name="q" type="search" defaultValue={params.q} maxLength={100} />
      </div>
      <div className="field">
        <label htmlFor="fu-epreuve">Épreuve</label>
        <select id="fu-epreuve" name="epreuve" defaultValue={params.epreuve}>
          <option value="">Toutes les épreuves</option>
          {columns.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="fu-etat">État</label>
        <select id="fu-etat" name="etat" defaultValue={params.etat} aria-describedby="fu-filters-hint">
          <option value="">Tous les états</option>
          {FOLLOW_UP_CATEGORIES.map((c) => (
            <option key={c} value={CATEGORY_PARAMS[c]}>
              {CATEGORY_LABELS[c]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="fu-groupe">Groupe</label>
        <input id="fu-groupe" name="groupe" type="search" defaultValue={params.groupe} maxLength={100} aria-describedby="fu-filters-hint" />
      </div>
      <div className="filters__actions">
        <button type="submit" className="button button--small" disabled={searching}>
          {searching ? 'Recherche…' : 'Filtrer'}
        </button>
      </div>
      <p id="fu-filters-hint" className="fu-filters-hint">
        L’état et le groupe portent sur l’épreuve choisie, sinon sur au moins une épreuve. Le groupe se cherche par son nom exact, p.&nbsp;ex.
        «&nbsp;Groupe&nbsp;3&nbsp;».
      </p>
    </Form>
  )
}

function Pager({ params, page, pages }: { params: Data['params']; page: number; pages: number }) {
  if (pages <= 1) return null
  const href = (n: number) => `${followUpSearch({ ...params, page: n }) || '?'}#candidats`
  // The first, the last, and two on each side of the current page.
  const numbers = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b)
  return (
    <nav className="pager" aria-label="Pages de la liste des candidat·es">
      <p className="pager__status">{`Page ${page} sur ${pages}`}</p>
      <ul>
        <li>
          {page > 1 ? (
            <Link to={href(page - 1)} rel="prev">
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
            <Link to={href(n)} aria-current={n === page ? 'page' : undefined} aria-label={`Page ${n}`}>
              {n}
            </Link>
          </li>
        ))}
        <li>
          {page < pages ? (
            <Link to={href(page + 1)} rel="next">
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
