/**
 * Deliberation, acceptance: the jury president (jure1) opens the list of a
 * session's candidates, a candidate, sees where each result comes from and
 * the cited evidence, departs from one bloc's proposal — refused without a
 * reason, nothing typed lost, accepted with one — and confirms; the admin
 * sees the confirmation with its time; a juror who does not preside gets
 * 403; the admin cannot lift anonymity before every candidate is deliberated,
 * then can, and the anonymous copy then shows the candidate's name in its
 * juror's grid.
 *
 * A session of its own (its candidates, its juror, its blocs), so that
 * lifting anonymity touches no other test's copies; the copies are handed in
 * through the app, the grids written as closed grids.
 */
import type { Page } from '@playwright/test'
import { and, eq } from 'drizzle-orm'
import * as schema from '../../db/schema'
import { referentiel } from '../../templates/referentiel'
import { BASE_URL, DEMO_ACCOUNTS, e2eDb, expect, expectNoAxeViolations, loginAs, sessionCookieFor, test, userIdByEmail } from './fixtures'

const DAY = 24 * 60 * 60 * 1000
const stamp = `${Date.now()}${Math.floor(Math.random() * 1e4)}`
const world = {
  sessionId: '',
  juror: { id: '', email: `jure-delib-${stamp}@test.local`, name: 'Édouard Vasseur' },
  apolline: { id: '', email: `apolline-${stamp}@test.local`, name: 'Apolline Delorme', casAssignment: '' },
  bastien: { id: '', email: `bastien-${stamp}@test.local`, name: 'Bastien Marchal', casAssignment: '' },
  code: '',
}
const QUOTE = 'contraste renforcé sur chaque étiquette'
const OVERRIDE = 'Compétence démontrée à l’oral malgré une fiche écrite incomplète.'

async function user(email: string, name: string, role: 'learner' | 'juror') {
  const db = e2eDb()
  const id = (await db.insert(schema.users).values({ email, name, passwordHash: 'x' }).returning())[0]!.id
  await db.insert(schema.userRoles).values({ userId: id, role })
  return id
}

/** Every criterion of an évaluation's competencies, on every part (the grid reads the rows it has). */
function cellsOf(evaluationId: string, level: (criterionId: string) => string) {
  const evaluation = referentiel.evaluations.find((e) => e.id === evaluationId)!
  const criteria = referentiel.activities.flatMap((a) => a.competencies).filter((c) => evaluation.competencyIds.includes(c.id))
  return criteria.flatMap((c) =>
    c.criteria.flatMap((k) => (['written', 'oral', 'rex'] as const).map((part) => ({ criterionId: k.id, part, level: level(k.id), comment: '' }))),
  )
}

/** A closed grid of the juror's assignment, as the grading service leaves it. */
async function closedGrid(
  assignmentId: string,
  cells: { criterionId: string; part: 'written' | 'oral' | 'rex'; level: string; comment: string; evidence?: unknown[] }[],
  overrides: { competencyId: string; result: 'acquired' | 'not-acquired'; justification: string }[] = [],
) {
  const db = e2eDb()
  const now = new Date(Date.now() - DAY)
  const gradingId = (await db.insert(schema.gradings).values({ assignmentId, status: 'closed', closedAt: now, updatedAt: now }).returning())[0]!.id
  await db.insert(schema.gradeEntries).values(cells.map((c) => ({ gradingId, learnerId: '', updatedAt: now, ...c, evidence: (c.evidence ?? []) as never })))
  if (overrides.length) await db.insert(schema.competencyOverrides).values(overrides.map((o) => ({ gradingId, learnerId: '', updatedAt: now, ...o })))
}

