/**
 * The whole exam, end to end, through the screens each actor uses (issue 12,
 * acceptance): a learner hands in the anonymous, double-marked cas pratique;
 * two jurors grade it blind and close their grids; the lead juror reconciles
 * the divergences; the admin cannot lift anonymity yet; the lead, who also
 * presides the jury, confirms the deliberation and downloads the minutes,
 * which LibreOffice opens; the admin lifts anonymity (the copy then shows
 * the learner's name) and publishes; the learner sees the jury's levels next
 * to their self-assessment, the gaps highlighted.
 *
 * A session of its own (publishing and lifting anonymity would change the
 * demo session under the other specs). Set-up goes through the app where a
 * user would act (self-assessment, hand-in); only what an admin screen does
 * not cover yet (juror assignments) or what another spec tests (the blocs'
 * screen) is written in the database.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import type { APIRequestContext, Page } from '@playwright/test'
import { and, eq } from 'drizzle-orm'
import * as schema from '../../db/schema'
import { enrollLearners } from '../../app/services/dossier-provisioning.server'
import { BASE_URL, e2eDb, expect, expectNoAxeViolations, loginAs, sessionCookieFor, test } from './fixtures'

const run = promisify(execFile)
const EVALUATION = 'cas-pratique-a3'
const DAY = 86_400_000
const stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`
const LEAD_SAYS = 'Les cibles sont chiffrées à partir de l’étude.'
const SECOND_SAYS = 'Aucune source ne justifie la taille des cibles.'
const AGREED = 'Après échange : la taille des cibles n’est pas sourcée.'

const world = {
  sessionId: '',
  sessionName: `Session chaîne ${stamp}`,
  learner: { id: '', email: `chaine-${stamp}@test.local`, name: 'Capucine Roux-Chaîne' },
  lead: { id: '', email: `jure-chaine-a-${stamp}@test.local`, name: 'Gaspard Lemoine', assignment: '' },
  second: { id: '', email: `jure-chaine-b-${stamp}@test.local`, name: 'Inès Barthélemy', assignment: '' },
  code: '',
}

async function user(email: string, name: string, role: 'learner' | 'juror') {
  const db = e2eDb()
  const id = (await db.insert(schema.users).values({ email, name, passwordHash: 'x' }).returning())[0]!.id
  await db.insert(schema.userRoles).values({ userId: id, role })
  return id
}

test.beforeAll(async ({ request }: { request: APIRequestContext }) => {
  const db = e2eDb()
  world.learner.id = await user(world.learner.email, world.learner.name, 'learner')
  world.lead.id = await user(world.lead.email, world.lead.name, 'juror')
  world.second.id = await user(world.second.email, world.second.name, 'juror')
  world.sessionId = (
    await db
      .insert(schema.examSessions)
      .values({ name: world.sessionName, startsOn: '2026-09-01', endsOn: '2027-06-30', presidentId: world.lead.id })
      .returning()
  )[0]!.id
  await enrollLearners(db, world.sessionId, [world.learner.id])
  const instanceId = (
    await db
      .insert(schema.evaluationInstances)
      .values({
        examSessionId: world.sessionId,
        evaluationId: EVALUATION,
        dueAt: new Date(Date.now() + 7 * DAY),
        cutoffAt: new Date(Date.now() + 10 * DAY),
        anonymous: true,
        doubleMarking: true,
      })
      .returning()
  )[0]!.id
  const assign = async (jurorId: string, lead: boolean) =>
    (
      await db
        .insert(schema.jurorAssignments)
        .values({ examSessionId: world.sessionId, jurorId, evaluationId: EVALUATION, learnerId: world.learner.id, lead })
        .returning()
    )[0]!.id
  world.lead.assignment = await assign(world.lead.id, true)
  world.second.assignment = await assign(world.second.id, false)
  // One bloc: the competency graded here.
  const blocId = (
    await db.insert(schema.competencyBlocs).values({ examSessionId: world.sessionId, title: 'Bloc 1 — Stratégie de ciblage', position: 1 }).returning()
  )[0]!.id
  await db.insert(schema.blocCompetencies).values({ blocId, examSessionId: world.sessionId, competencyId: 'C3.1' })

  // The learner, through the app: self-assesses (over-estimates C3.1-1, under-estimates C3.1-3), writes, hands in.
  const dossierId = (
    await db
      .select({ id: schema.dossiers.id })
      .from(schema.dossiers)
      .where(
        and(eq(schema.dossiers.learnerId, world.learner.id), eq(schema.dossiers.templateId, EVALUATION), eq(schema.dossiers.examSessionId, world.sessionId)),
      )
  )[0]!.id
  const cookie = await sessionCookieFor(world.learner.email)
  const headers = { Cookie: cookie, Origin: BASE_URL }
  for (const [criterionId, status] of [
    ['C3.1-1', 'achieved'],
    ['C3.1-3', 'in_progress'],
  ] as const) {
    const res = await request.post(`/dossiers/${dossierId}`, { headers, form: { intent: 'self-assess', criterionId, status }, maxRedirects: 0 })
    expect(res.status(), await res.text()).toBeLessThan(400)
  }
  const content = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Trois cibles : urbains pressés, familles, seniors.' }] }] }
  const save = await request.post(`/api/dossiers/${dossierId}/sections/inclusion`, { headers: { Cookie: cookie }, data: { baseVersion: 0, content } })
  expect(save.status(), await save.text()).toBe(200)
  const handIn = await request.post(`/dossiers/${dossierId}/depot`, { headers, form: { intent: 'hand-in', confirmed: 'on' }, maxRedirects: 0 })
  expect(handIn.status(), await handIn.text()).toBeLessThan(400)
  world.code = (
    await db
      .select({ code: schema.candidateCodes.code })
      .from(schema.candidateCodes)
      .where(and(eq(schema.candidateCodes.instanceId, instanceId), eq(schema.candidateCodes.subjectId, world.learner.id)))
  )[0]!.code
})

const row = (page: Page, criterionId: string) => page.locator(`[data-row="${criterionId}|written|"]`)
const cell = (page: Page, criterionId: string) => page.locator(`[data-cell="${criterionId}|written|"]`)
const gridReady = (page: Page) => page.waitForFunction(() => !document.querySelector('fieldset.until-hydrated[disabled]'))

/** Grades the criteria of C3.1 in the juror's grid, then closes it (after the confirmation). */
async function gradeAndClose(page: Page, assignmentId: string, levels: Record<string, 'Acquis' | 'Non acquis'>, comment: [string, string]) {
  await page.goto(`/jury/copies/${assignmentId}`)
  await gridReady(page)
  for (const [criterionId, level] of Object.entries(levels)) {
    await row(page, criterionId).getByRole('radio', { name: level, exact: true }).check()
    await expect(page.locator('.jury-status .save-status')).toHaveText(/^Enregistré/)
  }
  const box = row(page, comment[0]).getByRole('textbox', { name: /Commentaire/ })
  await box.fill(comment[1])
  await box.blur()
  await expect(page.locator('.jury-status .save-status')).toHaveText(/^Enregistré/)
  await page.getByRole('button', { name: 'Clore la grille' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Clore la grille' }).click()
  await expect(page.getByText('Grille close', { exact: true })).toBeVisible()
}

/** What the lead juror's list calls the copy: the code while anonymous. */
const copyRow = (page: Page, label: string) =>
  page.getByRole('region', { name: /Cas pratique professionnel \(C3\.1/ }).getByRole('row', { name: new RegExp(label) })

test('two jurors grade, the lead reconciles, the president deliberates, the minutes open in LibreOffice, anonymity lifts, the learner sees the gaps', async ({
  browser,
}) => {
  test.setTimeout(300_000)
  const contexts = await Promise.all([0, 1, 2, 3].map(() => browser.newContext()))
  const [lead, second, admin, learner] = (await Promise.all(contexts.map((c) => c.newPage()))) as [Page, Page, Page, Page]
  await loginAs(lead, { email: world.lead.email })
  await loginAs(second, { email: world.second.email })
  await loginAs(admin, 'admin')
  await loginAs(learner, { email: world.learner.email })

  // 1. Two jurors grade blind: they diverge on C3.1-1 and C3.1-2.
  await gradeAndClose(lead, world.lead.assignment, { 'C3.1-1': 'Acquis', 'C3.1-2': 'Acquis', 'C3.1-3': 'Acquis', 'C3.1-4': 'Acquis' }, ['C3.1-1', LEAD_SAYS])
  await gradeAndClose(second, world.second.assignment, { 'C3.1-1': 'Non acquis', 'C3.1-2': 'Non acquis', 'C3.1-3': 'Acquis', 'C3.1-4': 'Acquis' }, [
    'C3.1-1',
    SECOND_SAYS,
  ])

  // 2. The lead reconciles, from their list.
  await lead.goto('/jury')
  await expect(copyRow(lead, world.code)).toContainText('À confronter')
  await copyRow(lead, world.code)
    .getByRole('link', { name: /Confronter les deux corrections/ })
    .click()
  await gridReady(lead)
  await expect(lead.getByRole('heading', { name: 'Critères divergents (2)' })).toBeVisible()
  await expect(cell(lead, 'C3.1-1')).toContainText(LEAD_SAYS)
  await expect(cell(lead, 'C3.1-1')).toContainText(SECOND_SAYS)
  expect(await lead.content()).not.toContain(world.learner.name)
  for (const [criterionId, level, why] of [
    ['C3.1-1', 'Non acquis', AGREED],
    ['C3.1-2', 'Acquis', 'Le critère est traité dans la partie « cible ».'],
  ] as const) {
    const c = cell(lead, criterionId)
    await c.getByRole('radio', { name: level, exact: true }).check()
    await c.getByRole('textbox', { name: /Commentaire de la confrontation/ }).fill(why)
    await c.getByRole('button', { name: /Enregistrer le niveau retenu/ }).click()
    await expect(c.getByRole('status')).toHaveText(new RegExp(`Niveau retenu enregistré\\s: ${level}\\.`))
  }
  await lead.getByRole('button', { name: 'Clore la confrontation' }).click()
  await lead.getByRole('dialog').getByRole('button', { name: 'Clore la confrontation' }).click()
  await expect(lead.locator('.confront__status [role="status"]')).toContainText('Confrontation close')

  // 3. Before the deliberation, the admin cannot lift anonymity: the copy keeps its code.
  await admin.goto(`/deliberation/${world.sessionId}`)
  await expect(admin.getByRole('heading', { name: 'Délibération', level: 1 })).toBeVisible()
  await admin.getByRole('button', { name: 'Lever l’anonymat' }).click()
  await admin.getByRole('dialog').getByRole('button', { name: 'Lever l’anonymat' }).click()
  await expect(admin.getByRole('alert')).toContainText('L’anonymat se lève après la délibération')
  await lead.goto('/jury')
  await expect(copyRow(lead, world.code)).toBeVisible()
  expect(await lead.content()).not.toContain(world.learner.name)

  // 4. The lead presides: from their home to the candidate, whose results come from the reconciliation.
  await lead
    .getByRole('region', { name: 'Vous présidez le jury' })
    .getByRole('link', { name: new RegExp(world.sessionName) })
    .click()
  await expect(lead.getByRole('heading', { name: 'Délibération', level: 1 })).toBeVisible()
  await lead.getByRole('link', { name: world.learner.name }).click()
  await expect(lead.getByRole('heading', { name: world.learner.name, level: 1 })).toBeVisible()
  const c31 = lead.locator('#competence-C3\\.1')
  await expect(c31.locator('summary')).toContainText('Non acquise')
  await c31.locator('summary').click()
  await expect(c31.getByText('Double correction, niveaux retenus après confrontation')).toBeVisible()
  for (const name of [world.lead.name, world.second.name]) await expect(c31).toContainText(name)
  await expect(lead.getByText('Décision globale qui en découle')).toContainText('Ajournement')
  await expectNoAxeViolations(lead)
  await lead.getByRole('button', { name: 'Confirmer la délibération' }).click()
  await expect(lead.getByRole('status').filter({ hasText: 'Délibération confirmée' })).toContainText('Ajournement')

  // 5. The minutes, downloaded by the president, opened by LibreOffice.
  await lead.goto(`/deliberation/${world.sessionId}`)
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-e2e-chain-'))
  const [minutes] = await Promise.all([lead.waitForEvent('download'), lead.getByRole('link', { name: 'Procès-verbal de délibération (Word)' }).click()])
  const docx = path.join(out, 'pv.docx')
  await minutes.saveAs(docx)
  await run('soffice', [`-env:UserInstallation=file://${out}/profile`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', out, docx], {
    timeout: 120_000,
  })
  const { stdout: text } = await run('pdftotext', [path.join(out, 'pv.pdf'), '-'])
  const flat = text.replace(/\s+/g, ' ')
  for (const expected of ['Procès-verbal de délibération', world.sessionName, world.lead.name, world.learner.name, 'Ajournement', 'Signatures'])
    expect(flat).toContain(expected)
  fs.rmSync(out, { recursive: true, force: true })

  // 6. After the deliberation the admin lifts anonymity: the copy now shows the learner's name.
  await admin.goto(`/deliberation/${world.sessionId}`)
  await admin.getByRole('button', { name: 'Lever l’anonymat' }).click()
  await admin.getByRole('dialog').getByRole('button', { name: 'Lever l’anonymat' }).click()
  await expect(admin.getByRole('status').filter({ hasText: 'Anonymat levé' })).toContainText('1\u00a0épreuve')
  await lead.goto('/jury')
  await expect(copyRow(lead, world.learner.name)).toBeVisible()
  await expect(lead.getByText(world.code)).toHaveCount(0)

  // 7. Before publication the learner sees nothing; the admin publishes.
  await learner.goto(`/candidat/sessions/${world.sessionId}/resultats`)
  await expect(learner.getByText('Les résultats ne sont pas encore publiés')).toBeVisible()
  await admin.goto(`/admin/sessions/${world.sessionId}/resultats`)
  await admin.getByRole('button', { name: 'Publier les résultats' }).click()
  await admin.getByRole('dialog', { name: 'Confirmer' }).getByRole('button', { name: 'Publier les résultats' }).click()
  await expect(admin.getByRole('status').filter({ hasText: 'Les résultats sont publiés' })).toBeVisible()

  // 8. The learner sees the jury's levels next to their own, the gaps highlighted, their bloc and decision.
  await learner.goto('/candidat')
  await learner.getByRole('link', { name: 'Voir mes résultats' }).click()
  await expect(learner).toHaveURL(`${BASE_URL}/candidat/sessions/${world.sessionId}/resultats`)
  await expect(learner.locator('.results-decision')).toContainText('Ajournement')
  await expect(learner.locator('.results-bloc').filter({ hasText: 'Bloc 1 — Stratégie de ciblage' })).toContainText('Non acquis')
  const over = learner.locator('#critere-C3\\.1-1-written')
  await expect(over.locator('dd').first()).toHaveText('Atteint')
  await expect(over.locator('dd').nth(1)).toHaveText('Non acquis')
  await expect(over.locator('.results-gap')).toContainText('Vous vous étiez surestimé·e')
  await expect(learner.locator('#critere-C3\\.1-3-written .results-gap')).toContainText('Vous vous étiez sous-estimé·e')
  await expect(learner.locator('#critere-C3\\.1-4-written .results-gap')).toHaveCount(0)
  // The jurors' names stay out of the learner's page.
  const html = await learner.content()
  for (const name of [world.lead.name, world.second.name]) expect(html).not.toContain(name)
  await expectNoAxeViolations(learner)
  await Promise.all(contexts.map((c) => c.close()))
})
