/**
 * Reflow (WCAG 1.4.10, issue 14 §7): no page of any role scrolls sideways at
 * 320, 390 and 1 366 CSS px. Every page route of the build's manifest is
 * visited (a page added without an entry here fails the manifest test), the
 * dossier page in every template, as the demo accounts see them plus a new
 * learner whose dossier holds long words, a long URL and a long e-mail.
 * One test per role × width, one page per browser context, visited in turn.
 * A failure names the elements that stick out: where they escape their box,
 * and the widest ones.
 */
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Page } from '@playwright/test'
import type { ServerBuild } from '@remix-run/node'
import { and, eq, inArray, isNotNull, or } from 'drizzle-orm'
import * as schema from '../../db/schema'
import type { Role } from '../../app/domain/permissions'
import { createPasswordLink } from '../../app/services/password-links.server'
import {
  BASE_URL,
  createLearner,
  createTutorFor,
  DEMO_ACCOUNTS,
  dossierIdOf,
  e2eDb,
  expect,
  expectNoAxeViolations,
  loginAs,
  sessionCookieFor,
  test,
  userIdByEmail,
} from './fixtures'

const WIDTHS = [320, 390, 1366] as const
type Who = 'anonymous' | Role

/** A page to visit: its route id (as in the build's manifest), its path, and whose browser visits it. */
type Visit = { route: string; path: string; as: Who; email?: string }

/** Page routes not visited, and why. */
const NOT_VISITED: Record<string, string> = {
  'routes/_index': 'redirects to the home page of the role (or to the login page)',
  'routes/deconnexion': 'logs out and redirects',
}

/** A learner's name and e-mail address without a break opportunity (createLearner builds both from it). */
const LONG_LABEL = 'reflowadresseelectroniqueparticulierementlonguesanstiret'
const LONG_WORD = 'Anticonstitutionnellementparfaitementcommunicationnellementmarketingopérationnel'
const LONG_URL = 'https://www.exemple-de-site-tres-long.fr/observatoire/etudes/2026/barometre-des-usages-numeriques-des-francais-de-18-a-34-ans.pdf'
const LONG_EMAIL = 'service-communication-et-relations-presse@agence-marketing-responsable.example.fr'

const ctx = {
  visits: [] as Visit[],
  pageRoutes: [] as string[],
}

/** The build's page routes (a module with a component), as authorization.spec.ts reads the manifest. */
async function pageRoutesOfBuild(): Promise<{ id: string; path: string }[]> {
  const build = (await import(pathToFileURL(path.resolve('build/server/index.js')).href)) as ServerBuild
  return Object.values(build.routes)
    .filter((r) => r.id !== 'root' && typeof r.module.default === 'function')
    .map((r) => ({ id: r.id, path: r.path ?? '' }))
}

/** The sections of a template (templates/dossiers/<id>.json). */
function sectionsOf(templateId: string): { id: string; kind: string }[] {
  const file = path.resolve('templates/dossiers', `${templateId}.json`)
  const template = JSON.parse(fs.readFileSync(file, 'utf8')) as { sections: { id: string; field: { kind: string } }[] }
  return template.sections.map((s) => ({ id: s.id, kind: s.field.kind }))
}

/** A new learner whose fiche de veille holds long words, a long URL and a long e-mail, saved twice (two versions). */
async function freshLearner() {
  const learner = await createLearner(LONG_LABEL)
  const dossier = await dossierIdOf(learner.email, 'fiche-veille')
  const cookie = await sessionCookieFor(learner.email)
  const save = async (section: string, baseVersion: number, content: unknown) => {
    const res = await fetch(`${BASE_URL}/api/dossiers/${dossier}/sections/${section}`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ baseVersion, content }),
    })
    expect(res.status, `saving ${section}`).toBe(200)
  }
  const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] })
  const prose = `Source : ${LONG_URL} ; contact : ${LONG_EMAIL}. ${LONG_WORD}.`
  await save('contexte', 0, { type: 'doc', content: [paragraph('Première version.')] })
  await save('contexte', 1, { type: 'doc', content: [paragraph(prose), paragraph(LONG_WORD)] })
  await save('besoins', 0, {
    rows: [{ id: 'reflow-row-1', cells: { theme: LONG_WORD, besoin: `${LONG_URL} ${LONG_EMAIL}`, nature: 'Qualitatif', priorite: 'Haute' } }],
  })
  // A review round, asked for by the learner.
  const round = await fetch(`${BASE_URL}/dossiers/${dossier}/relectures`, {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded', Origin: BASE_URL },
    body: new URLSearchParams({ message: `Pouvez-vous relire le contexte ? ${LONG_URL}` }),
    redirect: 'manual',
  })
  expect([200, 302, 303], 'asking for a review').toContain(round.status)
  return { email: learner.email, id: learner.id, examSessionId: learner.examSessionId, dossier }
}

