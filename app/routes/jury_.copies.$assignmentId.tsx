import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { GradingPage } from '~/components/grading/grading-page'
import type { ItemGroup } from '~/components/grading/snapshot-index'
import { whereOf } from '~/components/grading/snapshot-pane'
import { hasPermission } from '~/domain/permissions'
import { entryOf, itemsOf } from '~/kinds/registry'
import type { FieldValue } from '~/kinds/values'
import { richTextHtml } from '~/kinds/rich-text/html.server'
import { requireRole } from '~/services/auth.server'
import { bankFor } from '~/services/comment-bank.server'
import { gridOf } from '~/services/grading.server'
import { authorizeAssignment } from '~/services/jury-access.server'
import { gridDoubleMarking } from '~/services/reconciliation.server'

/** Only the copy's label: the candidate code when the instance is anonymous. */
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.view.label} — Grille d’évaluation — Atelier` : 'Grille d’évaluation — Atelier' },
]

/** The uploaded images a snapshot shows are its frozen copies, served under the grid's own address. */
const withSnapshotImages = (html: string, base: string) => html.replace(/(<img\b[^>]*?\ssrc=")(\/fichiers\/[0-9a-f-]{36}")/g, `$1${base}$2`)
/** The same in a structured value (a persona's avatar): every string that is an upload's address. A rich text keeps its own (the editor checks them). */
const withSnapshotFiles = (value: FieldValue, base: string): FieldValue =>
  JSON.parse(JSON.stringify(value).replace(/"(\/fichiers\/[0-9a-f-]{36})"/g, `"${base}$1"`)) as FieldValue

/**
 * A juror's grid for one assignment: the frozen snapshots beside the criteria.
 * Only the juror of the assignment gets it (the grading service checks it in
 * its queries: 403 otherwise, 404 for an unknown id).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'juror')
  const grid = await gridOf(user, params.assignmentId ?? '')
  const base = `/jury/copies/${grid.assignmentId}`
  const itemGroups: ItemGroup[] = []
  const snapshots = grid.snapshots.map((s) => ({
    ...s,
    sections: s.sections.map(({ section, value }) => {
      if (section.field.kind === 'richText') return { section, value, html: withSnapshotImages(richTextHtml(value), base) }
      const items = itemsOf(entryOf(section.field, value))
      if (items.length) itemGroups.push({ submissionId: s.submissionId, sectionId: section.id, where: whereOf(s, section), items })
      return { section, value: withSnapshotFiles(value, base) }
    }),
  }))
  // The comment bank, for the roles that have one (the school's entries and the user's own).
  const bank = hasPermission(user.roles, 'read:commentBank:any') ? (await bankFor(user)).map(({ id, body, criterionIds }) => ({ id, body, criterionIds })) : []
  // Double marking: where the copy stands, and whether the grid may still be reopened.
  const double = await gridDoubleMarking(await authorizeAssignment(user, grid.assignmentId))
  return { view: { ...grid, snapshots }, itemGroups, bank, double }
}

export default function JuryGridPage() {
  const { view, itemGroups, bank, double } = useLoaderData<typeof loader>()
  return <GradingPage key={view.assignmentId} view={view} itemGroups={itemGroups} bank={bank} double={double} />
}
