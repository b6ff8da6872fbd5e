/**
 * Every route of the app, requested as anonymous, learner, tutor, juror and
 * admin. The table is checked against the real route manifest of the build,
 * so a route added without an entry here fails this test.
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import type { Role } from '../../app/domain/permissions'
import { DEMO_ACCOUNTS, dossierIdOf, e2eDb, expect, sessionCookieFor, test, userIdByEmail } from './fixtures'
import * as schema from '../../db/schema'

type Who = 'anonymous' | Role
/** 'login' is a redirect to the login page; `redirect:` any other redirect. */
type Outcome = 200 | 201 | 400 | 403 | 404 | 405 | 413 | 'login' | `redirect:${string}`
type Body = { form?: Record<string, string>; json?: unknown; multipart?: Record<string, { name: string; mimeType: string; buffer: Buffer }> }
type Case = { route: string; method: 'GET' | 'POST'; path: () => string; body?: () => Body; expect: Record<Who, Outcome> }

const WHO: Who[] = ['anonymous', 'learner', 'tutor', 'juror', 'admin']
const all = (o: Outcome): Record<Who, Outcome> => ({ anonymous: o, learner: o, tutor: o, juror: o, admin: o })
const loggedIn = (o: Outcome): Record<Who, Outcome> => ({ ...all(o), anonymous: 'login' })
const only = (role: Role): Record<Who, Outcome> => ({ ...loggedIn(403), [role]: 200 })
const adminOnly = (admin: Outcome): Record<Who, Outcome> => ({ ...loggedIn(403), admin })
const learnerId = () => userIdByEmail(DEMO_ACCOUNTS.learner.email)
const learnerOnly = (learner: Outcome, others: Outcome = 403): Record<Who, Outcome> => ({ ...loggedIn(others), learner })

// Ids made in beforeAll: the demo learner's own dossier, another learner's, a revision, an image.
const ids = { own: '', other: '', revision: '', file: '', session: '' }
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d4944415478da63f8cfc0f01f0005000201a0a1e0a50000000049454e44ae426082', 'hex')
const image = () => ({ multipart: { image: { name: 'point.png', mimeType: 'image/png', buffer: PNG } } })

