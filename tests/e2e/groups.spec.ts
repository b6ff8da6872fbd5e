/**
 * The groups of a session's group épreuves (issue 13 §4–§5), on an exam
 * session of its own with seven learners (the demo's groups stay untouched):
 * the admin forms the MSP A2 groups at random (3, 2, 2), makes a serious-game
 * group by hand, draws its themes, redraws (refused without a reason), reads
 * the history, moves a learner; the learner reads their theme in the dossier.
 */
import { and, eq, isNull } from 'drizzle-orm'
import * as schema from '../../db/schema'
import { enrollLearners } from '../../app/services/dossier-provisioning.server'
import { e2eDb, expect, expectNoAxeViolations, loginAs, test } from './fixtures'

test.describe.configure({ mode: 'serial' })

const NAMES = ['Anaïs Essai', 'Bastien Essai', 'Camille Essai', 'Dylan Essai', 'Éva Essai', 'Farid Essai', 'Gaëlle Essai']
const THEMES = ['Identité visuelle', 'Identité de marque', 'Éco-conception']
const REASON = 'Camille était absente au premier tirage.'
const ctx = { stamp: '', sessionId: '', learners: [] as { id: string; email: string; name: string }[] }
const url = () => `/admin/sessions/${ctx.sessionId}/groupes`

