import http from 'node:http'
import { createReadableStreamFromReadable } from '@remix-run/node'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bodyCapFor, errorPage, ignoreRefusedBodyErrors, isSameOrigin, limitBodies, refuser, sameOriginWrites } from './http-guards'
import { listen } from './test-server'

const fakeRequest = (headers: Record<string, string>, path = '/x') =>
  ({ path, get: (name: string) => headers[name.toLowerCase()] }) as unknown as express.Request

describe('isSameOrigin', () => {
  const host = { host: 'atelier.example:8443' }
  it('accepts the request’s own origin, and requests without Origin that no browser flagged as cross-site', () => {
    expect(isSameOrigin(fakeRequest({ ...host, origin: 'https://atelier.example:8443' }), false)).toBe(true)
    expect(isSameOrigin(fakeRequest({ ...host, origin: 'https://ATELIER.example:8443' }), false)).toBe(true)
    expect(isSameOrigin(fakeRequest({ host: 'localhost', origin: 'http://localhost:80' }), false)).toBe(true)
    expect(isSameOrigin(fakeRequest(host), false)).toBe(true)
    expect(isSameOrigin(fakeRequest({ ...host, 'sec-fetch-site': 'same-origin' }), false)).toBe(true)
    expect(isSameOrigin(fakeRequest({ ...host, 'sec-fetch-site': 'none' }), false)).toBe(true)
  })

  it('refuses other origins, opaque ones, and cross-site requests without Origin', () => {
    for (const origin of ['https://evil.example', 'https://atelier.example', 'https://atelier.example:8444', 'null', 'file://', 'garbage']) {
      expect(isSameOrigin(fakeRequest({ ...host, origin }), false), origin).toBe(false)
    }
    expect(isSameOrigin(fakeRequest({ ...host, 'sec-fetch-site': 'same-site' }), false)).toBe(false)
    expect(isSameOrigin(fakeRequest({ ...host, 'sec-fetch-site': 'cross-site' }), false)).toBe(false)
    expect(isSameOrigin(fakeRequest({ origin: 'https://atelier.example' }), false)).toBe(false)
  })

  it('believes X-Forwarded-Host only behind a trusted proxy', () => {
    const proxied = { host: 'localhost:3000', 'x-forwarded-host': 'atelier.example, proxy.internal', origin: 'https://atelier.example' }
    expect(isSameOrigin(fakeRequest(proxied), true)).toBe(true)
    expect(isSameOrigin(fakeRequest(proxied), false)).toBe(false)
    expect(isSameOrigin(fakeRequest({ ...proxied, origin: 'http://localhost:3000' }), true)).toBe(false)
  })
})

describe('body caps', () => {
  it('sizes each kind of write', () => {
    expect(bodyCapFor(fakeRequest({}, '/api/dossiers/abc/images')).bytes).toBe(2 * 1024 * 1024 + 64 * 1024)
    expect(bodyCapFor(fakeRequest({}, '/api/dossiers/abc/pieces-jointes')).bytes).toBe(10 * 1024 * 1024 + 64 * 1024)
    expect(bodyCapFor(fakeRequest({}, '/API/dossiers/abc/%69mages')).bytes).toBe(2 * 1024 * 1024 + 64 * 1024)
    expect(bodyCapFor(fakeRequest({}, '/api/dossiers/abc/sections/contexte')).bytes).toBe(1_000_000)
    expect(bodyCapFor(fakeRequest({}, '/connexion')).bytes).toBe(16 * 1024)
    expect(bodyCapFor(fakeRequest({}, '/connexion.data')).bytes).toBe(16 * 1024)
    expect(bodyCapFor(fakeRequest({}, '/dossiers/abc')).bytes).toBe(64 * 1024)
  })

  it('the refusal page is French, escaped and links the stylesheet', () => {
    const page = errorPage('Contenu trop volumineux', 'Trop <gros>', '/assets/app-1.css')
    expect(page).toContain('<html lang="fr">')
    expect(page).toContain('<link rel="stylesheet" href="/assets/app-1.css">')
    expect(page).toContain('Trop &#60;gros&#62;')
  })
})

