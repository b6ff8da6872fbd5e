/**
 * Live co-editing benchmark (issue 17): G groups of 3 learners, each member
 * connected to the collaboration server of the production build with their
 * own login session and WebSocket, all typing in the same paragraph of their
 * group dossier (MSP A2, « Contexte ») at random places, 5 keystrokes a
 * second, for S seconds. For each G, a database of its own and the server on
 * a free port. Prints the updates per second, the latency from a member's
 * keystroke to the other members' documents (p50 / p99), the login page's
 * p50 idle and under the load (the baseline, timed in the same run), and
 * `lost`: keystrokes acknowledged by the server that are not in the stored
 * section (its editor JSON, read from the database after everyone left).
 *
 *   npm run bench:coediting [-- --groups 1,10,30 --seconds 60]
 *   npm run bench:coediting -- --servers 2
 *
 * With `--servers N` (default 1), N > 1: each group size runs twice, first
 * as above (SQLite, one server, no Redis: the baseline), then on N app
 * servers on free ports sharing one throw-away PostgreSQL (the same database,
 * built in SQLite then copied with db/copy-cli.ts as a school moves up), one
 * throw-away Redis (REDIS_URL: Hocuspocus's Redis extension relays the edits
 * between the servers) and one files folder (FILES_DIR). Member m of every
 * group is connected to server m % N, so that a group's members are on
 * different servers; the login page is timed on server 0 and `lost` is read
 * from PostgreSQL. Each result line then names its engine and servers.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { and, eq } from 'drizzle-orm'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { isPostgresUrl } from '../db/dialect'
import { createDatabase, startPostgres } from '../tests/unit/temp-postgres'
import { startRedis } from '../tests/unit/temp-redis'
import { serve } from './bench-server'
import { freePort } from './free-port'

const { values } = parseArgs({
  options: {
    groups: { type: 'string', default: '1,10,30' },
    seconds: { type: 'string', default: '60' },
    servers: { type: 'string', default: '1' },
  },
})
const SIZES = values.groups.split(',').map(Number)
const SECONDS = Number(values.seconds)
const SERVERS = Number(values.servers)
if (!Number.isInteger(SERVERS) || SERVERS < 1) throw new Error(`--servers ${values.servers}: a whole number, 1 or more`)
// With several servers, each result line starts with its engine and servers.
const MULTI_LABEL = `PostgreSQL + Redis, ${SERVERS} serveurs`
const LABEL_WIDTH = MULTI_LABEL.length
const MEMBERS = 3
const KEYS_PER_SECOND = 5
const EVALUATION = 'msp-a2'
const SECTION = 'contexte'
// Each member of a group types one letter only: the stored text tells how many of their keystrokes it holds.
const LETTERS = ['x', 'y', 'z']
const OPENING = 'Notre début : '
process.env.SESSION_SECRET = 'bench-secret'

const { openAppDatabase, openDatabase, runMigrations, transaction } = await import('../db/client')
const schema = await import('../db/schema')
const pgSchema = await import('../db/schema.pg')
const { addGroupMembers, enrollLearners } = await import('../app/services/dossier-provisioning.server')
const { sessionCookie } = await import('../app/services/session.server')

type Member = { cookie: string; letter: string }
type Group = { dossierId: string; members: Member[] }
/** Where a run goes: `servers` app servers on `database` (a SQLite file or a postgres:// URL), with `env` added to theirs. */
type Target = { label: string; database: string; servers: number; env: Record<string, string> }

