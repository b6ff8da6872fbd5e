/**
 * Jury benchmark: the demo seed (db/seed.ts --learners N, with its hand-ins:
 * four épreuves past their deadline, each learner's copies frozen, the
 * groups' dossiers and their REX) for N = 100, 300 and 1 000, each in a
 * database of its own (a temporary file), the production build on a free
 * port. jure1 grades half of the cohort. Timed in the same run, alternately:
 * GET /connexion (the reference), GET /jury (the juror's list), and two grid
 * pages (an anonymous cas pratique with its image, and a group's MSP with its
 * members' REX). Prints p50 / p95, each page's p50 against the login page's
 * (target ≤ 5× at 300 learners), the list at 1 000 learners against 100
 * (target ≤ 12×: linear at most), and the HTML sizes.
 *
 *   npm run bench:grid [-- --learners 100,300,1000 --requests 40]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import zlib from 'node:zlib'
import { serve } from './bench-server'
import { freePort } from './free-port'

const { values } = parseArgs({ options: { learners: { type: 'string', default: '100,300,1000' }, requests: { type: 'string', default: '40' } } })
const SIZES = values.learners.split(',').map(Number)
const REQUESTS = Number(values.requests)
process.env.SESSION_SECRET = 'bench-secret'

const { and, eq, isNotNull } = await import('drizzle-orm')
const { openDatabase } = await import('../db/client')
const schema = await import('../db/schema')
const { seed, DEMO_DOMAIN } = await import('../db/seed')
const { sessionCookie } = await import('../app/services/session.server')

/** Seeds the demo data for `n` learners in `file`; returns jure1's cookie and the two copies to open. */
async function build(file: string, n: number) {
  process.env.DATABASE_URL = file
  const seeded = await seed({ learners: n })
  const { sqlite, db } = openDatabase(file)
  const juror = (
    await db
      .select({ id: schema.users.id })
      .from(schema.users)
      .where(eq(schema.users.email, `jure1@${DEMO_DOMAIN}`))
  )[0]!
  /** jure1's first assignment on `evaluationId` with a hand-in. */
  const copyOf = async (evaluationId: string, group: boolean) =>
    (
      await db
        .select({ id: schema.jurorAssignments.id })
        .from(schema.jurorAssignments)
        .innerJoin(
          schema.dossiers,
          and(
            eq(schema.dossiers.examSessionId, schema.jurorAssignments.examSessionId),
            eq(schema.dossiers.evaluationId, schema.jurorAssignments.evaluationId),
            group ? eq(schema.dossiers.groupId, schema.jurorAssignments.groupId) : eq(schema.dossiers.learnerId, schema.jurorAssignments.learnerId),
          ),
        )
        .innerJoin(schema.submissions, eq(schema.submissions.dossierId, schema.dossiers.id))
        .where(
          and(
            eq(schema.jurorAssignments.jurorId, juror.id),
            eq(schema.jurorAssignments.evaluationId, evaluationId),
            isNotNull(group ? schema.jurorAssignments.groupId : schema.jurorAssignments.learnerId),
          ),
        )
    )[0]!.id
  const copies = { anonymous: await copyOf('cas-pratique-a3', false), group: await copyOf('msp-a2', true) }
  const assignments = (await db.select({ id: schema.jurorAssignments.id }).from(schema.jurorAssignments).where(eq(schema.jurorAssignments.jurorId, juror.id)))
    .length
  const session = (
    await db
      .insert(schema.loginSessions)
      .values({ userId: juror.id, expiresAt: new Date(Date.now() + 3_600_000) })
      .returning()
  )[0]!
  sqlite.close()
  const cookie = (await sessionCookie.serialize(session.id)).split(';')[0]!
  return { cookie, copies, assignments, seeded }
}