test.beforeAll(async ({ request }) => {
  const db = e2eDb()
  const { enrollLearners } = await import('../../app/services/dossier-provisioning.server')
  const president = await userIdByEmail(DEMO_ACCOUNTS.juror.email)
  world.sessionId = (
    await db
      .insert(schema.examSessions)
      .values({ name: `Session délibération ${stamp}`, startsOn: '2027-01-04', endsOn: '2027-06-25', presidentId: president })
      .returning()
  )[0]!.id
  world.juror.id = await user(world.juror.email, world.juror.name, 'juror')
  world.apolline.id = await user(world.apolline.email, world.apolline.name, 'learner')
  world.bastien.id = await user(world.bastien.email, world.bastien.name, 'learner')
  await enrollLearners(db, world.sessionId, [world.apolline.id, world.bastien.id])
  const instance = async (evaluationId: string, anonymous: boolean) =>
    (
      await db
        .insert(schema.evaluationInstances)
        .values({ examSessionId: world.sessionId, evaluationId, dueAt: new Date(Date.now() + 7 * DAY), cutoffAt: new Date(Date.now() + 10 * DAY), anonymous })
        .returning()
    )[0]!.id
  await instance('fiche-veille', false)
  const cas = await instance('cas-pratique-a3', true)
  const assign = async (evaluationId: string, learnerId: string) =>
    (await db.insert(schema.jurorAssignments).values({ examSessionId: world.sessionId, jurorId: world.juror.id, evaluationId, learnerId }).returning())[0]!.id
  const veilleOf = { apolline: await assign('fiche-veille', world.apolline.id), bastien: await assign('fiche-veille', world.bastien.id) }
  world.apolline.casAssignment = await assign('cas-pratique-a3', world.apolline.id)
  world.bastien.casAssignment = await assign('cas-pratique-a3', world.bastien.id)

  // Apolline hands in her anonymous cas pratique through the app.
  const dossierId = (
    await db
      .select({ id: schema.dossiers.id })
      .from(schema.dossiers)
      .where(and(eq(schema.dossiers.learnerId, world.apolline.id), eq(schema.dossiers.templateId, 'cas-pratique-a3')))
  )[0]!.id
  const cookie = await sessionCookieFor(world.apolline.email)
  const text = `Étiquettes en corps 14, ${QUOTE}, recharge sans parfum.`
  const save = await request.post(`/api/dossiers/${dossierId}/sections/inclusion`, {
    headers: { Cookie: cookie },
    data: { baseVersion: 0, content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } },
  })
  expect(save.status(), await save.text()).toBe(200)
  const handIn = await request.post(`/dossiers/${dossierId}/depot`, {
    headers: { Cookie: cookie, Origin: BASE_URL },
    form: { intent: 'hand-in', confirmed: 'on' },
    maxRedirects: 0,
  })
  expect(handIn.status(), await handIn.text()).toBeLessThan(400)
  const submissionId = (await db.select({ id: schema.submissions.id }).from(schema.submissions).where(eq(schema.submissions.dossierId, dossierId)))[0]!.id
  world.code = (
    await db
      .select({ code: schema.candidateCodes.code })
      .from(schema.candidateCodes)
      .where(and(eq(schema.candidateCodes.instanceId, cas), eq(schema.candidateCodes.subjectId, world.apolline.id)))
  )[0]!.code

  // The grids, closed. Apolline: one criterion of C1.2 missed but the competency overridden to acquired, C3.2-2 missed; a passage cited.
  const start = text.indexOf(QUOTE)
  const passage = {
    kind: 'passage',
    submissionId,
    sectionId: 'inclusion',
    selectors: [
      { type: 'TextQuoteSelector', exact: QUOTE, prefix: text.slice(0, start), suffix: text.slice(start + QUOTE.length) },
      { type: 'TextPositionSelector', start, end: start + QUOTE.length },
    ],
  }
  await closedGrid(
    veilleOf.apolline,
    cellsOf('fiche-veille', (c) => (c === 'C1.2-3' ? 'non-acquis' : 'acquis')),
    [{ competencyId: 'C1.2', result: 'acquired', justification: OVERRIDE }],
  )
  await closedGrid(
    world.apolline.casAssignment,
    cellsOf('cas-pratique-a3', (c) => (c === 'C3.2-2' ? 'non-acquis' : 'acquis')).map((cell) =>
      cell.criterionId === 'C3.1-3' && cell.part === 'written' ? { ...cell, comment: 'Accessibilité bien pensée.', evidence: [passage] } : cell,
    ),
  )
  await closedGrid(
    veilleOf.bastien,
    cellsOf('fiche-veille', () => 'acquis'),
  )
  await closedGrid(
    world.bastien.casAssignment,
    cellsOf('cas-pratique-a3', () => 'acquis'),
  )

  // Two blocs.
  const bloc = async (title: string, position: number, competencyIds: string[]) => {
    const id = (await db.insert(schema.competencyBlocs).values({ examSessionId: world.sessionId, title, position }).returning())[0]!.id
    await db.insert(schema.blocCompetencies).values(competencyIds.map((competencyId) => ({ blocId: id, examSessionId: world.sessionId, competencyId })))
  }
  await bloc('Bloc A — Veille marketing', 1, ['C1.1', 'C1.2', 'C1.3'])
  await bloc('Bloc B — Définition de la cible', 2, ['C3.1', 'C3.2', 'C3.3'])
})