describe('guards in front of a route', () => {
  let server: Awaited<ReturnType<typeof listen>>
  const seen: { path: string; bytes: number; error?: string }[] = []
  beforeAll(async () => {
    const app = express()
    const refuse = refuser('/app.css')
    app.use(sameOriginWrites({ trustProxy: false, refuse }))
    app.use(limitBodies({ refuse, capFor: () => ({ bytes: 100_000, message: 'Trop gros.' }) }))
    // Reads the whole body as a Remix route does (the Express adapter streams `req` with this).
    app.all('*', async (req, res, next) => {
      let bytes = 0
      try {
        for await (const chunk of createReadableStreamFromReadable(req) as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength
        seen.push({ path: req.path, bytes })
        res.json({ bytes })
      } catch (error) {
        seen.push({ path: req.path, bytes, error: (error as Error).message })
        next(error)
      }
    })
    app.use(ignoreRefusedBodyErrors)
    server = await listen(app)
  })
  afterAll(() => server.close())

  /** Sends `total` bytes chunked, stopping when the answer comes. */
  const chunked = (path: string, total: number) =>
    new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
      const req = http.request(`${server.base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } })
      const chunk = Buffer.alloc(16 * 1024, 'a')
      let sent = 0
      let answered = false
      req.on('response', (res) => {
        answered = true
        let body = ''
        res.on('data', (c) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode!, body, sent }))
      })
      req.on('error', (e) => (answered ? undefined : reject(e)))
      const pump = () => {
        while (!answered && sent < total) {
          sent += chunk.length
          if (!req.write(chunk)) return void req.once('drain', pump)
        }
        if (!answered) req.end()
      }
      pump()
    })

  it('lets a chunked body under the cap through whole', async () => {
    expect(await chunked('/api/small', 64 * 1024)).toMatchObject({ status: 200, body: JSON.stringify({ bytes: 64 * 1024 }) })
  })

  it('answers 413 to a chunked body as soon as it passes the cap; the route never sees more', async () => {
    const result = await chunked('/api/big', 40 * 1024 * 1024)
    expect(result.status).toBe(413)
    expect(JSON.parse(result.body)).toEqual({ error: 'Trop gros.' })
    expect(result.sent).toBeLessThan(20 * 1024 * 1024)
    const route = seen.find((s) => s.path === '/api/big')!
    expect(route.error).toBe('Trop gros.')
    expect(route.bytes).toBeLessThanOrEqual(100_000)
    const page = await chunked('/dossiers/x', 1024 * 1024)
    expect(page.status).toBe(413)
    expect(page.body).toContain('<h1>Contenu trop volumineux</h1>')
    expect((await fetch(`${server.base}/api/after`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(200)
  })

  it('refuses a declared oversize body before reading it', async () => {
    const res = await fetch(`${server.base}/api/declared`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: 'x'.repeat(200_000) })
    expect(res.status).toBe(413)
    expect(seen.some((s) => s.path === '/api/declared')).toBe(false)
  })

  it('refuses cross-origin writes (403) and non-JSON API bodies (415), in French', async () => {
    const json = (origin: string, type = 'application/json') => ({ method: 'POST', headers: { Origin: origin, 'Content-Type': type }, body: '{}' })
    const evil = await fetch(`${server.base}/api/x`, json('http://evil.example'))
    expect(evil.status).toBe(403)
    expect((await evil.json()).error).toContain('autre site')
    const page = await fetch(`${server.base}/deconnexion`, { method: 'POST', headers: { 'Sec-Fetch-Site': 'cross-site' } })
    expect(page.status).toBe(403)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(await page.text()).toContain('<h1>Requête refusée</h1>')
    const text = await fetch(`${server.base}/api/x`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' })
    expect(text.status).toBe(415)
    const upload = await fetch(`${server.base}/api/dossiers/a/images`, { method: 'POST', body: new FormData() })
    expect(upload.status).toBe(200)
    const evidence = await fetch(`${server.base}/api/dossiers/a/pieces-jointes`, { method: 'POST', body: new FormData() })
    expect(evidence.status).toBe(200)
    const same = await fetch(`${server.base}/api/x`, json(server.base, 'application/json; charset=utf-8'))
    expect(same.status).toBe(200)
    expect((await fetch(`${server.base}/api/x`, { headers: { Origin: 'http://evil.example' } })).status).toBe(200)
  })
})
