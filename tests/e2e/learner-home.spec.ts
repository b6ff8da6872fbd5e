import { createLearner, dossierIdOf, expect, expectNoAxeViolations, loginAs, sessionCookieFor, test } from './fixtures'

/** Issue 14 §5 and §9: each card says what its dossier is about, when it was last edited and what comes next, in a light page. */
test('each dossier card shows its subject, its last edit and its next step', async ({ page, request }) => {
  const learner = await createLearner('accueil')
  await loginAs(page, learner)
  await page.goto('/candidat')
  const a3 = page.locator('#epreuve-cas-pratique-a3')
  await expect(a3.locator('.home-card__subject')).toHaveText('«\u00a0Cible, personae et mix marketing\u00a0»')
  await expect(page.locator('#epreuve-cas-pratique-a10 .home-card__subject')).toHaveText('«\u00a0Plan média et planning éditorial\u00a0»')
  await expect(page.locator('#epreuve-projet-com-a9 .home-card__subject')).toHaveText('«\u00a0Canaux et supports\u00a0»')
  // The fiches say it in their title already: no subject line.
  await expect(page.locator('#epreuve-fiche-veille .home-card__subject')).toHaveCount(0)
  await expect(a3).toContainText('Pas encore commencé')
  // The seed's A3 deadline and cut-off are past: nothing left to do but know it.
  await expect(a3.locator('.home-card__next')).toHaveText('Refusé\u00a0: date limite dépassée')
  // The link names the subject too.
  await expect(page.getByRole('link', { name: 'Ouvrir le dossier Cas pratique professionnel (C3.1 à C3.3) — Cible, personae et mix marketing' })).toBeVisible()

  // The A15's deadline is ahead: the next step is its first empty section, then the next one once it is written.
  const a15 = page.locator('#epreuve-cas-pratique-a15')
  await expect(a15.locator('.home-card__next')).toHaveText(/^À écrire\u00a0: Opérations digitales à évaluer · à déposer avant le \d+ \S+ \d{4} à /)
  const dossierId = await dossierIdOf(learner.email, 'cas-pratique-a15')
  const saved = await request.post(`/api/dossiers/${dossierId}/sections/operations`, {
    headers: { Cookie: await sessionCookieFor(learner.email) },
    data: { baseVersion: 0, content: { rows: [{ id: 'ligne-accueil-1', cells: { operation: 'Campagne Social Ads de lancement', levier: 'Display' } }] } },
  })
  expect(saved.status()).toBe(200)
  await page.reload()
  await expect(a15).toContainText('Modifié à l’instant')
  await expect(a15.locator('.home-card__next')).toHaveText(/^À écrire\u00a0: Indicateurs clés de performance, ROI et ROAS · /)
  await expectNoAxeViolations(page)
})

test('the home stays light and reflows at 320, 390 and 1 366 px', async ({ page }) => {
  await loginAs(page, await createLearner('accueil-largeurs'))
  for (const width of [320, 390, 1366]) {
    await page.setViewportSize({ width, height: 900 })
    await page.goto('/candidat')
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow, `${width} px`).toBeLessThanOrEqual(0)
    await page.screenshot({ path: `test-results/screenshots/learner-home-${width}.png` })
  }
  // EcoIndex B needs fewer than about 550 elements with this page's requests and bytes (npm run bench:pages): it had 960.
  expect(await page.evaluate(() => document.getElementsByTagName('*').length)).toBeLessThanOrEqual(520)
})