test.afterAll(async () => {
  // The session goes, with its copies: nothing of it stays for other tests.
  const db = e2eDb()
  await db.delete(schema.examSessions).where(eq(schema.examSessions.id, world.sessionId))
  for (const id of [world.juror.id, world.apolline.id, world.bastien.id]) await db.delete(schema.users).where(eq(schema.users.id, id))
})

async function noSidewaysScroll(page: Page) {
  for (const width of [320, 1366]) {
    await page.setViewportSize({ width, height: 900 })
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow, `sideways scroll at ${width} px`).toBeLessThanOrEqual(0)
  }
}

/** Screenshots for a human eye, when SHOTS is set (test-results/deliberation). */
async function shots(page: Page, name: string) {
  if (!process.env.SHOTS) return
  for (const width of [320, 390, 1366]) {
    await page.setViewportSize({ width, height: 900 })
    await page.screenshot({ path: `test-results/deliberation/${name}-${width}.png`, fullPage: true })
  }
  await page.setViewportSize({ width: 1366, height: 900 })
}

const listUrl = () => `/deliberation/${world.sessionId}`
const candidateUrl = (learnerId: string) => `/deliberation/${world.sessionId}/${learnerId}`

test('a juror who does not preside, a learner and the copies’ own juror get 403', async ({ page }) => {
  for (const who of [
    { email: DEMO_ACCOUNTS.juror.email.replace('jure1', 'jure2') },
    { email: world.juror.email },
    { email: world.apolline.email },
    'tutor' as const,
  ]) {
    await page.context().clearCookies()
    await loginAs(page, who)
    for (const url of [listUrl(), candidateUrl(world.apolline.id)]) {
      const response = await page.goto(url)
      expect(response?.status(), `${JSON.stringify(who)} ${url}`).toBe(403)
    }
  }
  await expect(page.getByRole('heading', { name: 'Accès refusé' })).toBeVisible()
})

