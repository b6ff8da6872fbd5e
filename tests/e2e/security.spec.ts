import http from 'node:http'
import { eq } from 'drizzle-orm'
import * as schema from '../../db/schema'
import { BASE_URL, createLearner, DEMO_ACCOUNTS, DEMO_PASSWORD, dossierIdOf, e2eDb, expect, loginAs, sectionRow, sessionCookieFor, test } from './fixtures'
import { E2E_PORT } from './env'

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

test.describe('cross-origin writes', () => {
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
  const uploadsOf = async (dossierId: string) => (await e2eDb().select().from(schema.uploads).where(eq(schema.uploads.dossierId, dossierId))).length

  test('a page of another origin (same site) can neither save, upload nor log the user out', async ({ page }) => {
    const learner = await createLearner('csrf')
    const dossierId = await dossierIdOf(learner.email, 'fiche-veille')
    await loginAs(page, { email: learner.email })
    // Chromium asks before a page it believes public (a fulfilled route has no address) reaches localhost: say yes, as a user could.
    await page.context().grantPermissions(['local-network-access'])
    // Another port of localhost: another origin, but the same site, so the SameSite=Lax cookie is sent.
    const evil = 'http://localhost:4999'
    await page.route(`${evil}/**`, (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><html lang="en"><title>evil</title><form method="post" action="${BASE_URL}/deconnexion"><button>go</button></form></html>`,
      }),
    )
    await page.goto(`${evil}/page.html`)
    await page.evaluate(
      async ({ base, id, png }) => {
        const doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Écrit par un autre site' }] }] }
        await fetch(`${base}/api/dossiers/${id}/sections/contexte`, {
          method: 'POST',
          mode: 'no-cors',
          credentials: 'include',
          headers: { 'content-type': 'text/plain' },
          body: JSON.stringify({ baseVersion: 0, content: doc }),
        }).catch(() => null)
        const form = new FormData()
        form.set('image', new Blob([Uint8Array.from(atob(png), (c) => c.charCodeAt(0))], { type: 'image/png' }), 'x.png')
        await fetch(`${base}/api/dossiers/${id}/images`, { method: 'POST', mode: 'no-cors', credentials: 'include', body: form }).catch(() => null)
      },
      { base: BASE_URL, id: dossierId, png: PNG.toString('base64') },
    )
    expect(await sectionRow(dossierId, 'contexte')).toBeUndefined()
    expect(await uploadsOf(dossierId)).toBe(0)

    await Promise.all([page.waitForURL(`${BASE_URL}/**`), page.getByRole('button', { name: 'go' }).click()])
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Requête refusée')
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr')
    await page.goto('/candidat')
    await expect(page).toHaveURL(`${BASE_URL}/candidat`)
  })

  test('a write with a foreign Origin or a cross-site Sec-Fetch-Site is refused with 403 in French', async ({ request }) => {
    const learner = await createLearner('origin')
    const dossierId = await dossierIdOf(learner.email, 'fiche-veille')
    const cookie = await sessionCookieFor(learner.email)
    const image = { image: { name: 'x.png', mimeType: 'image/png', buffer: PNG } }
    const foreigns: Record<string, string>[] = [
      { Origin: 'http://evil.example' },
      { Origin: 'null' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
    ]
    for (const foreign of foreigns) {
      const upload = await request.post(`/api/dossiers/${dossierId}/images`, { headers: { Cookie: cookie, ...foreign }, multipart: image })
      expect(upload.status(), JSON.stringify(foreign)).toBe(403)
      expect((await upload.json()).error).toContain('autre site')
      const logout = await request.post('/deconnexion', { headers: { Cookie: cookie, ...foreign }, maxRedirects: 0 })
      expect(logout.status(), JSON.stringify(foreign)).toBe(403)
      expect(await logout.text()).toContain('Requête refusée')
    }
    expect(await uploadsOf(dossierId)).toBe(0)
    // Still logged in; a same-origin write goes through.
    const home = await request.get('/candidat', { headers: { Cookie: cookie }, maxRedirects: 0 })
    expect(home.status()).toBe(200)
    const same = await request.post(`/api/dossiers/${dossierId}/images`, {
      headers: { Cookie: cookie, Origin: BASE_URL, 'Sec-Fetch-Site': 'same-origin' },
      multipart: image,
    })
    expect(same.status()).toBe(201)
  })

  test('the JSON API refuses a body that is not declared as JSON', async ({ request }) => {
    const learner = await createLearner('ctype')
    const dossierId = await dossierIdOf(learner.email, 'fiche-veille')
    const cookie = await sessionCookieFor(learner.email)
    const body = JSON.stringify({ baseVersion: 0, content: { type: 'doc', content: [] } })
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await request.post(`/api/dossiers/${dossierId}/sections/contexte`, { headers: { Cookie: cookie, 'Content-Type': type }, data: body })
      expect(res.status(), type).toBe(415)
      expect((await res.json()).error).toContain('application/json')
    }
    expect(await sectionRow(dossierId, 'contexte')).toBeUndefined()
  })
})

/**
 * Sends up to `total` bytes chunked (no Content-Length), stopping as soon as the server answers.
 * 12 MB: far over every cap, and under the 16 MB the server drains before cutting the connection,
 * so that a busy machine that reads the early 413 late still reads it (the old server read it all).
 */
function sendChunked(path: string, headers: Record<string, string>, preamble: string, total = 12 * 1024 * 1024) {
  return new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
    const req = http.request({ host: 'localhost', port: E2E_PORT, path, method: 'POST', headers: { ...headers, 'Transfer-Encoding': 'chunked' } })
    const chunk = Buffer.alloc(64 * 1024, 'a')
    let sent = 0
    let answered = false
    req.on('response', (res) => {
      answered = true
      const parts: Buffer[] = []
      const done = () => {
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8'), sent })
        req.destroy()
      }
      res.on('data', (c: Buffer) => parts.push(c))
      res.on('end', done)
      res.on('aborted', done)
    })
    req.on('error', (error) => {
      if (!answered) reject(error)
    })
    req.write(preamble)
    sent += Buffer.byteLength(preamble)
    const pump = () => {
      if (answered) return
      if (sent >= total) return void req.end()
      sent += chunk.length
      if (req.write(chunk)) setImmediate(pump)
      else req.once('drain', pump)
    }
    pump()
  })
}

test.describe('request bodies', () => {
  test('a chunked body over the cap is refused with 413 while it streams in, and the server keeps answering', async () => {
    const learner = await createLearner('huge')
    const dossierId = await dossierIdOf(learner.email, 'fiche-veille')
    const cookie = await sessionCookieFor(learner.email)

    const upload = await sendChunked(
      `/api/dossiers/${dossierId}/images`,
      { Cookie: cookie, 'Content-Type': 'multipart/form-data; boundary=XyZ' },
      '--XyZ\r\nContent-Disposition: form-data; name="image"; filename="x.png"\r\nContent-Type: image/png\r\n\r\n',
    )
    expect(upload.status).toBe(413)
    expect(JSON.parse(upload.body).error).toContain('2 Mo')

    const save = await sendChunked(
      `/api/dossiers/${dossierId}/sections/contexte`,
      { Cookie: cookie, 'Content-Type': 'application/json' },
      '{"baseVersion":0,"content":"',
    )
    expect(save.status).toBe(413)
    expect(JSON.parse(save.body).error).toContain('1 Mo')

    const page = await sendChunked(
      `/dossiers/${dossierId}`,
      { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      'intent=self-assess&criterionId=C1.1-1&status=acquis&justification=',
    )
    expect(page.status).toBe(413)
    expect(page.body).toContain('Contenu trop volumineux')

    const login = await sendChunked('/connexion', { 'Content-Type': 'application/x-www-form-urlencoded' }, 'email=a%40b.fr&password=')
    expect(login.status).toBe(413)

    const alive = await fetch(`${BASE_URL}/connexion`)
    expect(alive.status).toBe(200)
  })

  test('a declared oversize body is refused before it is read; a body just under the cap is not', async ({ request }) => {
    const learner = await createLearner('declared')
    const dossierId = await dossierIdOf(learner.email, 'fiche-veille')
    const cookie = await sessionCookieFor(learner.email)
    const tooBig = await request.post(`/dossiers/${dossierId}`, {
      headers: { Cookie: cookie },
      form: { intent: 'self-assess', criterionId: 'C1.1-1', status: 'acquis', justification: 'x'.repeat(100_000) },
      maxRedirects: 0,
    })
    expect(tooBig.status()).toBe(413)
    expect(await tooBig.text()).toContain('Contenu trop volumineux')
    const upload = await request.post(`/api/dossiers/${dossierId}/images`, {
      headers: { Cookie: cookie },
      multipart: { image: { name: 'x.png', mimeType: 'image/png', buffer: Buffer.alloc(3 * 1024 * 1024) } },
    })
    expect(upload.status()).toBe(413)
    expect((await upload.json()).error).toContain('2 Mo')
  })
})
