/**
 * Admin benchmark (issue 13): the follow-up of a session and the accounts
 * list for N = 100, 300 and 1 000 candidates, next to the login page in the
 * same run. Each N gets a database of its own (a temporary file) seeded with
 * the demo data (db/seed.ts --learners N: 17 instances, groups, hand-ins on
 * time and late, a few grids and reconciliations), then mixed further: one
 * copy in three of every hand-in has all its grids closed (« corrigé »), one
 * instance is between its deadline and its cut-off (« en retard », still
 * possible to hand in), one serious-game group is dissolved (« sans groupe »).
 * The production build runs on a free port; the admin's login session is
 * made in the database. Timed alternately, warm: GET /connexion (the
 * reference), the follow-up (first page, and a filtered page), the accounts
 * (first page, and a search); and the follow-up's Excel export (all the
 * candidates) a few times. Prints p50 / p95, each page's p50 against the
 * login page's (target ≤ 5× at 1 000 candidates), the pages at 1 000 against
 * 100 (linear at most) and the HTML sizes.
 *
 *   npm run bench:admin [-- --learners 100,300,1000 --requests 40]
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
const EXPORTS = 5
const TARGET = 5
process.env.SESSION_SECRET = 'bench-secret'

const { eq, sql } = await import('drizzle-orm')
const { execute, openDatabase, transaction } = await import('../db/client')
const schema = await import('../db/schema')
const { seed, DEMO_DOMAIN } = await import('../db/seed')
const { sessionCookie } = await import('../app/services/session.server')

/** Seeds the demo data for `n` learners in `file`, mixes the states; returns the admin's cookie, the session and the states counted. */
async function build(file: string, n: number) {
  process.env.DATABASE_URL = file
  const seeded = await seed({ learners: n })
  const { sqlite, db } = openDatabase(file)
  const sessionId = (await db.select({ id: schema.examSessions.id }).from(schema.examSessions))[0]!.id
  const now = Date.now()
  await transaction(db, async () => {
    // Graded: every assignment of one copy in three with a hand-in (its main dossier's) gets a closed grid.
    await execute(
      db,
      sql`insert or ignore into gradings (id, assignment_id, status, closed_at, created_at, updated_at)
      select lower(hex(randomblob(16))), ja.id, 'closed', ${now}, ${now}, ${now}
      from juror_assignments ja
      where ja.exam_session_id = ${sessionId}
        and (exists (select 1 from dossiers d join submissions s on s.dossier_id = d.id
            where d.exam_session_id = ja.exam_session_id and d.template_id = ja.evaluation_id and d.learner_id = ja.learner_id)
          or exists (select 1 from dossiers d join submissions s on s.dossier_id = d.id
            where d.template_id = ja.evaluation_id and d.group_id = ja.group_id))
        and abs(coalesce(unicode(substr(coalesce(ja.learner_id, ja.group_id), 1, 1)), 0)) % 3 = 0`,
    )
    // Overdue: the MSP A4's deadline passed yesterday, its cut-off is in two days.
    await db
      .update(schema.evaluationInstances)
      .set({ dueAt: new Date(now - 86_400_000), cutoffAt: new Date(now + 2 * 86_400_000) })
      .where(sql`${schema.evaluationInstances.examSessionId} = ${sessionId} and ${schema.evaluationInstances.evaluationId} = 'msp-a4'`)
    // Without a group: the first serious-game group is dissolved.
    const [group] = await db
      .select({ id: schema.groups.id })
      .from(schema.groups)
      .where(sql`${schema.groups.examSessionId} = ${sessionId} and ${schema.groups.evaluationId} = 'serious-game-a11'`)
    if (group) await db.delete(schema.groupMembers).where(eq(schema.groupMembers.groupId, group.id))
  })
  const admin = (
    await db
      .select({ id: schema.users.id })
      .from(schema.users)
      .where(eq(schema.users.email, `admin@${DEMO_DOMAIN}`))
  )[0]!
  const login = (
    await db
      .insert(schema.loginSessions)
      .values({ userId: admin.id, expiresAt: new Date(Date.now() + 3_600_000) })
      .returning()
  )[0]!
  const users = (await db.select({ n: sql<number>`count(*)` }).from(schema.users))[0]!.n
  sqlite.close()
  const cookie = (await sessionCookie.serialize(login.id)).split(';')[0]!
  return { cookie, sessionId, seeded, users }
}

