/**
 * Documents and publication of a deliberation, on an exam session of its own
 * (publishing the demo session would lock its deliberation for the other
 * specs): two candidates graded on the cas pratique A3 (closed grids written
 * below), one deliberation confirmed in beforeAll, the other during the test.
 * Before publication the learner sees no grade; the admin's publication is
 * refused while a candidate is not deliberated; the minutes open in
 * LibreOffice, the grid in exceljs with its conditional formatting; once
 * published, the learner sees their gaps and downloads their attestation.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import ExcelJS from 'exceljs'
import type { Page } from '@playwright/test'
import type { BlocDecision } from '../../app/domain/deliberation'
import * as schema from '../../db/schema'
import { enrollLearners } from '../../app/services/dossier-provisioning.server'
import { BASE_URL, DEMO_ACCOUNTS, e2eDb, expect, expectNoAxeViolations, loginAs, sessionCookieFor, test, userIdByEmail } from './fixtures'

const run = promisify(execFile)
test.describe.configure({ mode: 'serial' })

const CRITERIA = ['C3.1-1', 'C3.1-2', 'C3.1-3', 'C3.1-4', 'C3.2-1', 'C3.2-2', 'C3.2-3', 'C3.2-4', 'C3.3-1', 'C3.3-2', 'C3.3-3', 'C3.3-4', 'C3.3-5']
const COMMENT = 'Les cibles ne sont pas hiérarchisées : la persona principale manque.'
const REASON = 'Le jury retient la qualité d’ensemble du cas pratique malgré un critère manqué.'
const ctx = {
  stamp: '',
  sessionId: '',
  sessionName: '',
  blocs: { market: '', watch: '' },
  one: { id: '', email: '', name: 'Élève résultats un' },
  two: { id: '', email: '', name: 'Élève résultats deux' },
}

function decision(blocs: [string, BlocDecision['proposed'], BlocDecision['decision'], string?][]): BlocDecision[] {
  return blocs.map(([blocId, proposed, decided, reason]) => ({ blocId, proposed, decision: decided, reason: reason ?? '' }))
}

async function deliberate(
  learnerId: string,
  blocs: BlocDecision[],
  proposed: 'complete' | 'partial' | 'deferred',
  decided: 'complete' | 'partial' | 'deferred',
  reason = '',
) {
  const president = DEMO_ACCOUNTS.juror
  await e2eDb()
    .insert(schema.deliberations)
    .values({
      examSessionId: ctx.sessionId,
      learnerId,
      blocs,
      proposed,
      decision: decided,
      reason,
      confirmedBy: await userIdByEmail(president.email),
      confirmedByName: president.name,
      confirmedAt: new Date(),
    })
}

test.beforeAll(async () => {
  const db = e2eDb()
  ctx.stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`
  ctx.sessionName = `Session résultats ${ctx.stamp}`
  const president = await userIdByEmail(DEMO_ACCOUNTS.juror.email)
  const other = await userIdByEmail('jure2@ecole-demo.fr')
  ctx.sessionId = (
    await db.insert(schema.examSessions).values({ name: ctx.sessionName, startsOn: '2027-01-11', endsOn: '2027-06-30', presidentId: president }).returning()
  )[0]!.id
  for (const [i, learner] of [ctx.one, ctx.two].entries()) {
    learner.email = `resultats-${i}-${ctx.stamp}@test.local`
    learner.id = (await db.insert(schema.users).values({ email: learner.email, name: learner.name, passwordHash: 'x' }).returning())[0]!.id
    await db.insert(schema.userRoles).values({ userId: learner.id, role: 'learner' })
  }
  await enrollLearners(db, ctx.sessionId, [ctx.one.id, ctx.two.id])
  await db.insert(schema.evaluationInstances).values({
    examSessionId: ctx.sessionId,
    evaluationId: 'cas-pratique-a3',
    dueAt: new Date('2027-03-01T17:00:00Z'),
    cutoffAt: new Date('2027-03-02T17:00:00Z'),
  })
  const now = new Date()
  // Closed grids: candidate one misses C3.1-2 (with a comment), candidate two has every criterion.
  const grid = async (jurorId: string, learnerId: string, level: (criterionId: string) => string) => {
    const assignmentId = (
      await db.insert(schema.jurorAssignments).values({ examSessionId: ctx.sessionId, jurorId, evaluationId: 'cas-pratique-a3', learnerId }).returning()
    )[0]!.id
    const gradingId = (await db.insert(schema.gradings).values({ assignmentId, status: 'closed', closedAt: now, updatedAt: now }).returning())[0]!.id
    for (const criterionId of CRITERIA) {
      const comment = criterionId === 'C3.1-2' && learnerId === ctx.one.id ? COMMENT : ''
      await db
        .insert(schema.gradeEntries)
        .values({ gradingId, criterionId, part: 'written', learnerId: '', level: level(criterionId), comment, updatedAt: now })
    }
  }
  await grid(president, ctx.one.id, (c) => (c === 'C3.1-2' ? 'non-acquis' : 'acquis'))
  await grid(other, ctx.two.id, () => 'acquis')
  // Candidate one thought C3.1-2 achieved (over-estimated) and C3.2-1 in progress (under-estimated).
  for (const [criterionId, status] of [
    ['C3.1-2', 'achieved'],
    ['C3.2-1', 'in_progress'],
    ['C3.2-2', 'achieved'],
  ] as const)
    await db.insert(schema.selfAssessments).values({ learnerId: ctx.one.id, examSessionId: ctx.sessionId, criterionId, status, updatedAt: now })

  const bloc = async (title: string, position: number, competencyIds: string[]) => {
    const id = (await db.insert(schema.competencyBlocs).values({ examSessionId: ctx.sessionId, title, position }).returning())[0]!.id
    await db.insert(schema.blocCompetencies).values(competencyIds.map((competencyId) => ({ blocId: id, examSessionId: ctx.sessionId, competencyId })))
    return id
  }
  ctx.blocs.market = await bloc('Étude de marché et cibles', 1, ['C3.1', 'C3.2', 'C3.3'])
  ctx.blocs.watch = await bloc('Veille marketing', 2, ['C1.1'])
  // Candidate one: the jury departs from the proposal on the first bloc.
  await deliberate(
    ctx.one.id,
    decision([
      [ctx.blocs.market, 'not-acquired', 'acquired', REASON],
      [ctx.blocs.watch, 'not-acquired', 'not-acquired'],
    ]),
    'deferred',
    'partial',
    REASON,
  )
})

async function noSidewaysScroll(page: Page, name: string, widths = [320, 390, 1366]) {
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 })
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow, `sideways scroll at ${width} px`).toBeLessThanOrEqual(0)
    await page.screenshot({ path: `test-results/screenshots/results-${name}-${width}.png`, fullPage: true })
  }
  await page.setViewportSize({ width: 1280, height: 900 })
}

const attestationPath = (learnerId = ctx.one.id) => `/deliberation/${ctx.sessionId}/${learnerId}/attestation.docx`

test('before publication the learner sees no grade, no decision and gets no attestation', async ({ page }) => {
  await loginAs(page, ctx.one)
  await page.goto('/candidat')
  await expect(page.getByRole('heading', { name: ctx.sessionName })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Voir mes résultats' })).toHaveCount(0)

  await page.goto(`/candidat/sessions/${ctx.sessionId}/resultats`)
  await expect(page.getByRole('heading', { name: 'Mes résultats' })).toBeVisible()
  await expect(page.getByText('Les résultats ne sont pas encore publiés')).toBeVisible()
  // Nothing of the results is in the page, not even in its data.
  const html = await page.content()
  for (const secret of ['Non acquis', 'Acquis', 'Validation partielle', COMMENT, REASON, 'surestimé', 'C3.1-2']) expect(html).not.toContain(secret)
  await expectNoAxeViolations(page)
  await noSidewaysScroll(page, 'learner-unpublished', [320, 1366])

  const attestation = await page.request.get(attestationPath())
  expect(attestation.status()).toBe(404)
  expect(await attestation.text()).toBe('Les résultats ne sont pas encore publiés.')
  // A session the learner is not in: not found.
  const demo = (await e2eDb().select().from(schema.examSessions)).find((s) => s.name === 'Session de démonstration')!
  expect((await page.request.get(`/candidat/sessions/${demo.id}/resultats`)).status()).toBe(404)
})

test('the admin cannot publish before every candidate is deliberated; the minutes open in LibreOffice and the grid has its conditional formatting', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await loginAs(page, 'admin')
  await page.goto(`/admin/sessions/${ctx.sessionId}/resultats`)
  await expect(page.getByRole('heading', { name: 'Résultats et publication' })).toBeVisible()
  await expect(page.locator('.stat').filter({ hasText: 'Candidat·es délibéré·es' })).toContainText('1\u00a0/\u00a02')
  await expect(page.getByText('1\u00a0candidat·e reste à délibérer\u00a0: Élève résultats deux.')).toBeVisible()
  await expectNoAxeViolations(page)
  await noSidewaysScroll(page, 'admin-before')

  // Refused, by keyboard: the button, then the dialog's confirmation.
  await page.getByRole('button', { name: 'Publier les résultats' }).focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Confirmer' })
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText('Chaque candidat·e (2\u00a0inscrit·es) verra sa décision')
  await dialog.getByRole('button', { name: 'Publier les résultats' }).focus()
  await page.keyboard.press('Enter')
  const refusal = page.getByRole('alert')
  await expect(refusal).toHaveText(
    'Publication impossible\u00a0: 1\u00a0candidat·e n’a pas de délibération confirmée par le ou la président·e du jury (Élève résultats deux).',
  )
  await expect(refusal).toBeFocused()
  expect((await e2eDb().select().from(schema.examSessions)).find((s) => s.id === ctx.sessionId)!.resultsPublishedAt).toBeNull()
  await expectNoAxeViolations(page)

  // The minutes: downloaded from the page, opened by LibreOffice.
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-e2e-results-'))
  const [minutes] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Procès-verbal de délibération (Word)' }).click()])
  expect(minutes.suggestedFilename()).toBe(`Procès-verbal de délibération — ${ctx.sessionName}.docx`)
  const docx = path.join(out, 'pv.docx')
  await minutes.saveAs(docx)
  await run('soffice', [`-env:UserInstallation=file://${out}/profile`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', out, docx], {
    timeout: 120_000,
  })
  const { stdout: info } = await run('pdfinfo', [path.join(out, 'pv.pdf')])
  expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(1)
  const { stdout: text } = await run('pdftotext', [path.join(out, 'pv.pdf'), '-'])
  const flat = text.replace(/\s+/g, ' ')
  for (const expected of [
    'Procès-verbal de délibération',
    ctx.sessionName,
    'Benoît Lemaître',
    'Président·e du jury',
    'Chloé Aubertin',
    'Élève résultats un',
    'Validation partielle de blocs',
    REASON,
    'Élève résultats deux',
    'Non délibéré',
    'Signatures',
  ])
    expect(flat).toContain(expected)

  // The grid: one row per candidate, results per competency and bloc, real conditional formatting rules.
  const [grid] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Grille des résultats (Excel)' }).click()])
  const xlsx = path.join(out, 'grille.xlsx')
  await grid.saveAs(xlsx)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(xlsx)
  const ws = wb.getWorksheet('Résultats')!
  const header = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1)
  const col = (h: string) => header.indexOf(h) + 1
  const rowOf = (name: string) => [2, 3].map((r) => ws.getRow(r)).find((r) => r.getCell(1).value === name)!
  expect(rowOf('Élève résultats un').getCell(col('C3.1')).value).toBe('Non acquise')
  expect(rowOf('Élève résultats un').getCell(col('C3.2')).value).toBe('Acquise')
  expect(rowOf('Élève résultats un').getCell(col('Étude de marché et cibles')).value).toBe('Acquis')
  expect(rowOf('Élève résultats deux').getCell(col('Décision')).value).toBe('Non délibéré')
  const rules = (ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string; formulae?: string[] }[] }[] }).conditionalFormattings
  const formulae = rules.flatMap((r) => r.rules.map((rule) => rule.formulae?.[0] ?? ''))
  expect(formulae).toContain('OR(B2="Acquise",B2="Acquis")')
  expect(formulae).toContain('OR(B2="Non acquise",B2="Non acquis")')
  expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 })
  fs.rmSync(out, { recursive: true, force: true })
})

test('once every candidate is deliberated the admin publishes; the learner then sees the gaps and downloads their attestation', async ({ page, browser }) => {
  test.setTimeout(120_000)
  await deliberate(
    ctx.two.id,
    decision([
      [ctx.blocs.market, 'acquired', 'acquired'],
      [ctx.blocs.watch, 'not-acquired', 'not-acquired'],
    ]),
    'partial',
    'partial',
  )
  await loginAs(page, 'admin')
  await page.goto(`/admin/sessions/${ctx.sessionId}/resultats`)
  await expect(page.getByText('Toutes les délibérations sont confirmées')).toBeVisible()
  await page.getByRole('button', { name: 'Publier les résultats' }).click()
  await page.getByRole('dialog', { name: 'Confirmer' }).getByRole('button', { name: 'Publier les résultats' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Les résultats sont publiés' })).toHaveText(
    'Les résultats sont publiés\u00a0: les 2\u00a0candidat·es les voient dans leur espace.',
  )
  await expect(page.locator('.stat').filter({ hasText: 'Publication' })).toContainText('Publiés')
  await expect(page.getByRole('button', { name: 'Retirer la publication' })).toBeVisible()
  await expectNoAxeViolations(page)
  await noSidewaysScroll(page, 'admin-published', [320, 1366])

  // The learner: a link from their home, then their results.
  const context = await browser.newContext()
  const learner = await context.newPage()
  await loginAs(learner, ctx.one)
  await learner.goto('/candidat')
  await learner.getByRole('link', { name: 'Voir mes résultats' }).click()
  await expect(learner).toHaveURL(`${BASE_URL}/candidat/sessions/${ctx.sessionId}/resultats`)
  await expect(learner.locator('.results-decision')).toContainText('Validation partielle de blocs')
  await expect(learner.locator('.results-bloc').filter({ hasText: 'Étude de marché et cibles' })).toContainText('Acquis')
  await expect(learner.locator('.results-bloc').filter({ hasText: 'Veille marketing' })).toContainText('Non acquis')
  await expect(
    learner.getByText('2\u00a0écarts entre votre auto-évaluation et l’avis du jury\u00a0: 1\u00a0surestimation, 1\u00a0sous-estimation.'),
  ).toBeVisible()

  // Over-estimated: said « Atteint », the jury did not find it acquired — in words, with the jury's comment.
  const over = learner.locator('#critere-C3\\.1-2-written')
  await expect(over.getByText('Votre auto-évaluation')).toBeVisible()
  await expect(over.locator('dd').first()).toHaveText('Atteint')
  await expect(over.locator('dd').nth(1)).toHaveText('Non acquis')
  await expect(over).toContainText(COMMENT)
  await expect(over.locator('.results-gap')).toHaveText(
    'Vous vous étiez surestimé·e\u00a0: vous aviez indiqué «\u00a0Atteint\u00a0», le jury n’a pas jugé ce critère acquis.',
  )
  const under = learner.locator('#critere-C3\\.2-1-written')
  await expect(under.locator('.results-gap')).toHaveText(
    'Vous vous étiez sous-estimé·e\u00a0: vous aviez indiqué «\u00a0En cours\u00a0», le jury a jugé ce critère acquis.',
  )
  // No gap where both agree.
  await expect(learner.locator('#critere-C3\\.2-2-written .results-gap')).toHaveCount(0)
  await expect(learner.locator('#competence-C3\\.1 .badge')).toHaveText('Non acquise')
  // The jury's internal reason and the jurors' names stay out of the learner's page.
  expect(await learner.content()).not.toContain(REASON)
  await expectNoAxeViolations(learner)

  // Only the gaps, by keyboard.
  await learner.getByLabel('N’afficher que les critères où vous vous étiez surestimé·e ou sous-estimé·e').focus()
  await learner.keyboard.press('Space')
  await expect(learner.locator('.results-criterion')).toHaveCount(2)
  await noSidewaysScroll(learner, 'learner-published')
  await learner.keyboard.press('Space')
  await expect(learner.locator('.results-criterion')).toHaveCount(CRITERIA.length)
  await noSidewaysScroll(learner, 'learner-all', [320, 1366])

  // The attestation, from the page.
  const [attestation] = await Promise.all([
    learner.waitForEvent('download'),
    learner.getByRole('link', { name: 'Télécharger mon attestation de blocs validés (Word)' }).click(),
  ])
  expect(attestation.suggestedFilename()).toBe('Attestation — Élève résultats un.docx')
  // Another learner never gets it; the other juror neither; the president does.
  const asTwo = await learner.request.get(attestationPath(), { headers: { Cookie: await sessionCookieFor(ctx.two.email) } })
  expect(asTwo.status()).toBe(403)
  const asOtherJuror = await learner.request.get(attestationPath(), { headers: { Cookie: await sessionCookieFor('jure2@ecole-demo.fr') } })
  expect(asOtherJuror.status()).toBe(403)
  const asPresident = await learner.request.get(`/deliberation/${ctx.sessionId}/proces-verbal.docx`, {
    headers: { Cookie: await sessionCookieFor(DEMO_ACCOUNTS.juror.email) },
  })
  expect(asPresident.status()).toBe(200)
  await context.close()
})

test('the admin withdraws the publication after confirming; the learner sees « pas encore publiés » again', async ({ page, browser }) => {
  await loginAs(page, 'admin')
  await page.goto(`/admin/sessions/${ctx.sessionId}/resultats`)
  await page.getByRole('button', { name: 'Retirer la publication' }).click()
  const dialog = page.getByRole('dialog', { name: 'Confirmer' })
  // Cancelling changes nothing.
  await dialog.getByRole('button', { name: 'Annuler' }).click()
  await expect(page.locator('.stat').filter({ hasText: 'Publication' })).toContainText('Publiés')
  await page.getByRole('button', { name: 'Retirer la publication' }).click()
  await dialog.getByRole('button', { name: 'Retirer la publication' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'La publication est retirée' })).toBeVisible()
  await expect(page.locator('.stat').filter({ hasText: 'Publication' })).toContainText('Non publiés')

  const context = await browser.newContext()
  const learner = await context.newPage()
  await loginAs(learner, ctx.one)
  await learner.goto(`/candidat/sessions/${ctx.sessionId}/resultats`)
  await expect(learner.getByText('Les résultats ne sont pas encore publiés')).toBeVisible()
  await context.close()
})
