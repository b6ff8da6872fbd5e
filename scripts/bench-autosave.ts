/**
 * Autosave benchmark: 100 simulated learners, each saving one section once
 * per second for 30 s, against the production build on its own port and
 * database. Prints p50 / p99 latency and the number of saves that were
 * acknowledged but are not in the database afterwards (`lost`).
 *
 *   npm run bench:autosave [-- --learners 100 --seconds 30]
 *   npm run bench:autosave -- --db postgres --servers 2
 *
 * With `--db postgres`, the same run on SQLite with one server comes first
 * (the baseline), then the demo is copied into a throw-away PostgreSQL server
 * (db:copy, as a school moves up) and `--servers` app servers on their own
 * ports share it; the learners' saves go to them in turn (round-robin), so
 * that consecutive saves of one learner reach different servers.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { and, eq } from 'drizzle-orm'
import { createDatabase, startPostgres } from '../tests/unit/temp-postgres'
import { serve } from './bench-server'
import { freePort } from './free-port'

const { values } = parseArgs({
  options: {
    learners: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '30' },
    db: { type: 'string', default: 'sqlite' },
    servers: { type: 'string', default: '1' },
  },
})
const LEARNERS = Number(values.learners)
const SECONDS = Number(values.seconds)
const SEED = 'data/bench.db'
process.env.SESSION_SECRET = 'bench-secret'
const filler = 'Analyse du marché des bougies parfumées, sources internes et externes, requêtes et feuille de route. '.repeat(20)

function tsx(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync('npx', ['tsx', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] })
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}`)
}

type Result = { label: string; sent: number; acknowledged: number; conflicts: number; errors: number; lost: number; p50: number; p99: number; max: number }

/** The run: the demo of LEARNERS learners in `database`, `servers` app servers on it, every learner saving once a second. */
async function measure(label: string, database: string, servers: number): Promise<Result> {
  const ports = await Promise.all(Array.from({ length: servers }, () => freePort()))
  const stops: (() => Promise<void>)[] = []
  // Files (and the session secret) in one folder the servers share, as on several machines with one volume.
  process.env.FILES_DIR = 'data'
  try {
    for (const port of ports) stops.push(await serve(database, port))
    const bases = ports.map((port) => `http://127.0.0.1:${port}`)
    let turn = 0
    const next = () => bases[turn++ % bases.length]!

    process.env.DATABASE_URL = database
    const { openAppDatabase } = await import('../db/client')
    const schema = await import('../db/schema.sqlite')
    const tables = (database.startsWith('postgres') ? await import('../db/schema.pg') : schema) as unknown as typeof schema
    const { sessionCookie } = await import('../app/services/session.server')
    const { db, close } = openAppDatabase(database)

    // Log every learner in (a session row each) and open their home once.
    const learners = await Promise.all(
      Array.from({ length: LEARNERS }, async (_, i) => {
        const email = `candidat${i + 1}@ecole-demo.fr`
        const user = (await db.select().from(tables.users).where(eq(tables.users.email, email)))[0]!
        const session = (
          await db
            .insert(tables.loginSessions)
            .values({ userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) })
            .returning()
        )[0]!
        const cookie = (await sessionCookie.serialize(session.id)).split(';')[0]!
        const home = await fetch(`${next()}/candidat`, { headers: { Cookie: cookie } })
        if (!home.ok) throw new Error(`home ${home.status}`)
        const dossier = (
          await db
            .select({ id: tables.dossiers.id })
            .from(tables.dossiers)
            .where(and(eq(tables.dossiers.learnerId, user.id), eq(tables.dossiers.templateId, 'fiche-veille')))
        )[0]!
        // The version the editor opens on (the demo has written the section of most learners).
        const [section] = await db
          .select({ version: tables.dossierSections.version })
          .from(tables.dossierSections)
          .where(and(eq(tables.dossierSections.dossierId, dossier.id), eq(tables.dossierSections.sectionId, 'contexte')))
        return { index: i + 1, cookie, dossierId: dossier.id, version: section?.version ?? 0 }
      }),
    )

    const latencies: number[] = []
    let errors = 0
    let conflicts = 0
    const acked = new Map<number, { version: number; marker: string; count: number }>()
    const deadline = Date.now() + SECONDS * 1000

    await Promise.all(
      learners.map(async (l) => {
        let version = l.version
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
            const res = await fetch(`${next()}/api/dossiers/${l.dossierId}/sections/contexte`, {
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
        .from(tables.dossierSections)
        .where(and(eq(tables.dossierSections.dossierId, l.dossierId), eq(tables.dossierSections.sectionId, 'contexte')))
      if (!row) lost += ack.count
      else if (row.version < ack.version || !JSON.stringify(row.content).includes(`"${ack.marker} `)) lost += Math.max(1, ack.version - row.version)
    }
    await close()

    latencies.sort((a, b) => a - b)
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0
    const acknowledged = [...acked.values()].reduce((s, a) => s + a.count, 0)
    return { label, sent: latencies.length + errors, acknowledged, conflicts, errors, lost, p50: pct(50), p99: pct(99), max: pct(100) }
  } finally {
    for (const stop of stops) await stop()
  }
}

for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${SEED}${suffix}`, { force: true })
tsx(['db/seed.ts', '--learners', String(LEARNERS)], { DATABASE_URL: SEED })

const results: Result[] = []
if (values.db === 'postgres') {
  results.push(await measure('SQLite, 1 serveur', SEED, 1))
  const server = await startPostgres()
  try {
    const url = await createDatabase(server.url, 'atelier_bench')
    // The same demo, moved up as a school would; SQLite's file is as the seed left it (the SQLite run wrote its own saves).
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${SEED}${suffix}`, { force: true })
    tsx(['db/seed.ts', '--learners', String(LEARNERS)], { DATABASE_URL: SEED })
    tsx(['db/copy-cli.ts', '--from', SEED, '--to', url])
    const servers = Number(values.servers)
    results.push(await measure(`PostgreSQL, ${servers} serveur${servers > 1 ? 's' : ''}`, url, servers))
  } finally {
    server.stop()
  }
} else {
  results.push(await measure(`SQLite, ${values.servers} serveur(s)`, SEED, Number(values.servers)))
}

const payload = (JSON.stringify({ filler }).length / 1024).toFixed(1).replace('.', ',')
console.log(`${LEARNERS} candidat·es, une sauvegarde par seconde chacun·e pendant ${SECONDS} s (≈ ${payload} Ko par sauvegarde)`)
for (const r of results) {
  console.log(
    `${r.label.padEnd(24)} envoyées ${r.sent}, acquittées ${r.acknowledged} (${(r.acknowledged / SECONDS).toFixed(1)}/s), conflits ${r.conflicts}, erreurs ${r.errors}` +
      ` — p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, max ${r.max.toFixed(1)} ms — lost ${r.lost}`,
  )
}
if (results.some((r) => r.lost > 0 || r.errors > 0)) process.exitCode = 1
