import { createLearner, dossierIdOf, expect, expectNoAxeViolations, loginAs, noSidewaysScroll, sectionRow, test } from './fixtures'

/**
 * Rehearsing an oral, keyboard only (issue 16 §2): the rehearsal page of an
 * oral-support section (`dossiers.$dossierId_.repetition.$sectionId`, the view
 * in app/components/oral/rehearsal.tsx) times the talk part by part, turns
 * red past the time allotted and keeps the times in the section's value.
 *
 * The clock is Playwright's (`page.clock`): a minute of rehearsal takes no real time.
 */
const EVALUATION = 'fiche-veille'
/** The oral-support section of the grand oral (it replaced « Préparation du grand oral »). */
const SECTION = 'support-oral'
/** The talk, stored as the kind's value: 1 + 2 minutes. */
const TALK = {
  parts: [
    {
      id: 'partie-1',
      title: 'Le projet',
      message: 'Un festival local et accessible.',
      minutes: 1,
      speakers: [],
      notes: 'Présenter le commanditaire.',
      visuals: [],
    },
    { id: 'partie-2', title: 'Nos conclusions', message: 'Trois recommandations.', minutes: 2, speakers: [], notes: 'Citer l’enquête.', visuals: [] },
  ],
  questions: [],
  rehearsals: [] as { id: string; at: string; seconds: number; parts: Record<string, number> }[],
}

