/**
 * Write limits. A logged-in user's writes count against their session (25 learners
 * behind one classroom address must not share one budget); anonymous writes count
 * against the client address. Counted in this process's memory, or in Redis
 * when several app servers share it (issue 18): a budget is one for all of them.
 */
import type { Request, RequestHandler, Response } from 'express'
import { ipKeyGenerator, rateLimit, type IncrementResponse, type Options } from 'express-rate-limit'
import type { Redis } from 'ioredis'
import { RedisStore, type RedisReply } from 'rate-limit-redis'

/** The verified id of the session in a Cookie header, or null (absent, unsigned or forged cookie). */
export type SessionIdOf = (cookieHeader: string | undefined) => Promise<string | null>

export const WRITES_PER_MINUTE = 120
export const LOGINS_PER_MINUTE_PER_ADDRESS = 60

/** The key a write counts against: `session:<id>` for a logged-in user, else `ip:<address>`. */
export async function limitKey(req: Request, sessionIdOf: SessionIdOf): Promise<string> {
  let sessionId: string | null = null
  try {
    sessionId = await sessionIdOf(req.headers.cookie)
  } catch {
    sessionId = null
  }
  return sessionId ? `session:${sessionId}` : `ip:${ipKeyGenerator(req.ip ?? '')}`
}

const tooMany = (message: string) => ({
  windowMs: 60_000,
  standardHeaders: 'draft-8' as const,
  legacyHeaders: false,
  handler: (_req: Request, res: Response) => {
    res.status(429).type('text/plain; charset=utf-8').send(message)
  },
})

/**
 * rate-limit-redis loads its counting script once, when the server starts: if Redis was unreachable then, every count
 * fails until a restart. This store loads it again after a failed count, so the limits come back with Redis.
 */
class SharedCounts extends RedisStore {
  private options: Options | null = null
  override async init(options: Options) {
    this.options = options
    await super.init(options)
  }
  override async increment(key: string): Promise<IncrementResponse> {
    try {
      return await super.increment(key)
    } catch (error) {
      if (this.options) this.init(this.options).catch(() => {})
      throw error
    }
  }
}

/**
 * The counts of one limit in Redis, apart from the others'. Redis unreachable: requests go through unlimited
 * (passOnStoreError) rather than every save failing; express-rate-limit logs it.
 */
const sharedStore = (redis: Redis, name: string) =>
  new SharedCounts({
    prefix: `atelier:limits:${name}:`,
    sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<RedisReply>,
  })

/** `factor` raises every limit (tests log in many times from one address); `redis` shares the counts between app servers. */
export function writeLimits({ factor, sessionIdOf, redis = null }: { factor: number; sessionIdOf: SessionIdOf; redis?: Redis | null }): RequestHandler {
  // Logins are anonymous: per address. A classroom logging in at once stays under it;
  // guessing one account's password is throttled per account and address by the login service.
  const logins = rateLimit({
    limit: LOGINS_PER_MINUTE_PER_ADDRESS * factor,
    ...(redis ? { store: sharedStore(redis, 'logins'), passOnStoreError: true } : {}),
    ...tooMany('Trop de tentatives de connexion depuis cette adresse. Patientez une minute avant de réessayer.'),
  })
  const writes = rateLimit({
    limit: WRITES_PER_MINUTE * factor,
    ...(redis ? { store: sharedStore(redis, 'writes'), passOnStoreError: true } : {}),
    keyGenerator: (_req, res) => res.locals.limitKey as string,
    ...tooMany('Trop de requêtes. Patientez une minute avant de réessayer.'),
  })
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next()
    if (/^\/connexion(\.data)?\/?$/i.test(req.path)) return logins(req, res, next)
    limitKey(req, sessionIdOf).then((key) => {
      res.locals.limitKey = key
      return writes(req, res, next)
    }, next)
  }
}
