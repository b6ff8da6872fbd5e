import type { GradePart } from '~/domain/grading'
import type { AgreedLevel, ConfrontationAnswer } from '~/domain/reconciliation-view'

/** What the confrontation sends to `POST /api/jury/:assignmentId/confrontation`. */
export type ConfrontationOp =
  | { op: 'agree'; criterionId: string; part: GradePart; learnerId: string; baseVersion: number; level: string; comment: string }
  | { op: 'close' }
  | { op: 'reopen' }

export type ConfrontationResult =
  | { ok: true; answer: ConfrontationAnswer }
  /** 409: another tab wrote first; the value stored now. */
  | { ok: false; kind: 'conflict'; message: string; agreed: AgreedLevel | null }
  /** Refused (4xx) with the server's French message, or unreachable. */
  | { ok: false; kind: 'refused' | 'unreachable'; message: string }

const UNREACHABLE = 'Connexion impossible\u00a0: votre saisie est conservée sur cette page, réessayez dans un instant.'
const SESSION_LOST = 'Votre session a expiré\u00a0: reconnectez-vous dans un autre onglet, votre saisie est conservée sur cette page.'

const messageOf = (body: unknown, fallback: string) =>
  typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string' ? (body as { message: string }).message : fallback

/** One write of the confrontation. Never throws: every outcome is a value the caller shows in French. */
export async function postConfrontation(assignmentId: string, op: ConfrontationOp): Promise<ConfrontationResult> {
  let res: Response
  try {
    res = await fetch(`/api/jury/${encodeURIComponent(assignmentId)}/confrontation`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(op),
    })
  } catch {
    return { ok: false, kind: 'unreachable', message: UNREACHABLE }
  }
  const body: unknown = await res.json().catch(() => null)
  if (res.ok && body && typeof body === 'object' && Array.isArray((body as ConfrontationAnswer).audit)) return { ok: true, answer: body as ConfrontationAnswer }
  if (res.status === 409) {
    const agreed = ((body ?? {}) as { agreed?: AgreedLevel | null }).agreed ?? null
    return { ok: false, kind: 'conflict', message: messageOf(body, 'Ce niveau retenu a été modifié entre-temps.'), agreed }
  }
  if (res.status === 401 || (res.ok && !body)) return { ok: false, kind: 'refused', message: SESSION_LOST }
  if (res.status >= 500 || res.status === 429) return { ok: false, kind: 'unreachable', message: UNREACHABLE }
  return { ok: false, kind: 'refused', message: messageOf(body, 'L’enregistrement a été refusé.') }
}