function tsx(args: string[]) {
  const run = spawnSync('npx', ['tsx', ...args], { env: process.env, stdio: ['ignore', 'ignore', 'inherit'] })
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}`)
}

/** A database of `groups` groups of three, each group dossier's section opened with one paragraph. */
async function build(file: string, groups: number): Promise<Group[]> {
  const { sqlite, db } = openDatabase(file)
  runMigrations(sqlite)
  const sessionId = (
    await db
      .insert(schema.examSessions)
      .values({ name: 'Session banc', startsOn: '2026-09-07', endsOn: '2027-06-25' })
      .returning({ id: schema.examSessions.id })
  )[0]!.id
  const learners = await transaction(db, async () => {
    const ids: string[] = []
    for (let i = 0; i < groups * MEMBERS; i++) {
      const id = (
        await db
          .insert(schema.users)
          .values({ email: `candidat${i + 1}@bench.local`, name: `Candidat·e ${i + 1}`, passwordHash: 'x' })
          .returning({ id: schema.users.id })
      )[0]!.id
      await db.insert(schema.userRoles).values({ userId: id, role: 'learner' })
      ids.push(id)
    }
    return ids
  })
  await enrollLearners(db, sessionId, learners)
  const result: Group[] = []
  for (let g = 0; g < groups; g++) {
    const groupId = (
      await db
        .insert(schema.groups)
        .values({ examSessionId: sessionId, evaluationId: EVALUATION, name: `Groupe ${g + 1}` })
        .returning({ id: schema.groups.id })
    )[0]!.id
    const ids = learners.slice(g * MEMBERS, (g + 1) * MEMBERS)
    await addGroupMembers(db, groupId, ids)
    const dossierId = (await db.select({ id: schema.dossiers.id }).from(schema.dossiers).where(eq(schema.dossiers.groupId, groupId)))[0]!.id
    const content = { type: 'doc' as const, content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text: OPENING }] }] }
    await db.insert(schema.dossierSections).values({ dossierId, sectionId: SECTION, content, version: 1, updatedAt: new Date(), updatedBy: ids[0] })
    const members = await Promise.all(
      ids.map(async (userId, m) => {
        const login = (
          await db
            .insert(schema.loginSessions)
            .values({ userId, expiresAt: new Date(Date.now() + 3_600_000) })
            .returning()
        )[0]!
        return { cookie: (await sessionCookie.serialize(login.id)).split(';')[0]!, letter: LETTERS[m]! }
      }),
    )
    result.push({ dossierId, members })
  }
  sqlite.close()
  return result
}

/** A member's editor, in Node: a Yjs document synced through the server with their cookie, from the page's origin. */
function connect(port: number, member: Member, dossierId: string) {
  const doc = new Y.Doc()
  const origin = `http://127.0.0.1:${port}`
  const socket = new HocuspocusProviderWebsocket({
    url: `ws://127.0.0.1:${port}/collaboration`,
    WebSocketPolyfill: class extends WebSocket {
      constructor(address: string | URL) {
        super(address, { headers: { cookie: member.cookie, origin } })
      }
    } as unknown as typeof WebSocket,
  })
  let synced: () => void = () => {}
  let refused: (error: Error) => void = () => {}
  const ready = new Promise<void>((resolve, reject) => ((synced = resolve), (refused = reject)))
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: `${dossierId}/${SECTION}`,
    document: doc,
    token: 'session',
    onSynced: () => synced(),
    onAuthenticationFailed: ({ reason }) => refused(new Error(`refused: ${reason}`)),
  })
  provider.attach()
  return { doc, provider, ready, close: () => (provider.destroy(), socket.destroy()) }
}

const pct = (list: number[], p: number) => {
  const sorted = [...list].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
async function until(check: () => boolean | Promise<boolean>, ms: number) {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) return false
    await sleep(100)
  }
  return true
}
async function loginPage(base: string) {
  const started = performance.now()
  const res = await fetch(`${base}/connexion`)
  await res.text()
  if (!res.ok) throw new Error(`/connexion answered ${res.status}`)
  return performance.now() - started
}
/** The text of the section's first paragraph in an editor JSON. */
const textOf = (content: unknown) =>
  ((content as { content?: { content?: { text?: string }[] }[] }).content ?? []).flatMap((p) => (p.content ?? []).map((t) => t.text ?? '')).join('')
const count = (text: string, letter: string) => text.split(letter).length - 1

