import { and, asc, eq, isNotNull, like } from 'drizzle-orm'
import type { Page } from '@playwright/test'
import * as schema from '../../db/schema'
import { DEMO_DOMAIN } from '../../db/seed'
import { e2eDb, expect, expectNoAxeViolations, loginAs, test } from './fixtures'

/**
 * The juror's side of the hand-in: the list of copies and the grading grid,
 * driven with the keyboard. Each test grades with a juror of its own, newly
 * assigned to a copy the demo seed handed in (db/seed-jury.ts), so that no
 * other test's grid is touched.
 */

const { users, userRoles, jurorAssignments, submissions, dossiers, evaluationInstances } = schema

async function newJuror(label: string) {
  const db = e2eDb()
  const email = `jure-${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@test.local`
  const user = (
    await db
      .insert(users)
      .values({ email, name: `Juré ${label}`, passwordHash: 'x' })
      .returning()
  )[0]!
  await db.insert(userRoles).values({ userId: user.id, role: 'juror' })
  return { id: user.id, email }
}

/** Assigns the juror to the first learner whose `evaluationId` dossier was handed in; returns the assignment and who it is. */
async function assignHandedInCopy(jurorId: string, evaluationId: string) {
  const db = e2eDb()
  const [copy] = await db
    .select({ learnerId: dossiers.learnerId, examSessionId: dossiers.examSessionId, name: users.name, email: users.email })
    .from(submissions)
    .innerJoin(dossiers, eq(dossiers.id, submissions.dossierId))
    .innerJoin(users, eq(users.id, dossiers.learnerId))
    // A demo learner's copy (the seed's content): other specs hand in copies of their own.
    .where(and(eq(dossiers.templateId, evaluationId), isNotNull(dossiers.learnerId), like(users.email, `%@${DEMO_DOMAIN}`)))
    .orderBy(asc(users.email))
  if (!copy?.learnerId) throw new Error(`No handed-in ${evaluationId} in the e2e database: the demo seed should hand some in (db/seed-jury.ts)`)
  const assignment = (
    await db.insert(jurorAssignments).values({ examSessionId: copy.examSessionId, jurorId, evaluationId, learnerId: copy.learnerId }).returning()
  )[0]!
  const [instance] = await db
    .select()
    .from(evaluationInstances)
    .where(and(eq(evaluationInstances.examSessionId, copy.examSessionId), eq(evaluationInstances.evaluationId, evaluationId)))
  return { assignmentId: assignment.id, learnerName: copy.name, learnerEmail: copy.email, anonymous: Boolean(instance?.anonymous) }
}

const row = (page: Page, criterionId: string, part: 'written' | 'oral' | 'rex', learnerId = '') =>
  page.locator(`[data-row="${criterionId}|${part}|${learnerId}"]`)

/** Presses Tab until `target` has focus (the keyboard path a juror takes); fails after `max` presses. */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, max = 250) {
  const handle = await target.elementHandle()
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate((el) => document.activeElement === el, handle)) return
  }
  throw new Error(`Tab never reached ${String(target)}`)
}

async function expectSaved(page: Page) {
  await expect(page.locator('.jury-status .save-status')).toHaveText(/^Enregistré/)
}

/** Waits for the read-only editors: the page is live and a passage can be selected. */
async function gridReady(page: Page) {
  await page.waitForFunction(() => !document.querySelector('fieldset.until-hydrated[disabled]') && document.querySelector('.jury-pane--snapshot .ProseMirror'))
}

async function noSidewaysScroll(page: Page) {
  for (const width of [320, 390, 1366]) {
    await page.setViewportSize({ width, height: 900 })
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow, `sideways scroll at ${width} px`).toBeLessThanOrEqual(0)
  }
}