/** Everything each role visits, with ids from the demo seed (read only) and the new learner's dossier. */
async function planVisits(routes: { id: string; path: string }[]): Promise<Visit[]> {
  const db = e2eDb()
  const { dossiers, groupMembers, jurorAssignments, submissions, reconciliations, reviewRounds, tutorAssignments, dossierRevisions } = schema
  const learnerId = await userIdByEmail(DEMO_ACCOUNTS.learner.email)
  const jurorId = await userIdByEmail(DEMO_ACCOUNTS.juror.email)
  const fresh = await freshLearner()

  // The demo learner's dossiers, one per template (their own and their groups').
  const groupIds = await db.select({ id: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.learnerId, learnerId))
  const own = await db
    .select({ id: dossiers.id, templateId: dossiers.templateId, examSessionId: dossiers.examSessionId })
    .from(dossiers)
    .where(
      or(
        eq(dossiers.learnerId, learnerId),
        inArray(
          dossiers.groupId,
          groupIds.map((g) => g.id),
        ),
      ),
    )
  const byTemplate = new Map(own.map((d) => [d.templateId, d]))
  const session = own.find((d) => d.templateId === 'fiche-veille')!.examSessionId
  const dossierOf = (templateId: string) => byTemplate.get(templateId)!.id

  // The demo learner's tutor (their dossiers are theirs to read).
  const tutorId = (await db.select({ id: tutorAssignments.tutorId }).from(tutorAssignments).where(eq(tutorAssignments.learnerId, learnerId)))[0]!.id
  const tutorEmail = (await db.select({ email: schema.users.email }).from(schema.users).where(eq(schema.users.id, tutorId)))[0]!.email

  // The demo juror's handed-in copies, one per épreuve; a double-marked one with its confrontation.
  const copies = await db
    .select({ id: jurorAssignments.id, evaluationId: jurorAssignments.evaluationId })
    .from(jurorAssignments)
    .innerJoin(
      dossiers,
      and(
        eq(dossiers.templateId, jurorAssignments.evaluationId),
        or(eq(dossiers.learnerId, jurorAssignments.learnerId), eq(dossiers.groupId, jurorAssignments.groupId)),
      ),
    )
    .innerJoin(submissions, eq(submissions.dossierId, dossiers.id))
    .where(and(eq(jurorAssignments.jurorId, jurorId), eq(jurorAssignments.examSessionId, session)))
  const copyByEvaluation = new Map(copies.map((c) => [c.evaluationId, c.id]))
  const [confrontation] = await db
    .select({ id: reconciliations.leadAssignmentId })
    .from(reconciliations)
    .innerJoin(jurorAssignments, eq(jurorAssignments.id, reconciliations.leadAssignmentId))
    .where(eq(jurorAssignments.jurorId, jurorId))

  // The new learner's review round and version.
  const round = (await db.select({ id: reviewRounds.id }).from(reviewRounds).where(eq(reviewRounds.dossierId, fresh.dossier)))[0]!
  const revision = (
    await db
      .select({ id: dossierRevisions.id })
      .from(dossierRevisions)
      .where(and(eq(dossierRevisions.dossierId, fresh.dossier), isNotNull(dossierRevisions.content)))
  )[0]!

  const visits: Visit[] = []
  const add = (as: Who, route: string, path: string, email?: string) => visits.push({ as, route: `routes/${route}`, path, email })
  const everyRole = (route: string, path: string) => (['learner', 'tutor', 'juror', 'admin'] as const).forEach((who) => add(who, route, path))

  // Logged out.
  add('anonymous', 'connexion', '/connexion')
  const link = await createPasswordLink(e2eDb(), { userId: fresh.id, purpose: 'welcome', createdBy: null })
  add('anonymous', 'mot-de-passe.$token', `/mot-de-passe/${link.token}`)
  add('anonymous', 'referentiel', '/referentiel')
  everyRole('referentiel', '/referentiel')
  everyRole('notifications', '/notifications')

  // Learner: home, results, every template's dossier page, and the pages around a dossier.
  add('learner', 'candidat', '/candidat')
  add('learner', 'candidat_.sessions.$sessionId.resultats', `/candidat/sessions/${session}/resultats`)
  for (const templateId of [...byTemplate.keys()].sort()) add('learner', 'dossiers.$dossierId', `/dossiers/${dossierOf(templateId)}`)
  const veille = dossierOf('fiche-veille')
  add('learner', 'dossiers.$dossierId_.depot', `/dossiers/${veille}/depot`)
  add('learner', 'dossiers.$dossierId_.relectures', `/dossiers/${veille}/relectures`)
  add('learner', 'dossiers.$dossierId_.repetition.$sectionId', `/dossiers/${veille}/repetition/support-oral`)
  add('learner', 'dossiers.$dossierId_.imprimer.$sectionId', `/dossiers/${dossierOf('cas-pratique-a3')}/imprimer/mix`)
  add('learner', 'dossiers.$dossierId', `/dossiers/${fresh.dossier}`, fresh.email)
  add('learner', 'dossiers.$dossierId_.historique', `/dossiers/${fresh.dossier}/historique`, fresh.email)
  add('learner', 'dossiers.$dossierId_.historique_.$revisionId', `/dossiers/${fresh.dossier}/historique/${revision.id}`, fresh.email)
  add('learner', 'dossiers.$dossierId_.imprimer.$sectionId', `/dossiers/${fresh.dossier}/imprimer/besoins`, fresh.email)
  add('learner', 'dossiers.$dossierId_.relectures', `/dossiers/${fresh.dossier}/relectures`, fresh.email)
  add('learner', 'dossiers.$dossierId_.relectures_.$roundId', `/dossiers/${fresh.dossier}/relectures/${round.id}`, fresh.email)

  // The focus mode of a section (issue 14 §1), once the route exists: one section of each kind.
  const focus = routes.find((r) => /^dossiers\/:dossierId\/sections\/:sectionId$/.test(r.path))
  if (focus) {
    const seen = new Set<string>()
    for (const templateId of [...byTemplate.keys()].sort())
      for (const section of sectionsOf(templateId))
        if (!seen.has(section.kind)) {
          seen.add(section.kind)
          visits.push({ as: 'learner', route: focus.id, path: `/dossiers/${dossierOf(templateId)}/sections/${section.id}` })
        }
    visits.push({ as: 'learner', route: focus.id, path: `/dossiers/${fresh.dossier}/sections/contexte`, email: fresh.email })
  }

  // Tutor: home, comment bank, the demo learner's dossiers (a few templates) and their review pages.
  add('tutor', 'tuteur', '/tuteur', tutorEmail)
  add('tutor', 'tuteur_.banque', '/tuteur/banque', tutorEmail)
  for (const templateId of ['fiche-veille', 'cas-pratique-a3', 'cas-pratique-a10', 'cas-pratique-a15', 'msp-a6'])
    add('tutor', 'dossiers.$dossierId', `/dossiers/${dossierOf(templateId)}`, tutorEmail)
  add('tutor', 'dossiers.$dossierId_.relectures', `/dossiers/${veille}/relectures`, tutorEmail)
  // The new learner's tutor: their long words, in the dossier and its review round.
  const freshTutor = (await createTutorFor('reflow', [fresh])).email
  add('tutor', 'tuteur', '/tuteur', freshTutor)
  add('tutor', 'dossiers.$dossierId', `/dossiers/${fresh.dossier}`, freshTutor)
  add('tutor', 'dossiers.$dossierId_.relectures_.$roundId', `/dossiers/${fresh.dossier}/relectures/${round.id}`, freshTutor)

  // Juror: their list, a copy of each épreuve, a confrontation, the deliberation (the demo juror presides).
  add('juror', 'jury', '/jury')
  for (const id of copyByEvaluation.values()) add('juror', 'jury_.copies.$assignmentId', `/jury/copies/${id}`)
  if (confrontation) add('juror', 'jury_.copies.$assignmentId_.confrontation', `/jury/copies/${confrontation.id}/confrontation`)
  add('juror', 'deliberation.$sessionId', `/deliberation/${session}`)
  add('juror', 'deliberation.$sessionId_.$learnerId', `/deliberation/${session}/${learnerId}`)

  // Admin: every page of a session and of the accounts.
  add('admin', 'admin._index', '/admin')
  add('admin', 'admin.banque', '/admin/banque')
  add('admin', 'admin.journal', '/admin/journal')
  add('admin', 'admin.sessions.nouvelle', '/admin/sessions/nouvelle')
  add('admin', 'admin.sessions.$sessionId', `/admin/sessions/${session}`)
  for (const page of ['accord', 'affectations', 'blocs', 'documents', 'groupes', 'informations', 'inscriptions', 'resultats', 'suivi'])
    add('admin', `admin.sessions.$sessionId_.${page}`, `/admin/sessions/${session}/${page}`)
  add('admin', 'admin.utilisateurs._index', '/admin/utilisateurs')
  add('admin', 'admin.utilisateurs.nouveau', '/admin/utilisateurs/nouveau')
  add('admin', 'admin.utilisateurs.$userId', `/admin/utilisateurs/${learnerId}`)
  // The new learner's long name and e-mail address, in the lists and on their account.
  add('admin', 'admin.utilisateurs._index', `/admin/utilisateurs?q=${LONG_LABEL}`)
  add('admin', 'admin.utilisateurs.$userId', `/admin/utilisateurs/${fresh.id}`)
  add('admin', 'admin.sessions.$sessionId_.suivi', `/admin/sessions/${session}/suivi?q=${LONG_LABEL}`)
  add('admin', 'deliberation.$sessionId', `/deliberation/${session}`)
  add('admin', 'deliberation.$sessionId_.$learnerId', `/deliberation/${session}/${learnerId}`)
  add('admin', 'dossiers.$dossierId_.relectures', `/dossiers/${veille}/relectures`)
  add('admin', 'dossiers.$dossierId_.imprimer.$sectionId', `/dossiers/${dossierOf('fiche-veille')}/imprimer/carte-perceptuelle`)
  return visits
}

