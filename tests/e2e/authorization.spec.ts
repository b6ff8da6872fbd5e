/**
 * Every route of the app, requested as anonymous, learner, tutor, juror and
 * admin. The table is checked against the real route manifest of the build,
 * so a route added without an entry here fails this test.
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import type { Role } from '../../app/domain/permissions'
import { DEMO_ACCOUNTS, expect, sessionCookieFor, test, userIdByEmail } from './fixtures'

type Who = 'anonymous' | Role
/** 'login' is a redirect to the login page; `redirect:` any other redirect. */
type Outcome = 200 | 400 | 403 | 404 | 'login' | `redirect:${string}`
type Case = { route: string; method: 'GET' | 'POST'; path: () => string; form?: Record<string, string>; expect: Record<Who, Outcome> }

const WHO: Who[] = ['anonymous', 'learner', 'tutor', 'juror', 'admin']
const all = (o: Outcome): Record<Who, Outcome> => ({ anonymous: o, learner: o, tutor: o, juror: o, admin: o })
const loggedIn = (o: Outcome): Record<Who, Outcome> => ({ ...all(o), anonymous: 'login' })
const only = (role: Role): Record<Who, Outcome> => ({ ...loggedIn(403), [role]: 200 })
const adminOnly = (admin: Outcome): Record<Who, Outcome> => ({ ...loggedIn(403), admin })
const learnerId = () => userIdByEmail(DEMO_ACCOUNTS.learner.email)

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
    form: { email: '', password: '' },
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
  { route: 'routes/admin.utilisateurs.nouveau', method: 'POST', path: () => '/admin/utilisateurs/nouveau', form: { name: '', email: 'x' }, expect: adminOnly(400) },
  { route: 'routes/admin.utilisateurs.$userId', method: 'GET', path: () => `/admin/utilisateurs/${learnerId()}`, expect: adminOnly(200) },
  { route: 'routes/admin.utilisateurs.$userId', method: 'GET', path: () => '/admin/utilisateurs/inconnu', expect: adminOnly(404) },
  { route: 'routes/admin.utilisateurs.$userId', method: 'POST', path: () => `/admin/utilisateurs/${learnerId()}`, form: { intent: 'roles', roles: 'pirate' }, expect: adminOnly(400) },
]

async function outcome(status: number, location: string | undefined): Promise<Outcome> {
  if (status >= 300 && status < 400) {
    const to = new URL(location ?? '', 'http://x').pathname
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
  test(`${c.method} ${c.route} ${c.path.toString().includes('inconnu') ? '(unknown id)' : ''}`, async ({ request }) => {
    const results: Record<string, Outcome> = {}
    for (const who of WHO) {
      const headers: Record<string, string> = who === 'anonymous' ? {} : { Cookie: await sessionCookieFor(DEMO_ACCOUNTS[who].email) }
      const response =
        c.method === 'GET'
          ? await request.get(c.path(), { headers, maxRedirects: 0 })
          : await request.post(c.path(), { headers, form: c.form ?? {}, maxRedirects: 0 })
      results[who] = await outcome(response.status(), response.headers()['location'])
    }
    expect(results).toEqual(c.expect)
  })
}
