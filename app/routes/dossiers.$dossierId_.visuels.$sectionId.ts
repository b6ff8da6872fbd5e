import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireDossierAccess } from '~/services/dossier-access.server'
import { shownPictures } from '~/services/section-pictures.server'

/**
 * One picture of a section (`?image=N`, from 0) as PNG: what an oral's
 * rehearsal shows of a section it presents (a chart, a persona card, a
 * table), drawn from the section's current value. The section is the
 * dossier's own, or (`?source=`) one of another dossier of its learner's that
 * the oral may show. For whoever may read the dossier.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { dossier } = await requireDossierAccess(request, params.dossierId, 'read')
  const query = new URL(request.url).searchParams
  const index = Number(query.get('image') ?? '0')
  const visual = { sectionId: params.sectionId ?? '', dossierId: query.get('source') ?? undefined }
  const picture = Number.isInteger(index) && index >= 0 ? (await shownPictures(dossier, visual))[index] : undefined
  if (!picture) throw new Response('Cette section n’a pas d’image à montrer.', { status: 404 })
  return new Response(new Uint8Array(picture.png), {
    headers: { 'Content-Type': 'image/png', 'Content-Length': String(picture.png.byteLength), 'Cache-Control': 'private, no-cache' },
  })
}
