/**
 * The admin's agreement between jurors (/admin/sessions/:sessionId/accord and
 * its Excel export), on sessions of their own: one with a double-marked
 * instance whose two copies both jurors have closed, one with nothing closed
 * yet. The figures on the page and in the workbook are checked against values
 * worked out by hand from the levels written below.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import ExcelJS from 'exceljs'
import type { Page } from '@playwright/test'
import * as schema from '../../db/schema'
import { BASE_URL, DEMO_ACCOUNTS, e2eDb, expect, expectNoAxeViolations, loginAs, sessionCookieFor, test } from './fixtures'

const run = promisify(execFile)
type Level = 'acquis' | 'non-acquis'
const A: Level = 'acquis'
const N: Level = 'non-acquis'

const ctx = { sessionId: '', emptySessionId: '', stamp: '', jurors: [] as { id: string; email: string; name: string }[] }
const LEAD = 'Inès Carpentier'
const SECOND = 'Jules Marchand'

/**
 * The levels (lead / second) of the two copies, cas pratique A3:
 *           copy 1   copy 2
 *   C3.1-1  A / A    A / A     one level only → κ not computable, 100 %
 *   C3.1-2  A / N    N / A     κ = (2·0 − 2)/(4 − 2) = −1, 0 % (expected 50 %)
 *   C3.2-1  N / N    A / A     κ = 1, 100 % (expected 50 %)
 * Instance and pair: 6 levels, 4 identical → 67 %; lead A 4, N 2; second A 4, N 2 → S = 16 + 4 = 20,
 * expected 20/36 = 56 %; κ = (6·4 − 20)/(36 − 20) = 4/16 = 0,25 → « Accord passable ».
 */
const COPIES: [Level, Level][][] = [
  [
    [A, A],
    [A, N],
    [N, N],
  ],
  [
    [A, A],
    [N, A],
    [A, A],
  ],
]
const CRITERIA = ['C3.1-1', 'C3.1-2', 'C3.2-1']

