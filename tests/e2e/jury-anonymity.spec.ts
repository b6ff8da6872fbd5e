/**
 * Anonymous marking, acceptance: a juror crawls everything reachable from
 * their home — every same-origin page and link (the list, its épreuve pages,
 * each grid), each page's data request (`.data`, single fetch) and the ones
 * the app makes while the juror navigates and grades, the Word export of each
 * copy (every XML part, its file name), the snapshot images (URL, headers) —
 * and no candidate of an anonymous copy is named anywhere: neither name,
 * first name, last name, e-mail nor the original name of the file they
 * uploaded. A learner with a distinctive name, graded by jure1 on the
 * anonymous cas pratique only, hands in an image uploaded as
 * « <prénom>-<nom>-affiche.png »: nothing the juror can reach may name them.
 * The seeded anonymous copies (the demo learners') must not name any demo
 * learner either. Group épreuves are not anonymous.
 */
import type { APIRequestContext, Page, Response as PlaywrightResponse } from '@playwright/test'
import { and, eq, inArray, isNotNull } from 'drizzle-orm'
import JSZip from 'jszip'
import * as schema from '../../db/schema'
import { referentiel } from '../../templates/referentiel'
import { BASE_URL, DEMO_ACCOUNTS, e2eDb, expect, loginAs, sessionCookieFor, test, userIdByEmail } from './fixtures'

const DAY = 24 * 60 * 60 * 1000
const EVALUATION = 'cas-pratique-a3'
// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==', 'base64')

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()

/** What must never appear of a person: full name, each part of it (as typed and folded), e-mail and its local part. */
function secretsOf(person: { name: string; email: string }): string[] {
  const parts = person.name.split(/\s+/).filter((p) => p.length >= 3)
  return [...new Set([person.name, ...parts, ...parts.map(fold), person.email, person.email.split('@')[0]!])]
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Which secrets a text shows, as whole words (a name inside another word, or in
 * an asset's hash, is not one), whatever the case and accents, and URL-decoded.
 */
function leaks(text: string, secrets: readonly string[]): string[] {
  let decoded = text
  try {
    decoded = decodeURIComponent(text)
  } catch {
    /* not URL-encoded */
  }
  const haystacks = [text, decoded, fold(decoded)]
  return secrets.filter((secret) => {
    const word = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(secret)}(?![\\p{L}\\p{N}])`, 'iu')
    return haystacks.some((h) => word.test(h))
  })
}

type Seen = { where: string; text: string }

/** One anonymous candidate of the test, with the copy the juror grades. */
const candidate = {
  id: '',
  email: '',
  name: 'Philippine Vandermeersch',
  fileName: 'philippine-vandermeersch-affiche.png',
  dossierId: '',
  assignmentId: '',
  code: '',
}

test.beforeAll(async ({ request }) => {
  const db = e2eDb()
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1e4)}`
  candidate.email = `philippine.vandermeersch.${stamp}@test.local`
  const user = (await db.insert(schema.users).values({ email: candidate.email, name: candidate.name, passwordHash: 'x' }).returning())[0]!
  candidate.id = user.id
  await db.insert(schema.userRoles).values({ userId: user.id, role: 'learner' })
  const session = (await db.select().from(schema.examSessions).where(eq(schema.examSessions.name, 'Session de démonstration')))[0]!
  const { enrollLearners } = await import('../../app/services/dossier-provisioning.server')
  await enrollLearners(db, session.id, [user.id])
  const instance = (
    await db
      .select()
      .from(schema.evaluationInstances)
      .where(and(eq(schema.evaluationInstances.examSessionId, session.id), eq(schema.evaluationInstances.evaluationId, EVALUATION)))
  )[0]!
  expect(instance.anonymous, 'the seed marks the cas pratique anonymously').toBe(true)
  // Whatever the seed's dates: an extension lets this learner hand in now.
  await db.insert(schema.deadlineExtensions).values({
    instanceId: instance.id,
    learnerId: user.id,
    dueAt: new Date(Date.now() + 7 * DAY),
    cutoffAt: new Date(Date.now() + 10 * DAY),
    reason: 'Tiers temps',
  })
  // jure1 grades this learner on the anonymous cas pratique, and on nothing else.
  const jurorId = await userIdByEmail(DEMO_ACCOUNTS.juror.email)
  candidate.assignmentId = (
    await db.insert(schema.jurorAssignments).values({ examSessionId: session.id, jurorId, evaluationId: EVALUATION, learnerId: user.id }).returning()
  )[0]!.id
  candidate.dossierId = (
    await db
      .select({ id: schema.dossiers.id })
      .from(schema.dossiers)
      .where(and(eq(schema.dossiers.learnerId, user.id), eq(schema.dossiers.templateId, EVALUATION)))
  )[0]!.id

  // The learner uploads an image under a file name that names them, shows it in a section and hands in.
  const cookie = await sessionCookieFor(candidate.email)
  const upload = await request.post(`/api/dossiers/${candidate.dossierId}/images`, {
    headers: { Cookie: cookie, Origin: BASE_URL },
    multipart: { image: { name: candidate.fileName, mimeType: 'image/png', buffer: PNG } },
  })
  expect(upload.status(), await upload.text()).toBe(201)
  const { src } = (await upload.json()) as { src: string }
  const content = {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'Étiquettes en corps 14, contraste renforcé, recharge sans parfum.' }] },
      { type: 'image', attrs: { src, alt: 'Affiche de la campagne de lancement' } },
    ],
  }
  const save = await request.post(`/api/dossiers/${candidate.dossierId}/sections/inclusion`, { headers: { Cookie: cookie }, data: { baseVersion: 0, content } })
  expect(save.status(), await save.text()).toBe(200)
  const handIn = await request.post(`/dossiers/${candidate.dossierId}/depot`, {
    headers: { Cookie: cookie, Origin: BASE_URL },
    form: { intent: 'hand-in', confirmed: 'on' },
    maxRedirects: 0,
  })
  expect(handIn.status(), await handIn.text()).toBeLessThan(400)
  const [submission] = await db.select().from(schema.submissions).where(eq(schema.submissions.dossierId, candidate.dossierId))
  expect(submission, 'the hand-in froze a snapshot').toBeDefined()
  candidate.code = (
    await db
      .select({ code: schema.candidateCodes.code })
      .from(schema.candidateCodes)
      .where(and(eq(schema.candidateCodes.instanceId, instance.id), eq(schema.candidateCodes.subjectId, user.id)))
  )[0]!.code
})

