/**
 * An oral support as a PowerPoint (issue 16 §3): a grand oral whose parts show
 * an image joined and the perceptual map of the same dossier downloads as a
 * .pptx — a title slide and one slide per part, the map drawn as in the Word
 * export, the notes in the notes pane — that LibreOffice Impress converts to
 * a PDF of one page per slide.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import JSZip from 'jszip'
import { BASE_URL, createLearner, dossierIdOf, expect, loginAs, sessionCookieFor, test } from './fixtures'

const run = promisify(execFile)
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
const MAP = {
  x: { name: 'Prix', low: 'Prix bas', high: 'Prix élevé' },
  y: { name: 'Image', low: 'Tradition', high: 'Innovation' },
  brands: [
    { id: 'brand-dupont', name: 'Maison Dupont', x: 2, y: -3, size: 8, comment: '' },
    { id: 'brand-biocoo', name: 'Biocoop', x: 3, y: 1, size: 25, comment: '' },
  ],
  companyId: 'brand-dupont',
}

test('an oral support downloads as a PowerPoint that LibreOffice opens: one slide per part, charts and notes', async ({ page }) => {
  test.setTimeout(180_000)
  const learner = createLearner('pptx')
  const dossierId = await dossierIdOf(learner.email, 'fiche-veille')
  const cookie = await sessionCookieFor(learner.email)
  const save = async (sectionId: string, content: unknown) => {
    const res = await fetch(`${BASE_URL}/api/dossiers/${dossierId}/sections/${sectionId}`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json', Origin: BASE_URL },
      body: JSON.stringify({ baseVersion: 0, content }),
    })
    expect(res.status, await res.clone().text()).toBe(200)
  }
  await save('carte-perceptuelle', MAP)
  const form = new FormData()
  form.set('image', new Blob([PNG], { type: 'image/png' }), 'logo.png')
  const upload = await fetch(`${BASE_URL}/api/dossiers/${dossierId}/images`, { method: 'POST', headers: { Cookie: cookie, Origin: BASE_URL }, body: form })
  const { src } = (await upload.json()) as { src: string }
  const part = (id: string, title: string, extra: object) => ({ id, title, message: '', minutes: 2, speakers: [], notes: '', visuals: [], ...extra })
  await save('support-oral', {
    parts: [
      part('partie-01', 'Ma démarche de veille', {
        message: 'Une veille outillée, partagée chaque semaine.',
        notes: 'Commencer par le contexte.',
        visuals: [{ id: 'visuel-01', kind: 'image', src, alt: 'Logo de l’entreprise' }],
      }),
      part('partie-02', 'Le positionnement', {
        visuals: [{ id: 'visuel-02', kind: 'section', sectionId: 'carte-perceptuelle', label: 'Carte perceptuelle' }],
        notes: 'Montrer l’écart avec Biocoop.',
      }),
      part('partie-03', 'Mon auto-évaluation', { message: 'C1.1 et C1.3 acquises.' }),
    ],
    questions: [],
    rehearsals: [],
  })

  // The support's page offers the download.
  await loginAs(page, learner)
  await page.goto(`/dossiers/${dossierId}/sections/support-oral`)
  await expect(page.getByRole('link', { name: /^PowerPoint/ })).toHaveAttribute('href', `/dossiers/${dossierId}/oral/support-oral.pptx`)

  const res = await fetch(`${BASE_URL}/dossiers/${dossierId}/oral/support-oral.pptx`, { headers: { Cookie: cookie } })
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toContain('presentationml.presentation')
  const bytes = Buffer.from(await res.arrayBuffer())
  const zip = await JSZip.loadAsync(bytes)
  const slides = Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f))
  expect(slides).toHaveLength(4)
  // The image joined and the map drawn from the dossier's data.
  expect(Object.keys(zip.files).filter((f) => f.startsWith('ppt/media/')).length).toBeGreaterThanOrEqual(2)
  const notes = await Promise.all(
    Object.keys(zip.files)
      .filter((f) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(f))
      .map((f) => zip.file(f)!.async('string')),
  )
  expect(notes.join('')).toContain('Montrer l’écart avec Biocoop.')

  // LibreOffice Impress opens it: one PDF page per slide, the titles in it.
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'oral-pptx-'))
  const file = path.join(out, 'oral.pptx')
  fs.writeFileSync(file, bytes)
  await run('soffice', [`-env:UserInstallation=file://${out}/profile`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', out, file], {
    timeout: 120_000,
  })
  const { stdout: info } = await run('pdfinfo', [path.join(out, 'oral.pdf')])
  expect(info).toMatch(/Pages:\s+4\b/)
  const { stdout: text } = await run('pdftotext', [path.join(out, 'oral.pdf'), '-'])
  for (const title of ['Ma démarche de veille', 'Le positionnement', 'Mon auto-évaluation']) expect(text).toContain(title)
  fs.rmSync(out, { recursive: true, force: true })

  // Another learner gets nothing.
  const other = await sessionCookieFor(createLearner('pptx-autre').email)
  expect((await fetch(`${BASE_URL}/dossiers/${dossierId}/oral/support-oral.pptx`, { headers: { Cookie: other } })).status).toBe(403)
})