test.beforeAll(async () => {
  const routes = await pageRoutesOfBuild()
  ctx.pageRoutes = routes.map((r) => r.id)
  ctx.visits = await planVisits(routes)
})

test('every page route of the manifest is checked for reflow', () => {
  const visited = new Set(ctx.visits.map((v) => v.route))
  const missing = ctx.pageRoutes.filter((id) => !visited.has(id) && !NOT_VISITED[id])
  expect(missing, 'page routes without a reflow visit').toEqual([])
  const unknown = [...visited].filter((id) => !ctx.pageRoutes.includes(id))
  expect(unknown, 'visits of routes that are not pages').toEqual([])
})

/**
 * How wide the page is, and when it is too wide, which elements stick out (with their text
 * overflow): those that escape a parent that fits (where to look) and the innermost ones (what
 * pushes), left out those a scrolling or clipping box contains.
 */
async function overflowOf(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const width = window.innerWidth
    const scrollWidth = document.documentElement.scrollWidth
    if (scrollWidth <= width) return null
    const name = (e: Element) =>
      e.tagName.toLowerCase() +
      (e.id ? `#${e.id}` : '') +
      [...e.classList]
        .slice(0, 2)
        .map((c) => `.${c}`)
        .join('')
    const clipped = (e: Element) => {
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true
      return false
    }
    // Boxes that stick out, and boxes whose content (a long word, a URL) runs out of them.
    const box = new Map<Element, number>()
    const reach = new Map<Element, number>()
    for (const e of document.body.querySelectorAll('*')) {
      const rect = e.getBoundingClientRect()
      if (rect.width === 0 || clipped(e)) continue
      if (rect.right > width + 0.5) box.set(e, rect.right)
      const right = getComputedStyle(e).overflowX === 'visible' ? Math.max(rect.right, rect.left + e.scrollWidth) : rect.right
      if (right > width + 0.5) reach.set(e, right)
    }
    const describe = (list: Element[], by: Map<Element, number>) =>
      list
        .sort((a, b) => by.get(b)! - by.get(a)!)
        .slice(0, 4)
        .map((e) => `${e.parentElement ? `${name(e.parentElement)} > ` : ''}${name(e)} (${Math.round(by.get(e)!)} px)`)
        .join(', ')
    const escaping = [...box.keys()].filter((e) => !e.parentElement || !box.has(e.parentElement))
    const innermost = [...reach.keys()].filter((e) => ![...e.children].some((c) => reach.has(c)))
    return `${scrollWidth} px wide; escaping: ${describe(escaping, box) || 'none'}; innermost: ${describe(innermost, reach)}`
  })
}