/** jure1's copies on anonymous instances (individual épreuves), with the demo learner each one grades. */
async function anonymousCopies(): Promise<{ assignmentId: string; learner: { name: string; email: string } }[]> {
  const db = e2eDb()
  const jurorId = await userIdByEmail(DEMO_ACCOUNTS.juror.email)
  return (
    await db
      .select({ assignmentId: schema.jurorAssignments.id, name: schema.users.name, email: schema.users.email })
      .from(schema.jurorAssignments)
      .innerJoin(
        schema.evaluationInstances,
        and(
          eq(schema.evaluationInstances.examSessionId, schema.jurorAssignments.examSessionId),
          eq(schema.evaluationInstances.evaluationId, schema.jurorAssignments.evaluationId),
        ),
      )
      .innerJoin(schema.users, eq(schema.users.id, schema.jurorAssignments.learnerId))
      .where(and(eq(schema.jurorAssignments.jurorId, jurorId), eq(schema.evaluationInstances.anonymous, true), isNotNull(schema.jurorAssignments.learnerId)))
  ).map((r) => ({ assignmentId: r.assignmentId, learner: { name: r.name, email: r.email } }))
}

/** Every demo learner of the session (the seeded anonymous copies must name none of them). */
async function demoLearners(): Promise<{ name: string; email: string }[]> {
  const db = e2eDb()
  return await db
    .select({ name: schema.users.name, email: schema.users.email })
    .from(schema.users)
    .innerJoin(schema.userRoles, eq(schema.userRoles.userId, schema.users.id))
    .where(
      and(
        eq(schema.userRoles.role, 'learner'),
        inArray(
          schema.users.email,
          Array.from({ length: 9 }, (_, i) => `candidat${i + 1}@ecole-demo.fr`),
        ),
      ),
    )
}

// The deliberation, which a juror reaches when they preside the session's jury, is by name by design (issue 12):
// the president decides on people; anonymity protects the marking, which is over by then.
const SKIP = /^\/(deconnexion|connexion|deliberation)(\/|$|\?)/

/** Same-origin paths of the links and images of the current page (no fragment). */
async function linksOf(page: Page): Promise<{ links: string[]; images: string[] }> {
  return page.evaluate(() => {
    const same = (href: string) => {
      const url = new URL(href, location.href)
      return url.origin === location.origin ? url.pathname + url.search : null
    }
    return {
      links: [...document.querySelectorAll<HTMLAnchorElement>('a[href]')].map((a) => same(a.href)).filter((h): h is string => h !== null),
      images: [...document.querySelectorAll<HTMLImageElement>('img[src]')].map((i) => same(i.src)).filter((h): h is string => h !== null),
    }
  })
}

