import type { LoaderFunctionArgs } from '@remix-run/node'
import { copyDownload } from '~/services/exports/copy-export.server'
import { requireAssignment } from '~/services/jury-access.server'

/** The copy of a juror's assignment as Word (its frozen hand-ins), anonymized when the instance is: for that juror only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireAssignment(request, params.assignmentId)
  return await copyDownload(access)
}