/** Waits until a page is hydrated and its editors are loaded (their widths are final). */
async function settled(page: Page) {
  await page.waitForLoadState('networkidle')
  await page.waitForFunction(
    () => !document.querySelector('fieldset.field-kind[disabled], fieldset.until-hydrated[disabled], .rt-toolbar--placeholder'),
    null,
    {
      timeout: 15_000,
    },
  )
}

/** Opens every closed section of a dossier page (their editors load on opening); says whether there was one. */
async function openSections(page: Page): Promise<boolean> {
  const closed = page.getByRole('button', { name: /^Ouvrir «/ })
  const count = await closed.count()
  for (let i = 0; i < count; i++) await closed.first().click()
  return count > 0
}

/** A new width: media and container queries apply, and what observes its size (charts) renders again. */
async function resize(page: Page, width: number) {
  await page.setViewportSize({ width, height: 900 })
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))
  await page.waitForTimeout(50)
}

/** A test's pages: by role, the learner's dossier pages apart (the longest list). */
const groupOf = (v: Visit) => (v.as === 'learner' && v.route === 'routes/dossiers.$dossierId' ? 'learner, dossier pages' : v.as)
const GROUPS = ['anonymous', 'learner', 'learner, dossier pages', 'tutor', 'juror', 'admin']