/** The single-fetch data URL of a page (`/jury/copies/x` → `/jury/copies/x.data`). */
function dataUrl(path: string): string {
  const url = new URL(path, BASE_URL)
  url.pathname = url.pathname === '/' ? '/_root.data' : `${url.pathname.replace(/\/$/, '')}.data`
  return url.pathname + url.search
}

async function docxText(request: APIRequestContext, path: string, cookie: string): Promise<Seen[]> {
  const res = await request.get(path, { headers: { Cookie: cookie } })
  expect(res.status(), path).toBe(200)
  expect(res.headers()['content-type']).toContain('wordprocessingml')
  const zip = await JSZip.loadAsync(await res.body())
  const seen: Seen[] = [{ where: `${path} Content-Disposition`, text: res.headers()['content-disposition'] ?? '' }]
  for (const file of Object.values(zip.files)) {
    seen.push({ where: `${path} part name`, text: file.name })
    if (!file.dir && /\.(xml|rels)$/.test(file.name)) seen.push({ where: `${path} ${file.name}`, text: await file.async('string') })
  }
  return seen
}

test('anonymous marking: nothing a juror reaches from their home names a candidate of an anonymous copy', async ({ page }) => {
  test.setTimeout(240_000)
  await loginAs(page, 'juror')
  const cookie = await sessionCookieFor(DEMO_ACCOUNTS.juror.email)
  const seen: Seen[] = []
  // Everything the browser receives, including the data requests of client-side navigations and of the grid's saves.
  const responses: Promise<void>[] = []
  const record = (response: PlaywrightResponse) => {
    const url = new URL(response.url())
    if (url.origin !== new URL(BASE_URL).origin) return
    responses.push(
      (async () => {
        // Data and documents (static code and styles are the same for everyone: headers only).
        const type = response.headers()['content-type'] ?? ''
        const body = /html|json|x-script|text\/plain/.test(type) ? await response.text().catch(() => '') : ''
        seen.push({ where: `response ${url.pathname}${url.search}`, text: `${url.pathname}${url.search}\n${JSON.stringify(response.headers())}\n${body}` })
      })(),
    )
  }
  page.on('response', record)

  // Breadth-first over every same-origin link, from the juror's home.
  const queue = ['/jury']
  const visited = new Set<string>()
  const images = new Set<string>()
  const exports = new Set<string>()
  while (queue.length > 0 && visited.size < 250) {
    const path = queue.shift()!
    if (visited.has(path)) continue
    visited.add(path)
    if (/\.docx(\?|$)/.test(path)) {
      exports.add(path)
      continue
    }
    if (/\/fichiers\//.test(path)) {
      images.add(path)
      continue
    }
    if (/\.[a-z]+(\?|$)/.test(new URL(path, BASE_URL).pathname)) {
      // A file (JSON, CSV…): its headers and text.
      const res = await page.request.get(path)
      seen.push({ where: `file ${path}`, text: `${path}\n${JSON.stringify(res.headers())}\n${await res.text()}` })
      continue
    }
    const response = await page.goto(path)
    expect(response?.status(), path).toBeLessThan(400)
    seen.push({ where: `page ${path}`, text: `${page.url()}\n${await page.title()}\n${await page.content()}` })
    // The page's data request, as the app makes it on a client-side navigation.
    const data = await page.request.get(dataUrl(path))
    seen.push({ where: `data ${dataUrl(path)}`, text: await data.text() })
    const found = await linksOf(page)
    for (const image of found.images) images.add(image)
    for (const link of found.links) if (!visited.has(link) && !SKIP.test(link)) queue.push(link)
  }
  const gridPath = `/jury/copies/${candidate.assignmentId}`
  expect(visited, 'the crawl reaches the anonymous copy from the juror’s home').toContain(gridPath)
  const ownExport = [...exports].find((e) => e.startsWith(`${gridPath}/`))
  expect(ownExport, 'the grid links to the Word export').toBeDefined()

  // Client-side navigation from the list to the copy (a data request), then a grade saved through the grid’s API.
  await page.goto('/jury')
  await page.locator(`a[href$="${gridPath}"]`).first().click()
  await page.waitForURL(`**${gridPath}`)
  await expect(page.getByText(candidate.code).first()).toBeVisible()
  const evaluation = referentiel.evaluations.find((e) => e.id === EVALUATION)!
  const competency = referentiel.activities.flatMap((a) => a.competencies).find((c) => c.id === evaluation.competencyIds[0])!
  const save = await page.request.post(`/api/jury/${candidate.assignmentId}`, {
    headers: { Origin: BASE_URL },
    data: { op: 'cell', criterionId: competency.criteria[0]!.id, part: 'written', learnerId: '', baseVersion: 0, comment: 'Analyse claire des besoins.' },
  })
  expect(save.status(), await save.text()).toBe(200)
  seen.push({ where: `POST /api/jury/${candidate.assignmentId}`, text: await save.text() })
  await page.reload()
  // Once the read-only editor shows the copy, its image comes from the snapshot: the live upload is never asked for.
  await expect(page.locator(`.ProseMirror img[src^="${gridPath}/fichiers/"]`)).toBeVisible()
  seen.push({ where: `page ${gridPath} (after a grade)`, text: await page.content() })

  // Snapshot images: opaque URLs, no file name in the headers.
  const ownImages = [...images].filter((i) => i.startsWith(`${gridPath}/fichiers/`))
  expect(ownImages, 'the grid shows the handed-in image from the snapshot').toHaveLength(1)
  for (const image of images) {
    const res = await page.request.get(image)
    expect(res.status(), image).toBe(200)
    expect(res.headers()['content-type']).toMatch(/^image\//)
    expect(res.headers()['content-disposition']).toBe('inline')
    seen.push({ where: `image ${image}`, text: `${image}\n${JSON.stringify(res.headers())}` })
  }

  // Word exports: every XML part, every part name, the file name.
  for (const path of exports) seen.push(...(await docxText(page.request, path, cookie)))
  const own = await docxText(page.request, ownExport!, cookie)
  expect(decodeURIComponent(own[0]!.text)).toContain(`${candidate.code}.docx`)
  expect(own.some((s) => s.where.endsWith('word/document.xml') && s.text.includes(candidate.code))).toBe(true)
  expect(own.some((s) => s.where.endsWith('word/document.xml') && s.text.includes('contraste renforcé'))).toBe(true)

  await Promise.all(responses)
  page.off('response', record)
  const live = seen.filter((s) => s.where.startsWith('response /fichiers/')).map((s) => s.where)
  expect(live, 'requests for live uploads (a juror gets 403 there)').toEqual([])
  expect(seen.filter((s) => s.where.startsWith('response ')).length).toBeGreaterThan(visited.size)

  // 1. The test's candidate is named nowhere the juror reaches: page, title, URL, data, API answers, exports, images.
  const secrets = [...secretsOf(candidate), candidate.fileName, candidate.fileName.replace(/\.png$/, '')]
  const found = seen.flatMap((s) => leaks(s.text, secrets).map((secret) => `${s.where}: « ${secret} »`))
  expect(found, 'the anonymous candidate is named').toEqual([])
  // …while their code is what the juror sees.
  expect(seen.some((s) => s.where === `page ${gridPath}` && s.text.includes(candidate.code))).toBe(true)

  // 2. The seeded anonymous copies (and their exports, images and data) name no demo learner.
  const copies = await anonymousCopies()
  expect(copies.length, 'jure1 has anonymous copies in the demo seed').toBeGreaterThan(1)
  const demoSecrets = (await demoLearners()).flatMap(secretsOf)
  expect(demoSecrets.length).toBeGreaterThan(9)
  const crawledCopies = new Set<string>()
  for (const { assignmentId } of copies) {
    const mine = seen.filter((s) => s.where.includes(`/jury/copies/${assignmentId}`))
    if (mine.some((s) => s.where.startsWith('page '))) crawledCopies.add(assignmentId)
    const named = mine.flatMap((s) => leaks(s.text, demoSecrets).map((x) => `${s.where}: « ${x} »`))
    expect(named, `anonymous copy ${assignmentId} names a demo learner`).toEqual([])
  }
  expect(crawledCopies.size, 'the crawl opened the seeded anonymous copies too').toBeGreaterThan(1)

  // Control: the same check finds the candidate's name on a copy that is not anonymous (a fiche, a group's MSP).
  const anonymousIds = new Set(copies.map((c) => c.assignmentId))
  const named = seen.filter((s) => /\/jury\/copies\/[^/?]+(\?|$|\.data)/.test(s.where.split(' ')[1] ?? '') && s.where.startsWith('page '))
  const namedCopies = named.filter((s) => ![...anonymousIds, candidate.assignmentId].some((id) => s.where.includes(id)))
  expect(namedCopies.length, 'the crawl opened copies that are not anonymous').toBeGreaterThan(0)
  expect(namedCopies.every((s) => leaks(s.text, demoSecrets).length > 0)).toBe(true)
  console.log(
    `Parcours : ${visited.size} adresses, ${seen.filter((s) => s.where.startsWith('page ')).length} pages, ${exports.size} exports Word, ${images.size} images, ` +
      `${seen.filter((s) => s.where.startsWith('response ')).length} réponses enregistrées ; ${crawledCopies.size} copies anonymes ouvertes, ${namedCopies.length} copies nominatives (contrôle).`,
  )
})
