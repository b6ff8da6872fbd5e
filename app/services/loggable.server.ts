import { DrizzleQueryError } from 'drizzle-orm/errors'

/**
 * What the server logs of an error. A failed query's message holds its
 * parameters — what users typed, e-mail addresses, password hashes — and
 * logs are kept and shared more widely than the database: it is logged with
 * its SQL and the database's own reason, the parameters counted, not shown.
 */
export function loggable(error: unknown): unknown {
  if (!(error instanceof DrizzleQueryError)) return error
  const reason = error.cause instanceof Error ? error.cause.message : 'raison inconnue'
  const safe = new Error(`Failed query: ${error.query}\n(${error.params.length} paramètre(s) non journalisé(s)) ${reason}`)
  const frames = (error.stack ?? '').split('\n').filter((line) => line.startsWith('    at '))
  safe.stack = [`Error: ${safe.message}`, ...frames].join('\n')
  return safe
}
