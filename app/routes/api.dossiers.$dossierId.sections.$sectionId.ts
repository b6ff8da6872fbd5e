import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { frenchTypography as ft } from '~/domain/format'
import { emptyValue, entryOf, itemsOf, locateIssues } from '~/kinds/registry'
import { valueSchema } from '~/kinds/schemas'
import { requireUser } from '~/services/auth.server'
import { refreshItemLabels } from '~/services/comments.server'
import { getDb } from '~/services/db.server'
import { authorizeDossier } from '~/services/dossier-access.server'
import { saveSection, sectionStates } from '~/services/dossier-sections.server'
import { templateOfDossier } from '~/services/dossiers.server'

/** Autosave of one section. Bodies are JSON, 1 MB at most. */
export const MAX_BODY_BYTES = 1_000_000

const BodySchema = z.object({
  baseVersion: z.number().int().min(0),
  content: z.unknown(),
  /** `conflict-copy` sets a version aside in the history (after « prendre l’autre version »). */
  kind: z.enum(['save', 'conflict-copy']).default('save'),
})

/** Drains bodies up to this size even when refusing them, so the client gets the answer instead of a reset. */
const MAX_DRAIN_BYTES = 16 * 1024 * 1024

/** The body as text, or null when it is over `max` bytes (read without keeping more than `max`). */
async function readCapped(request: Request, max: number): Promise<string | null> {
  if (Number(request.headers.get('Content-Length') ?? 0) > MAX_DRAIN_BYTES || !request.body) {
    return request.body ? null : ''
  }
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength
    if (size <= max) chunks.push(chunk)
    else if (size > MAX_DRAIN_BYTES) return null
  }
  return size > max ? null : Buffer.concat(chunks).toString('utf8')
}

const error = (status: number, message: string) => Response.json({ error: message }, { status })

/**
 * The section as stored now (version, content, last author): how the members
 * of a group see each other's saves without reloading (issue 17 §3). For
 * whoever may read the dossier.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { dossier } = await authorizeDossier(user, params.dossierId ?? '', 'read')
  const section = templateOfDossier(dossier).sections.find((s) => s.id === params.sectionId)
  if (!section) return error(404, 'Cette section n’existe pas dans ce dossier.')
  const state = (await sectionStates(dossier.id))[section.id] ?? { content: emptyValue(section.field), version: 0, updatedAt: 0, updatedBy: null }
  return Response.json(state, { headers: { 'Cache-Control': 'private, no-store' } })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  if (request.method !== 'POST') return error(405, 'Utilisez POST pour enregistrer une section.')
  const { dossier } = await authorizeDossier(user, params.dossierId ?? '', 'update')
  const section = templateOfDossier(dossier).sections.find((s) => s.id === params.sectionId)
  if (!section) return error(400, 'Cette section n’existe pas dans ce dossier.')

  const raw = await readCapped(request, MAX_BODY_BYTES)
  if (raw === null) return error(413, 'Le contenu dépasse la taille maximale d’une section (1 Mo). Scindez-le ou allégez les images.')

  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    return error(400, 'Le contenu envoyé n’est pas du JSON valide.')
  }
  const body = BodySchema.safeParse(json)
  if (!body.success) return error(400, 'La demande d’enregistrement est incomplète (version ou contenu manquant).')
  const content = valueSchema(section.field).safeParse(body.data.content)
  if (!content.success) {
    // Say where and why, in the learner's words: « Sources, ligne 3, Adresse web : l’adresse doit commencer par https:// ».
    const issues = locateIssues(section.field, body.data.content, content.error.issues)
    const first = issues[0]
    const where = [section.title, first?.place].filter(Boolean).join(', ')
    const message = ft(`${where} : ${first?.message ?? 'contenu inattendu'} ; rien n’a été enregistré.`)
    return Response.json({ error: message, issues }, { status: 400 })
  }

  const result = await saveSection({
    dossierId: dossier.id,
    sectionId: section.id,
    baseVersion: body.data.baseVersion,
    content: content.data,
    authorId: user.id,
    kind: body.data.kind,
  })
  if (!result.ok) {
    return Response.json(
      { error: 'Cette section a été modifiée entre-temps par une autre personne ou un autre onglet.', current: result.conflict },
      { status: 409 },
    )
  }
  // Comments on items keep the last label of their item (a deleted row is still named).
  await refreshItemLabels(dossier.id, section.id, itemsOf(entryOf(section.field, content.data)), getDb())
  return Response.json({ version: result.version, savedAt: result.savedAt })
}
