import { createCookie } from '@remix-run/node'
import express from 'express'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRedis } from '../tests/unit/temp-redis'
import { freePort } from '../scripts/free-port'
import { limitKey, LOGINS_PER_MINUTE_PER_ADDRESS, writeLimits, WRITES_PER_MINUTE } from './rate-limits'
import { listen } from './test-server'

const cookie = createCookie('atelier_session', { secrets: ['test-secret'] })
const forger = createCookie('atelier_session', { secrets: ['not-the-secret'] })
const sessionIdOf = async (header: string | undefined) => {
  const value: unknown = await cookie.parse(header ?? null)
  return typeof value === 'string' && value ? value : null
}
const cookieFor = async (sessionId: string, by = cookie) => (await by.serialize(sessionId)).split(';')[0]!

describe('limitKey', () => {
  const req = (headers: Record<string, string>) => ({ headers, ip: '203.0.113.9' }) as unknown as express.Request
  it('keys a verified session on its id, anything else on the address', async () => {
    expect(await limitKey(req({ cookie: await cookieFor('s-1') }), sessionIdOf)).toBe('session:s-1')
    expect(await limitKey(req({ cookie: await cookieFor('s-1', forger) }), sessionIdOf)).toBe('ip:203.0.113.9')
    expect(await limitKey(req({ cookie: 'atelier_session=garbage' }), sessionIdOf)).toBe('ip:203.0.113.9')
    expect(await limitKey(req({}), sessionIdOf)).toBe('ip:203.0.113.9')
    expect(await limitKey(req({}), () => Promise.reject(new Error('boom')))).toBe('ip:203.0.113.9')
  })
})

describe('write limits', () => {
  // 120 × 0.05 = 6 writes a minute, to keep the test short.
  const FACTOR = 0.05
  const LIMIT = WRITES_PER_MINUTE * FACTOR
  let server: Awaited<ReturnType<typeof listen>>
  beforeAll(async () => {
    const app = express()
    app.use(writeLimits({ factor: FACTOR, sessionIdOf }))
    app.all('*', (_req, res) => void res.send('ok'))
    server = await listen(app)
  })
  afterAll(() => server.close())

  const post = async (headers: Record<string, string> = {}) => (await fetch(`${server.base}/api/x`, { method: 'POST', headers })).status

  it('many logged-in users behind one address each get their own budget; one user beyond it is throttled', async () => {
    const users = await Promise.all(Array.from({ length: 25 }, (_, i) => cookieFor(`learner-${i}`)))
    const statuses = await Promise.all(users.flatMap((c) => Array.from({ length: LIMIT }, () => post({ Cookie: c }))))
    expect(statuses.filter((s) => s !== 200)).toEqual([])
    expect(await post({ Cookie: users[0]! })).toBe(429)
    expect(await post({ Cookie: await cookieFor('learner-new') })).toBe(200)
  })

  it('anonymous writes, and forged cookies, share the address’s budget', async () => {
    for (let i = 0; i < LIMIT; i++) expect(await post()).toBe(200)
    expect(await post()).toBe(429)
    expect(await post({ Cookie: await cookieFor('someone', forger) })).toBe(429)
    expect(await post({ Cookie: await cookieFor('someone') })).toBe(200)
  })

  it('reads are never limited', async () => {
    for (let i = 0; i < LIMIT * 2; i++) expect((await fetch(`${server.base}/api/x`)).status).toBe(200)
  })
})

describe('write limits shared by several app servers (issue 18)', () => {
  const FACTOR = 0.05
  const LIMIT = WRITES_PER_MINUTE * FACTOR
  let redisServer: Awaited<ReturnType<typeof startRedis>>
  const clients: Redis[] = []
  const servers: Awaited<ReturnType<typeof listen>>[] = []
  beforeAll(async () => {
    redisServer = await startRedis()
    // Two app servers counting in the same Redis, as behind a load balancer.
    for (let i = 0; i < 2; i++) {
      const redis = new Redis(redisServer.url)
      clients.push(redis)
      const app = express()
      app.use(writeLimits({ factor: FACTOR, sessionIdOf, redis }))
      app.all('*', (_req, res) => void res.send('ok'))
      servers.push(await listen(app))
    }
  })
  afterAll(async () => {
    try {
      for (const server of servers) await server.close()
      for (const client of clients) client.disconnect()
    } finally {
      redisServer.stop()
    }
  })

  const post = async (server: number, headers: Record<string, string> = {}) =>
    (await fetch(`${servers[server]!.base}/api/x`, { method: 'POST', headers })).status

  it('one user’s budget is one across servers: writes sent round-robin are throttled at the limit, not twice it', async () => {
    const user = await cookieFor('learner-shared')
    for (let i = 0; i < LIMIT; i++) expect(await post(i % 2, { Cookie: user })).toBe(200)
    expect(await post(0, { Cookie: user })).toBe(429)
    expect(await post(1, { Cookie: user })).toBe(429)
    expect(await post(1, { Cookie: await cookieFor('learner-other') })).toBe(200)
  })

  it('limits come back when Redis does: a server started while Redis was down counts again once it is up', async () => {
    const port = await freePort()
    const redis = new Redis(`redis://127.0.0.1:${port}`, { maxRetriesPerRequest: 1, retryStrategy: () => 100 })
    redis.on('error', () => {})
    const app = express()
    app.use(writeLimits({ factor: FACTOR, sessionIdOf, redis }))
    app.all('*', (_req, res) => void res.send('ok'))
    const server = await listen(app)
    let late: Awaited<ReturnType<typeof startRedis>> | null = null
    try {
      const write = async () => (await fetch(`${server.base}/api/x`, { method: 'POST', headers: { Cookie: await cookieFor('learner-late') } })).status
      // Redis down: writes go through, uncounted.
      for (let i = 0; i < LIMIT + 1; i++) expect(await write()).toBe(200)
      late = await startRedis(port)
      await new Promise<void>((resolve) => (redis.status === 'ready' ? resolve() : redis.once('ready', () => resolve())))
      // The first count after Redis is back may still fail (the script is loaded again meanwhile); then the limit holds.
      await write()
      const statuses: number[] = []
      for (let i = 0; i < LIMIT + 1; i++) statuses.push(await write())
      expect(statuses).toContain(429)
    } finally {
      await server.close()
      redis.disconnect()
      late?.stop()
    }
  })

  it('logins from one address are counted across servers too', async () => {
    const login = async (server: number) => (await fetch(`${servers[server]!.base}/connexion`, { method: 'POST' })).status
    for (let i = 0; i < LOGINS_PER_MINUTE_PER_ADDRESS * FACTOR; i++) expect(await login(i % 2)).toBe(200)
    expect(await login(1)).toBe(429)
  })
})
