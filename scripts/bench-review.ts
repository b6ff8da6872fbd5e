/**
 * Review benchmark: the tutor dashboard of a tutor assigned to N learners,
 * each with the dossiers of the 17 épreuves (21 with their groups' dossiers
 * and their REX), 10 comment threads per dossier (some answered), open and
 * closed review rounds, saved sections and self-assessments. For each N, a
 * database of its own (a temporary file, provisioned as the app does it) and
 * the production build on a free port; GET /tuteur (first page) and
 * GET /connexion are timed in the same run, alternately. Prints p50 / p95 of
 * each, the ratio of the p50s (target ≤ 5×) and the HTML size of /tuteur.
 *
 *   npm run bench:review [-- --learners 100,300,1000 --requests 40]
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
const THREADS_PER_DOSSIER = 10
const GROUP_SIZE = 4
process.env.SESSION_SECRET = 'bench-secret'

const { openDatabase, runMigrations, transaction } = await import('../db/client')
const schema = await import('../db/schema')
const { addGroupMembers, enrollLearners } = await import('../app/services/dossier-provisioning.server')
const { referentiel } = await import('../templates/referentiel')
const { sessionCookie } = await import('../app/services/session.server')

/** A small deterministic generator, so that every run builds the same data. */
function random(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

/** Builds the database for `n` learners and returns the tutor's cookie and what was created. */
async function build(file: string, n: number) {
  const { sqlite, db } = openDatabase(file)
  runMigrations(sqlite)
  const rand = random(n)
  const started = performance.now()
  const user = async (name: string, email: string, role: 'learner' | 'tutor') => {
    const id = (await db.insert(schema.users).values({ email, name, passwordHash: 'x' }).returning({ id: schema.users.id }))[0]!.id
    await db.insert(schema.userRoles).values({ userId: id, role })
    return id
  }
  const { tutorId, learnerIds, sessionId } = await transaction(db, async () => {
    const tutorId = await user('Tuteur Banc', 'tuteur@bench.local', 'tutor')
    const learnerIds: string[] = []
    for (let i = 0; i < n; i++) learnerIds.push(await user(`Candidat·e ${String(i + 1).padStart(4, '0')}`, `candidat${i + 1}@bench.local`, 'learner'))
    const sessionId = (
      await db
        .insert(schema.examSessions)
        .values({ name: 'Session banc', startsOn: '2026-09-07', endsOn: '2027-06-25' })
        .returning({ id: schema.examSessions.id })
    )[0]!.id
    return { tutorId, learnerIds, sessionId }
  })
  // The real provisioning: enrolment creates the individual dossiers, groups their dossier and the members' REX.
  await enrollLearners(db, sessionId, learnerIds)
  for (const evaluation of referentiel.evaluations.filter((e) => e.mode === 'group')) {
    for (let g = 0; g * GROUP_SIZE < n; g++) {
      const groupId = (
        await db
          .insert(schema.groups)
          .values({ examSessionId: sessionId, evaluationId: evaluation.id, name: `Groupe ${g + 1}` })
          .returning({ id: schema.groups.id })
      )[0]!.id
      await addGroupMembers(db, groupId, learnerIds.slice(g * GROUP_SIZE, (g + 1) * GROUP_SIZE))
    }
  }
  await db.insert(schema.tutorAssignments).values(learnerIds.map((learnerId) => ({ examSessionId: sessionId, tutorId, learnerId })))

  // Work and review rows, written directly (prepared statements in one transaction).
  const dossiers = sqlite.prepare('select id, learner_id as learnerId, group_id as groupId from dossiers').all() as {
    id: string
    learnerId: string | null
    groupId: string | null
  }[]
  const authorOf = new Map(
    (
      sqlite.prepare('select group_id as groupId, min(learner_id) as learnerId from group_members group by group_id').all() as {
        groupId: string
        learnerId: string
      }[]
    ).map((r) => [r.groupId, r.learnerId]),
  )
  const criteria = referentiel.activities.flatMap((a) => a.competencies.flatMap((c) => c.criteria.map((k) => k.id)))
  const now = Date.now()
  const DAY = 86_400_000
  const counts = { threads: 0, messages: 0, openRounds: 0 }
  const insert = {
    section: sqlite.prepare('insert into dossier_sections (dossier_id, section_id, content, version, updated_at, updated_by) values (?, ?, ?, 1, ?, ?)'),
    thread: sqlite.prepare(
      "insert into comment_threads (id, dossier_id, target, section_id, status, author_id, created_at, resolved_at) values (?, ?, 'section', ?, ?, ?, ?, ?)",
    ),
    message: sqlite.prepare('insert into comment_messages (id, thread_id, author_id, body, created_at) values (?, ?, ?, ?, ?)'),
    round: sqlite.prepare(
      'insert into review_rounds (id, dossier_id, requested_by, message, requested_at, closed_by, closed_at, summary) values (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    status: sqlite.prepare(
      'insert into self_assessments (learner_id, exam_session_id, criterion_id, status, justification, updated_at) values (?, ?, ?, ?, ?, ?)',
    ),
    notification: sqlite.prepare("insert into notifications (user_id, type, dossier_id, actor_id, created_at) values (?, 'review-request', ?, ?, ?)"),
  }
  const content = JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Brouillon du banc d’essai.' }] }] })
  sqlite.transaction(() => {
    for (const d of dossiers) {
      const learner = d.learnerId ?? authorOf.get(d.groupId ?? '') ?? null
      // Two dossiers in three have been worked on.
      if (rand() < 0.67) {
        for (const section of ['s1', 's2', 's3']) insert.section.run(d.id, section, content, now - Math.floor(rand() * 40 * DAY), learner)
      }
      for (let t = 0; t < THREADS_PER_DOSSIER; t++) {
        const threadId = crypto.randomUUID()
        const at = now - Math.floor(rand() * 30 * DAY)
        const open = rand() < 0.4
        insert.thread.run(threadId, d.id, `s${(t % 3) + 1}`, open ? 'open' : 'resolved', tutorId, at, open ? null : at + DAY)
        insert.message.run(crypto.randomUUID(), threadId, tutorId, 'Précisez la source de ce chiffre, et sa date.', at)
        counts.threads++
        counts.messages++
        if (rand() < 0.3) {
          insert.message.run(crypto.randomUUID(), threadId, learner, 'C’est corrigé : source Insee, 2025.', at + 3_600_000)
          counts.messages++
        }
      }
      if (rand() < 0.2) insert.round.run(crypto.randomUUID(), d.id, learner, '', now - 20 * DAY, tutorId, now - 18 * DAY, 'Bonne progression.')
      if (rand() < 0.1) {
        const roundId = crypto.randomUUID()
        insert.round.run(roundId, d.id, learner, 'Pouvez-vous relire la partie 2 ?', now - Math.floor(rand() * 5 * DAY), null, null, null)
        counts.openRounds++
        insert.notification.run(tutorId, d.id, learner, now - Math.floor(rand() * 5 * DAY))
      }
    }
    for (const learnerId of learnerIds) {
      for (const criterionId of criteria) {
        const r = rand()
        if (r < 0.5) insert.status.run(learnerId, sessionId, criterionId, r < 0.3 ? 'achieved' : 'in_progress', '', now)
      }
    }
  })()

  const session = (
    await db
      .insert(schema.loginSessions)
      .values({ userId: tutorId, expiresAt: new Date(Date.now() + 3_600_000) })
      .returning()
  )[0]!
  sqlite.close()
  const cookie = (await sessionCookie.serialize(session.id)).split(';')[0]!
  return { cookie, dossiers: dossiers.length, ...counts, ms: performance.now() - started }
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

const results: string[] = []
for (const n of SIZES) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-review-'))
  const file = path.join(dir, 'bench.db')
  try {
    const built = await build(file, n)
    console.log(
      `N = ${n}: ${built.dossiers} dossiers, ${built.threads} fils de commentaires (${built.messages} messages), ${built.openRounds} relectures ouvertes — base prête en ${(built.ms / 1000).toFixed(1)} s`,
    )
    const port = await freePort()
    const stop = await serve(file, port)
    try {
      const base = `http://127.0.0.1:${port}`
      const dashboard = await timed(`${base}/tuteur`, built.cookie)
      if (!dashboard.body.includes('Mes candidat·es') || !dashboard.body.includes('Page 1 sur')) throw new Error('/tuteur did not show the dashboard')
      // Warm-up: the first requests load code and fill caches.
      for (let i = 0; i < 5; i++) {
        await timed(`${base}/tuteur`, built.cookie)
        await timed(`${base}/connexion`)
      }
      const times = { tuteur: [] as number[], sorted: [] as number[], connexion: [] as number[] }
      for (let i = 0; i < REQUESTS; i++) {
        times.tuteur.push((await timed(`${base}/tuteur`, built.cookie)).ms)
        times.connexion.push((await timed(`${base}/connexion`)).ms)
        times.sorted.push((await timed(`${base}/tuteur?tri=commentaires&filtre=relecture`, built.cookie)).ms)
      }
      const html = Buffer.byteLength(dashboard.body)
      const gzip = zlib.gzipSync(dashboard.body).length
      const ratio = pct(times.tuteur, 50) / pct(times.connexion, 50)
      const line =
        `N = ${String(n).padStart(4)} | /tuteur p50 ${pct(times.tuteur, 50).toFixed(1)} ms, p95 ${pct(times.tuteur, 95).toFixed(1)} ms` +
        ` | trié + filtré p50 ${pct(times.sorted, 50).toFixed(1)} ms | /connexion p50 ${pct(times.connexion, 50).toFixed(1)} ms, p95 ${pct(times.connexion, 95).toFixed(1)} ms` +
        ` | ratio ${ratio.toFixed(2)}× ${ratio <= 5 ? '(≤ 5×)' : '(AU-DELÀ DE 5×)'} | HTML ${kb(html)} (${kb(gzip)} gzip)`
      console.log(line)
      results.push(line)
    } finally {
      await stop()
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
console.log(`\n${REQUESTS} requêtes par page et par taille, en alternance :\n${results.join('\n')}`)
