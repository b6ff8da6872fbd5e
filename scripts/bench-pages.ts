/**
 * Pages benchmark (issue 14 §9): the server time of every page of every role
 * next to the login page's, in the same run, and the EcoIndex of the
 * learner's home, two dossier pages and the référentiel page.
 *
 * For each cohort size N (--learners, default the demo's 9): a database of
 * its own (a temporary file) seeded with the demo data (db/seed.ts: the demo
 * session, its groups, hand-ins, grids, deliberation), plus one review round
 * and one password link so that every page has something to show. The
 * production build runs on a free port; login sessions are made in the
 * database. Every page of the route manifest that has a screen is requested
 * by the role that uses it (the learner's pages by a dossier's owner, the
 * tutor's, the juror's and the admin's pages by the demo accounts): each
 * dossier template's dossier page (the one with the most written sections),
 * the focus route of a few sections when the build has it, history,
 * reviews, hand-in, print, tutor, jury, deliberation and admin pages. Timed
 * warm and alternately with GET /connexion; prints each page's p50 and p90,
 * its ratio to the login page's p50 (dossier pages: target ≤ 5×) and its
 * HTML size, and the screens of the manifest it did not measure.
 *
 * Then (first size only) Debian's chromium loads the learner's home, the
 * cas pratique A3 dossier (the heaviest template), the MSP A2 dossier and
 * the référentiel page, cold (empty cache), counts DOM elements, requests and
 * transferred bytes (Chrome DevTools Protocol) and prints their EcoIndex
 * (app/domain/ecoindex.ts; target B or better).
 *
 *   npm run bench:pages [-- --learners 9,1000 --requests 12 --no-browser]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import zlib from 'node:zlib'
import type { ServerBuild } from '@remix-run/node'
import { serve } from './bench-server'
import { freePort } from './free-port'

const { values } = parseArgs({
  options: {
    learners: { type: 'string', default: '9' },
    requests: { type: 'string', default: '12' },
    'no-browser': { type: 'boolean', default: false },
  },
})
const SIZES = values.learners.split(',').map(Number)
const REQUESTS = Number(values.requests)
const TARGET = 5
const ECO_TARGET = 'B'
process.env.SESSION_SECRET = 'bench-secret'

const { and, desc, eq, inArray, sql } = await import('drizzle-orm')
const { openDatabase } = await import('../db/client')
const schema = await import('../db/schema')
const { seed, DEMO_DOMAIN } = await import('../db/seed')
const { sessionCookie } = await import('../app/services/session.server')
const { createPasswordLink, passwordLinkPath } = await import('../app/services/password-links.server')
const { ecoIndex, ECOINDEX_GRADES } = await import('../app/domain/ecoindex')
const { default: playwrightConfig } = await import('../playwright.config')

type Template = { id: string; sections: { id: string; field: { kind: string } }[] }
const TEMPLATES: Template[] = fs
  .readdirSync('templates/dossiers')
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join('templates/dossiers', f), 'utf8')) as Template)
const templateOf = (id: string) => TEMPLATES.find((t) => t.id === id)!

/** A page to time: who asks for it (a user id, or null when logged out), what it is, and the route pattern it belongs to. */
type Page = { route: string; label: string; role: string; user: string | null; path: string; dossier?: boolean }

/** The screens of the build (routes with a component), by path pattern. */
async function screens(): Promise<string[]> {
  const build = (await import(pathToFileURL(path.resolve('build/server/index.js')).href)) as ServerBuild
  return Object.values(build.routes)
    .filter((r) => r.id !== 'root' && r.module.default)
    .map((r) => r.path ?? '')
    .sort()
}