/** One run of `groups` groups (`built`, in target.database): the servers started, everyone typing, the servers stopped. Its result line. */
async function run(groups: number, built: Group[], target: Target): Promise<string> {
  const stops: (() => Promise<void>)[] = []
  try {
    // One after the other: each applies the migrations when it starts, and the next free port is chosen while the previous one is taken.
    const ports: number[] = []
    for (let s = 0; s < target.servers; s++) {
      const port = await freePort()
      ports.push(port)
      stops.push(await serve(target.database, port, target.env))
    }
    const base = `http://127.0.0.1:${ports[0]}`
    for (let i = 0; i < 5; i++) await loginPage(base)
    const idle: number[] = []
    for (let i = 0; i < 20; i++) idle.push(await loginPage(base))

    // Everyone opens the section, member m of a group on server m % N: a group's members on different servers.
    const editors = built.map((group) =>
      group.members.map((member, m) => ({ member, ...connect(ports[m % ports.length]!, member, group.dossierId), typed: 0, type: () => {} })),
    )
    await Promise.all(editors.flat().map((e) => e.ready))

    // Latency: when each keystroke left its author (by Yjs client and clock), and when it reached each other member.
    const latencies: number[] = []
    let deliveries = 0
    for (const group of editors) {
      const sentAt = new Map<number, number[]>(group.map((e) => [e.doc.clientID, []]))
      for (const editor of group) {
        const seen = new Map<number, number>()
        editor.doc.on('update', (_update: Uint8Array, origin: unknown) => {
          if (!origin) return // My own keystroke.
          const now = performance.now()
          for (const other of group) {
            if (other === editor) continue
            const id = other.doc.clientID
            const clock = Y.getState(editor.doc.store, id)
            const times = sentAt.get(id)!
            for (let c = (seen.get(id) ?? 0) + 1; c <= clock; c++) {
              if (times[c] === undefined) continue
              latencies.push(now - times[c]!)
              deliveries++
            }
            seen.set(id, clock)
          }
        })
        // A keystroke: one letter at a random place of the shared paragraph.
        editor.type = () => {
          const paragraph = editor.doc.getXmlFragment('default').get(0) as Y.XmlElement
          const text = paragraph.get(0) as Y.XmlText
          text.insert(Math.floor(Math.random() * (text.length + 1)), editor.member.letter)
          sentAt.get(editor.doc.clientID)![Y.getState(editor.doc.store, editor.doc.clientID)] = performance.now()
          editor.typed++
        }
      }
    }

    const loaded: number[] = []
    const deadline = Date.now() + SECONDS * 1000
    const started = performance.now()
    const typing = editors.flat().map(async (editor) => {
      await sleep(Math.random() * 1000)
      while (Date.now() < deadline) {
        editor.type()
        await sleep((1000 / KEYS_PER_SECOND) * (0.5 + Math.random()))
      }
    })
    const baseline = (async () => {
      while (Date.now() < deadline) {
        loaded.push(await loginPage(base))
        await sleep(500)
      }
    })()
    await Promise.all([...typing, baseline])
    const elapsed = (performance.now() - started) / 1000

    // Acknowledged: the server confirmed every change of the member.
    await until(() => editors.flat().every((e) => e.provider.unsyncedChanges === 0), 30_000)
    const unacknowledged = editors.flat().filter((e) => e.provider.unsyncedChanges > 0).length
    const converged = await until(
      () =>
        editors.every((group) =>
          group.every((e) => textOf(e.doc.getXmlFragment('default').toJSON()) === textOf(group[0]!.doc.getXmlFragment('default').toJSON())),
        ),
      10_000,
    )
    for (const editor of editors.flat()) editor.close()

    // Lost: keystrokes acknowledged but missing from the stored section (stored when the last member leaves; on each server, with several).
    const { db, close } = openAppDatabase(target.database)
    const tables = (isPostgresUrl(target.database) ? pgSchema : schema) as unknown as typeof schema
    let lost: number
    let extra: number
    try {
      const stored = async (dossierId: string) =>
        textOf(
          (
            await db
              .select({ content: tables.dossierSections.content })
              .from(tables.dossierSections)
              .where(and(eq(tables.dossierSections.dossierId, dossierId), eq(tables.dossierSections.sectionId, SECTION)))
          )[0]?.content ?? {},
        )
      /** Per member: how many of their letters the stored section holds. */
      const storedCounts = async () => {
        const counts: { typed: number; stored: number }[] = []
        for (const [g, group] of editors.entries()) {
          const text = await stored(built[g]!.dossierId)
          for (const e of group) counts.push({ typed: e.typed, stored: count(text, e.member.letter) })
        }
        return counts
      }
      const missing = async () => (await storedCounts()).reduce((sum, c) => sum + Math.max(0, c.typed - c.stored), 0)
      await until(async () => (await missing()) === 0, 15_000)
      lost = await missing()
      extra = (await storedCounts()).reduce((sum, c) => sum + Math.max(0, c.stored - c.typed), 0)
    } finally {
      await close()
    }

    const typed = editors.flat().reduce((s, e) => s + e.typed, 0)
    const line =
      (SERVERS > 1 ? `${target.label.padEnd(LABEL_WIDTH)} | ` : '') +
      `${String(groups).padStart(2)} groupe${groups > 1 ? 's' : ' '} de ${MEMBERS} | ${typed} frappes en ${elapsed.toFixed(0)} s : ${(typed / elapsed).toFixed(1)} mises à jour/s reçues,` +
      ` ${(deliveries / elapsed).toFixed(1)} diffusées/s | latence frappe → écran des autres p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms` +
      ` | /connexion p50 ${pct(idle, 50).toFixed(1)} ms au repos, ${pct(loaded, 50).toFixed(1)} ms en charge` +
      ` | ${converged ? 'copies identiques' : 'COPIES DIFFÉRENTES'}, non confirmées ${unacknowledged}, en trop ${extra} | lost ${lost}`
    console.log(line)
    if (lost > 0 || !converged || unacknowledged > 0 || extra > 0) process.exitCode = 1
    return line
  } finally {
    for (const stop of stops) await stop()
  }
}