const CASES: Case[] = [
  {
    route: 'routes/_index',
    method: 'GET',
    path: () => '/',
    expect: { anonymous: 'login', learner: 'redirect:/candidat', tutor: 'redirect:/tuteur', juror: 'redirect:/jury', admin: 'redirect:/admin' },
  },
  {
    route: 'routes/connexion',
    method: 'GET',
    path: () => '/connexion',
    expect: { anonymous: 200, learner: 'redirect:/candidat', tutor: 'redirect:/tuteur', juror: 'redirect:/jury', admin: 'redirect:/admin' },
  },
  // A logged-in user posting the form is sent home (the page's loader redirects).
  {
    route: 'routes/connexion',
    method: 'POST',
    path: () => '/connexion',
    body: () => ({ form: { email: '', password: '' } }),
    expect: { anonymous: 400, learner: 'redirect:/candidat', tutor: 'redirect:/tuteur', juror: 'redirect:/jury', admin: 'redirect:/admin' },
  },
  { route: 'routes/deconnexion', method: 'GET', path: () => '/deconnexion', expect: all('redirect:/') },
  { route: 'routes/deconnexion', method: 'POST', path: () => '/deconnexion', expect: all('login') },
  { route: 'routes/referentiel', method: 'GET', path: () => '/referentiel', expect: loggedIn(200) },
  { route: 'routes/referentiel[.]json', method: 'GET', path: () => '/referentiel.json', expect: all(200) },
  { route: 'routes/referentiel[.]moodle[.]csv', method: 'GET', path: () => '/referentiel.moodle.csv', expect: all(200) },
  { route: 'routes/candidat', method: 'GET', path: () => '/candidat', expect: only('learner') },
  { route: 'routes/tuteur', method: 'GET', path: () => '/tuteur', expect: only('tutor') },
  { route: 'routes/jury', method: 'GET', path: () => '/jury', expect: only('juror') },
  { route: 'routes/admin._index', method: 'GET', path: () => '/admin', expect: adminOnly(200) },
  { route: 'routes/admin.utilisateurs._index', method: 'GET', path: () => '/admin/utilisateurs', expect: adminOnly(200) },
  { route: 'routes/admin.utilisateurs.nouveau', method: 'GET', path: () => '/admin/utilisateurs/nouveau', expect: adminOnly(200) },
  // Invalid input: the admin gets a 400 with messages and nothing is written.
  { route: 'routes/admin.utilisateurs.nouveau', method: 'POST', path: () => '/admin/utilisateurs/nouveau', body: () => ({ form: { name: '', email: 'x' } }), expect: adminOnly(400) },
  { route: 'routes/admin.utilisateurs.$userId', method: 'GET', path: () => `/admin/utilisateurs/${learnerId()}`, expect: adminOnly(200) },
  { route: 'routes/admin.utilisateurs.$userId', method: 'GET', path: () => '/admin/utilisateurs/inconnu', expect: adminOnly(404) },
  { route: 'routes/admin.utilisateurs.$userId', method: 'POST', path: () => `/admin/utilisateurs/${learnerId()}`, body: () => ({ form: { intent: 'roles', roles: 'pirate' } }), expect: adminOnly(400) },

  // Dossiers: only their learner (or their group) may read or write them.
  { route: 'routes/dossiers.$dossierId', method: 'GET', path: () => `/dossiers/${ids.own}`, expect: learnerOnly(200) },
  { route: 'routes/dossiers.$dossierId', method: 'GET', path: () => `/dossiers/${ids.other}`, expect: learnerOnly(403) },
  { route: 'routes/dossiers.$dossierId', method: 'GET', path: () => '/dossiers/inconnu', expect: { ...loggedIn(404), admin: 403 } },
  {
    route: 'routes/dossiers.$dossierId',
    method: 'POST',
    path: () => `/dossiers/${ids.own}`,
    body: () => ({ form: { intent: 'self-assess', criterionId: 'C1.1-1', status: 'parfait' } }),
    expect: learnerOnly(400),
  },
  {
    route: 'routes/dossiers.$dossierId',
    method: 'POST',
    path: () => `/dossiers/${ids.other}`,
    body: () => ({ form: { intent: 'self-assess', criterionId: 'C1.1-1', status: 'achieved' } }),
    expect: learnerOnly(403),
  },
  { route: 'routes/dossiers.$dossierId_.historique', method: 'GET', path: () => `/dossiers/${ids.own}/historique`, expect: learnerOnly(200) },
  { route: 'routes/dossiers.$dossierId_.historique', method: 'GET', path: () => `/dossiers/${ids.other}/historique`, expect: learnerOnly(403) },
  { route: 'routes/dossiers.$dossierId_.historique_.$revisionId', method: 'GET', path: () => `/dossiers/${ids.own}/historique/${ids.revision}`, expect: learnerOnly(200) },
  { route: 'routes/dossiers.$dossierId_.historique_.$revisionId', method: 'GET', path: () => `/dossiers/${ids.own}/historique/999999`, expect: learnerOnly(404) },
  {
    route: 'routes/dossiers.$dossierId_.historique_.$revisionId',
    method: 'POST',
    path: () => `/dossiers/${ids.own}/historique/${ids.revision}`,
    expect: learnerOnly('redirect:/dossiers/:id'),
  },
  {
    route: 'routes/dossiers.$dossierId_.historique_.$revisionId',
    method: 'POST',
    path: () => `/dossiers/${ids.other}/historique/${ids.revision}`,
    expect: learnerOnly(403),
  },
  // Exports: one's own dossier only; the rapport de compétences of a session one is enrolled in.
  { route: 'routes/dossiers.$dossierId_.export[.]docx', method: 'GET', path: () => `/dossiers/${ids.own}/export.docx`, expect: learnerOnly(200) },
  { route: 'routes/dossiers.$dossierId_.export[.]docx', method: 'GET', path: () => `/dossiers/${ids.other}/export.docx`, expect: learnerOnly(403) },
  { route: 'routes/dossiers.$dossierId_.export[.]docx', method: 'GET', path: () => `/dossiers/${ids.own}/export.docx?section=inconnue`, expect: learnerOnly(404) },
  { route: 'routes/dossiers.$dossierId_.export[.]xlsx', method: 'GET', path: () => `/dossiers/${ids.own}/export.xlsx?section=sources`, expect: learnerOnly(200) },
  { route: 'routes/dossiers.$dossierId_.export[.]xlsx', method: 'GET', path: () => `/dossiers/${ids.other}/export.xlsx`, expect: learnerOnly(403) },
  {
    route: 'routes/candidat_.sessions.$sessionId.rapport-de-competences[.]docx',
    method: 'GET',
    path: () => `/candidat/sessions/${ids.session}/rapport-de-competences.docx`,
    expect: learnerOnly(200),
  },
  {
    route: 'routes/candidat_.sessions.$sessionId.rapport-de-competences[.]docx',
    method: 'GET',
    path: () => '/candidat/sessions/inconnue/rapport-de-competences.docx',
    expect: learnerOnly(404),
  },
  { route: 'routes/dossiers.$dossierId_.imprimer.$sectionId', method: 'GET', path: () => `/dossiers/${ids.own}/imprimer/sources`, expect: learnerOnly(200) },
  { route: 'routes/dossiers.$dossierId_.imprimer.$sectionId', method: 'GET', path: () => `/dossiers/${ids.other}/imprimer/sources`, expect: learnerOnly(403) },
  { route: 'routes/dossiers.$dossierId_.imprimer.$sectionId', method: 'GET', path: () => `/dossiers/${ids.own}/imprimer/inconnue`, expect: learnerOnly(404) },
  { route: 'routes/api.dossiers.$dossierId.sections.$sectionId', method: 'GET', path: () => `/api/dossiers/${ids.own}/sections/contexte`, expect: all(405) },
  {
    route: 'routes/api.dossiers.$dossierId.sections.$sectionId',
    method: 'POST',
    path: () => `/api/dossiers/${ids.own}/sections/besoins`,
    body: () => ({ json: { baseVersion: 0, content: { rows: [] } } }),
    // The first save is accepted; the others are refused before any write.
    expect: { ...loggedIn(403), learner: 200 },
  },
  {
    route: 'routes/api.dossiers.$dossierId.sections.$sectionId',
    method: 'POST',
    path: () => `/api/dossiers/${ids.other}/sections/contexte`,
    body: () => ({ json: { baseVersion: 0, content: { type: 'doc', content: [] } } }),
    expect: learnerOnly(403),
  },
  // Malformed saves on one's own dossier: refused, nothing written (413 and details in dossier-api.spec.ts).
  {
    route: 'routes/api.dossiers.$dossierId.sections.$sectionId',
    method: 'POST',
    path: () => `/api/dossiers/${ids.own}/sections/inconnue`,
    body: () => ({ json: { baseVersion: 0, content: { rows: [] } } }),
    expect: learnerOnly(400),
  },
  {
    route: 'routes/api.dossiers.$dossierId.sections.$sectionId',
    method: 'POST',
    path: () => `/api/dossiers/${ids.own}/sections/requetes`,
    body: () => ({ json: { baseVersion: 0, content: { rows: [{ id: 'row-bad-000001', cells: { frequence: 42 } }] } } }),
    expect: learnerOnly(400),
  },
  { route: 'routes/api.dossiers.$dossierId.images', method: 'GET', path: () => `/api/dossiers/${ids.own}/images`, expect: all(405) },
  { route: 'routes/api.dossiers.$dossierId.images', method: 'POST', path: () => `/api/dossiers/${ids.own}/images`, body: image, expect: learnerOnly(201) },
  { route: 'routes/api.dossiers.$dossierId.images', method: 'POST', path: () => `/api/dossiers/${ids.other}/images`, body: image, expect: learnerOnly(403) },
  { route: 'routes/fichiers.$fileId', method: 'GET', path: () => `/fichiers/${ids.file}`, expect: learnerOnly(200) },
  { route: 'routes/fichiers.$fileId', method: 'GET', path: () => '/fichiers/inconnu', expect: { ...loggedIn(404), admin: 403 } },
]