test.beforeAll(async () => {
  const db = e2eDb()
  ctx.stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`
  ctx.sessionId = (
    await db
      .insert(schema.examSessions)
      .values({ name: `Session groupes ${ctx.stamp}`, startsOn: '2027-01-11', endsOn: '2027-06-30' })
      .returning()
  )[0]!.id
  ctx.learners = []
  for (const [i, name] of NAMES.entries()) {
    const email = `groupes-${i}-${ctx.stamp}@test.local`
    const id = (await db.insert(schema.users).values({ email, name, passwordHash: 'x' }).returning())[0]!.id
    await db.insert(schema.userRoles).values({ userId: id, role: 'learner' })
    ctx.learners.push({ id, email, name })
  }
  await enrollLearners(
    db,
    ctx.sessionId,
    ctx.learners.map((l) => l.id),
  )
})

test('the admin forms the MSP groups at random: 3, 2 and 2, the seed in the message', async ({ page }) => {
  await loginAs(page, 'admin')
  await page.goto(url())
  await expect(page.getByRole('heading', { level: 1, name: 'Groupes' })).toBeVisible()
  const msp = page.locator('#msp-a2')
  await expect(msp.getByRole('heading', { level: 2 })).toHaveText('A2 — Mise en situation professionnelle reconstituée')
  await expect(msp.getByText('Groupes de 2 à 3\u00a0candidat·es')).toBeVisible()
  await expect(msp.getByText('Aucun groupe pour l’instant')).toBeVisible()
  await expectNoAxeViolations(page)

  await msp.getByRole('button', { name: /Former les groupes au hasard/ }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText('Répartir au hasard les 7\u00a0candidat·es sans groupe')
  await dialog.getByRole('button', { name: 'Former les groupes' }).click()
  const message = msp.getByRole('status').filter({ hasText: 'groupes formés' })
  await expect(message).toContainText(
    /^3\u00a0groupes formés au hasard parmi 7\u00a0candidat·es sans groupe\u00a0: Groupe 1 \(3\), Groupe 2 \(2\), Groupe 3 \(2\) \(graine\u00a0: [0-9a-f]{32}\)\.$/,
  )
  await expect(message).toBeFocused()
  const cards = msp.getByRole('article')
  await expect(cards).toHaveCount(3)
  await expect(cards.nth(0).getByRole('heading')).toHaveText('Groupe 1')
  await expect(cards.nth(0)).toContainText('3\u00a0membres')
  await expect(cards.nth(1)).toContainText('2\u00a0membres')
  await expect(cards.nth(2)).toContainText('2\u00a0membres')
  await expect(msp.getByText('Tous les candidat·es inscrit·es ont un groupe dans cette épreuve.')).toBeVisible()
  // The formation is logged with its seed, and replays to the same groups.
  const seed = /graine\u00a0: ([0-9a-f]{32})/.exec((await message.textContent()) ?? '')?.[1]
  await msp.getByText(/^Journal des formations au hasard \(1\)/).click()
  const log = msp.locator('details', { hasText: 'Journal des formations' })
  await expect(log).toContainText(`graine\u00a0: ${seed}`)
  await expect(log).toContainText('vérifié')
  await expect(log.getByRole('listitem').filter({ hasText: /^Groupe 1\u00a0: / })).toHaveCount(1)
  await expectNoAxeViolations(page)
})

test('the admin makes a serious-game group by hand, draws the themes, redraws with a reason only', async ({ page }) => {
  await loginAs(page, 'admin')
  await page.goto(url())
  const game = page.locator('#serious-game-a11')
  await expect(game.getByText('Groupes de 3\u00a0candidat·es exactement')).toBeVisible()

  // Two learners are refused (exactly 3), the boxes are there again.
  await game.getByText('Créer un groupe à la main').click()
  await game.getByLabel('Anaïs Essai', { exact: true }).check()
  await game.getByLabel('Bastien Essai', { exact: true }).check()
  await game.getByRole('button', { name: 'Créer le groupe' }).click()
  await expect(game.getByRole('alert')).toHaveText('Un groupe de serious game compte exactement 3\u00a0membres (celui-ci en compte 2).')
  await game.getByLabel('Anaïs Essai', { exact: true }).check()
  await game.getByLabel('Bastien Essai', { exact: true }).check()
  await game.getByLabel('Camille Essai', { exact: true }).check()
  await game.getByRole('button', { name: 'Créer le groupe' }).click()
  await expect(game.getByRole('status').filter({ hasText: 'est créé' })).toHaveText('Groupe 1 est créé avec Anaïs Essai, Bastien Essai, Camille Essai.')
  const card = game.getByRole('article', { name: 'Groupe 1' })
  await expect(card).toContainText('Les thèmes ne sont pas encore tirés.')

  // The draw: three distinct themes, verified.
  await card.getByRole('button', { name: /Tirer les thèmes/ }).click()
  const drawn = card.getByRole('status').filter({ hasText: 'Thèmes tirés' })
  await expect(drawn).toContainText(/^Thèmes tirés au sort pour Groupe 1 \(graine\u00a0: [0-9a-f]{32}\)\.$/)
  await expect(drawn).toBeFocused()
  const current = card.locator('section > ul').first()
  for (const theme of THEMES) await expect(current.getByText(theme, { exact: true })).toHaveCount(1)
  await expect(card.getByText('vérifié', { exact: true }).first()).toBeVisible()
  await expect(card).toContainText('Tiré par Hélène Dubreuil le ')

  // A redraw without a reason, then with a too short one, is refused; what was typed stays.
  const redraw = card.getByRole('button', { name: /Refaire le tirage/ })
  await redraw.click()
  const reason = card.getByLabel('Raison du nouveau tirage')
  await expect(card.getByRole('alert').first()).toContainText('Un nouveau tirage remplace le tirage en cours\u00a0: donnez-en la raison')
  await expect(reason).toBeFocused()
  await reason.fill('Absente')
  await redraw.click()
  await expect(reason).toHaveAttribute('aria-invalid', 'true')
  await expect(reason).toHaveValue('Absente')
  await reason.fill(REASON)
  await redraw.click()
  await expect(card.getByRole('status').filter({ hasText: 'Nouveau tirage' })).toContainText('le précédent reste dans l’historique')
  await expect(reason).toHaveValue('')

  // The history: both draws, the first one superseded, the reason shown.
  await card.getByText('Historique des tirages (2)').click()
  const history = card.locator('details ol > li')
  await expect(history).toHaveCount(2)
  await expect(history.nth(0)).toContainText('Tirage en cours.')
  await expect(history.nth(0)).toContainText(`Raison\u00a0: ${REASON}`)
  await expect(history.nth(1)).toContainText('Remplacé le ')
  await expect(card.locator('details').getByText('vérifié', { exact: true })).toHaveCount(2)
  await expectNoAxeViolations(page)
})

test('the admin moves a learner between MSP groups and reads what happens to the dossiers', async ({ page }) => {
  await loginAs(page, 'admin')
  await page.goto(url())
  const msp = page.locator('#msp-a2')
  const first = msp.getByRole('article', { name: 'Groupe 1' })
  const mover = (await first.locator('li strong').first().textContent())!.trim()
  // Each member's move opens from « Changer de groupe » (its list of groups is built then).
  await expect(first.getByLabel(`Déplacer ${mover} vers`)).toHaveCount(0)
  await first.locator('summary').filter({ hasText: mover }).click()
  await first.getByLabel(`Déplacer ${mover} vers`).selectOption({ label: 'Groupe 2 (2\u00a0membres)' })
  await first.getByRole('button', { name: `Déplacer ${mover}` }).click()
  const second = msp.getByRole('article', { name: 'Groupe 2' })
  const message = second.getByRole('status')
  await expect(message).toContainText(
    `${mover} passe de Groupe 1 à Groupe 2\u00a0: son accès au dossier commun de Groupe 1 s’arrête (ce dossier reste à Groupe 1`,
  )
  await expect(message).toContainText('Son REX individuel reste le sien, avec son contenu.')
  await expect(message).toBeFocused()
  await expect(second).toContainText('3\u00a0membres')
  await expect(first).toContainText('2\u00a0membres')

  // Groupe 2 is full now: another move into it is refused.
  const other = (await first.locator('li strong').first().textContent())!.trim()
  await first.locator('summary').filter({ hasText: other }).click()
  await first.getByLabel(`Déplacer ${other} vers`).selectOption({ label: 'Groupe 2 (3\u00a0membres)' })
  await first.getByRole('button', { name: `Déplacer ${other}` }).click()
  await expect(first.getByRole('alert')).toContainText('Groupe 2 compte déjà 3\u00a0membres, le maximum pour cette épreuve')
})

test('a learner of the serious-game group reads their theme in the dossier', async ({ page }) => {
  const anais = ctx.learners[0]!
  const db = e2eDb()
  const group = (
    await db
      .select({ id: schema.groups.id })
      .from(schema.groups)
      .where(and(eq(schema.groups.examSessionId, ctx.sessionId), eq(schema.groups.evaluationId, 'serious-game-a11')))
  )[0]!
  const draw = (
    await db
      .select()
      .from(schema.themeDraws)
      .where(and(eq(schema.themeDraws.groupId, group.id), isNull(schema.themeDraws.supersededAt)))
  )[0]!
  const theme = draw.result.find((r) => r.learnerId === anais.id)!.theme
  const label = { 'identite-visuelle': 'Identité visuelle', 'identite-de-marque': 'Identité de marque', 'eco-conception': 'Éco-conception' }[theme]
  const dossier = (
    await db
      .select({ id: schema.dossiers.id })
      .from(schema.dossiers)
      .where(and(eq(schema.dossiers.groupId, group.id), eq(schema.dossiers.templateId, 'serious-game-a11')))
  )[0]!
  await loginAs(page, { email: anais.email })
  await page.goto(`/dossiers/${dossier.id}`)
  await expect(page.getByText(/^Votre thème tiré au sort\u00a0: /)).toHaveText(
    new RegExp(`^Votre thème tiré au sort\u00a0: ${label} \\(tirage du \\d{1,2} \\S+ \\d{4}\\)\\.$`),
  )
})

test('the groups page fits 320 and 1366 pixels without sideways scrolling', async ({ page }) => {
  await loginAs(page, 'admin')
  for (const width of [320, 1366]) {
    await page.setViewportSize({ width, height: 900 })
    await page.goto(url())
    await page.locator('#serious-game-a11 details summary', { hasText: 'Historique' }).click()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow, `sideways scroll at ${width}px`).toBeLessThanOrEqual(0)
    await page.screenshot({ path: `test-results/screenshots/groups-${width}.png`, fullPage: true })
  }
})
