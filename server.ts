/**
 * Production (and development) HTTP server: Express + Remix.
 * helmet with an enforced CSP (per-request nonce), compression, same-origin
 * writes, capped bodies, rate limits on login and mutations, migrations at
 * start, graceful shutdown.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import helmet from 'helmet'
import { resolveSessionSecrets } from './app/services/session-secret.server'
import { databaseLabel, prepareDatabase } from './db/client'
import { provisionDossiers } from './app/services/dossier-provisioning.server'
import { ignoreRefusedBodyErrors, limitBodies, refuser, sameOriginWrites } from './server/http-guards'
import { writeLimits } from './server/rate-limits'
import { connectRedis, redisUrl } from './app/services/redis.server'
import type { mountCollaboration as MountCollaboration } from './app/services/collaboration-socket.server'

const MODE = process.env.NODE_ENV ?? 'development'
const PORT = Number(process.env.PORT ?? 3000)
// Tests raise the limits (many logins from one address); production keeps them.
const LIMIT_FACTOR = Number(process.env.RATE_LIMIT_FACTOR ?? 1)
const TRUST_PROXY = process.env.TRUST_PROXY === 'true'
// Several app servers (issue 18): co-editing and rate limits shared through Redis.
const REDIS_URL = redisUrl()

// No production server with the public development secret.
try {
  resolveSessionSecrets()
} catch (error) {
  console.error((error as Error).message)
  process.exit(1)
}
// Imported after the check: the cookie reads its secrets when the module loads.
const { sessionCookie } = await import('./app/services/session.server')

// Migrations are applied at start, on a short-lived connection; then the dossiers every enrolment
// and group membership calls for are created if missing (databases from before provisioning at enrolment).
{
  const started = performance.now()
  const created = await prepareDatabase(async (tx) => await provisionDossiers(tx))
  if (created > 0) console.log(`${created} dossiers créés pour les inscriptions existantes (${Math.round(performance.now() - started)} ms)`)
}

const viteDevServer = MODE === 'production' ? undefined : await import('vite').then((vite) => vite.createServer({ server: { middlewareMode: true } }))

const app = express()
app.disable('x-powered-by')
app.set('trust proxy', TRUST_PROXY ? 1 : false)
app.use(compression())

app.use((_req, res, next) => {
  res.locals.cspNonce = crypto.randomBytes(16).toString('hex')
  next()
})
app.use(
  helmet({
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'connect-src': [MODE === 'development' ? 'ws:' : null, "'self'"].filter((v): v is string => v !== null),
        'font-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'script-src': [
          "'strict-dynamic'",
          "'self'",
          // @ts-expect-error helmet passes (req, res) to directive functions
          (_req, res) => `'nonce-${res.locals.cspNonce}'`,
        ],
        'script-src-attr': ["'none'"],
        'upgrade-insecure-requests': null,
      },
    },
  }),
)

// Refusal pages link the app's stylesheet (hashed name in the production build).
const builtCss = viteDevServer ? undefined : fs.readdirSync('build/client/assets').find((f) => /^app-[\w-]+\.css$/.test(f))
const stylesheet = viteDevServer ? '/app/styles/app.css' : builtCss ? `/assets/${builtCss}` : null
const refuse = refuser(stylesheet)

// Every write: from this site only, JSON on the JSON API, rate-limited, body capped while it streams.
app.use(sameOriginWrites({ trustProxy: TRUST_PROXY, refuse }))
app.use(
  writeLimits({
    factor: LIMIT_FACTOR,
    redis: REDIS_URL ? connectRedis(REDIS_URL) : null,
    sessionIdOf: async (cookie) => {
      const value: unknown = await sessionCookie.parse(cookie ?? null)
      return typeof value === 'string' && value ? value : null
    },
  }),
)
app.use(limitBodies({ refuse }))

if (viteDevServer) {
  app.use(viteDevServer.middlewares)
} else {
  app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
  app.use(express.static('build/client', { maxAge: '1h' }))
}

const build = viteDevServer
  ? () => viteDevServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
  : ((await import(new URL('./build/server/index.js', import.meta.url).href)) as ServerBuild)

app.all(
  '*',
  createRequestHandler({
    build,
    mode: MODE,
    getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce as string, clientIp: req.ip ?? '' }),
  }),
)
app.use(ignoreRefusedBodyErrors)

const server = app.listen(PORT, () => {
  console.log(`Atelier prêt sur http://localhost:${PORT} (${MODE}, base ${databaseLabel()})`)
})
// Live co-editing of group dossiers, on the same server (a page opens a WebSocket only from its own origin).
// It comes with the server build (entry.server.tsx), in the routes' module graph.
type Entry = { mountCollaboration: typeof MountCollaboration }
const entry = (typeof build === 'function' ? await build() : build).entry.module as unknown as Entry
const collaboration = entry.mountCollaboration(server, {
  redisUrl: REDIS_URL,
  sameOrigin: (request) => {
    const host = TRUST_PROXY ? (request.headers['x-forwarded-host'] ?? request.headers.host) : request.headers.host
    try {
      return Boolean(request.headers.origin) && new URL(request.headers.origin!).host === host
    } catch {
      return false
    }
  },
})

function shutdown(signal: string) {
  console.log(`${signal} reçu : arrêt en cours…`)
  // Open shared documents are stored before the process ends.
  const stored = collaboration.close()
  server.close(() => void stored.finally(() => process.exit(0)))
  server.closeIdleConnections()
  // Requests still running get 10 s to finish.
  setTimeout(() => process.exit(1), 10_000).unref()
}
process.on('SIGTERM', () => shutdown('SIGTERM'))
process.on('SIGINT', () => shutdown('SIGINT'))
