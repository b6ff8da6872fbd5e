import { spawn } from 'node:child_process'

/**
 * Starts the production build (server.ts) on `port` with the database
 * `database` (a SQLite file or a `postgres://` URL), as the benches need it:
 * a session secret of their own and the rate limits raised (many logins from
 * one address). `extra` adds to its environment (e.g. REDIS_URL and FILES_DIR
 * for several servers sharing one PostgreSQL). Resolves once /connexion
 * answers, with a function that stops it.
 */
export async function serve(database: string, port: number, extra: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database,
    SESSION_SECRET: 'bench-secret',
    NODE_ENV: 'production',
    PORT: String(port),
    RATE_LIMIT_FACTOR: '1000',
    ...extra,
  }
  // Its own process group, so that stopping it also stops tsx's child node process.
  const server = spawn('npx', ['tsx', 'server.ts'], { env, stdio: ['ignore', 'ignore', 'inherit'], detached: true })
  const stop = () =>
    new Promise<void>((resolve) => {
      if (server.exitCode !== null) return resolve()
      server.once('exit', () => resolve())
      process.kill(-server.pid!, 'SIGTERM')
    })
  for (let i = 0; ; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/connexion`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) break
    if (server.exitCode !== null) throw new Error(`the server stopped before answering (port ${port} taken by another process?)`)
    if (i > 240) {
      await stop()
      throw new Error('server did not start')
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  return stop
}