test.beforeAll(async () => {
  const db = e2eDb()
  ctx.stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`
  const user = async (name: string, role: 'juror' | 'learner', i: number) => {
    const email = `accord-${role}-${i}-${ctx.stamp}@test.local`
    const id = (await db.insert(schema.users).values({ email, name, passwordHash: 'x' }).returning())[0]!.id
    await db.insert(schema.userRoles).values({ userId: id, role })
    return { id, email, name }
  }
  const session = async (name: string) =>
    (
      await db
        .insert(schema.examSessions)
        .values({ name: `${name} ${ctx.stamp}`, startsOn: '2027-01-11', endsOn: '2027-06-30' })
        .returning()
    )[0]!.id
  const instance = async (examSessionId: string) =>
    await db.insert(schema.evaluationInstances).values({
      examSessionId,
      evaluationId: 'cas-pratique-a3',
      dueAt: new Date('2027-03-01T17:00:00Z'),
      cutoffAt: new Date('2027-03-02T17:00:00Z'),
      doubleMarking: true,
    })
  ctx.sessionId = await session('Session accord')
  ctx.emptySessionId = await session('Session accord vide')
  await instance(ctx.sessionId)
  await instance(ctx.emptySessionId)
  ctx.jurors = [await user(LEAD, 'juror', 0), await user(SECOND, 'juror', 1)]
  const learners = [await user('Élève accord un', 'learner', 0), await user('Élève accord deux', 'learner', 1)]
  const now = new Date()
  const grid = async (examSessionId: string, jurorId: string, learnerId: string, lead: boolean, status: 'open' | 'closed', levels: Level[]) => {
    const assignmentId = (
      await db.insert(schema.jurorAssignments).values({ examSessionId, jurorId, evaluationId: 'cas-pratique-a3', learnerId, lead }).returning()
    )[0]!.id
    const gradingId = (
      await db
        .insert(schema.gradings)
        .values({ assignmentId, status, closedAt: status === 'closed' ? now : null, updatedAt: now })
        .returning()
    )[0]!.id
    for (const [i, level] of levels.entries())
      await db.insert(schema.gradeEntries).values({ gradingId, criterionId: CRITERIA[i]!, part: 'written', learnerId: '', level, updatedAt: now })
  }
  for (const [i, copy] of COPIES.entries()) {
    await grid(
      ctx.sessionId,
      ctx.jurors[0]!.id,
      learners[i]!.id,
      true,
      'closed',
      copy.map((c) => c[0]),
    )
    await grid(
      ctx.sessionId,
      ctx.jurors[1]!.id,
      learners[i]!.id,
      false,
      'closed',
      copy.map((c) => c[1]),
    )
  }
  // The other session: the second juror has not closed the grid yet.
  await grid(ctx.emptySessionId, ctx.jurors[0]!.id, learners[0]!.id, true, 'closed', [A, A, A])
  await grid(ctx.emptySessionId, ctx.jurors[1]!.id, learners[0]!.id, false, 'open', [N, N, N])
})

const url = (sessionId = ctx.sessionId) => `/admin/sessions/${sessionId}/accord`

/** The cells of a table row, as read. */
const cells = (page: Page, table: string, rowName: string | RegExp) =>
  page
    .getByRole('table', { name: table })
    .getByRole('row', { name: rowName })
    .locator('th, td')
    .allInnerTexts()
    .then((texts) => texts.map((t) => t.replace(/\s+/g, ' ').trim()))

async function noSidewaysScroll(page: Page, name: string) {
  for (const width of [320, 390, 1366]) {
    await page.setViewportSize({ width, height: 900 })
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow, `sideways scroll at ${width} px`).toBeLessThanOrEqual(0)
    await page.screenshot({ path: `test-results/agreement-${name}-${width}.png`, fullPage: true })
  }
}

test('the admin reads the agreement between jurors, lowest criterion first, and downloads it as Excel', async ({ page }) => {
  test.setTimeout(180_000)
  await loginAs(page, 'admin')
  await page.goto(url())
  await expect(page.getByRole('heading', { level: 1, name: 'Accord entre correcteurs' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Dépôts et notation' })).toHaveAttribute('href', `/admin/sessions/${ctx.sessionId}`)

  // The reading guide: the six Landis & Koch bands.
  const bands = page.getByRole('table', { name: 'Lecture du kappa (Landis et Koch)' })
  await expect(bands.getByRole('row')).toHaveCount(7)
  await expect(bands.getByRole('row', { name: /0,21 à 0,40/ })).toContainText('Accord passable')
  await expect(bands.getByRole('row', { name: /moins de 0/ })).toContainText('Désaccord')

  // Per instance and per pair: 2 copies, 6 levels, 2 different, 67 %, 56 %, 0,25.
  const figures = ['6', '2', '67 %', '56 %', '0,25', 'Accord passable']
  expect(await cells(page, 'Accord entre correcteurs par épreuve en double correction', /Cas pratique/)).toEqual([
    expect.stringMatching(/^Cas pratique.*\(C3\.1 à C3\.3\)$/),
    '2 sur 2',
    ...figures,
  ])
  expect(await cells(page, 'Accord entre correcteurs par paire de correcteurs', new RegExp(LEAD))).toEqual([`${LEAD} et ${SECOND}`, '2', ...figures])

  // Per criterion: C3.1-2 (κ −1), C3.2-1 (κ 1), C3.1-1 (not computable) last.
  const criteria = page.getByRole('table', { name: 'Accord entre correcteurs par critère, du moins bon accord au meilleur' })
  await expect(criteria.locator('tbody tr')).toHaveCount(3)
  expect(await criteria.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-criterion')))).toEqual(['C3.1-2', 'C3.2-1', 'C3.1-1'])
  const first = await cells(page, 'Accord entre correcteurs par critère, du moins bon accord au meilleur', /C3\.1-2/)
  // The criterion's verbatim text from the référentiel.
  expect(first[0]).toContain('C3.1-2 Le choix des sources, externes ou internes, est adapté par rapport à la cible retenue')
  expect(first.slice(1)).toEqual(['2', '2', '0 %', '50 %', '−1,00', 'Désaccord'])
  expect((await cells(page, 'Accord entre correcteurs par critère, du moins bon accord au meilleur', /C3\.2-1/)).slice(1)).toEqual([
    '2',
    '0',
    '100 %',
    '50 %',
    '1,00',
    'Accord presque parfait',
  ])
  expect((await cells(page, 'Accord entre correcteurs par critère, du moins bon accord au meilleur', /C3\.1-1/)).slice(1)).toEqual([
    '2',
    '0',
    '100 %',
    '100 %',
    '— Non calculable',
    'Non calculable',
  ])

  await expectNoAxeViolations(page)
  await page.getByText('En savoir plus sur le calcul').click()
  await expect(page.getByText(/compte comme un désaccord/)).toBeVisible()
  await expectNoAxeViolations(page)
  await noSidewaysScroll(page, 'figures')
  // On a phone the rows become cards: still no violation.
  await page.setViewportSize({ width: 320, height: 900 })
  await expect(page.getByRole('table', { name: 'Accord entre correcteurs par épreuve en double correction' })).toBeVisible()
  await expectNoAxeViolations(page)

  // The workbook: the same figures.
  await page.setViewportSize({ width: 1366, height: 900 })
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger en Excel' }).click()])
  expect(download.suggestedFilename()).toBe(`Accord entre correcteurs — Session accord ${ctx.stamp}.xlsx`)
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'agreement-e2e-'))
  const file = path.join(out, 'accord.xlsx')
  await download.saveAs(file)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(file)
  expect(workbook.worksheets.map((w) => w.name)).toEqual(['Critères', 'Épreuves', 'Paires', 'Lecture'])
  const sheet = workbook.getWorksheet('Critères')!
  expect(sheet.getColumn(1).values.slice(2)).toEqual(['C3.1-2', 'C3.2-1', 'C3.1-1'])
  expect(sheet.getRow(2).values).toEqual([
    undefined,
    'C3.1-2',
    'Le choix des sources, externes ou internes, est adapté par rapport à la cible retenue',
    'C3.1',
    expect.stringMatching(/^Cas pratique/),
    2,
    0,
    0,
    0.5,
    -1,
    'Désaccord',
  ])
  expect(sheet.getRow(2).getCell(7).numFmt).toBe('0 %')
  expect(sheet.getRow(2).getCell(9).numFmt).toBe('0.00')
  const pair = workbook.getWorksheet('Paires')!.getRow(2)
  expect(pair.values).toEqual([undefined, LEAD, SECOND, 2, 6, 4, 4 / 6, 20 / 36, 0.25, 'Accord passable'])

  // LibreOffice opens it (installed by scripts/ensure-libreoffice.sh).
  await run('soffice', [`-env:UserInstallation=file://${out}/profile`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', out, file], {
    timeout: 120_000,
  })
  const { stdout: text } = await run('pdftotext', [path.join(out, 'accord.pdf'), '-'])
  expect(text).toContain('C3.1-2')
  expect(text).toContain('Désaccord')
  fs.rmSync(out, { recursive: true, force: true })
})