test('rehearsal, keyboard only: start, next, over time turns red, finish, the times are kept and shown', async ({ page }) => {
  test.setTimeout(120_000)
  const learner = await createLearner('rehearsal')
  const dossierId = await dossierIdOf(learner.email, EVALUATION)
  await loginAs(page, learner)
  // Fill the talk through the section API, as the editor's autosave does (the editor has its own spec).
  const saved = await page.request.post(`/api/dossiers/${dossierId}/sections/${SECTION}`, { data: { baseVersion: 0, content: TALK } })
  expect(saved.ok()).toBe(true)

  await page.clock.install({ time: new Date('2026-12-05T09:00:00Z') })
  await page.goto(`/dossiers/${dossierId}/repetition/${SECTION}`)
  const view = page.getByRole('region', { name: /^Répétition\s:\s/ })
  await expect(view).toHaveAttribute('data-status', 'ready')
  await expect(view.getByRole('heading', { level: 2, name: 'Le projet' })).toBeVisible()
  await expect(view.getByText('Aucune répétition gardée pour l’instant', { exact: false })).toBeVisible()
  // axe waits on timers: it runs while the clock flows (it hangs on a paused clock).
  await expectNoAxeViolations(page)
  // Frozen from here (well after the page's load and axe): time moves only when the test says so, so the kept seconds are exact.
  await page.clock.pauseAt(new Date('2026-12-05T09:10:00Z'))

  // The shortcuts are announced in a visible disclosure, opened with the keyboard.
  const shortcuts = view.locator('summary', { hasText: 'Raccourcis clavier' })
  await shortcuts.focus()
  await page.keyboard.press('Enter')
  await expect(view.getByText('partie suivante')).toBeVisible()
  await page.keyboard.press('Enter')
  // Leave the summary: Space on a summary toggles it, not the timer.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())

  const [partTimer, talkTimer] = [view.locator('.rehearsal-timer').nth(0), view.locator('.rehearsal-timer').nth(1)]
  const live = view.locator('[aria-live="polite"]')

  // Space starts the timer.
  await page.keyboard.press('Space')
  await expect(view).toHaveAttribute('data-status', 'running')
  await expect(live).toHaveText(/Répétition commencée\. Partie 1 sur 2\s:\sLe projet/)
  await page.clock.fastForward('00:20')
  await expect(partTimer.getByRole('timer')).toHaveText('20\u00a0s')
  await expect(partTimer).toHaveAttribute('data-state', 'ok')
  await expect(partTimer).toContainText('Dans les temps')

  // 35 s: the last 30 s of a 1-minute part, orange with its words.
  await page.clock.fastForward('00:15')
  await expect(partTimer).toHaveAttribute('data-state', 'warning')
  await expect(partTimer).toContainText('Bientôt la fin')

  // 1 min 30: over, red, « −0 min 30 », announced once.
  await page.clock.fastForward('00:55')
  await expect(partTimer).toHaveAttribute('data-state', 'over')
  await expect(partTimer).toHaveClass(/rehearsal-timer--over/)
  await expect(partTimer).toContainText('Temps dépassé')
  await expect(partTimer).toContainText('\u22120\u00a0min\u00a030')
  await expect(live).toHaveText('Temps dépassé pour la partie « Le projet ».')
  const red = await partTimer.locator('.rehearsal-timer__elapsed').evaluate((e) => getComputedStyle(e).color)
  expect(red).toBe('rgb(161, 26, 26)')

  // → moves on; the part timer starts from zero, the talk's goes on.
  await page.keyboard.press('ArrowRight')
  await expect(view.getByRole('heading', { level: 2, name: 'Nos conclusions' })).toBeVisible()
  await expect(live).toHaveText('Partie 2 sur 2\u00a0: Nos conclusions, 2\u00a0min\u00a000 prévues.')
  await expect(partTimer.getByRole('timer')).toHaveText('0\u00a0s')
  await expect(talkTimer.getByRole('timer')).toHaveText('1\u00a0min\u00a030')

  // Space pauses: time stands still.
  await page.keyboard.press('Space')
  await expect(view).toHaveAttribute('data-status', 'paused')
  await page.clock.fastForward('05:00')
  await expect(talkTimer.getByRole('timer')).toHaveText('1\u00a0min\u00a030')
  await page.keyboard.press('Space')
  await page.clock.fastForward('01:00')
  await expect(talkTimer.getByRole('timer')).toHaveText('2\u00a0min\u00a030')

  // PageUp goes back, PageDown forward again.
  await page.keyboard.press('PageUp')
  await expect(view.getByRole('heading', { level: 2, name: 'Le projet' })).toBeVisible()
  await page.keyboard.press('PageDown')
  await expect(view.getByRole('heading', { level: 2, name: 'Nos conclusions' })).toBeVisible()

  // Escape while running asks first; cancelling keeps the rehearsal.
  await page.keyboard.press('Escape')
  await page.clock.runFor(100) // the confirmation opens on the next animation frame
  const confirm = page.getByRole('dialog', { name: 'Confirmer' })
  await expect(confirm).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(confirm).toBeHidden()
  await expect(view).toHaveAttribute('data-status', 'running')

  // Finish, with the keyboard: Tab to « Terminer », Enter.
  const finishButton = view.getByRole('button', { name: 'Terminer' })
  await finishButton.focus()
  await page.keyboard.press('Enter')
  await expect(view).toHaveAttribute('data-status', 'finished')
  await expect(view.locator('.rehearsal__summary')).toBeVisible()
  await expect(view.locator('.rehearsal__summary')).toHaveText('Répétition terminée en 2\u00a0min\u00a030.')

  // The times are kept in the section's value…
  await expect
    .poll(async () => {
      const row = (await sectionRow(dossierId, SECTION)) as
        { content: typeof TALK & { rehearsals: { seconds: number; parts: Record<string, number> }[] } } | undefined
      return row?.content.rehearsals.map((r) => [r.seconds, r.parts])
    })
    .toEqual([[150, { 'partie-1': 90, 'partie-2': 60 }]])
  // …and shown after a reload, with the progress (the clock flows again: axe needs it).
  await page.clock.resume()
  await page.reload()
  await expect(view.locator('tr[data-rehearsal-id]')).toHaveCount(1)
  await expect(view.locator('tr[data-rehearsal-id]').first()).toContainText('2\u00a0min\u00a030')
  await expect(view).toContainText('1 répétition, 2\u00a0min\u00a030 au total')
  await expectNoAxeViolations(page)
  await noSidewaysScroll(page, 'rehearsal')

  // The support's editor leads there.
  await page.goto(`/dossiers/${dossierId}/sections/${SECTION}`)
  await expect(page.getByRole('link', { name: /^Répéter l’oral/ })).toHaveAttribute('href', `/dossiers/${dossierId}/repetition/${SECTION}`)
})
