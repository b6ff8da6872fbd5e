import { and, desc, eq, gt, lt } from 'drizzle-orm'
import { getDb, schema } from './db.server'

/** After MAX_FAILURES failed logins for one e-mail within WINDOW_MS, further tries wait. */
export const MAX_FAILURES = 5
export const WINDOW_MS = 15 * 60 * 1000

export function checkLoginThrottle(email: string, now = Date.now()): { blocked: false } | { blocked: true; retryInMinutes: number } {
  const db = getDb()
  const since = new Date(now - WINDOW_MS)
  const lastSuccess = db
    .select({ createdAt: schema.loginAttempts.createdAt })
    .from(schema.loginAttempts)
    .where(and(eq(schema.loginAttempts.email, email), eq(schema.loginAttempts.succeeded, true)))
    .orderBy(desc(schema.loginAttempts.createdAt))
    .get()
  const from = lastSuccess && lastSuccess.createdAt > since ? lastSuccess.createdAt : since
  const failures = db
    .select({ createdAt: schema.loginAttempts.createdAt })
    .from(schema.loginAttempts)
    .where(
      and(
        eq(schema.loginAttempts.email, email),
        eq(schema.loginAttempts.succeeded, false),
        gt(schema.loginAttempts.createdAt, from),
      ),
    )
    .orderBy(desc(schema.loginAttempts.createdAt))
    .limit(MAX_FAILURES)
    .all()
  if (failures.length < MAX_FAILURES) return { blocked: false }
  // Blocked until the oldest of the last MAX_FAILURES failures leaves the window.
  const oldest = failures[failures.length - 1]!.createdAt.getTime()
  const retryInMinutes = Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 60_000))
  return { blocked: true, retryInMinutes }
}

export function recordLoginAttempt(email: string, succeeded: boolean) {
  const db = getDb()
  db.insert(schema.loginAttempts).values({ email, succeeded }).run()
  // Keep the table small: attempts older than a day are of no use.
  db.delete(schema.loginAttempts)
    .where(lt(schema.loginAttempts.createdAt, new Date(Date.now() - 24 * 60 * 60 * 1000)))
    .run()
}
