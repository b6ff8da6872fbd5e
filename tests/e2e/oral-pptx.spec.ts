/**
 * Preparing a grand oral end to end (issue 16, acceptance): a learner builds
 * the talk in the editor from a chart of the same dossier (the perceptual
 * map) and a persona card of another of their dossiers (cas pratique A3),
 * rehearses it (the pictures shown, the timer turning red past the part's
 * time), downloads the .pptx from the page — a title slide and one slide per
 * part, the pictures drawn as in the Word export, the notes in the notes pane —
 * and LibreOffice Impress converts it to a PDF of one page per slide.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import JSZip from 'jszip'
import { BASE_URL, createLearner, dossierIdOf, expect, expectNoAxeViolations, gridOf, loginAs, sectionRow, sessionCookieFor, test } from './fixtures'

const run = promisify(execFile)
const MAP = {
  x: { name: 'Prix', low: 'Prix bas', high: 'Prix élevé' },
  y: { name: 'Image', low: 'Tradition', high: 'Innovation' },
  brands: [
    { id: 'brand-dupont', name: 'Maison Dupont', x: 2, y: -3, size: 8, comment: '' },
    { id: 'brand-biocoo', name: 'Biocoop', x: 3, y: 1, size: 25, comment: '' },
  ],
  companyId: 'brand-dupont',
}
const LEA = {
  id: 'persona-lea',
  firstName: 'Léa',
  age: 34,
  location: 'Nantes',
  csp: 'Cadre',
  family: 'En couple, deux enfants',
  tastes: 'Cuisine de saison',
  habits: 'Marché le samedi',
  brands: 'Fidèle aux marques locales',
  media: [{ id: 'media-insta', channel: 'Instagram', intensity: 3 }],
  needs: 'Gagner du temps',
  frustrations: 'Les offres illisibles',
  quote: 'Je veux savoir d’où viennent les produits.',
  inclusion: '',
  avatar: null,
}

test('a grand oral built from a chart and a persona: rehearsed, downloaded as a PowerPoint that LibreOffice opens', async ({ page }) => {
  test.setTimeout(240_000)
  const learner = await createLearner('pptx')
  const dossierId = await dossierIdOf(learner.email, 'fiche-veille')
  const casId = await dossierIdOf(learner.email, 'cas-pratique-a3')
  const cookie = await sessionCookieFor(learner.email)
  const save = async (dossier: string, sectionId: string, content: unknown, as = cookie) => {
    const res = await fetch(`${BASE_URL}/api/dossiers/${dossier}/sections/${sectionId}`, {
      method: 'POST',
      headers: { Cookie: as, 'Content-Type': 'application/json', Origin: BASE_URL },
      body: JSON.stringify({ baseVersion: 0, content }),
    })
    expect(res.status, await res.clone().text()).toBe(200)
  }
  // The chart and the persona the talk will show, written in their dossiers.
  await save(dossierId, 'carte-perceptuelle', MAP)
  await save(casId, 'personae', { personas: [LEA] })

  // The talk, built in the editor.
  await loginAs(page, learner)
  await page.goto(`/dossiers/${dossierId}/sections/support-oral`)
  const section = page.locator('#section-support-oral')
  const parts = await gridOf(page, section.getByRole('grid', { name: /^Plan de l’oral : / }))
  const add = section.getByRole('button', { name: /Ajouter une partie$/ })
  await add.click()
  await parts.fill(0, 'Titre', 'Le marché et sa cible')
  await parts.fill(0, 'Message clé', 'Une cible locale, un concurrent installé.')
  await parts.fill(0, 'Durée (min)', '1')
  await parts.cell(0, 'Supports').dblclick()
  const panel = page.getByRole('dialog', { name: 'Supports — Partie 1' })
  const pick = panel.getByLabel('Section du dossier à montrer')
  await pick.selectOption({ label: 'Carte perceptuelle du positionnement concurrentiel' })
  await panel.getByRole('button', { name: 'Ajouter la section' }).click()
  // Another dossier's section is offered with the dossier's title.
  await pick.selectOption({ label: 'Cas pratique « Cible, personae et mix marketing » — Personae' })
  await panel.getByRole('button', { name: 'Ajouter la section' }).click()
  await expect(panel.getByRole('button', { name: /^Retirer Section « Cas pratique « Cible, personae et mix marketing » — Personae »/ })).toBeVisible()
  await panel.getByRole('button', { name: 'Fermer' }).click()
  await add.click()
  await parts.fill(1, 'Titre', 'Ma démarche de veille')
  await parts.fill(1, 'Message clé', 'Une veille outillée, partagée chaque semaine.')
  await parts.fill(1, 'Durée (min)', '2')
  await section.getByRole('button', { name: 'Ajouter la partie d’auto-évaluation' }).click()
  await parts.fill(2, 'Durée (min)', '3')
  await expect(section.locator('.hints')).toHaveCount(0)
  await expect(section.locator('.save-status')).toHaveText(/^Enregistré à/)
  const stored = (await sectionRow(dossierId, 'support-oral'))!.content as { parts: { visuals: { sectionId?: string; dossierId?: string }[] }[] }
  expect(stored.parts[0]!.visuals.map((v) => [v.sectionId, v.dossierId])).toEqual([
    ['carte-perceptuelle', dossierId],
    ['personae', casId],
  ])

  // Rehearsed: the chart and the persona card on screen, the timer red past the part's minute.
  await page.clock.install({ time: new Date('2026-12-05T09:00:00Z') })
  await section.getByRole('link', { name: 'Répéter l’oral' }).click()
  const view = page.getByRole('region', { name: /^Répétition\s:\s/ })
  await expect(view.getByRole('heading', { level: 2, name: 'Le marché et sa cible' })).toBeVisible()
  const card = view.getByRole('img', { name: /^Fiche persona de Léa\s:\s34\sans/ })
  const chart = view.getByRole('img', { name: /Maison Dupont/ })
  for (const img of [card, chart]) {
    await expect(img).toBeVisible()
    await expect.poll(() => img.evaluate((e) => (e as HTMLImageElement).naturalWidth)).toBeGreaterThan(0)
  }
  await page.screenshot({ path: 'test-results/screenshots/oral-rehearsal-pictures.png' })
  await expectNoAxeViolations(page)
  await page.clock.pauseAt(new Date('2026-12-05T09:10:00Z'))
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  await page.keyboard.press('Space')
  const partTimer = view.locator('.rehearsal-timer').nth(0)
  await page.clock.fastForward('00:20')
  await expect(partTimer).toHaveAttribute('data-state', 'ok')
  await page.clock.fastForward('01:00')
  await expect(partTimer).toHaveAttribute('data-state', 'over')
  await expect(partTimer).toContainText('Temps dépassé')
  await page.clock.resume()

  // Downloaded from the support's page.
  await page.goto(`/dossiers/${dossierId}/sections/support-oral`)
  const link = page.getByRole('link', { name: /^PowerPoint/ })
  await expect(link).toHaveAttribute('href', `/dossiers/${dossierId}/oral/support-oral.pptx`)
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
  expect(download.suggestedFilename()).toMatch(/\.pptx$/)
  const bytes = fs.readFileSync((await download.path())!)
  const zip = await JSZip.loadAsync(bytes)
  const slides = Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f))
  expect(slides).toHaveLength(4)
  // The map and the persona card drawn from the dossiers' data.
  expect(Object.keys(zip.files).filter((f) => f.startsWith('ppt/media/')).length).toBeGreaterThanOrEqual(2)
  const first = await zip.file('ppt/slides/slide2.xml')!.async('string')
  expect(first).toContain('Fiche persona de Léa')
  const notes = await Promise.all(
    Object.keys(zip.files)
      .filter((f) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(f))
      .map((f) => zip.file(f)!.async('string')),
  )
  // The self-assessment part's notes list the criteria with the learner's statuses.
  expect(notes.join('')).toMatch(/C\d+\.\d+-\d+ — /)

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
  for (const title of ['Le marché et sa cible', 'Ma démarche de veille', 'Auto-évaluation des compétences acquises']) expect(text).toContain(title)
  fs.rmSync(out, { recursive: true, force: true })

  // Another learner gets nothing, neither the slides nor the pictures; the pictures show only the learner's own dossiers.
  const stranger = await createLearner('pptx-autre')
  const other = await sessionCookieFor(stranger.email)
  const persona = `/dossiers/${dossierId}/visuels/personae?image=0&source=${casId}`
  expect((await fetch(`${BASE_URL}/dossiers/${dossierId}/oral/support-oral.pptx`, { headers: { Cookie: other } })).status).toBe(403)
  expect((await fetch(`${BASE_URL}${persona}`, { headers: { Cookie: other } })).status).toBe(403)
  const mine = await fetch(`${BASE_URL}${persona}`, { headers: { Cookie: cookie } })
  expect([mine.status, mine.headers.get('content-type')]).toEqual([200, 'image/png'])
  const strangersCas = await dossierIdOf(stranger.email, 'cas-pratique-a3')
  await save(strangersCas, 'personae', { personas: [LEA] }, other)
  expect((await fetch(`${BASE_URL}/dossiers/${dossierId}/visuels/personae?image=0&source=${strangersCas}`, { headers: { Cookie: cookie } })).status).toBe(404)
})
