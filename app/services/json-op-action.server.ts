import type { z } from 'zod'
import { frenchTypography as ft } from '~/domain/format'

/**
 * The shared shape of the jury's JSON write endpoints (the grid, the
 * confrontation): who may write is checked before the body is read (a
 * stranger learns nothing from the body's checks), then the size, the JSON,
 * the schema; answers are JSON with a French `message` on refusal.
 */
const json = (status: number, body: Record<string, unknown>) => Response.json(body, { status })

/** A refusal as JSON: `{ message, ...extra }`. */
export const jsonRefusal = (status: number, message: string, extra: Record<string, unknown> = {}) => json(status, { message: ft(message), ...extra })

/** An error a service throws with an HTTP status, and the stored value when a write came second (409). */
type StatusError = Error & { status: number; current?: Record<string, unknown> }

export async function jsonOpAction<S extends z.ZodType>(
  request: Request,
  options: {
    /** Throws a 4xx Response when the user may not write here. */
    authorize: () => Promise<unknown>
    maxBytes: number
    tooLarge: string
    schema: S
    apply: (op: z.infer<S>) => Promise<Record<string, unknown>>
    /** The service's error class: its status and message become the answer. */
    errorClass: new (...args: never[]) => StatusError
  },
): Promise<Response> {
  try {
    await options.authorize()
    if (Number(request.headers.get('Content-Length') ?? 0) > options.maxBytes) return jsonRefusal(413, options.tooLarge)
    const raw = await request.text()
    if (raw.length > options.maxBytes) return jsonRefusal(413, options.tooLarge)
    let body: unknown
    try {
      body = JSON.parse(raw)
    } catch {
      return jsonRefusal(400, 'La demande n’est pas du JSON valide.')
    }
    const op = options.schema.safeParse(body)
    if (!op.success) {
      const issues = [...new Set(op.error.issues.map((i) => ft(i.message)))]
      return json(400, { message: issues[0] ?? ft('La demande est incomplète.'), issues })
    }
    return json(200, await options.apply(op.data))
  } catch (error) {
    if (error instanceof options.errorClass) return jsonRefusal(error.status, error.message, error.current)
    if (error instanceof Response && error.status >= 400 && error.status < 500) return jsonRefusal(error.status, await error.text())
    throw error
  }
}