for (const group of GROUPS)
  test(`${group}: no page scrolls sideways at ${WIDTHS.join(', ')} px`, async ({ browser }) => {
    test.setTimeout(300_000)
    const visits = ctx.visits.filter((v) => groupOf(v) === group)
    expect(visits.length).toBeGreaterThan(0)
    const failures: string[] = []
    // One browser context per account (logged in once), its pages visited in turn: each loaded on a phone, then widened.
    for (const email of new Set(visits.map((v) => v.email ?? ''))) {
      const context = await browser.newContext({ viewport: { width: WIDTHS[0], height: 900 }, baseURL: BASE_URL, locale: 'fr-FR', timezoneId: 'Europe/Paris' })
      const page = await context.newPage()
      if (visits[0]!.as !== 'anonymous') await loginAs(page, email ? { email } : visits[0]!.as)
      for (const visit of visits.filter((v) => (v.email ?? '') === email)) {
        await page.setViewportSize({ width: WIDTHS[0], height: 900 })
        const response = await page.goto(visit.path)
        const { pathname, search } = new URL(page.url())
        const landed = pathname + search
        if (response?.status() !== 200 || landed !== visit.path) {
          failures.push(`${visit.path}: status ${response?.status()} at ${landed}`)
          continue
        }
        await settled(page)
        if (await openSections(page)) await settled(page)
        for (const width of WIDTHS) {
          await resize(page, width)
          const overflow = await overflowOf(page)
          if (overflow) failures.push(`${width} px, ${visit.path} (${visit.route}): ${overflow}`)
        }
      }
      await context.close()
    }
    expect(failures, 'pages that scroll sideways').toEqual([])
  })