/** Seeds `file` for `n` learners, adds a review round and a password link; returns the pages to time and the users to log in. */
async function prepare(file: string, n: number) {
  process.env.DATABASE_URL = file
  const seeded = await seed({ learners: n })
  const { sqlite, db } = openDatabase(file)
  const { users, dossiers, dossierSections, dossierRevisions, groupMembers, jurorAssignments, tutorAssignments, examSessions } = schema
  const userId = async (local: string) =>
    (
      await db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, `${local}@${DEMO_DOMAIN}`))
    )[0]!.id
  const staff = { learner: await userId('candidat1'), tutor: await userId('tuteur1'), juror: await userId('jure1'), admin: await userId('admin') }
  const sessionId = (await db.select({ id: examSessions.id }).from(examSessions))[0]!.id

  // Each template's dossier with the most written sections (the heaviest page), and a learner who owns it.
  const written = await db
    .select({
      id: dossiers.id,
      templateId: dossiers.templateId,
      learnerId: dossiers.learnerId,
      groupId: dossiers.groupId,
      n: sql<number>`count(${dossierSections.sectionId})`,
    })
    .from(dossiers)
    .leftJoin(dossierSections, eq(dossierSections.dossierId, dossiers.id))
    .where(eq(dossiers.examSessionId, sessionId))
    .groupBy(dossiers.id)
    .orderBy(desc(sql`count(${dossierSections.sectionId})`))
  const ownerOf = async (d: { learnerId: string | null; groupId: string | null }) =>
    d.learnerId ?? (await db.select({ id: groupMembers.learnerId }).from(groupMembers).where(eq(groupMembers.groupId, d.groupId!)))[0]!.id
  const byTemplate = new Map<string, { id: string; owner: string; written: number }>()
  for (const d of written) if (!byTemplate.has(d.templateId)) byTemplate.set(d.templateId, { id: d.id, owner: await ownerOf(d), written: d.n })

  const a3 = byTemplate.get('cas-pratique-a3')!
  const now = new Date()
  const round = (
    await db
      .insert(schema.reviewRounds)
      .values({ dossierId: a3.id, requestedBy: a3.owner, message: 'Pouvez-vous relire la cible ?', requestedAt: now })
      .returning()
  )[0]!
  const revision = (
    await db.select({ id: dossierRevisions.id }).from(dossierRevisions).where(eq(dossierRevisions.dossierId, a3.id)).orderBy(desc(dossierRevisions.id))
  )[0]!
  const link = await createPasswordLink(db, { userId: staff.learner, purpose: 'reset', createdBy: staff.admin, now })
  const tutorOfA3 = (
    await db
      .select({ id: tutorAssignments.tutorId })
      .from(tutorAssignments)
      .where(and(eq(tutorAssignments.learnerId, a3.owner), eq(tutorAssignments.examSessionId, sessionId)))
  )[0]?.id
  /** jure1's assignments on an épreuve, copies handed in first. */
  const copiesOf = async (evaluationId: string) =>
    (
      await db
        .select({ id: jurorAssignments.id })
        .from(jurorAssignments)
        .where(and(eq(jurorAssignments.jurorId, staff.juror), eq(jurorAssignments.evaluationId, evaluationId)))
    ).map((r) => r.id)
  // The copies of jure1 that a second juror also graded: the confrontation of the two grids.
  const reconciled = (
    await db
      .select({ id: jurorAssignments.id })
      .from(jurorAssignments)
      .where(
        and(
          eq(jurorAssignments.jurorId, staff.juror),
          inArray(jurorAssignments.id, db.select({ id: schema.reconciliations.leadAssignmentId }).from(schema.reconciliations)),
        ),
      )
  ).map((r) => r.id)
  const copies = { anonymous: await copiesOf('cas-pratique-a3'), group: await copiesOf('msp-a2') }
  const learnerCount = (await db.select({ n: sql<number>`count(*)` }).from(schema.enrollments))[0]!.n
  sqlite.close()

  const pages: Page[] = []
  const add = (route: string, label: string, role: string, user: string | null, p: string, dossier = false) =>
    pages.push({ route, label, role, user, path: p, dossier })
  add('candidat', 'accueil', 'candidat·e', staff.learner, '/candidat')
  add('candidat/sessions/:sessionId/resultats', 'mes résultats', 'candidat·e', staff.learner, `/candidat/sessions/${sessionId}/resultats`)
  add('notifications', 'notifications', 'candidat·e', staff.learner, '/notifications')
  add('referentiel', 'référentiel', 'candidat·e', staff.learner, '/referentiel')
  add('referentiel', 'référentiel', 'anonyme', null, '/referentiel')
  add('mot-de-passe/:token', 'lien de mot de passe', 'anonyme', null, passwordLinkPath(link.token))
  for (const t of TEMPLATES) {
    const d = byTemplate.get(t.id)
    if (d) add('dossiers/:dossierId', `dossier ${t.id} (${d.written}/${t.sections.length} sections écrites)`, 'candidat·e', d.owner, `/dossiers/${d.id}`, true)
  }
  // The focus mode of the first section of each kind of the cas pratique A3 (persona, mix, table…).
  const kinds = new Set<string>()
  for (const s of templateOf('cas-pratique-a3').sections) {
    if (kinds.has(s.field.kind)) continue
    kinds.add(s.field.kind)
    add(
      'dossiers/:dossierId/sections/:sectionId',
      `section ${s.id} (${s.field.kind}), cas-pratique-a3`,
      'candidat·e',
      a3.owner,
      `/dossiers/${a3.id}/sections/${s.id}`,
      true,
    )
  }
  add('dossiers/:dossierId/historique', 'historique, cas-pratique-a3', 'candidat·e', a3.owner, `/dossiers/${a3.id}/historique`)
  add('dossiers/:dossierId/historique/:revisionId', 'une version, cas-pratique-a3', 'candidat·e', a3.owner, `/dossiers/${a3.id}/historique/${revision.id}`)
  add('dossiers/:dossierId/relectures', 'relectures, cas-pratique-a3', 'candidat·e', a3.owner, `/dossiers/${a3.id}/relectures`)
  add('dossiers/:dossierId/relectures/:roundId', 'une relecture, cas-pratique-a3', 'candidat·e', a3.owner, `/dossiers/${a3.id}/relectures/${round.id}`)
  add('dossiers/:dossierId/depot', 'dépôt, cas-pratique-a3', 'candidat·e', a3.owner, `/dossiers/${a3.id}/depot`)
  add('dossiers/:dossierId/imprimer/:sectionId', 'impression des personae, cas-pratique-a3', 'candidat·e', a3.owner, `/dossiers/${a3.id}/imprimer/personae`)
  add('tuteur', 'accueil', 'tuteur·rice', staff.tutor, '/tuteur')
  add('tuteur/banque', 'banque de commentaires', 'tuteur·rice', staff.tutor, '/tuteur/banque')
  if (tutorOfA3) add('dossiers/:dossierId', 'dossier cas-pratique-a3, vue tuteur·rice', 'tuteur·rice', tutorOfA3, `/dossiers/${a3.id}`, true)
  add('jury', 'accueil', 'juré·e', staff.juror, '/jury')
  const candidates = {
    'jury/copies/:assignmentId': [
      ['copie cas-pratique-a3 (anonyme)', copies.anonymous],
      ['copie msp-a2 (groupe)', copies.group],
    ],
    'jury/copies/:assignmentId/confrontation': [['confrontation de deux grilles', reconciled]],
  } as const
  add('deliberation/:sessionId', 'délibération', 'juré·e', staff.juror, `/deliberation/${sessionId}`)
  add('deliberation/:sessionId/:learnerId', 'délibération d’un·e candidat·e', 'juré·e', staff.juror, `/deliberation/${sessionId}/${staff.learner}`)
  const admin = (route: string, label: string, p: string) => add(route, label, 'admin', staff.admin, p)
  admin('admin', 'accueil', '/admin')
  admin('admin/banque', 'banque de l’école', '/admin/banque')
  admin('admin/journal', 'journal', '/admin/journal')
  admin('admin/utilisateurs', 'comptes', '/admin/utilisateurs')
  admin('admin/utilisateurs/nouveau', 'nouveau compte', '/admin/utilisateurs/nouveau')
  admin('admin/utilisateurs/:userId', 'un compte', `/admin/utilisateurs/${staff.learner}`)
  admin('admin/sessions/nouvelle', 'nouvelle session', '/admin/sessions/nouvelle')
  admin('admin/sessions/:sessionId', 'session', `/admin/sessions/${sessionId}`)
  for (const tab of ['informations', 'inscriptions', 'groupes', 'affectations', 'documents', 'suivi', 'accord', 'blocs', 'resultats'])
    admin(`admin/sessions/:sessionId/${tab}`, `session, ${tab}`, `/admin/sessions/${sessionId}/${tab}`)
  return { pages, candidates, juror: staff.juror, seeded, learners: learnerCount, a3, msp: byTemplate.get('msp-a2')!, learner: staff.learner }
}

