import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { requireUser } from '~/services/auth.server'
import { authorizeDossier } from '~/services/dossier-access.server'
import { templateOfDossier } from '~/services/dossiers.server'
import { touchPresence } from '~/services/presence.server'

const BodySchema = z.object({ sectionId: z.string().max(100).nullable(), leaving: z.boolean().optional() }).strict()

export async function loader(_: LoaderFunctionArgs) {
  return Response.json({ error: 'Utilisez POST pour signaler votre présence.' }, { status: 405 })
}

/**
 * Presence in a group dossier (issue 17 §2): its members' pages say every few
 * seconds where they are; the answer names the others there now. For those
 * who may write the dossier (readers are never shown).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const { dossier } = await authorizeDossier(user, params.dossierId ?? '', 'update')
  const body = BodySchema.safeParse(await request.json().catch(() => null))
  const sections = templateOfDossier(dossier).sections
  if (!body.success || (body.data.sectionId !== null && !sections.some((s) => s.id === body.data.sectionId))) {
    return Response.json({ error: 'Présence illisible.' }, { status: 400 })
  }
  const others = await touchPresence(dossier.id, user.id, body.data.sectionId, { leaving: body.data.leaving })
  return Response.json({ others }, { headers: { 'Cache-Control': 'private, no-store' } })
}