test('with no double-marked copy closed by both jurors, the page says so and offers no workbook', async ({ page }) => {
  await loginAs(page, 'admin')
  await page.goto(url(ctx.emptySessionId))
  await expect(page.getByText('Aucune copie doublement corrigée n’a encore ses deux grilles closes')).toBeVisible()
  await expect(page.getByText(/1\s+copie attribuée, aucune comparée/)).toBeVisible()
  await expect(page.getByRole('link', { name: 'Télécharger en Excel' })).toHaveCount(0)
  await expect(page.getByRole('table', { name: 'Lecture du kappa (Landis et Koch)' })).toBeVisible()
  await expectNoAxeViolations(page)
  await noSidewaysScroll(page, 'empty')
})

test('learners, tutors and jurors (even those of the session) get 403; anonymous users are sent to the login page', async () => {
  const get = async (path: string, email: string | null) =>
    fetch(`${BASE_URL}${path}`, { headers: email ? { Cookie: await sessionCookieFor(email) } : {}, redirect: 'manual' })
  for (const path of [url(), `${url()}.xlsx`]) {
    for (const email of [DEMO_ACCOUNTS.learner.email, DEMO_ACCOUNTS.tutor.email, DEMO_ACCOUNTS.juror.email, ctx.jurors[0]!.email])
      expect((await get(path, email)).status, `${path} as ${email}`).toBe(403)
    const anonymous = await get(path, null)
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toMatch(/^\/connexion/)
    expect((await get(path, DEMO_ACCOUNTS.admin.email)).status).toBe(200)
  }
  expect((await get('/admin/sessions/inconnue/accord', DEMO_ACCOUNTS.admin.email)).status).toBe(404)
})