test('a juror grades written and oral criteria with the keyboard, cites a passage, overrides a competency and sees the audit trail', async ({ page }) => {
  // A long path through a page with read-only editors, on a machine shared with other builds.
  test.setTimeout(240_000)
  const juror = await newJuror('grille')
  const copy = await assignHandedInCopy(juror.id, 'fiche-veille')
  await loginAs(page, { email: juror.email })

  // The list: the copy, by instance, to evaluate.
  await page.goto('/jury')
  await expect(page).toHaveTitle('Mes évaluations — Atelier')
  const instance = page.getByRole('region', { name: /Fiche de compétences «\s?Veille\s?»/ })
  const link = instance.getByRole('link', { name: copy.learnerName })
  await expect(link).toBeVisible()
  await expect(instance.getByRole('row', { name: new RegExp(copy.learnerName) })).toContainText('À évaluer')
  await noSidewaysScroll(page)
  await page.setViewportSize({ width: 320, height: 900 })
  await expectNoAxeViolations(page)
  await page.setViewportSize({ width: 1366, height: 900 })
  await expectNoAxeViolations(page)

  // Opened from the list with the keyboard.
  await tabTo(page, link)
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(`/jury/copies/${copy.assignmentId}`)
  await expect(page).toHaveTitle(`${copy.learnerName} — Grille d’évaluation — Atelier`)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Fiche de compétences « Veille »')
  await expect(page.getByText('Empreinte SHA-256').first()).toBeVisible()
  await gridReady(page)
  await expectNoAxeViolations(page)

  // A written criterion: Acquis, at once.
  const written = row(page, 'C1.1-1', 'written')
  await written.getByRole('radio', { name: 'Acquis', exact: true }).focus()
  await page.keyboard.press('Space')
  await expect(written.getByRole('radio', { name: 'Acquis', exact: true })).toBeChecked()
  await expectSaved(page)

  // Its comment from the comment bank (the school's entries), with the keyboard.
  const bank = written.locator('details.jury-bank')
  await tabTo(page, bank.locator('summary'))
  await page.keyboard.press('Enter')
  // The list is rendered on the toggle event: wait for it before asking whether the toggle is there.
  await expect(bank.locator('.bank-picker__body')).toBeVisible()
  const showAll = bank.getByRole('checkbox', { name: /Afficher toute la banque/ })
  if ((await showAll.count()) > 0) {
    await tabTo(page, showAll)
    await page.keyboard.press('Space')
    await expect(showAll).toBeChecked()
  }
  const entry = (await bank.locator('.bank-picker__text').first().textContent())!.trim()
  expect(entry.length).toBeGreaterThan(10)
  await tabTo(page, bank.getByRole('button', { name: 'Insérer' }).first())
  await page.keyboard.press('Enter')
  await expect(written.getByRole('textbox', { name: /Commentaire/ })).toHaveValue(entry)
  await expectSaved(page)

  // An oral criterion: Non acquis with the arrow keys, then a comment (saved when the juror moves on).
  const oral = row(page, 'C1.3-6', 'oral')
  await expect(oral).toContainText('Oral')
  await oral.getByRole('radio', { name: 'Acquis', exact: true }).focus()
  await page.keyboard.press('ArrowRight')
  await expect(oral.getByRole('radio', { name: 'Non acquis' })).toBeChecked()
  await page.keyboard.press('Tab')
  await expect(oral.getByRole('textbox', { name: /Commentaire/ })).toBeFocused()
  await page.keyboard.type('Grand oral trop rapide : le positionnement n’est pas argumenté.')
  await page.keyboard.press('Tab')
  await expectSaved(page)

  // A passage selected in the snapshot with Shift+arrows, then cited from the grid.
  const contexte = page.locator('#copie .jury-section').filter({ has: page.getByRole('heading', { name: 'Contexte professionnel' }) })
  const editor = contexte.locator('.ProseMirror')
  await editor.focus()
  await page.keyboard.press('Control+Home')
  for (let i = 0; i < 'En alternance'.length; i++) await page.keyboard.press('Shift+ArrowRight')
  await expect(page.locator('#jury-selection')).toContainText('« En alternance » — Contexte professionnel')
  const cited = row(page, 'C1.1-2', 'written')
  const cite = cited.getByRole('button', { name: /Citer le passage sélectionné/ })
  await tabTo(page, cite)
  await page.keyboard.press('Enter')
  const evidence = cited.getByRole('link', { name: '« En alternance »' })
  await expect(evidence).toBeVisible()
  await expectSaved(page)
  // The link shows the passage, highlighted, in the snapshot.
  await evidence.focus()
  await page.keyboard.press('Enter')
  await expect(editor.locator('.rt-passage--active')).toHaveText('En alternance')
  await expect(editor).toBeFocused()

  // The jury's decision on C1.1: refused without a justification, saved with one.
  const competency = page.getByRole('region', { name: /^C1\.1 / })
  const decision = competency.getByRole('group', { name: /Décision du jury/ })
  const result = decision.getByRole('combobox', { name: 'Résultat retenu' })
  await result.focus()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  await expect(result).toHaveValue('not-acquired')
  const save = decision.getByRole('button', { name: /Enregistrer la décision/ })
  await tabTo(page, save)
  await page.keyboard.press('Enter')
  await expect(decision.getByRole('alert')).toHaveText('Justifiez la décision du jury (10 caractères au moins).')
  await page.keyboard.press('Shift+Tab')
  await expect(decision.getByRole('textbox', { name: /Justification/ })).toBeFocused()
  await page.keyboard.type('Les sources ne sont pas évaluées : la fiabilité n’est jamais discutée.')
  await page.keyboard.press('Tab')
  await expect(save).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(decision.getByRole('status')).toHaveText('Décision enregistrée : Non acquise.')
  await expect(competency.getByText('Décision du jury enregistrée')).toBeVisible()

  // The audit trail lists every change, with who made it.
  const audit = page.getByRole('region', { name: 'Historique des notes' })
  // At least these: two levels, a comment, the evidence, the decision.
  await expect.poll(() => audit.getByRole('listitem').count()).toBeGreaterThanOrEqual(5)
  await expect(audit).toContainText('C1.1-1')
  await expect(audit).toContainText('C1.3-6')
  await expect(audit).toContainText('C1.1-2')
  await expect(audit).toContainText('C1.1')
  await expect(audit).toContainText('Juré grille')
  await expectNoAxeViolations(page)

  // Everything was stored: a reload shows it again.
  await page.reload()
  await gridReady(page)
  await expect(row(page, 'C1.1-1', 'written').getByRole('radio', { name: 'Acquis', exact: true })).toBeChecked()
  await expect(row(page, 'C1.1-1', 'written').getByRole('textbox', { name: /Commentaire/ })).toHaveValue(entry)
  await expect(row(page, 'C1.3-6', 'oral').getByRole('radio', { name: 'Non acquis' })).toBeChecked()
  await expect(row(page, 'C1.3-6', 'oral').getByRole('textbox', { name: /Commentaire/ })).toHaveValue(
    'Grand oral trop rapide : le positionnement n’est pas argumenté.',
  )
  await expect(row(page, 'C1.1-2', 'written').getByRole('link', { name: '« En alternance »' })).toBeVisible()
  await expect(page.getByRole('region', { name: /^C1\.1 / }).getByRole('combobox', { name: 'Résultat retenu' })).toHaveValue('not-acquired')

  // Closing asks first; a closed grid takes no edit until it is reopened.
  await tabTo(page, page.getByRole('button', { name: 'Clore la grille' }))
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText('Clore la grille')
  await expect(dialog.getByRole('button', { name: 'Annuler' })).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(dialog.getByRole('button', { name: 'Clore la grille' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByText('Grille close', { exact: true })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Rouvrir la grille' })).toBeFocused()
  await expect(row(page, 'C1.1-1', 'written').getByRole('radio', { name: 'Non acquis' })).toBeDisabled()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('button', { name: 'Clore la grille' })).toBeFocused()
  await expect(row(page, 'C1.1-1', 'written').getByRole('radio', { name: 'Non acquis' })).toBeEnabled()
  await noSidewaysScroll(page)
})

test('two tabs grading the same cell: the second sees the first one’s value and keeps its own, nothing typed is lost', async ({ browser }) => {
  const juror = await newJuror('conflit')
  const copy = await assignHandedInCopy(juror.id, 'fiche-veille')
  test.setTimeout(120_000)
  const contexts = await Promise.all([browser.newContext(), browser.newContext()])
  const [a, b] = (await Promise.all(contexts.map((c) => c.newPage()))) as [Page, Page]
  for (const page of [a, b]) {
    await loginAs(page, { email: juror.email })
    await page.goto(`/jury/copies/${copy.assignmentId}`)
    await gridReady(page)
  }
  // Tab A writes first.
  await row(a, 'C1.2-1', 'written').getByRole('radio', { name: 'Acquis', exact: true }).check()
  await expectSaved(a)
  // Tab B, still on the page it loaded, writes the same cell.
  const mine = 'Analyse solide, mais les données de 2024 manquent.'
  await row(b, 'C1.2-1', 'written')
    .getByRole('textbox', { name: /Commentaire/ })
    .fill(mine)
  await row(b, 'C1.2-1', 'written').getByRole('radio', { name: 'Non acquis' }).check()
  const conflict = row(b, 'C1.2-1', 'written').locator('.conflict')
  await expect(conflict).toContainText('L’autre version (enregistrée)')
  await expect(conflict).toContainText('Niveau : Acquis')
  await expect(b.locator('.jury-status .save-status')).toHaveText(/Conflit à résoudre/)
  await expect(row(b, 'C1.2-1', 'written').getByRole('textbox', { name: /Commentaire/ })).toHaveValue(mine)
  await expectNoAxeViolations(b)
  await conflict.getByRole('button', { name: 'Garder ma version' }).click()
  await expectSaved(b)
  // Stored: A sees B's version after a reload.
  await a.reload()
  await gridReady(a)
  await expect(row(a, 'C1.2-1', 'written').getByRole('radio', { name: 'Non acquis' })).toBeChecked()
  await expect(row(a, 'C1.2-1', 'written').getByRole('textbox', { name: /Commentaire/ })).toHaveValue(mine)
  await Promise.all(contexts.map((c) => c.close()))
})

test('an anonymous copy shows its candidate code, never the candidate’s name', async ({ page }) => {
  test.setTimeout(120_000)
  const juror = await newJuror('anonyme')
  const copy = await assignHandedInCopy(juror.id, 'cas-pratique-a3')
  expect(copy.anonymous, 'the demo seed marks the cas pratiques anonymous').toBe(true)
  await loginAs(page, { email: juror.email })
  await page.goto('/jury')
  const instance = page.getByRole('region', { name: /Cas pratique professionnel \(C3\.1/ })
  await expect(instance.getByText('Correction anonyme')).toBeVisible()
  await expect(instance.getByRole('columnheader', { name: 'Code candidat' })).toBeVisible()
  const code = (await instance.getByRole('rowheader').first().innerText()).trim()
  expect(code).toMatch(/^[2-9A-Z]{2}-[2-9A-Z]{4}$/)
  await expect(page.locator('body')).not.toContainText(copy.learnerName)

  await instance.getByRole('link', { name: code }).click()
  await expect(page).toHaveTitle(`${code} — Grille d’évaluation — Atelier`)
  await gridReady(page)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(code)
  const html = await page.content()
  for (const secret of [copy.learnerName, copy.learnerEmail, ...copy.learnerName.split(' ')]) expect(html).not.toContain(secret)
  await expectNoAxeViolations(page)
  await page.setViewportSize({ width: 320, height: 800 })
  await expectNoAxeViolations(page)
})
