/**
 * The follow-up of a session (issue 13 §8), on an exam session of its own:
 * five named learners in every state (a hand-in on time, a late one, a graded
 * and a reconciled copy, nothing handed in past the deadline or the cut-off,
 * a draft, a group's hand-in, no group) and twenty-five more, so that the list
 * has two pages. The admin reads the counts per épreuve, a candidate's row,
 * filters by épreuve and state, by name, by group, follows a count to its
 * candidates, pages, downloads the filtered list as Excel; axe and 320 px.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { and, eq } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import type { Page } from '@playwright/test'
import * as schema from '../../db/schema'
import { addGroupMembers, enrollLearners } from '../../app/services/dossier-provisioning.server'
import { e2eDb, expect, expectNoAxeViolations, loginAs, test } from './fixtures'

test.describe.configure({ mode: 'serial' })

const DAY = 86_400_000
const ctx = { stamp: '', sessionId: '', people: {} as Record<string, { id: string; email: string; name: string }> }
const url = (search = '') => `/admin/sessions/${ctx.sessionId}/suivi${search}`
const NAMES = { amelie: 'Amélie Suivi', berenice: 'Bérénice Suivi', cedric: 'Cédric Suivi', dorian: 'Dorian Suivi', eloise: 'Éloïse Suivi' }
const EXTRA = 25

test.beforeAll(async () => {
  const db = e2eDb()
  const now = Date.now()
  ctx.stamp = `${now}-${Math.floor(Math.random() * 1e6)}`
  const sessionId = (
    await db
      .insert(schema.examSessions)
      .values({ name: `Session suivi ${ctx.stamp}`, startsOn: '2027-01-11', endsOn: '2027-06-30' })
      .returning()
  )[0]!.id
  ctx.sessionId = sessionId
  const user = async (name: string, key: string, role: 'learner' | 'juror' = 'learner') => {
    const email = `suivi-${key}-${ctx.stamp}@test.local`
    const id = (await db.insert(schema.users).values({ email, name, passwordHash: 'x' }).returning())[0]!.id
    await db.insert(schema.userRoles).values({ userId: id, role })
    return { id, email, name }
  }
  for (const [key, name] of Object.entries(NAMES)) ctx.people[key] = await user(name, key)
  const extras = []
  for (let i = 0; i < EXTRA; i++) extras.push(await user(`Zélie Page ${String(i + 1).padStart(2, '0')}`, `z${i}`))
  await enrollLearners(
    db,
    sessionId,
    [...Object.values(ctx.people), ...extras].map((l) => l.id),
  )
  const [j1, j2] = [await user('Juliette Suivi', 'j1', 'juror'), await user('Jules Suivi', 'j2', 'juror')]

  // The deadlines: the cas pratique A3's passed two days ago (late hand-ins still possible), the fiche Veille's
  // and the MSP A2's cut-offs are past, the cas pratique A10's deadline is ahead (double-marked).
  const instance = async (evaluationId: string, due: number, cutoff: number, doubleMarking = false) =>
    (
      await db
        .insert(schema.evaluationInstances)
        .values({ examSessionId: sessionId, evaluationId, dueAt: new Date(now + due), cutoffAt: new Date(now + cutoff), doubleMarking })
        .returning()
    )[0]!
  const a3 = await instance('cas-pratique-a3', -2 * DAY, 3 * DAY)
  const veille = await instance('fiche-veille', -10 * DAY, -7 * DAY)
  const a10 = await instance('cas-pratique-a10', 10 * DAY, 13 * DAY, true)
  const msp = await instance('msp-a2', -10 * DAY, -7 * DAY)

  // The group épreuve: « Groupe Alpha » (Amélie, Bérénice) handed in; « Groupe Bêta » (Cédric) did not; Dorian, Éloïse and the others have no group.
  const group = async (name: string, members: string[]) => {
    const id = (await db.insert(schema.groups).values({ examSessionId: sessionId, evaluationId: 'msp-a2', name }).returning())[0]!.id
    await addGroupMembers(
      db,
      id,
      members.map((k) => ctx.people[k]!.id),
    )
    return id
  }
  const alpha = await group('Groupe Alpha', ['amelie', 'berenice'])
  await group('Groupe Bêta', ['cedric'])

  const dossier = async (evaluationId: string, owner: { learner?: string; group?: string }) =>
    (
      await db
        .select({ id: schema.dossiers.id })
        .from(schema.dossiers)
        .where(
          and(
            eq(schema.dossiers.examSessionId, sessionId),
            eq(schema.dossiers.templateId, evaluationId),
            owner.group ? eq(schema.dossiers.groupId, owner.group) : eq(schema.dossiers.learnerId, ctx.people[owner.learner!]!.id),
          ),
        )
    )[0]!.id
  // A hand-in as the follow-up reads it (the snapshot's content does not matter here).
  const handIn = async (inst: { id: string; evaluationId: string }, dossierId: string, by: string, at: number, timing: 'on-time' | 'late') =>
    await db.insert(schema.submissions).values({
      dossierId,
      instanceId: inst.id,
      submittedBy: ctx.people[by]!.id,
      submitterName: ctx.people[by]!.name,
      submittedAt: new Date(now + at),
      timing,
      statement: 'Déclaration',
      templateId: inst.evaluationId,
      templateHash: '0'.repeat(64),
      fingerprint: '0'.repeat(64),
    })
  const assign = async (juror: { id: string }, evaluationId: string, learner: string, closed: boolean) => {
    const assignment = (
      await db
        .insert(schema.jurorAssignments)
        .values({ examSessionId: sessionId, jurorId: juror.id, evaluationId, learnerId: ctx.people[learner]!.id })
        .returning()
    )[0]!
    if (closed) await db.insert(schema.gradings).values({ assignmentId: assignment.id, status: 'closed', closedAt: new Date(), updatedAt: new Date() })
    return assignment
  }
  await handIn(a3, await dossier('cas-pratique-a3', { learner: 'amelie' }), 'amelie', -3 * DAY, 'on-time')
  await handIn(a3, await dossier('cas-pratique-a3', { learner: 'berenice' }), 'berenice', -1 * DAY, 'late')
  await handIn(veille, await dossier('fiche-veille', { learner: 'berenice' }), 'berenice', -11 * DAY, 'on-time')
  await assign(j1, 'fiche-veille', 'berenice', true)
  await handIn(a10, await dossier('cas-pratique-a10', { learner: 'cedric' }), 'cedric', -1 * DAY, 'on-time')
  const lead = await assign(j1, 'cas-pratique-a10', 'cedric', true)
  await assign(j2, 'cas-pratique-a10', 'cedric', true)
  await db
    .insert(schema.reconciliations)
    .values({ instanceId: a10.id, subjectId: ctx.people.cedric!.id, leadAssignmentId: lead.id, status: 'closed', closedAt: new Date(), updatedAt: new Date() })
  await handIn(msp, await dossier('msp-a2', { group: alpha }), 'amelie', -11 * DAY, 'on-time')
})

/** The state shown for a candidate under an épreuve's column (the column found by its header). */
async function cell(page: Page, name: string, column: string) {
  const headers = (await page.locator('.fu-grid thead th').allTextContents()).map((t) => t.trim())
  const index = headers.indexOf(column)
  expect(index, `column ${column}`).toBeGreaterThan(0)
  return page
    .locator('.fu-grid tbody tr')
    .filter({ has: page.getByRole('rowheader', { name: new RegExp(name) }) })
    .locator('td')
    .nth(index - 1)
}