/** A login session for each user, made in the database: the cookie header. */
async function cookiesFor(file: string, userIds: Iterable<string>) {
  const { sqlite, db } = openDatabase(file)
  const out = new Map<string, string>()
  for (const userId of new Set(userIds)) {
    const login = (
      await db
        .insert(schema.loginSessions)
        .values({ userId, expiresAt: new Date(Date.now() + 3_600_000) })
        .returning()
    )[0]!
    out.set(userId, (await sessionCookie.serialize(login.id)).split(';')[0]!)
  }
  sqlite.close()
  return out
}

async function get(url: string, cookie: string | undefined) {
  const started = performance.now()
  const res = await fetch(url, { headers: cookie ? { Cookie: cookie } : {}, redirect: 'manual' })
  const body = Buffer.from(await res.arrayBuffer())
  return { ms: performance.now() - started, status: res.status, body }
}

const pct = (list: number[], p: number) => {
  const sorted = [...list].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length))
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s)

type Eco = { label: string; dom: number; requests: number; bytes: number; score: number; grade: string }

/** Loads each page cold in chromium (the e2e launch options) and measures what the EcoIndex needs. */
async function measureEco(base: string, cookies: Map<string, string>, targets: { label: string; user: string | null; path: string }[]): Promise<Eco[]> {
  const { chromium } = await import('@playwright/test')
  const launch = playwrightConfig.use?.launchOptions ?? {}
  const browser = await chromium.launch({ ...launch, executablePath: launch.executablePath ?? '/usr/bin/chromium' })
  const out: Eco[] = []
  try {
    for (const t of targets) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' })
      const cookie = t.user ? cookies.get(t.user) : undefined
      if (cookie) {
        const [name, value] = cookie.split('=') as [string, string]
        await context.addCookies([{ name, value, url: base }])
      }
      const page = await context.newPage()
      const cdp = await context.newCDPSession(page)
      await cdp.send('Network.enable')
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
      let requests = 0
      let bytes = 0
      cdp.on('Network.requestWillBeSent', (e) => {
        if (!e.request.url.startsWith('data:')) requests++
      })
      cdp.on('Network.loadingFinished', (e) => {
        bytes += e.encodedDataLength
      })
      const response = await page.goto(`${base}${t.path}`, { waitUntil: 'networkidle' })
      if (response?.status() !== 200 || new URL(page.url()).pathname !== t.path)
        throw new Error(`${t.path} answered ${response?.status()} at ${page.url()} in the browser`)
      // As the EcoIndex protocol does: scroll to the bottom, let lazy content arrive.
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
      await page.waitForLoadState('networkidle')
      await page.waitForTimeout(300)
      const dom = await page.evaluate(() => document.getElementsByTagName('*').length)
      const { score, grade } = ecoIndex({ dom, requests, sizeKb: bytes / 1024 })
      out.push({ label: t.label, dom, requests, bytes, score, grade })
      await context.close()
    }
  } finally {
    await browser.close()
  }
  return out
}

