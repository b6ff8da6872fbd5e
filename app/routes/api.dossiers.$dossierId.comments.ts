import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { frenchTypography as ft } from '~/domain/format'
import type { DossierAction } from '~/domain/permissions'
import { requireUser } from '~/services/auth.server'
import { createThread, deleteMessage, editMessage, reopenThread, reply, resolveThread, type CommentResult } from '~/services/comments.server'
import { authorizeDossier, type DossierAccess } from '~/services/dossier-access.server'

/**
 * Comment threads of a dossier: one POST per write, `intent` saying which.
 * Bodies are JSON (what the app's fetchers send, and what server/http-guards.ts
 * lets through on /api/) or form-encoded fields; `selectors` is a JSON string
 * or an object. Answers `{ ok: true, threadId }` or `{ ok: false, error }`
 * with 400, 403 or 404.
 */

const COMMENT_INTENTS = ['create', 'reply', 'edit', 'delete', 'resolve', 'reopen'] as const
type CommentIntent = (typeof COMMENT_INTENTS)[number]

/** What each write needs on the dossier: tutors start, resolve and reopen; the dossier's learners and tutors write in threads. */
const NEEDS: Record<CommentIntent, Extract<DossierAction, 'comment' | 'reply'>> = {
  create: 'comment',
  resolve: 'comment',
  reopen: 'comment',
  reply: 'reply',
  edit: 'reply',
  delete: 'reply',
}

const WRITES: Record<CommentIntent, (access: DossierAccess, user: Awaited<ReturnType<typeof requireUser>>, input: unknown) => Promise<CommentResult>> = {
  create: createThread,
  reply,
  edit: editMessage,
  delete: deleteMessage,
  resolve: resolveThread,
  reopen: reopenThread,
}

const IntentSchema = z.enum(COMMENT_INTENTS)

const refusal = (status: number, error: string) => Response.json({ ok: false, error: ft(error) }, { status })

export async function loader(_: LoaderFunctionArgs) {
  return refusal(405, 'Utilisez POST pour écrire un commentaire.')
}

/** The fields of the request: a JSON object or a form. Null when it cannot be read. */
async function readInput(request: Request): Promise<Record<string, unknown> | null> {
  const type = (request.headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase()
  try {
    if (type === 'application/json') {
      const json: unknown = await request.json()
      return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : null
    }
    const form = await request.formData()
    const fields: Record<string, unknown> = {}
    for (const [key, value] of form) if (typeof value === 'string') fields[key] = value
    return fields
  } catch {
    return null
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  if (request.method !== 'POST') return refusal(405, 'Utilisez POST pour écrire un commentaire.')
  const input = await readInput(request)
  const intent = IntentSchema.safeParse(input?.intent)

  // Who may do it is checked before what is asked is read: an outsider learns nothing from their input's errors.
  let access: DossierAccess
  try {
    access = await authorizeDossier(user, params.dossierId ?? '', intent.success ? NEEDS[intent.data] : 'read')
  } catch (e) {
    if (e instanceof Response) return refusal(e.status, await e.text())
    throw e
  }
  if (!input) return refusal(400, 'La demande n’a pas pu être lue (JSON ou formulaire attendu).')
  if (!intent.success) return refusal(400, 'Action inconnue : créer, répondre, modifier, supprimer, résoudre ou rouvrir.')

  const result = await WRITES[intent.data](access, user, input)
  if (!result.ok) return refusal(result.status, result.error)
  return Response.json({ ok: true, threadId: result.threadId, ...(result.removed ? { removed: true } : {}) })
}
