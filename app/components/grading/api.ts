import type { CompetencyResult, GradeEvidence, GradePart } from '~/domain/grading'
import type { AuditEntry, CompetencyView, GridCell } from '~/domain/grading-view'

/** What the grid sends to `POST /api/jury/:assignmentId`. */
export type GridOp =
  | {
      op: 'cell'
      criterionId: string
      part: GradePart
      learnerId: string
      baseVersion: number
      level?: string | null
      comment?: string
      evidence?: GradeEvidence[]
    }
  | { op: 'override'; competencyId: string; learnerId: string; baseVersion: number; result: CompetencyResult | null; justification: string }
  | { op: 'close' }
  | { op: 'reopen' }

export type GridAnswer = { cell?: GridCell; competencies: CompetencyView[]; audit: AuditEntry[]; status: 'open' | 'closed' }
export type StoredOverride = { result: CompetencyResult | null; justification: string; version: number }

export type GridResult =
  | { ok: true; answer: GridAnswer }
  /** 409: someone wrote first; the current value when the server sends it. */
  | { ok: false; kind: 'conflict'; message: string; cell?: GridCell; override?: StoredOverride | null }
  /** 4xx: refused, with the server's French message. */
  | { ok: false; kind: 'refused'; status: number; message: string; issues: string[] }
  /** Network down, server error: worth trying again. */
  | { ok: false; kind: 'unreachable'; message: string }

export const UNREACHABLE = 'Connexion impossible : votre saisie est conservée sur cette page, nouvel essai dans quelques secondes.'
const SESSION_LOST = 'Votre session a expiré : reconnectez-vous dans un autre onglet, votre saisie est conservée sur cette page.'

const messageOf = (body: unknown, fallback: string) =>
  typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string' ? (body as { message: string }).message : fallback

function issuesOf(body: unknown): string[] {
  const issues = typeof body === 'object' && body !== null ? (body as { issues?: unknown }).issues : undefined
  if (!Array.isArray(issues)) return []
  return issues.flatMap((i) => (typeof i === 'string' ? [i] : typeof i === 'object' && i && typeof i.message === 'string' ? [i.message as string] : []))
}

/** One write to the grid. Never throws: every outcome is a value the caller shows in French. */
export async function postGrid(assignmentId: string, op: GridOp): Promise<GridResult> {
  let res: Response
  try {
    res = await fetch(`/api/jury/${encodeURIComponent(assignmentId)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(op),
    })
  } catch {
    return { ok: false, kind: 'unreachable', message: UNREACHABLE }
  }
  const body: unknown = await res.json().catch(() => null)
  if (res.ok && body && typeof body === 'object' && Array.isArray((body as GridAnswer).competencies)) return { ok: true, answer: body as GridAnswer }
  if (res.status === 409) {
    const b = (body ?? {}) as { cell?: GridCell; override?: StoredOverride | null }
    return {
      ok: false,
      kind: 'conflict',
      message: messageOf(body, 'Quelqu’un a enregistré cette note pendant que vous la modifiiez.'),
      cell: b.cell,
      override: b.override,
    }
  }
  if (res.status === 401 || (res.ok && !body)) return { ok: false, kind: 'refused', status: 401, message: SESSION_LOST, issues: [] }
  if (res.status >= 500 || res.status === 429) return { ok: false, kind: 'unreachable', message: UNREACHABLE }
  if (res.status === 403) return { ok: false, kind: 'refused', status: 403, message: messageOf(body, 'Vous n’avez pas accès à cette grille.'), issues: [] }
  return { ok: false, kind: 'refused', status: res.status, message: messageOf(body, 'L’enregistrement a été refusé.'), issues: issuesOf(body) }
}
