import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { ConfrontationPage } from '~/components/grading/confrontation'
import { requireRole } from '~/services/auth.server'
import { confrontationOf } from '~/services/reconciliation.server'

/** Only the copy's label: the candidate code when the instance is anonymous. */
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${data.view.anonymous ? `Copie ${data.view.label}` : data.view.label} — Confrontation des deux corrections — Atelier`
      : 'Confrontation des deux corrections — Atelier',
  },
]

/**
 * The confrontation of a double-marked copy, for either of its two jurors,
 * each on their own assignment (403 for anyone else, 404 for an unknown copy
 * or one not double-marked). 409 while both grids are not closed: the page
 * then says who still has to close theirs, and shows nothing of either grid.
 * The writes go to /api/jury/:assignmentId/confrontation (lead juror only).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'juror')
  const view = await confrontationOf(user, params.assignmentId ?? '')
  return data({ view }, { status: view.state === 'waiting' ? 409 : 200, headers: { 'Cache-Control': 'no-store' } })
}

export default function ConfrontationRoute() {
  const { view } = useLoaderData<typeof loader>()
  return <ConfrontationPage key={view.assignmentId} view={view} />
}