async function timed(url: string, cookie?: string) {
  const started = performance.now()
  const res = await fetch(url, { headers: cookie ? { Cookie: cookie } : {}, redirect: 'manual' })
  const body = await res.text()
  const ms = performance.now() - started
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`)
  return { ms, body }
}

const pct = (list: number[], p: number) => {
  const sorted = [...list].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const size = (html: string) => `${kb(Buffer.byteLength(html))} (${kb(zlib.gzipSync(html).length)} gzip)`
const verdict = (ratio: number, target: number) => `${ratio.toFixed(2)}× ${ratio <= target ? `(≤ ${target}×)` : `(AU-DELÀ DE ${target}×)`}`

type Run = { n: number; list: number; login: number; anonymous: number; group: number }
const runs: Run[] = []
const lines: string[] = []
for (const n of SIZES) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-grid-'))
  const file = path.join(dir, 'bench.db')
  try {
    const built = await build(file, n)
    const s = built.seeded
    console.log(
      `N = ${n}: ${s.jury.submissions} dépôts (${s.jury.late} en retard), ${s.dossiers} dossiers, ${built.assignments} affectations de jure1 — ` +
        `base prête en ${(s.ms / 1000).toFixed(1)} s, dont ${(s.jury.ms / 1000).toFixed(1)} s pour les dépôts`,
    )
    const port = await freePort()
    const stop = await serve(file, port)
    try {
      const base = `http://127.0.0.1:${port}`
      const pages = {
        list: `${base}/jury`,
        anonymous: `${base}/jury/copies/${built.copies.anonymous}`,
        group: `${base}/jury/copies/${built.copies.group}`,
      }
      const first = {
        list: await timed(pages.list, built.cookie),
        anonymous: await timed(pages.anonymous, built.cookie),
        group: await timed(pages.group, built.cookie),
      }
      if (!first.list.body.includes('Mes évaluations')) throw new Error('/jury did not show the juror’s list')
      if (!first.anonymous.body.includes('/fichiers/')) throw new Error('the anonymous copy did not show its image')
      // Warm-up: the first requests load code and fill caches.
      for (let i = 0; i < 5; i++) {
        for (const url of Object.values(pages)) await timed(url, built.cookie)
        await timed(`${base}/connexion`)
      }
      const times = { list: [] as number[], anonymous: [] as number[], group: [] as number[], login: [] as number[] }
      for (let i = 0; i < REQUESTS; i++) {
        times.login.push((await timed(`${base}/connexion`)).ms)
        times.list.push((await timed(pages.list, built.cookie)).ms)
        times.anonymous.push((await timed(pages.anonymous, built.cookie)).ms)
        times.group.push((await timed(pages.group, built.cookie)).ms)
      }
      const run: Run = { n, list: pct(times.list, 50), login: pct(times.login, 50), anonymous: pct(times.anonymous, 50), group: pct(times.group, 50) }
      runs.push(run)
      const line =
        `N = ${String(n).padStart(4)} | /connexion p50 ${run.login.toFixed(1)} ms, p95 ${pct(times.login, 95).toFixed(1)} ms` +
        ` | /jury p50 ${run.list.toFixed(1)} ms, p95 ${pct(times.list, 95).toFixed(1)} ms, ${verdict(run.list / run.login, 5)}, HTML ${size(first.list.body)}` +
        ` | grille anonyme p50 ${run.anonymous.toFixed(1)} ms, ${verdict(run.anonymous / run.login, 5)}, HTML ${size(first.anonymous.body)}` +
        ` | grille de groupe p50 ${run.group.toFixed(1)} ms, ${verdict(run.group / run.login, 5)}, HTML ${size(first.group.body)}`
      console.log(line)
      lines.push(line)
    } finally {
      await stop()
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

console.log(`\n${REQUESTS} requêtes par page et par taille, en alternance (cible : ≤ 5× la page de connexion à 300 candidat·es) :\n${lines.join('\n')}`)
const small = runs.find((r) => r.n === 100)
const large = runs.find((r) => r.n === 1000)
if (small && large) console.log(`Liste du jury, 1 000 candidat·es contre 100 : ${verdict(large.list / small.list, 12)} (linéaire au plus)`)