const results: string[] = []
// With several servers: one PostgreSQL (a database per group size) and one Redis for every run, stopped at the end.
const postgres = SERVERS > 1 ? await startPostgres() : null
try {
  const redis = SERVERS > 1 ? await startRedis() : null
  try {
    for (const [i, groups] of SIZES.entries()) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-coediting-'))
      try {
        // SQLite, one server, no Redis (REDIS_URL emptied, should the shell have one): the bench as it always ran, the baseline.
        const file = path.join(dir, 'bench.db')
        results.push(await run(groups, await build(file, groups), { label: 'SQLite, 1 serveur', database: file, servers: 1, env: { REDIS_URL: '' } }))
        if (postgres && redis) {
          // The same database built afresh (the SQLite run wrote in its own), moved up to PostgreSQL as a school would.
          const source = path.join(dir, 'source.db')
          const built = await build(source, groups)
          const url = await createDatabase(postgres.url, `atelier_bench_${i + 1}`)
          tsx(['db/copy-cli.ts', '--from', source, '--to', url])
          // Files (and the session secret, were it not in the environment) in one folder the servers share, as one volume.
          const files = path.join(dir, 'files')
          fs.mkdirSync(files)
          const target = { label: MULTI_LABEL, database: url, servers: SERVERS, env: { REDIS_URL: redis.url, FILES_DIR: files } }
          results.push(await run(groups, built, target))
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true })
      }
    }
  } finally {
    redis?.stop()
  }
} finally {
  postgres?.stop()
}
const spread = SERVERS > 1 ? `, le membre m de chaque groupe sur le serveur m mod ${SERVERS}` : ''
console.log(`\n${SECONDS} s de frappe, ${KEYS_PER_SECOND} frappes/s par membre${spread} :\n${results.join('\n')}`)