test.beforeAll(async () => {
  ids.own = await dossierIdOf(DEMO_ACCOUNTS.learner.email, 'fiche-veille')
  ids.other = await dossierIdOf('candidat2@ecole-demo.fr', 'fiche-veille')
  ids.session = e2eDb().select({ examSessionId: schema.dossiers.examSessionId }).from(schema.dossiers).where(eq(schema.dossiers.id, ids.own)).get()!.examSessionId
  const cookie = await sessionCookieFor(DEMO_ACCOUNTS.learner.email)
  const base = `http://localhost:${process.env.E2E_PORT ?? 3100}`
  const save = await fetch(`${base}/api/dossiers/${ids.own}/sections/contexte`, {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/json' },
    body: JSON.stringify({ baseVersion: 0, content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Contexte.' }] }] } }),
  })
  expect([200, 409]).toContain(save.status)
  const db = e2eDb()
  ids.revision = String(db.select({ id: schema.dossierRevisions.id }).from(schema.dossierRevisions).where(eq(schema.dossierRevisions.dossierId, ids.own)).get()!.id)
  const form = new FormData()
  form.set('image', new Blob([PNG], { type: 'image/png' }), 'point.png')
  const upload = await fetch(`${base}/api/dossiers/${ids.own}/images`, { method: 'POST', headers: { Cookie: cookie }, body: form })
  expect(upload.status).toBe(201)
  ids.file = ((await upload.json()) as { src: string }).src.split('/').pop()!
})

async function outcome(status: number, location: string | undefined): Promise<Outcome> {
  if (status >= 300 && status < 400) {
    const to = new URL(location ?? '', 'http://x').pathname.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')
    return to === '/connexion' ? 'login' : `redirect:${to}`
  }
  return status as Outcome
}

test('every route of the manifest has an authorization entry', async () => {
  const buildFile = pathToFileURL(path.resolve('build/server/index.js')).href
  const build = (await import(buildFile)) as ServerBuild
  const routes = Object.values(build.routes).filter((r) => r.id !== 'root')
  expect(routes.length).toBeGreaterThan(0)
  const missing: string[] = []
  for (const route of routes) {
    if (!CASES.some((c) => c.route === route.id && c.method === 'GET')) missing.push(`GET ${route.id}`)
    if (route.module.action && !CASES.some((c) => c.route === route.id && c.method === 'POST')) missing.push(`POST ${route.id}`)
  }
  expect(missing, 'routes without an authorization entry').toEqual([])
  const unknown = CASES.filter((c) => !build.routes[c.route]).map((c) => c.route)
  expect(unknown, 'entries for routes that do not exist').toEqual([])
})

for (const c of CASES) {
  test(`${c.method} ${c.route} ${c.path.toString().replace(/^\(\) => /, '')}`, async ({ request }) => {
    const results: Record<string, Outcome> = {}
    for (const who of WHO) {
      const headers: Record<string, string> = who === 'anonymous' ? {} : { Cookie: await sessionCookieFor(DEMO_ACCOUNTS[who].email) }
      const body = c.body?.() ?? {}
      const response =
        c.method === 'GET'
          ? await request.get(c.path(), { headers, maxRedirects: 0 })
          : await request.post(c.path(), {
              headers,
              maxRedirects: 0,
              ...(body.json !== undefined ? { data: body.json } : body.multipart ? { multipart: body.multipart } : { form: body.form ?? {} }),
            })
      results[who] = await outcome(response.status(), response.headers()['location'])
    }
    expect(results).toEqual(c.expect)
  })
}