test('a rich-text toolbar is one tab stop: the arrows, Home and End move in it, Tab leaves it', async ({ page }) => {
  const learner = await createLearner('barre')
  const dossier = await dossierIdOf(learner.email, 'fiche-veille')
  await loginAs(page, learner)
  // The address opens the section.
  await page.goto(`/dossiers/${dossier}#section-contexte`)
  const section = page.locator('#section-contexte')
  const toolbar = section.getByRole('toolbar', { name: 'Mise en forme' })
  await expect(toolbar).toHaveAttribute('aria-orientation', 'horizontal', { timeout: 15_000 })
  const buttons = toolbar.getByRole('button')
  await expect(buttons).toHaveCount(10)
  await expect(toolbar.locator('button[tabindex="0"]')).toHaveCount(1)
  const button = (name: string) => toolbar.getByRole('button', { name, exact: true })
  const editor = section.getByRole('textbox')

  // From the text, Shift+Tab reaches the toolbar on its first button.
  await editor.click()
  await page.keyboard.press('Shift+Tab')
  await expect(button('Gras')).toBeFocused()
  await page.keyboard.press('ArrowRight')
  await expect(button('Italique')).toBeFocused()
  await page.keyboard.press('End')
  await expect(button('Insérer un tableau')).toBeFocused()
  await page.keyboard.press('ArrowRight')
  await expect(button('Gras')).toBeFocused()
  await page.keyboard.press('ArrowLeft')
  await expect(button('Insérer un tableau')).toBeFocused()
  await page.keyboard.press('Home')
  await expect(button('Gras')).toBeFocused()
  await page.keyboard.press('ArrowRight')
  await expect(toolbar.locator('button[tabindex="0"]')).toHaveCount(1)

  // One Tab leaves the toolbar for the text; coming back lands on the button used last, which still works.
  await page.keyboard.press('Tab')
  await expect(editor).toBeFocused()
  await page.keyboard.press('Shift+Tab')
  await expect(button('Italique')).toBeFocused()
  await page.keyboard.press('Space')
  await expect(editor).toBeFocused()
  await page.keyboard.type('En italique')
  await expect(editor.locator('em')).toHaveText('En italique')
  await expect(button('Italique')).toHaveAttribute('aria-pressed', 'true')
  // And one Shift+Tab from the toolbar leaves it backwards.
  await page.keyboard.press('Shift+Tab')
  await expect(button('Italique')).toBeFocused()
  await page.keyboard.press('Shift+Tab')
  expect(await toolbar.evaluate((el) => el.contains(document.activeElement))).toBe(false)

  // The link dialog (loaded when first opened), from the keyboard too.
  await editor.click()
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('End')
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  await expect(button('Insérer un lien')).toBeFocused()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Insérer un lien' })
  await dialog.getByLabel('Adresse du lien').fill('exemple.fr')
  await dialog.getByRole('button', { name: 'Valider' }).click()
  await expect(editor.locator('a[href="https://exemple.fr"]')).toHaveText('En italique')
})

test('restoring a version says so, on the history, and leads back to the section', async ({ page }) => {
  const learner = await createLearner('restauration')
  const dossier = await dossierIdOf(learner.email, 'fiche-veille')
  const cookie = await sessionCookieFor(learner.email)
  for (const [baseVersion, text] of [
    // The second save removes most of the text: it starts a new version (saves close together are one version otherwise).
    [0, `Première version du contexte. ${'Une entreprise de cosmétiques solides vendus en ligne et en boutique. '.repeat(4)}`],
    [1, 'Oups.'],
  ] as const) {
    const res = await fetch(`${BASE_URL}/api/dossiers/${dossier}/sections/contexte`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: JSON.stringify({ baseVersion, content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } }),
    })
    expect(res.status).toBe(200)
  }
  await loginAs(page, learner)
  await page.goto(`/dossiers/${dossier}/historique`)
  const rows = page.locator('tbody tr')
  await expect(rows).toHaveCount(2)
  await expect(page.getByRole('status')).toHaveCount(0)
  // Dense table: short dates.
  await expect(rows.first().locator('td').first()).toHaveText(/^\d{2}\/\d{2}\/\d{4} à \d{1,2}\u00a0h\u00a0\d{2}$/)
  await rows
    .nth(1)
    .getByRole('link', { name: /^Voir la version de Contexte professionnel du \d{1,2} \p{L}+ \d{4} à/u })
    .click()
  await page.getByRole('button', { name: 'Restaurer cette version' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Restaurer' }).click()

  await expect(page).toHaveURL(new RegExp(`/dossiers/${dossier}/historique\\?restauree=\\d+$`))
  const message = page.getByRole('status').filter({ hasText: 'Version restaurée' })
  await expect(message).toContainText(/la section «\u00a0Contexte professionnel\u00a0» a repris son contenu du \d{1,2} \p{L}+ \d{4} à/u)
  await expect(message).toBeFocused()
  await expect(rows).toHaveCount(3)
  await expect(rows.first()).toContainText('Restauration')
  await expectNoAxeViolations(page)
  expect(await overflowOf(page)).toBeNull()

  await message.getByRole('link', { name: 'Reprendre la section «\u00a0Contexte professionnel\u00a0»' }).click()
  await expect(page).toHaveURL(new RegExp(`/dossiers/${dossier}#section-contexte$`))
  await expect(page.locator('#section-contexte [role="textbox"]')).toContainText('Première version du contexte.')
})