const screensOfBuild = await screens()
const summary: string[] = []
let failed = false
for (const [index, n] of SIZES.entries()) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-pages-'))
  const file = path.join(dir, 'bench.db')
  try {
    const ctx = await prepare(file, n)
    console.log(`N = ${n}: ${ctx.learners} candidat·es inscrit·es, ${ctx.seeded.dossiers} dossiers — base prête en ${(ctx.seeded.ms / 1000).toFixed(1)} s`)
    const port = await freePort()
    const stop = await serve(file, port)
    try {
      const base = `http://127.0.0.1:${port}`
      const cookies = await cookiesFor(file, [...ctx.pages.flatMap((p) => (p.user ? [p.user] : [])), ctx.juror])
      // Pages whose sample is the first candidate that answers 200 (a copy handed in, a grid pair to reconcile).
      for (const [route, list] of Object.entries(ctx.candidates)) {
        for (const [label, ids] of list) {
          for (const id of ids) {
            const p = route.replace(':assignmentId', id)
            if ((await get(`${base}/${p}`, cookies.get(ctx.juror))).status === 200) {
              ctx.pages.push({ route, label, role: 'juré·e', user: ctx.juror, path: `/${p}` })
              break
            }
          }
        }
      }
      // The focus route exists once the build has it.
      const first = new Map<Page, Buffer>()
      const refused: string[] = []
      for (const p of ctx.pages.filter((p) => screensOfBuild.includes(p.route))) {
        const r = await get(`${base}${p.path}`, p.user ? cookies.get(p.user) : undefined)
        if (r.status === 200) first.set(p, r.body)
        else refused.push(`${p.path} (${p.role}) : ${r.status}`)
      }
      const pages = [...first.keys()]
      // Warm-up: the first requests load code and fill caches.
      for (let i = 0; i < 2; i++) {
        await get(`${base}/connexion`, undefined)
        for (const p of pages) await get(`${base}${p.path}`, p.user ? cookies.get(p.user) : undefined)
      }
      const login: number[] = []
      const times = new Map<Page, number[]>(pages.map((p) => [p, []]))
      for (let i = 0; i < REQUESTS; i++) {
        login.push((await get(`${base}/connexion`, undefined)).ms)
        for (const p of pages) times.get(p)!.push((await get(`${base}${p.path}`, p.user ? cookies.get(p.user) : undefined)).ms)
      }
      const ref = pct(login, 50)
      const lines = [
        `N = ${n} — ${REQUESTS} requêtes par page, en alternance avec la page de connexion : /connexion p50 ${ref.toFixed(1)} ms, p90 ${pct(login, 90).toFixed(1)} ms`,
        `${pad('rôle', 12)} ${pad('page', 62)} ${lpad('p50', 8)} ${lpad('p90', 8)} ${lpad('rapport', 8)} ${lpad('HTML', 10)} ${lpad('gzip', 9)}`,
      ]
      const over: string[] = []
      for (const p of pages) {
        const list = times.get(p)!
        const ratio = pct(list, 50) / ref
        const body = first.get(p)!
        const flag = p.dossier && ratio > TARGET ? `  AU-DELÀ DE ${TARGET}×` : ''
        if (flag) over.push(p.label)
        lines.push(
          `${pad(p.role, 12)} ${pad(p.label, 62)} ${lpad(`${pct(list, 50).toFixed(1)} ms`, 8)} ${lpad(`${pct(list, 90).toFixed(1)} ms`, 8)} ${lpad(`${ratio.toFixed(1)}×`, 8)} ${lpad(kb(body.byteLength), 10)} ${lpad(kb(zlib.gzipSync(body).length), 9)}${flag}`,
        )
      }
      const measured = new Set([...pages.map((p) => p.route), 'connexion'])
      const missing = screensOfBuild.filter((s) => !measured.has(s))
      if (refused.length) {
        lines.push(`Pages qui n’ont pas répondu 200 (non mesurées) : ${refused.join(', ')}`)
        failed = true
      }
      if (missing.length) lines.push(`Écrans du manifeste non mesurés : ${missing.map((s) => `/${s}`).join(', ')}`)
      lines.push(
        over.length
          ? `Pages de dossier au-delà de ${TARGET}× la page de connexion : ${over.join(', ')}`
          : `Toutes les pages de dossier à ${TARGET}× la page de connexion ou moins.`,
      )
      if (over.length) failed = true
      console.log(lines.join('\n'))
      summary.push(...lines)

      if (index === 0 && !values['no-browser']) {
        const eco = await measureEco(base, cookies, [
          { label: 'accueil candidat·e', user: ctx.learner, path: '/candidat' },
          { label: 'dossier cas-pratique-a3', user: ctx.a3.owner, path: `/dossiers/${ctx.a3.id}` },
          { label: 'dossier msp-a2', user: ctx.msp.owner, path: `/dossiers/${ctx.msp.id}` },
          { label: 'référentiel (candidat·e)', user: ctx.learner, path: '/referentiel' },
          { label: 'référentiel (sans connexion)', user: null, path: '/referentiel' },
        ])
        const bounds = ECOINDEX_GRADES.map((g) => `${g.grade} > ${g.above}`).join(', ')
        const ecoLines = [
          `\nEcoIndex (chromium, cache vide, 1 366 × 768 ; ${bounds}) :`,
          `${pad('page', 30)} ${lpad('DOM', 6)} ${lpad('requêtes', 9)} ${lpad('transféré', 11)} ${lpad('score', 6)}  note`,
          ...eco.map(
            (e) =>
              `${pad(e.label, 30)} ${lpad(String(e.dom), 6)} ${lpad(String(e.requests), 9)} ${lpad(kb(e.bytes), 11)} ${lpad(String(e.score), 6)}  ${e.grade}${e.grade > ECO_TARGET ? `  (cible ${ECO_TARGET} ou mieux)` : ''}`,
          ),
        ]
        if (eco.some((e) => e.grade > ECO_TARGET)) failed = true
        console.log(ecoLines.join('\n'))
        summary.push(...ecoLines)
      }
    } finally {
      await stop()
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
if (SIZES.length > 1) console.log(`\n${summary.join('\n')}`)
if (failed) process.exitCode = 1
