/**
 * Autosave benchmark: 100 simulated learners, each saving one section once
 * per second for 30 s, against the production build on its own port and
 * database. Prints p50 / p99 latency and the number of saves that were
 * acknowledged but are not in the database afterwards (`lost`).
 *
 *   npm run bench:autosave [-- --learners 100 --seconds 30]
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { and, eq } from 'drizzle-orm'
import { freePort } from './free-port'

const { values } = parseArgs({ options: { learners: { type: 'string', default: '100' }, seconds: { type: 'string', default: '30' } } })
const LEARNERS = Number(values.learners)
const SECONDS = Number(values.seconds)
// A port of its own, so that the bench never talks to a server that was already running.
const PORT = await freePort()
const DB = 'data/bench.db'
const BASE = `http://127.0.0.1:${PORT}`
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: DB,
  SESSION_SECRET: 'bench-secret',
  NODE_ENV: 'production',
  PORT: String(PORT),
  RATE_LIMIT_FACTOR: '1000',
}
process.env.SESSION_SECRET = env.SESSION_SECRET

const run = (args: string[]) =>
  new Promise<void>((resolve, reject) => {
    const p = spawn('npx', ['tsx', ...args], { env, stdio: 'inherit' })
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited ${code}`))))
  })

for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${DB}${suffix}`, { force: true })
await run(['db/seed.ts', '--learners', String(LEARNERS)])

// Its own process group, so that stopping it also stops tsx's child node process.
const server = spawn('npx', ['tsx', 'server.ts'], { env, stdio: ['ignore', 'ignore', 'inherit'], detached: true })
const stopServer = () =>
  new Promise<void>((resolve) => {
    if (server.exitCode !== null) return resolve()
    server.once('exit', () => resolve())
    process.kill(-server.pid!, 'SIGTERM')
  })
try {
  for (let i = 0; ; i++) {
    const ok = await fetch(`${BASE}/connexion`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) break
    if (server.exitCode !== null) throw new Error(`the server stopped before answering (port ${PORT} taken by another process?)`)
    if (i > 120) throw new Error('server did not start')
    await new Promise((r) => setTimeout(r, 250))
  }

  const { openDatabase } = await import('../db/client')
  const schema = await import('../db/schema')
  const { sessionCookie } = await import('../app/services/session.server')
  const { db, sqlite } = openDatabase(DB)

  // Log every learner in (a session row each) and open their home, which creates their dossiers.
  const learners = await Promise.all(
    Array.from({ length: LEARNERS }, async (_, i) => {
      const email = `candidat${i + 1}@ecole-demo.fr`
      const user = (await db.select().from(schema.users).where(eq(schema.users.email, email)))[0]!
      const session = (
        await db
          .insert(schema.loginSessions)
          .values({ userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) })
          .returning()
      )[0]!
      const cookie = (await sessionCookie.serialize(session.id)).split(';')[0]!
      const home = await fetch(`${BASE}/candidat`, { headers: { Cookie: cookie } })
      if (!home.ok) throw new Error(`home ${home.status}`)
      const dossier = (
        await db
          .select({ id: schema.dossiers.id })
          .from(schema.dossiers)
          .where(and(eq(schema.dossiers.learnerId, user.id), eq(schema.dossiers.templateId, 'fiche-veille')))
      )[0]!
      return { index: i + 1, cookie, dossierId: dossier.id }
    }),
  )

  const filler = 'Analyse du marché des bougies parfumées, sources internes et externes, requêtes et feuille de route. '.repeat(20)
  const latencies: number[] = []
  let errors = 0
  let conflicts = 0
  const acked = new Map<number, { version: number; marker: string; count: number }>()
  const deadline = Date.now() + SECONDS * 1000

  await Promise.all(
    learners.map(async (l) => {
      let version = 0
      let n = 0
      // Spread the learners over the first second.
      await new Promise((r) => setTimeout(r, Math.random() * 1000))
      while (Date.now() < deadline) {
        const tick = Date.now()
        n++
        const marker = `sauvegarde-${l.index}-${n}`
        const content = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `${marker} ${filler}` }] }] }
        const started = performance.now()
        try {
          const res = await fetch(`${BASE}/api/dossiers/${l.dossierId}/sections/contexte`, {
            method: 'POST',
            headers: { Cookie: l.cookie, 'Content-Type': 'application/json' },
            body: JSON.stringify({ baseVersion: version, content }),
          })
          const body = (await res.json()) as { version?: number }
          latencies.push(performance.now() - started)
          if (res.ok && body.version) {
            version = body.version
            acked.set(l.index, { version, marker, count: (acked.get(l.index)?.count ?? 0) + 1 })
          } else if (res.status === 409) conflicts++
          else errors++
        } catch {
          errors++
        }
        await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - tick))))
      }
    }),
  )

  // Lost: acknowledged saves missing from the database (version behind, or last content absent).
  let lost = 0
  for (const l of learners) {
    const ack = acked.get(l.index)
    if (!ack) continue
    const [row] = await db
      .select()
      .from(schema.dossierSections)
      .where(and(eq(schema.dossierSections.dossierId, l.dossierId), eq(schema.dossierSections.sectionId, 'contexte')))
    if (!row) lost += ack.count
    else if (row.version < ack.version || !JSON.stringify(row.content).includes(`"${ack.marker} `)) lost += Math.max(1, ack.version - row.version)
  }
  sqlite.close()

  latencies.sort((a, b) => a - b)
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0
  const total = [...acked.values()].reduce((s, a) => s + a.count, 0)
  console.log(`learners ${LEARNERS}, ${SECONDS} s, saves sent ${latencies.length + errors}, acknowledged ${total}, conflicts ${conflicts}, errors ${errors}`)
  console.log(`throughput ${(total / SECONDS).toFixed(1)} saves/s, payload ${(JSON.stringify({ filler }).length / 1024).toFixed(1)} KB`)
  console.log(`latency p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${pct(100).toFixed(1)} ms`)
  console.log(`lost ${lost}`)
  if (lost > 0 || errors > 0) process.exitCode = 1
} finally {
  await stopServer()
}
