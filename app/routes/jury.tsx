import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { CopyStateBadge } from '~/components/grading/badges'
import { Badge, EmptyState, PageHeader } from '~/components/ui'
import { frenchTypography as ft, plural } from '~/domain/format'
import type { GradingState } from '~/domain/grading'
import type { InstanceCopies } from '~/domain/grading-view'
import type { CopyDoubleMarking } from '~/domain/reconciliation-view'
import { formatInstant } from '~/domain/hand-in'
import { requireRole } from '~/services/auth.server'
import { jurorCopies } from '~/services/grading.server'
import { presidedSessions } from '~/services/deliberation.server'
import { jurorDoubleMarking } from '~/services/reconciliation.server'

export const meta: MetaFunction = () => [{ title: 'Mes évaluations — Atelier' }]

/** Copies shown per épreuve on the overview; the rest is one click away, a page of `PAGE` at a time. */
const PREVIEW = 20
const PAGE = 100

/**
 * The juror's copies, by evaluation instance. Kept small whatever the cohort:
 * each instance shows its first copies and a link to the whole list, which is
 * paginated; the page is plain HTML (links and tables, no script needed).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'juror')
  const all = await jurorCopies(user.id)
  const url = new URL(request.url)
  const focusId = url.searchParams.get('epreuve')
  const focus = focusId ? all.find((i) => i.instanceId === focusId) : undefined
  const shown = focus ? [focus] : all
  const pages = focus ? Math.max(1, Math.ceil(focus.copies.length / PAGE)) : 1
  const page = Math.min(pages, Math.max(1, Math.trunc(Number(url.searchParams.get('page'))) || 1))
  const instances = shown.map((i) => summarize(i, focus ? (page - 1) * PAGE : 0, focus ? PAGE : PREVIEW))
  // Double marking: where each shown copy stands (one lookup for the page, scoped by the juror).
  const double = await jurorDoubleMarking(
    user.id,
    instances.flatMap((i) => i.copies.map((c) => c.id)),
  )
  return {
    presided: await presidedSessions(user.id),
    totalInstances: all.length,
    totalCopies: all.reduce((n, i) => n + i.copies.length, 0),
    focused: focus ? { instanceId: focus.instanceId, page, pages } : null,
    unknownFocus: Boolean(focusId && !focus),
    instances: instances.map((i) => ({ ...i, copies: i.copies.map((c) => ({ ...c, double: double.get(c.id) ?? null })) })),
  }
}

function summarize(instance: InstanceCopies, from: number, count: number) {
  const counts: Record<GradingState, number> = { todo: 0, 'in-progress': 0, done: 0 }
  for (const c of instance.copies) counts[c.state]++
  return {
    instanceId: instance.instanceId,
    title: instance.title,
    range: instance.range,
    mode: instance.mode,
    anonymous: instance.anonymous,
    sessionName: instance.sessionName,
    dueAt: instance.dueAt,
    waiting: instance.waiting,
    total: instance.copies.length,
    from,
    counts,
    copies: instance.copies.slice(from, from + count).map((c) => ({
      id: c.assignmentId,
      label: c.label,
      members: c.members,
      state: c.state,
      submittedAt: c.submittedAt,
      late: c.late,
    })),
  }
}

type InstanceRow = ReturnType<typeof useLoaderData<typeof loader>>['instances'][number]

export default function JurorHome() {
  const { instances, totalCopies, totalInstances, focused, unknownFocus, presided } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader
        title="Mes évaluations"
        lead={
          totalInstances > 0 ? `${plural(totalCopies, 'copie déposée', 'copies déposées')} sur ${plural(totalInstances, 'épreuve', 'épreuves')}.` : undefined
        }
        actions={
          focused ? (
            <Link to="/jury" className="button button--ghost button--small">
              Toutes mes épreuves
            </Link>
          ) : null
        }
      />
      {presided.length > 0 && !focused ? (
        <section className="card jury-presided" aria-labelledby="presided-title">
          <h2 id="presided-title">Vous présidez le jury</h2>
          <ul>
            {presided.map((s) => (
              <li key={s.id}>
                <Link to={`/deliberation/${s.id}`}>Délibération de la session {ft(s.name)}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {unknownFocus ? (
        <p className="alert alert--info" role="status">
          Cette épreuve ne fait pas partie de vos évaluations : voici toutes vos épreuves.
        </p>
      ) : null}
      {instances.length === 0 ? (
        <EmptyState title="Aucune évaluation ne vous est attribuée">
          <p>L’administration vous attribuera des épreuves à évaluer.</p>
        </EmptyState>
      ) : (
        <div className="jury-instances">
          {instances.map((instance) => (
            <InstanceSection key={instance.instanceId} instance={instance} focused={focused} />
          ))}
        </div>
      )}
    </>
  )
}

function InstanceSection({ instance, focused }: { instance: InstanceRow; focused: { page: number; pages: number } | null }) {
  const headingId = `epreuve-${instance.instanceId}`
  const { counts } = instance
  const rest = instance.total - instance.copies.length
  return (
    <section className="jury-instance card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {ft(instance.title)} <span className="card__muted">({instance.range})</span>
      </h2>
      <p className="jury-instance__meta">
        <span>{instance.sessionName}</span>
        <span>Date limite de dépôt&nbsp;: {formatInstant(new Date(instance.dueAt))}</span>
        {instance.mode === 'group' ? <Badge tone="accent">En groupe</Badge> : null}
        {instance.anonymous ? <Badge tone="info">Correction anonyme</Badge> : null}
        {instance.copies.some((c) => c.double) ? <Badge tone="accent">Double correction</Badge> : null}
      </p>
      {instance.total === 0 ? (
        <p className="jury-instance__empty">Aucune copie déposée pour l’instant.</p>
      ) : (
        <>
          <p className="jury-instance__counts">
            {plural(counts.todo, 'à évaluer', 'à évaluer')} · {plural(counts['in-progress'], 'en cours', 'en cours')} ·{' '}
            {plural(counts.done, 'évaluée', 'évaluées')}
          </p>
          <div className="table-wrap">
            <table className="table jury-copies">
              <caption className="visually-hidden">
                Copies déposées — {instance.title}
                {focused && focused.pages > 1 ? `, page ${focused.page} sur ${focused.pages}` : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{instance.anonymous ? 'Code candidat' : instance.mode === 'group' ? 'Groupe' : 'Candidat·e'}</th>
                  <th scope="col">État et dépôt</th>
                </tr>
              </thead>
              <tbody>
                {instance.copies.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <a href={`/jury/copies/${c.id}`}>{c.label}</a>
                      {c.members.length ? <span className="jury-copies__members">{c.members.join(', ')}</span> : null}
                    </th>
                    <td>
                      <CopyStateBadge state={c.state} />
                      {c.late ? (
                        <>
                          {' '}
                          <Badge tone="accent">En retard</Badge>
                        </>
                      ) : null}
                      {c.submittedAt ? <span className="jury-copies__when">Déposée le {formatInstant(new Date(c.submittedAt))}</span> : null}
                      {c.double ? <DoubleMarkingLine id={c.id} label={c.label} double={c.double} /> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {focused ? (
            focused.pages > 1 ? (
              <Pager instanceId={instance.instanceId} page={focused.page} pages={focused.pages} title={instance.title} />
            ) : null
          ) : rest > 0 ? (
            <p className="jury-instance__more">
              <a href={`/jury?epreuve=${instance.instanceId}`}>
                Voir toutes les copies de cette épreuve ({instance.total})<span className="visually-hidden"> : {instance.title}</span>
              </a>
            </p>
          ) : null}
        </>
      )}
      {instance.waiting > 0 ? (
        <p className="jury-instance__waiting">
          {plural(instance.waiting, 'copie pas encore déposée', 'copies pas encore déposées')}
          {instance.mode === 'group' ? ' (groupes)' : ''}.
        </p>
      ) : null}
    </section>
  )
}

const DOUBLE_TEXT: Record<CopyDoubleMarking['state'], string> = {
  incomplete: 'second·e juré·e à désigner',
  grading: '',
  'to-reconcile': 'À confronter',
  reconciled: 'Confrontée',
}

/** A double-marked copy: « Double correction », then, once both grids are closed, « À confronter » or « Confrontée » with a link to the confrontation. */
function DoubleMarkingLine({ id, label, double }: { id: string; label: string; double: CopyDoubleMarking }) {
  const waiting = double.state === 'grading' && double.ownClosed && !double.otherClosed
  return (
    <span className="jury-copies__double">
      <Badge tone="accent">Double correction</Badge>
      {double.state === 'to-reconcile' || double.state === 'reconciled' ? (
        <>
          {' '}
          <Badge tone={double.state === 'reconciled' ? 'success' : 'info'}>{DOUBLE_TEXT[double.state]}</Badge>{' '}
          <a href={`/jury/copies/${id}/confrontation`}>
            {double.state === 'reconciled' || !double.lead ? 'Voir la confrontation' : 'Confronter les deux corrections'}
            <span className="visually-hidden"> — {label}</span>
          </a>
        </>
      ) : double.state === 'incomplete' ? (
        <span className="jury-copies__note"> ({DOUBLE_TEXT.incomplete})</span>
      ) : waiting ? (
        <span className="jury-copies__note"> (l’autre grille n’est pas encore close)</span>
      ) : null}
      {double.lead && double.state !== 'incomplete' ? <span className="jury-copies__note"> · vous êtes juré·e principal·e</span> : null}
    </span>
  )
}

function Pager({ instanceId, page, pages, title }: { instanceId: string; page: number; pages: number; title: string }) {
  const href = (p: number) => `/jury?epreuve=${instanceId}&page=${p}`
  return (
    <nav className="pager" aria-label={`Pages des copies — ${title}`}>
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev">
          ← Page précédente
        </a>
      ) : null}
      <span>
        Page {page} sur {pages}
      </span>
      {page < pages ? (
        <a href={href(page + 1)} rel="next">
          Page suivante →
        </a>
      ) : null}
    </nav>
  )
}
