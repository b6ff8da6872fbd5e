import type { APIRequestContext } from '@playwright/test'
import { createLearner, dossierIdOf, expect, sectionRow, sessionCookieFor, test } from './fixtures'

/** The autosave endpoint refuses malformed saves with a French message and writes nothing. */
test.describe('autosave API', () => {
  let dossierId = ''
  let cookie = ''
  test.beforeAll(async () => {
    const learner = await createLearner('api')
    dossierId = await dossierIdOf(learner.email, 'fiche-veille')
    cookie = await sessionCookieFor(learner.email)
  })

  const plainSpaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ')
  const save = (request: APIRequestContext, section: string, data: unknown) =>
    request.post(`/api/dossiers/${dossierId}/sections/${section}`, { headers: { Cookie: cookie }, data })

  test('accepts a valid save, then refuses a stale version with the current content', async ({ request }) => {
    const rows = [{ id: 'row-ok-000001', cells: { theme: 'Marché', besoin: 'Taille du marché', nature: 'Quantitatif' } }]
    const ok = await save(request, 'besoins', { baseVersion: 0, content: { rows } })
    expect(ok.status()).toBe(200)
    expect(await ok.json()).toMatchObject({ version: 1 })
    const stale = await save(request, 'besoins', { baseVersion: 0, content: { rows: [] } })
    expect(stale.status()).toBe(409)
    const body = await stale.json()
    expect(body.error).toContain('modifiée entre-temps')
    expect(body.current).toMatchObject({ version: 1, content: { rows } })
    expect(await sectionRow(dossierId, 'besoins')).toMatchObject({ version: 1, content: { rows } })
  })

  test('answers a save based on a version of a never-saved section with 409 and the empty field, not a 500', async ({ request }) => {
    const res = await save(request, 'feuille-de-route', { baseVersion: 2, content: { rows: [] } })
    expect(res.status()).toBe(409)
    expect((await res.json()).current).toEqual({ content: { rows: [] }, version: 0, updatedAt: 0, updatedBy: null })
    expect(await sectionRow(dossierId, 'feuille-de-route')).toBeUndefined()
  })

  test('refuses wrong types, unknown sections, bad JSON and oversized bodies, writing nothing', async ({ request }) => {
    const before = await sectionRow(dossierId, 'requetes')
    const cases: [string, unknown, number, RegExp][] = [
      // A refusal says which section, row and column, and why.
      [
        'requetes',
        { baseVersion: 0, content: { rows: [{ id: 'row-bad-000001', cells: { frequence: 'Parfois' } }] } },
        400,
        /^Requêtes de recherche, ligne 1, Fréquence : choisissez parmi : Temps réel, Quotidienne, Hebdomadaire, Mensuelle ; rien n’a été enregistré\.$/,
      ],
      ['requetes', { baseVersion: 0, content: { rows: 'aucune' } }, 400, /^Requêtes de recherche : .+ ; rien n’a été enregistré\.$/],
      ['requetes', { baseVersion: 'zéro', content: { rows: [] } }, 400, /version ou contenu manquant/],
      ['contexte', { baseVersion: 0, content: { type: 'doc', content: [{ type: 'script' }] } }, 400, /^Contexte professionnel.*rien n’a été enregistré\.$/],
      ['inconnue', { baseVersion: 0, content: { rows: [] } }, 400, /n’existe pas dans ce dossier/],
    ]
    for (const [section, data, status, message] of cases) {
      const res = await save(request, section, data)
      expect(res.status(), JSON.stringify(data)).toBe(status)
      // French typography puts no-break spaces before « : » and « ; ».
      expect(plainSpaces((await res.json()).error)).toMatch(message)
    }
    // A web address without its scheme: the field is named, and the editor can mark it from `issues`.
    const source = { id: 'src-row-000001', title: 'Xerfi', url: 'www.exemple.fr', origin: 'externe', type: 'Étude', note: '' }
    const refused = await save(request, 'sources', { baseVersion: 0, content: { rows: [source] } })
    expect(refused.status()).toBe(400)
    const body = await refused.json()
    expect(plainSpaces(body.error)).toBe(
      'Sources de données, ligne 1, Adresse web : l’adresse doit commencer par https:// ou http:// ; rien n’a été enregistré.',
    )
    expect(body.issues).toEqual([{ path: ['rows', 0, 'url'], place: 'ligne 1, Adresse web', message: 'l’adresse doit commencer par https:// ou http://' }])
    expect(await sectionRow(dossierId, 'sources')).toBeUndefined()

    const badJson = await request.post(`/api/dossiers/${dossierId}/sections/requetes`, {
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      data: Buffer.from('{"baseVersion": 0, "content": '),
    })
    expect(badJson.status()).toBe(400)
    expect((await badJson.json()).error).toBe('Le contenu envoyé n’est pas du JSON valide.')

    const huge = { baseVersion: 0, content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'é'.repeat(600_000) }] }] } }
    const tooBig = await save(request, 'contexte', huge)
    expect(tooBig.status()).toBe(413)
    expect((await tooBig.json()).error).toContain('1 Mo')

    expect(await sectionRow(dossierId, 'requetes')).toEqual(before)
    expect(await sectionRow(dossierId, 'contexte')).toBeUndefined()
  })
})