test('the president deliberates; the admin sees it; anonymity lifts only once every candidate is deliberated', async ({ page }) => {
  // A long walk: four accounts, nine pages, axe on each.
  test.setTimeout(180_000)
  // The president opens the list.
  await loginAs(page, 'juror')
  await page.goto(listUrl())
  await expect(page.getByRole('heading', { name: 'Délibération', level: 1 })).toBeVisible()
  await expect(page.getByText(/0\sdécisions confirmées sur 2\scandidat·es/)).toBeVisible()
  const rowOf = (name: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) })
  await expect(rowOf(world.apolline.name)).toContainText('Validation partielle de blocs')
  await expect(rowOf(world.apolline.name)).toContainText('À délibérer')
  await expect(rowOf(world.bastien.name)).toContainText('Certification complète')
  await expectNoAxeViolations(page)
  await noSidewaysScroll(page)
  await shots(page, 'list-president')

  // A candidate: sources and evidence.
  await page.getByRole('link', { name: world.apolline.name }).click()
  await expect(page.getByRole('heading', { name: world.apolline.name, level: 1 })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Les 51 compétences' })).toBeVisible()
  const competency = (id: string) => page.locator(`#competence-${id.replace('.', '\\.')}`)
  await competency('C3.1').locator('summary').click()
  await expect(competency('C3.1')).toContainText('Acquise')
  await expect(competency('C3.1')).toContainText(world.juror.name)
  await expect(competency('C3.1')).toContainText('Grille close')
  await expect(competency('C3.1')).toContainText(`«\u00a0${QUOTE}\u00a0»`)
  await expect(competency('C3.1')).toContainText('Accessibilité bien pensée.')
  await competency('C1.2').locator('summary').click()
  await expect(competency('C1.2')).toContainText(OVERRIDE)
  await expect(competency('C3.2').locator('summary')).toContainText('Non acquise')
  await expectNoAxeViolations(page)
  await noSidewaysScroll(page)

  // Departing from bloc B's proposal without a reason is refused; nothing typed is lost.
  const blocB = page.getByRole('group', { name: /Bloc B — Définition de la cible/ })
  await expect(blocB).toContainText('Proposition')
  await blocB.getByRole('radio', { name: /^Acquis/ }).check()
  await expect(page.getByText('Décision globale qui en découle')).toContainText('Certification complète')
  await page.getByLabel('Observation du jury (facultative)').fill('Jury réuni au complet.')
  await page.getByRole('button', { name: 'Confirmer la délibération' }).click()
  await expect(page.getByRole('alert')).toContainText('Rien n’a été confirmé')
  const reason = blocB.getByLabel(/Raison de l’écart/)
  await expect(reason).toHaveAttribute('aria-invalid', 'true')
  await expect(blocB).toContainText('donnez-en la raison')
  await expect(page.getByLabel('Observation du jury (facultative)')).toHaveValue('Jury réuni au complet.')
  await expect(blocB.getByRole('radio', { name: /^Acquis/ })).toBeChecked()
  await expectNoAxeViolations(page)
  await shots(page, 'candidate-refused')

  // With a reason, it is confirmed, with the time and the president's name.
  await reason.fill('Le rattrapage oral a montré la maîtrise de la cible secondaire.')
  await page.getByRole('button', { name: 'Confirmer la délibération' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Délibération confirmée' })).toContainText('Certification complète')
  await expect(page.getByText(/Confirmée par Benoît Lemaître, le \d{1,2} \S+ \d{4} à \d{1,2}\u00a0h\u00a0\d{2}\./)).toBeVisible()
  await expect(page.getByRole('button', { name: 'Confirmer à nouveau' })).toBeVisible()
  await expectNoAxeViolations(page)
  await shots(page, 'candidate-confirmed')

  // The admin sees the confirmation with its time, reads the candidate, and cannot lift anonymity yet.
  await page.context().clearCookies()
  await loginAs(page, 'admin')
  await page.goto(listUrl())
  await expect(page.getByText(/1\sdécision confirmée sur 2\scandidat·es/)).toBeVisible()
  await expect(rowOf(world.apolline.name)).toContainText('Confirmée')
  await expect(rowOf(world.apolline.name)).toContainText('Écart à la proposition')
  await expect(rowOf(world.apolline.name)).toContainText(/par Benoît Lemaître, le \d{1,2} \S+ \d{4} à \d{1,2}\u00a0h\u00a0\d{2}/)
  await expectNoAxeViolations(page)
  await noSidewaysScroll(page)
  await shots(page, 'list-admin')
  const lift = async () => {
    await page.getByRole('button', { name: 'Lever l’anonymat' }).click()
    const dialog = page.getByRole('dialog')
    await expect(dialog).toContainText('La levée est définitive')
    await dialog.getByRole('button', { name: 'Lever l’anonymat' }).click()
  }
  await lift()
  await expect(page.getByRole('alert')).toContainText('L’anonymat se lève après la délibération')
  await expect(page.getByRole('alert')).toContainText(/1\scandidat·e attend encore/)

  await page.goto(candidateUrl(world.apolline.id))
  await expect(page.getByText(/Confirmée par Benoît Lemaître, le/)).toBeVisible()
  await expect(page.getByRole('button', { name: /Confirmer/ })).toHaveCount(0)
  await expect(page.getByText('Seul·e le ou la président·e du jury (Benoît Lemaître) confirme les décisions.')).toBeVisible()
  await expectNoAxeViolations(page)

  // Before the lift, the copy's juror sees the candidate code only.
  await page.context().clearCookies()
  await loginAs(page, { email: world.juror.email })
  await page.goto(`/jury/copies/${world.apolline.casAssignment}`)
  await expect(page.getByText(`Copie ${world.code}`)).toBeVisible()
  await expect(page.getByText(world.apolline.name)).toHaveCount(0)

  // The president confirms the other candidate as proposed.
  await page.context().clearCookies()
  await loginAs(page, 'juror')
  await page.goto(candidateUrl(world.bastien.id))
  await page.getByRole('button', { name: 'Confirmer la délibération' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Délibération confirmée' })).toContainText('Certification complète')

  // Now the admin lifts anonymity.
  await page.context().clearCookies()
  await loginAs(page, 'admin')
  await page.goto(listUrl())
  await expect(page.getByText(/2\sdécisions confirmées sur 2\scandidat·es/)).toBeVisible()
  await lift()
  await expect(page.getByRole('status').filter({ hasText: 'Anonymat levé' })).toContainText('1\u00a0épreuve')
  await expect(page.getByText(/anonymat levé le \d{1,2} \S+ \d{4}/)).toBeVisible()
  await expectNoAxeViolations(page)

  // The anonymous copy now shows the candidate's name in the juror's grid.
  await page.context().clearCookies()
  await loginAs(page, { email: world.juror.email })
  await page.goto(`/jury/copies/${world.apolline.casAssignment}`)
  await expect(page.locator('.jury-head__label')).toContainText(world.apolline.name)
  await expect(page.getByText(`Copie ${world.code}`)).toHaveCount(0)
})

test('the admin configures the blocs and the president; others get 403', async ({ page }) => {
  test.setTimeout(120_000)
  const db = e2eDb()
  const sessionId = (
    await db
      .insert(schema.examSessions)
      .values({ name: `Session blocs ${stamp}`, startsOn: '2027-01-04', endsOn: '2027-06-25' })
      .returning()
  )[0]!.id
  try {
    const url = `/admin/sessions/${sessionId}/blocs`
    for (const who of ['juror', 'tutor', 'learner'] as const) {
      await page.context().clearCookies()
      await loginAs(page, who)
      expect((await page.goto(url))?.status(), who).toBe(403)
    }
    await page.context().clearCookies()
    await loginAs(page, 'admin')
    await page.goto(url)
    await expect(page.getByRole('heading', { name: 'Blocs de compétences', level: 1 })).toBeVisible()
    await expect(page.getByText('ne liste pas les blocs')).toBeVisible()
    await expect(page.getByText(/51\scompétences ne sont dans aucun bloc/)).toBeVisible()

    // The president: a juror.
    await page.getByLabel('Juré·e qui préside').selectOption({ label: `${DEMO_ACCOUNTS.juror.name} (${DEMO_ACCOUNTS.juror.email})` })
    await page.getByRole('button', { name: 'Enregistrer la présidence' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'préside désormais' })).toBeVisible()

    // Two blocs; an empty title is refused.
    await page.getByRole('button', { name: 'Ajouter le bloc' }).click()
    await expect(page.getByText('Donnez un titre au bloc.').last()).toBeVisible()
    for (const title of ['Bloc 1 — Veille et cible', 'Bloc 2 — Communication']) {
      await page.getByLabel('Titre du bloc').fill(title)
      await page.getByRole('button', { name: 'Ajouter le bloc' }).click()
      await expect(page.getByRole('heading', { name: title, level: 3 })).toBeVisible()
    }
    // The first bloc's competencies, chosen by activity with their verbatim titles.
    const first = page.getByRole('article', { name: /Bloc 1 — Veille et cible/ })
    await first.getByText('Choisir les compétences').click()
    for (const id of ['C1.1', 'C1.2', 'C3.1']) await first.getByRole('checkbox', { name: new RegExp(`^${id.replace('.', '\\.')} `) }).check()
    await expect(first.getByRole('group', { name: /^A1 — Mise en place d’un système de veille marketing/ })).toBeVisible()
    await first.getByRole('button', { name: /Enregistrer les compétences/ }).click()
    await expect(first.getByRole('status')).toContainText('3 compétences')
    await expect(page.getByText(/48\scompétences ne sont dans aucun bloc/)).toBeVisible()
    // Taking C3.1 into the second bloc moves it there.
    const second = page.getByRole('article', { name: /Bloc 2 — Communication/ })
    await second.getByText('Choisir les compétences').click()
    await expect(second.getByRole('checkbox', { name: /^C3\.1 .*Actuellement dans «\sBloc 1 — Veille et cible\s»\.$/ })).toBeVisible()
    await second.getByRole('checkbox', { name: /^C3\.1 / }).check()
    await second.getByRole('button', { name: /Enregistrer les compétences/ }).click()
    await expect(second.getByRole('status')).toContainText('Une compétence a quitté son ancien bloc.')
    await expect(first).toContainText('2 compétences')
    // Reorder, then delete after confirming.
    await second.getByRole('button', { name: 'Monter le bloc Bloc 2 — Communication' }).click()
    await expect(page.getByRole('article').first()).toContainText('Bloc 2 — Communication')
    await expectNoAxeViolations(page)
    await noSidewaysScroll(page)
    await shots(page, 'blocs-admin')
    await page.getByRole('button', { name: 'Supprimer le bloc Bloc 2 — Communication' }).click()
    const dialog = page.getByRole('dialog')
    await expect(dialog).toContainText('Supprimer le bloc «\u00a0Bloc 2 — Communication\u00a0»')
    await dialog.getByRole('button', { name: 'Annuler' }).click()
    await expect(page.getByRole('article')).toHaveCount(2)
    await page.getByRole('button', { name: 'Supprimer le bloc Bloc 2 — Communication' }).click()
    await dialog.getByRole('button', { name: 'Supprimer le bloc' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'a été supprimé' })).toBeVisible()
    await expect(page.getByRole('article')).toHaveCount(1)
    await expect(page.getByText(/49\scompétences ne sont dans aucun bloc/)).toBeVisible()
  } finally {
    await db.delete(schema.examSessions).where(eq(schema.examSessions.id, sessionId))
  }
})