/** A row of the counts per épreuve, as text: « Brouillon Rendu En retard Corrigé Concilié Sans groupe ». */
async function counts(page: Page, label: string) {
  const row = page.locator('.fu-summary tbody tr').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${label}`) }) })
  // What a sighted reader sees (the « — » of a column that does not apply has a visually hidden explanation).
  const texts = await row.locator('td.num').evaluateAll((cells) =>
    cells.map((td) => {
      const copy = td.cloneNode(true) as HTMLElement
      copy.querySelectorAll('.visually-hidden').forEach((e) => e.remove())
      for (const block of copy.querySelectorAll('.fu-muted')) block.prepend(' ')
      return copy.textContent ?? ''
    }),
  )
  return texts.map((t) => t.replace(/\s+/g, ' ').trim())
}

test('the admin reads the counts per épreuve and each candidate’s state', async ({ page }) => {
  await loginAs(page, 'admin')
  await page.goto(url())
  await expect(page.getByRole('heading', { level: 1, name: 'Suivi' })).toBeVisible()
  await expect(page.getByText(`Session suivi ${ctx.stamp}\u00a0: 30\u00a0candidat·es inscrit·es.`)).toBeVisible()

  // Counts: every candidate once per épreuve; « En retard » says how many have not handed in.
  expect(await counts(page, 'Cas pratique A3')).toEqual(['0', '1', '29 dont 28 non rendus', '0', '—', '—'])
  expect(await counts(page, 'Fiche Veille')).toEqual(['0', '0', '29 dont 29 non rendus', '1', '—', '—'])
  expect(await counts(page, 'Cas pratique A10')).toEqual(['29', '0', '0', '0', '1', '—'])
  expect(await counts(page, 'MSP A2')).toEqual(['0', '2', '1 dont 1 non rendu', '0', '—', '27'])
  // Instances by deadline: the fiche Veille and the MSP A2 first, the épreuves without a date last.
  await expect(page.locator('.fu-summary tbody th').first()).toContainText('Fiche Veille')
  await expect(page.locator('.fu-summary tbody tr').nth(4).locator('td').first()).toHaveText('non fixée')

  // One row per candidate, in French order (« Éloïse » among the E), every épreuve a column.
  await expect(page.getByText('30\u00a0candidat·es · page 1 sur 2.')).toBeVisible()
  const names = await page.locator('.fu-grid tbody th a').allTextContents()
  expect(names.slice(0, 6)).toEqual(['Amélie Suivi', 'Bérénice Suivi', 'Cédric Suivi', 'Dorian Suivi', 'Éloïse Suivi', 'Zélie Page 01'])
  expect(names).toHaveLength(25)
  await expect(page.locator('.fu-grid thead th')).toHaveCount(18)
  await expect(await cell(page, 'Amélie Suivi', 'Cas pratique A3')).toHaveText('Rendu')
  await expect(await cell(page, 'Amélie Suivi', 'Fiche Veille')).toHaveText('Non rendu')
  await expect(await cell(page, 'Amélie Suivi', 'MSP A2')).toHaveText('RenduGroupe Alpha')
  await expect(await cell(page, 'Bérénice Suivi', 'Cas pratique A3')).toHaveText('Rendu en retard')
  await expect(await cell(page, 'Bérénice Suivi', 'Fiche Veille')).toHaveText('Corrigé')
  await expect(await cell(page, 'Cédric Suivi', 'Cas pratique A3')).toHaveText('En retard')
  await expect(await cell(page, 'Cédric Suivi', 'Cas pratique A10')).toHaveText('Concilié')
  await expect(await cell(page, 'Cédric Suivi', 'MSP A2')).toHaveText('Non renduGroupe Bêta')
  await expect(await cell(page, 'Dorian Suivi', 'Cas pratique A10')).toHaveText('Brouillon')
  await expect(await cell(page, 'Dorian Suivi', 'MSP A2')).toHaveText('Sans groupe')
  await expect(page.getByRole('rowheader', { name: /Bérénice Suivi/ })).toContainText(ctx.people.berenice!.email)
  await expectNoAxeViolations(page)

  // The legend explains every state.
  await page.getByText('Légende des états').click()
  await expect(page.locator('.fu-legend')).toContainText('rien de rendu, la clôture des dépôts est passée')
})

test('the admin filters by épreuve and state, by name, by group, and follows a count', async ({ page }) => {
  await loginAs(page, 'admin')
  await page.goto(url())
  await page.getByLabel('Épreuve', { exact: true }).selectOption({ label: 'Cas pratique A3' })
  await page.getByLabel('État', { exact: true }).selectOption({ label: 'En retard' })
  await page.getByRole('button', { name: 'Filtrer' }).click()
  await expect(page).toHaveURL(/epreuve=cas-pratique-a3/)
  await expect(page.getByText('29\u00a0candidat·es correspondent à ces critères · page 1 sur 2.')).toBeVisible()
  // Only the chosen épreuve's column; Amélie (on time) is not there, Bérénice (late) and Cédric (nothing) are.
  await expect(page.locator('.fu-grid thead th')).toHaveText(['Candidat·e', 'Cas pratique A3'])
  await expect(page.getByRole('rowheader', { name: /Amélie Suivi/ })).toHaveCount(0)
  await expect(await cell(page, 'Bérénice Suivi', 'Cas pratique A3')).toHaveText('Rendu en retard')
  await expect(await cell(page, 'Cédric Suivi', 'Cas pratique A3')).toHaveText('En retard')
  await expect(page.getByLabel('État', { exact: true })).toHaveValue('en-retard')

  // A name, without its accents.
  await page.goto(url('?q=eloise'))
  await expect(page.getByText('1\u00a0candidat·e correspond à ces critères.')).toBeVisible()
  await expect(page.locator('.fu-grid tbody th a')).toHaveText(['Éloïse Suivi'])
  await expect(page.getByLabel('Nom ou adresse e-mail')).toHaveValue('eloise')

  // A group, by its name in any case.
  await page.getByLabel('Nom ou adresse e-mail').fill('')
  await page.getByLabel('Groupe', { exact: true }).fill('groupe alpha')
  await page.getByRole('button', { name: 'Filtrer' }).click()
  await expect(page.locator('.fu-grid tbody th a')).toHaveText(['Amélie Suivi', 'Bérénice Suivi'])

  // Nothing matches: an empty state with a way back.
  await page.goto(url('?q=personne-de-ce-nom'))
  await expect(page.getByText('Aucun·e candidat·e ne correspond à ces critères')).toBeVisible()
  await expectNoAxeViolations(page)
  await page.getByRole('link', { name: 'Effacer les filtres' }).first().click()
  await expect(page.getByText('30\u00a0candidat·es · page 1 sur 2.')).toBeVisible()

  // A count leads to its candidates: the one reconciled copy of the cas pratique A10.
  await page.locator('.fu-summary tbody tr').filter({ hasText: 'Cas pratique A10' }).getByRole('link', { name: '1', exact: true }).click()
  await expect(page).toHaveURL(/epreuve=cas-pratique-a10&etat=concilie/)
  await expect(page.locator('.fu-grid tbody th a')).toHaveText(['Cédric Suivi'])
  await expectNoAxeViolations(page)
})

test('the admin pages through the list, 25 candidates a page', async ({ page }) => {
  await loginAs(page, 'admin')
  await page.goto(url())
  const pager = page.getByRole('navigation', { name: 'Pages de la liste des candidat·es' })
  // Once the page's scripts have loaded and hydrated: a click in the middle of hydration can be lost.
  await page.waitForLoadState('networkidle')
  await pager.getByRole('link', { name: /Suivante/ }).click()
  await expect(page).toHaveURL(/[?&]page=2/)
  await expect(page.getByText('30\u00a0candidat·es · page 2 sur 2.')).toBeVisible({ timeout: 10_000 })
  await expect(page.locator('.fu-grid tbody th a')).toHaveText(Array.from({ length: 5 }, (_, i) => `Zélie Page ${21 + i}`))
  await expect(pager.getByRole('link', { name: 'Page 2' })).toHaveAttribute('aria-current', 'page')
})

test('the admin downloads the filtered follow-up as Excel', async ({ page }) => {
  await loginAs(page, 'admin')
  await page.goto(url('?epreuve=cas-pratique-a3&etat=en-retard'))
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exporter cette sélection (Excel)' }).click()])
  expect(download.suggestedFilename()).toBe(`Suivi — Session suivi ${ctx.stamp}.xlsx`)
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'suivi-')), 'suivi.xlsx')
  await download.saveAs(file)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(file)
  const sheet = workbook.getWorksheet('Candidats')!
  expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['Nom', 'Adresse e-mail', 'Cas pratique A3'])
  // Every matching candidate, not one page.
  expect(sheet.rowCount).toBe(1 + 29)
  expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['Bérénice Suivi', ctx.people.berenice!.email, 'Rendu en retard'])
  expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(['Cédric Suivi', ctx.people.cedric!.email, 'En retard'])
  const summary = workbook.getWorksheet('Épreuves')!
  const a3 = (summary.getColumn(1).values as unknown[]).indexOf('Cas pratique A3')
  // Brouillon, Rendu, En retard, Corrigé, Concilié, Sans groupe, dont rendus en retard, dont non rendus, Candidat·es.
  expect((summary.getRow(a3).values as unknown[]).slice(5)).toEqual([0, 1, 29, 0, 0, 0, 1, 28, 30])
})

test('the follow-up fits 320 and 1366 pixels, the wide table scrolling in its frame; an unknown session is not found', async ({ page }) => {
  await loginAs(page, 'admin')
  for (const width of [320, 1366]) {
    await page.setViewportSize({ width, height: 900 })
    await page.goto(url())
    await expect(page.locator('.fu-grid')).toBeVisible()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow, `sideways scroll at ${width}px`).toBeLessThanOrEqual(0)
    // The table is wider than its frame, which scrolls (and is reachable by keyboard).
    const frame = page.getByRole('region', { name: 'États par candidat·e et par épreuve' })
    expect(await frame.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true)
    await expect(frame).toHaveAttribute('tabindex', '0')
    await page.screenshot({ path: `test-results/follow-up-${width}.png` })
  }
  const response = await page.goto('/admin/sessions/inconnue/suivi')
  expect(response?.status()).toBe(404)
})
