import { BASE_URL, DEMO_ACCOUNTS, DEMO_PASSWORD, expect, test } from './fixtures'

/** Findings of the security test of the running app (issue 9, section 5). */

test.describe('redirect after login', () => {
  test('a redirectTo that a browser would read as another host is ignored', async ({ page }) => {
    // `/<TAB>/evil.example/x`: browsers strip the tab and follow `//evil.example/x`.
    await page.goto('/connexion?redirectTo=%2F%09%2Fevil.example%2Fx')
    await page.getByLabel('Adresse e-mail').fill(DEMO_ACCOUNTS.learner.email)
    await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await expect(page).toHaveURL(`${BASE_URL}/candidat`)
  })

  test('a control character or a backslash in redirectTo falls back to the home, never a 500', async ({ request }) => {
    for (const redirectTo of ['/\n/evil.example', '/\r\nSet-Cookie: x=1', '/\\evil.example', '/ /evil.example', '//evil.example', 'https://evil.example']) {
      const res = await request.post('/connexion', {
        form: { email: DEMO_ACCOUNTS.learner.email, password: DEMO_PASSWORD, redirectTo },
        maxRedirects: 0,
      })
      expect(res.status(), JSON.stringify(redirectTo)).toBe(302)
      expect(res.headers()['location'], JSON.stringify(redirectTo)).toBe('/candidat')
    }
    const ok = await request.post('/connexion', {
      form: { email: DEMO_ACCOUNTS.learner.email, password: DEMO_PASSWORD, redirectTo: '/referentiel?q=a#C1' },
      maxRedirects: 0,
    })
    expect(ok.headers()['location']).toBe('/referentiel?q=a#C1')
  })
})