async function timed(url: string, cookie?: string) {
  const started = performance.now()
  const res = await fetch(url, { headers: cookie ? { Cookie: cookie } : {}, redirect: 'manual' })
  const body = Buffer.from(await res.arrayBuffer())
  const ms = performance.now() - started
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`)
  return { ms, body }
}

const pct = (list: number[], p: number) => {
  const sorted = [...list].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const size = (body: Buffer) => `${kb(body.byteLength)} (${kb(zlib.gzipSync(body).length)} gzip)`
const verdict = (ratio: number, target: number) => `${ratio.toFixed(2)}× ${ratio <= target ? `(≤ ${target}×)` : `(AU-DELÀ DE ${target}×)`}`

const PAGES = {
  suivi: { label: 'suivi, 1re page', path: (s: string) => `/admin/sessions/${s}/suivi`, expect: 'Par candidat·e' },
  suiviFiltre: {
    label: 'suivi filtré (en retard, « martin »)',
    path: (s: string) => `/admin/sessions/${s}/suivi?q=martin&etat=en-retard`,
    expect: 'correspondent',
  },
  comptes: { label: 'comptes, 1re page', path: () => '/admin/utilisateurs', expect: 'Utilisateurs' },
  comptesRecherche: { label: 'comptes, recherche « martin »', path: () => '/admin/utilisateurs?q=martin', expect: 'comptes trouvés' },
} as const
type Page = keyof typeof PAGES
const NAMES = Object.keys(PAGES) as Page[]

type Run = { n: number; login: number } & Record<Page, number>
const runs: Run[] = []
const lines: string[] = []
for (const n of SIZES) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-admin-'))
  const file = path.join(dir, 'bench.db')
  try {
    const built = await build(file, n)
    const s = built.seeded
    console.log(
      `N = ${n}: ${built.users} comptes, ${s.groups} groupes, ${s.dossiers} dossiers, ${s.jury.submissions} dépôts (${s.jury.late} en retard), ` +
        `${s.jurorAssignments} affectations — base prête en ${(s.ms / 1000).toFixed(1)} s`,
    )
    const port = await freePort()
    const stop = await serve(file, port)
    try {
      const base = `http://127.0.0.1:${port}`
      const urls = Object.fromEntries(NAMES.map((k) => [k, `${base}${PAGES[k].path(built.sessionId)}`])) as Record<Page, string>
      const first = {} as Record<Page, Buffer>
      for (const k of NAMES) {
        first[k] = (await timed(urls[k], built.cookie)).body
        if (!first[k].toString('utf8').includes(PAGES[k].expect)) throw new Error(`${urls[k]} did not show « ${PAGES[k].expect} »`)
      }
      // The states the follow-up counts, read from its first page (the summary's links carry the counts).
      const page = first.suivi.toString('utf8')
      const candidates = /(\d[\d\u00a0\u202f ]*)\u00a0candidat·es inscrit·es/.exec(page)?.[1]
      if (!candidates || Number(candidates.replace(/\D/g, '')) !== n) throw new Error(`the follow-up does not count ${n} candidates`)
      // Warm-up: the first requests load code and fill caches.
      for (let i = 0; i < 5; i++) {
        for (const k of NAMES) await timed(urls[k], built.cookie)
        await timed(`${base}/connexion`)
      }
      const times = { login: [] as number[], ...(Object.fromEntries(NAMES.map((k) => [k, [] as number[]])) as Record<Page, number[]>) }
      for (let i = 0; i < REQUESTS; i++) {
        times.login.push((await timed(`${base}/connexion`)).ms)
        for (const k of NAMES) times[k].push((await timed(urls[k], built.cookie)).ms)
      }
      const exports: number[] = []
      let xlsx = Buffer.alloc(0)
      for (let i = 0; i < EXPORTS; i++) {
        const t = await timed(`${base}/admin/sessions/${built.sessionId}/suivi.xlsx`, built.cookie)
        exports.push(t.ms)
        xlsx = t.body
      }
      const run = { n, login: pct(times.login, 50), ...Object.fromEntries(NAMES.map((k) => [k, pct(times[k], 50)])) } as Run
      runs.push(run)
      const line = [
        `N = ${String(n).padStart(4)} | /connexion p50 ${run.login.toFixed(1)} ms, p95 ${pct(times.login, 95).toFixed(1)} ms`,
        ...NAMES.map(
          (k) =>
            `           | ${PAGES[k].label} : p50 ${run[k].toFixed(1)} ms, p95 ${pct(times[k], 95).toFixed(1)} ms, ${verdict(run[k] / run.login, TARGET)}, HTML ${size(first[k])}`,
        ),
        `           | export Excel du suivi (${n} candidat·es) : p50 ${pct(exports, 50).toFixed(0)} ms sur ${EXPORTS}, ${kb(xlsx.byteLength)}`,
      ].join('\n')
      console.log(line)
      lines.push(line)
    } finally {
      await stop()
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

console.log(
  `\n${REQUESTS} requêtes par page et par taille, en alternance (cible : ≤ ${TARGET}× la page de connexion à 1 000 candidat·es) :\n${lines.join('\n')}`,
)
const small = runs.find((r) => r.n === 100)
const large = runs.find((r) => r.n === 1000)
if (small && large) {
  for (const k of NAMES) console.log(`${PAGES[k].label}, 1 000 candidat·es contre 100 : ${verdict(large[k] / small[k], 10)} (linéaire au plus)`)
}
const over = large ? NAMES.filter((k) => large[k] / large.login > TARGET) : []
if (over.length) {
  console.log(`Au-delà de la cible à 1 000 candidat·es : ${over.map((k) => PAGES[k].label).join(', ')}`)
  process.exitCode = 1
}
