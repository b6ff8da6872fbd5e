import { and, count, desc, eq, gt, lt } from 'drizzle-orm'
import { getDb, schema } from './db.server'

/**
 * Failed logins are throttled per account *and* address: after PAIR_FREE_FAILURES failures
 * from one address, that address waits before trying that account again, 1 minute, then
 * twice as long after each further failure, up to PAIR_MAX_DELAY_MS. Someone failing from
 * another address therefore cannot lock the owner out. A per-account ceiling, far above
 * what one address can try, still stops a guess spread over many addresses.
 */
export const PAIR_FREE_FAILURES = 5
export const PAIR_FIRST_DELAY_MS = 60_000
export const PAIR_MAX_DELAY_MS = 15 * 60_000
/** Failures of one pair are counted over this window (attempts older than a day are deleted). */
export const PAIR_WINDOW_MS = 24 * 60 * 60_000
export const ACCOUNT_MAX_FAILURES = 100
export const ACCOUNT_WINDOW_MS = 15 * 60_000

export type Throttle = { blocked: false } | { blocked: true; retryInMinutes: number }

/** How long one address waits after its `failures`-th failure on one account. */
export function pairDelayMs(failures: number): number {
  if (failures < PAIR_FREE_FAILURES) return 0
  return Math.min(PAIR_FIRST_DELAY_MS * 2 ** (failures - PAIR_FREE_FAILURES), PAIR_MAX_DELAY_MS)
}

const minutesUntil = (time: number, now: number) => Math.max(1, Math.ceil((time - now) / 60_000))

async function lastSuccess(email: string, ip?: string): Promise<Date | undefined> {
  const a = schema.loginAttempts
  return (
    await getDb()
      .select({ createdAt: a.createdAt })
      .from(a)
      .where(and(eq(a.email, email), ip === undefined ? undefined : eq(a.ip, ip), eq(a.succeeded, true)))
      .orderBy(desc(a.createdAt))
  )[0]?.createdAt
}

const later = (a: Date | undefined, b: Date) => (a && a > b ? a : b)

export async function checkLoginThrottle(email: string, ip: string, now = Date.now()): Promise<Throttle> {
  const db = getDb()
  const a = schema.loginAttempts

  const pairFrom = later(await lastSuccess(email, ip), new Date(now - PAIR_WINDOW_MS))
  const pairFailures = and(eq(a.email, email), eq(a.ip, ip), eq(a.succeeded, false), gt(a.createdAt, pairFrom))
  const failures = (await db.select({ n: count() }).from(a).where(pairFailures))[0]?.n ?? 0
  if (failures >= PAIR_FREE_FAILURES) {
    const last = (await db.select({ createdAt: a.createdAt }).from(a).where(pairFailures).orderBy(desc(a.createdAt)))[0]!.createdAt.getTime()
    const until = last + pairDelayMs(failures)
    if (until > now) return { blocked: true, retryInMinutes: minutesUntil(until, now) }
  }

  const accountFrom = later(await lastSuccess(email), new Date(now - ACCOUNT_WINDOW_MS))
  const recent = await db
    .select({ createdAt: a.createdAt })
    .from(a)
    .where(and(eq(a.email, email), eq(a.succeeded, false), gt(a.createdAt, accountFrom)))
    .orderBy(desc(a.createdAt))
    .limit(ACCOUNT_MAX_FAILURES)
  if (recent.length < ACCOUNT_MAX_FAILURES) return { blocked: false }
  // Blocked until the oldest of the last ACCOUNT_MAX_FAILURES failures leaves the window.
  const oldest = recent[recent.length - 1]!.createdAt.getTime()
  return { blocked: true, retryInMinutes: minutesUntil(oldest + ACCOUNT_WINDOW_MS, now) }
}

export async function recordLoginAttempt(email: string, ip: string, succeeded: boolean) {
  const db = getDb()
  await db.insert(schema.loginAttempts).values({ email, ip, succeeded })
  // Keep the table small: attempts older than a day are of no use.
  await db.delete(schema.loginAttempts).where(lt(schema.loginAttempts.createdAt, new Date(Date.now() - PAIR_WINDOW_MS)))
}
