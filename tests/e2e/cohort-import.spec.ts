/**
 * The admin's cohort import (issue 13 §2), on an exam session of its own so
 * the demo data is untouched: a CSV as French Excel writes it (BOM, `;`,
 * CRLF, accents and typographic apostrophes) is previewed (nothing written),
 * imported, and its one-time links shown; one link sets a password and its
 * learner then logs in and finds the session. A malformed file gets the exact
 * per-line report and nothing is written, even when its import is forced. The
 * roster downloads as Excel with the imported names.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import type { Page } from '@playwright/test'
import { inArray } from 'drizzle-orm'
import * as schema from '../../db/schema'
import { e2eDb, expect, expectNoAxeViolations, loginAs, test } from './fixtures'

test.describe.configure({ mode: 'serial' })

const ctx = { stamp: '', sessionId: '', sessionName: '', emails: [] as string[], link: '' }
const PASSWORD = 'Une phrase de passe assez longue'

const people = () => [
  { first: 'Anaïs', last: 'Bénard-Lefèvre', email: `anais.benard-lefevre.${ctx.stamp}@exemple.fr` },
  { first: 'Maëlys', last: 'N’Diaye', email: `maelys.ndiaye.${ctx.stamp}@exemple.fr` },
  { first: 'Jean-Loup', last: 'D’Arcy-Ébrard', email: `jean-loup.darcy.${ctx.stamp}@exemple.fr` },
]

/** A CSV as French Excel saves it: UTF-8 with a BOM, semicolons, CRLF. */
const csv = (lines: string[][]) => Buffer.from(`\ufeff${lines.map((l) => l.join(';')).join('\r\n')}\r\n`, 'utf8')

const usersWith = async (emails: string[]) => await e2eDb().select({ email: schema.users.email }).from(schema.users).where(inArray(schema.users.email, emails))

test.beforeAll(async () => {
  ctx.stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`
  ctx.sessionName = `Session import ${ctx.stamp}`
  ctx.sessionId = (await e2eDb().insert(schema.examSessions).values({ name: ctx.sessionName, startsOn: '2027-09-06', endsOn: '2028-06-30' }).returning())[0]!.id
  ctx.emails = people().map((p) => p.email)
})

const pagePath = () => `/admin/sessions/${ctx.sessionId}/inscriptions`

async function noSidewaysScroll(page: Page, name: string, widths = [320, 1366]) {
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 })
    await page.screenshot({ path: `test-results/screenshots/import-${name}-${width}.png`, fullPage: true })
    // The part that changes, at a readable scale.
    const part = page.locator('.import-admin__result, .auth .card').first()
    if (await part.count()) await part.screenshot({ path: `test-results/screenshots/import-${name}-${width}-part.png` })
    const overflow = await page.evaluate(() => {
      const width = document.documentElement.clientWidth
      const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > width + 0.5)
      return { by: document.documentElement.scrollWidth - width, wide: wide.slice(0, 3).map((e) => `${e.tagName}.${e.className}`) }
    })
    expect(overflow.by, `sideways scroll at ${width} px (${overflow.wide.join(', ')})`).toBeLessThanOrEqual(0)
  }
  await page.setViewportSize({ width: 1280, height: 900 })
}

/** The rows of a table, cell texts trimmed (header row left out). */
async function tableRows(page: Page, label: string): Promise<string[][]> {
  const table = page.getByRole('region', { name: label }).locator('table')
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim())))
}

test('the admin previews a French Excel CSV, imports it, and a learner sets a password from their link', async ({ page, browser }) => {
  // A long walk (import, two downloads, a second browser): three times the usual time on a loaded machine.
  test.slow()
  await loginAs(page, 'admin')
  await page.goto(pagePath())
  await expect(page.getByRole('heading', { level: 1, name: 'Inscriptions' })).toBeVisible()
  await expect(page.getByText('Aucun·e candidat·e n’est inscrit·e à cette session.')).toBeVisible()
  await expect(page.getByRole('link', { name: 'Exporter la liste (Excel)' })).toHaveCount(0)
  // The help lists the headers and the encodings.
  await page.getByText('Colonnes reconnues et encodages').click()
  await expect(page.getByText('«\u00a0Courriel\u00a0»', { exact: false })).toBeVisible()
  await expect(page.getByText(/encodage UTF-8, avec ou sans BOM/)).toBeVisible()
  await noSidewaysScroll(page, 'empty')

  const file = csv([['Prénom', 'Nom', 'Courriel'], ...people().map((p) => [p.first, p.last, p.email])])
  await page.getByLabel('Fichier de la promotion').setInputFiles({ name: 'promotion 2027.csv', mimeType: 'text/csv', buffer: file })
  await page.getByRole('button', { name: 'Vérifier le fichier' }).click()

  // The preview: how each column was read, the lines to import, 0 error; nothing written.
  await expect(page.getByRole('heading', { name: 'Aperçu de l’import' })).toBeFocused()
  await expect(page.getByText('0\u00a0erreur\u00a0: 3\u00a0comptes à créer.', { exact: false })).toBeVisible()
  expect(await tableRows(page, 'Lecture des colonnes')).toEqual([
    ['A', 'Prénom', 'Prénom'],
    ['B', 'Nom', 'Nom'],
    ['C', 'Courriel', 'Adresse e-mail'],
  ])
  expect(await tableRows(page, 'Lignes à importer')).toEqual([
    ['2', 'Anaïs Bénard-Lefèvre', people()[0]!.email, '—', 'Nouveau compte'],
    ['3', 'Maëlys N’Diaye', people()[1]!.email, '—', 'Nouveau compte'],
    ['4', 'Jean-Loup D’Arcy-Ébrard', people()[2]!.email, '—', 'Nouveau compte'],
  ])
  await expect(page.getByRole('region', { name: 'Lignes refusées' })).toHaveCount(0)
  expect(await usersWith(ctx.emails)).toEqual([])
  await expectNoAxeViolations(page)
  await noSidewaysScroll(page, 'preview')

  // The confirmation: accounts created, learners enrolled, one link each.
  const importButton = page.getByRole('button', { name: 'Importer 3 candidat·es' })
  await importButton.click()
  await expect(page.getByRole('heading', { name: 'Import terminé' })).toBeFocused()
  await expect(page.getByRole('status').filter({ hasText: '3 comptes créés, 3 candidat·es inscrit·es à la session.' })).toBeVisible()
  expect(await usersWith(ctx.emails)).toHaveLength(3)
  const links = await page
    .getByRole('region', { name: 'Comptes créés et leurs liens' })
    .locator('input[readonly]')
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))
  expect(links).toHaveLength(3)
  for (const link of links) expect(link).toMatch(/^http:\/\/localhost:\d+\/mot-de-passe\/[A-Za-z0-9_-]{43}$/)
  await expect(page.getByRole('textbox', { name: 'Lien de Maëlys N’Diaye' })).toHaveValue(links[1]!)
  ctx.link = links[0]!

  // The links as a CSV generated in the page: BOM, semicolons, the accented names.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger les liens (CSV)' }).click()])
  expect(download.suggestedFilename()).toBe('liens-mot-de-passe.csv')
  const linksCsv = fs.readFileSync((await download.path())!, 'utf8')
  expect(linksCsv.startsWith('\ufeffNom;Adresse e-mail;Lien pour choisir le mot de passe;')).toBe(true)
  expect(linksCsv).toContain(`Anaïs Bénard-Lefèvre;${people()[0]!.email};${links[0]}`)
  expect(linksCsv).toContain(`Maëlys N’Diaye;${people()[1]!.email};${links[1]}`)
  await expectNoAxeViolations(page)
  await noSidewaysScroll(page, 'result')

  // The roster: counted on the page, downloaded as Excel with the imported names.
  await page.goto(pagePath())
  await expect(page.getByText('3 candidat·es inscrit·es')).toBeVisible()
  await expect(page.getByText('dont 3 comptes en attente de mot de passe', { exact: false })).toBeVisible()
  const [roster] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exporter la liste (Excel)' }).click()])
  expect(roster.suggestedFilename()).toMatch(/^Inscrits — Session import .*\.xlsx$/)
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'import-'))
  const xlsx = path.join(out, 'inscrits.xlsx')
  await roster.saveAs(xlsx)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(xlsx)
  const sheet = workbook.worksheets[0]!
  const names = sheet.getColumn(1).values.slice(2).map(String)
  expect(names).toEqual(['Anaïs Bénard-Lefèvre', 'Jean-Loup D’Arcy-Ébrard', 'Maëlys N’Diaye'])
  expect(sheet.getColumn(2).values.slice(2).map(String)).toEqual([people()[0]!.email, people()[2]!.email, people()[1]!.email])

  // The learner opens their link, in a browser of their own.
  const learnerContext = await browser.newContext()
  const learner = await learnerContext.newPage()
  const opened = await learner.goto(new URL(ctx.link).pathname)
  expect(opened?.status()).toBe(200)
  expect(opened?.headers()['referrer-policy']).toContain('no-referrer')
  await expect(learner.getByRole('heading', { level: 1, name: 'Bienvenue dans l’Atelier' })).toBeVisible()
  await expect(learner.getByText('Anaïs Bénard-Lefèvre')).toBeVisible()
  await expect(learner.getByText(people()[0]!.email)).toBeVisible()
  await expect(learner.getByText('10\u00a0caractères au moins', { exact: false })).toBeVisible()
  await expectNoAxeViolations(learner)
  await noSidewaysScroll(learner, 'password')

  // French errors, focused; nothing typed is sent back into the page.
  await learner.getByLabel('Nouveau mot de passe').fill('court')
  await learner.getByLabel('Confirmez le mot de passe').fill('court')
  await learner.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click()
  await expect(learner.getByText('Le mot de passe doit compter au moins 10 caractères.')).toBeVisible()
  await expect(learner.getByLabel('Nouveau mot de passe')).toBeFocused()
  await learner.getByLabel('Nouveau mot de passe').fill(PASSWORD)
  await learner.getByLabel('Confirmez le mot de passe').fill(`${PASSWORD}!`)
  await learner.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click()
  await expect(learner.getByText('Les deux mots de passe ne sont pas identiques.')).toBeVisible()
  await expect(learner.getByLabel('Confirmez le mot de passe')).toBeFocused()
  expect(await learner.content()).not.toContain(PASSWORD)
  await expectNoAxeViolations(learner)
  await noSidewaysScroll(learner, 'password-errors', [320])

  await learner.getByLabel('Nouveau mot de passe').fill(PASSWORD)
  await learner.getByLabel('Confirmez le mot de passe').fill(PASSWORD)
  await learner.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click()
  await learner.waitForURL('**/connexion?mot-de-passe=defini')
  await expect(learner.getByText('Votre mot de passe est enregistré\u00a0: connectez-vous.')).toBeVisible()

  // Then logs in through the form and finds the session.
  await learner.getByLabel('Adresse e-mail').fill(people()[0]!.email)
  await learner.getByLabel('Mot de passe').fill(PASSWORD)
  await learner.getByRole('button', { name: 'Se connecter' }).click()
  await learner.waitForURL('**/candidat')
  await expect(learner.getByRole('heading', { level: 1, name: 'Bonjour Anaïs' })).toBeVisible()
  await expect(learner.getByRole('heading', { name: ctx.sessionName })).toBeVisible()

  // The link has served: it is gone, and says what to do.
  const again = await learner.goto(new URL(ctx.link).pathname)
  expect(again?.status()).toBe(410)
  await expect(learner.getByRole('heading', { level: 1, name: 'Ce lien a déjà servi' })).toBeVisible()
  await expect(learner.getByText('demandez un nouveau lien à l’administration', { exact: false }).first()).toBeVisible()
  await learnerContext.close()
})

test('an unknown link is not found, and says what to do', async ({ page }) => {
  const response = await page.goto('/mot-de-passe/pas-un-vrai-lien')
  expect(response?.status()).toBe(404)
  expect(response?.headers()['referrer-policy']).toContain('no-referrer')
  await expect(page.getByRole('heading', { level: 1, name: 'Ce lien n’est pas valide' })).toBeVisible()
  await expect(page.getByText('demandez un nouveau lien à l’administration', { exact: false }).first()).toBeVisible()
  await expectNoAxeViolations(page)
  await noSidewaysScroll(page, 'password-unknown', [320])
  // Posting to it changes nothing and answers the same.
  const posted = await page.request.post('/mot-de-passe/pas-un-vrai-lien', { form: { password: PASSWORD, confirm: PASSWORD } })
  expect(posted.status()).toBe(404)
})

test('a malformed file gets the exact per-line report, and nothing is written even when its import is forced', async ({ page }) => {
  const bad = {
    one: `claire.morin.${ctx.stamp}@exemple.fr`,
    two: `oceane.lemaitre.${ctx.stamp}@exemple.fr`,
  }
  const file = csv([
    ['Prénom', 'Nom', 'Courriel'],
    ['Claire', 'Morin', bad.one],
    ['Hugo', 'Béranger', ''],
    ['Océane', 'Lemaître', bad.two],
    ['Claire', 'Morin-Duval', bad.one.toUpperCase()],
    ['Noé', 'L’Hermitte', 'noe.lhermitte-at-exemple.fr'],
  ])
  await loginAs(page, 'admin')
  await page.goto(pagePath())
  await page.getByLabel('Fichier de la promotion').setInputFiles({ name: 'promotion-erreurs.csv', mimeType: 'text/csv', buffer: file })
  await page.getByRole('button', { name: 'Vérifier le fichier' }).click()
  await expect(page.getByRole('heading', { name: 'Aperçu de l’import' })).toBeFocused()
  await expect(page.getByRole('alert').filter({ hasText: '3 erreurs empêchent l’import' })).toBeVisible()
  expect(await tableRows(page, 'Lignes refusées')).toEqual([
    ['3', 'C', 'Adresse e-mail manquante.'],
    ['5', 'C', `Adresse e-mail en double\u00a0: «\u00a0${bad.one}\u00a0» est déjà à la ligne 2.`.replace(/\u00a0/g, ' ')],
    ['6', 'C', 'Adresse e-mail non valide\u00a0: «\u00a0noe.lhermitte-at-exemple.fr\u00a0».'.replace(/\u00a0/g, ' ')],
  ])
  // No confirmation for a file with errors.
  await expect(page.getByRole('button', { name: /^Importer/ })).toHaveCount(0)
  await expectNoAxeViolations(page)
  await noSidewaysScroll(page, 'errors')
  expect(await usersWith([bad.one, bad.two, 'noe.lhermitte-at-exemple.fr'])).toEqual([])

  // Forcing the import of the same file: refused with the report, 400, nothing written.
  const forced = await page.request.post(pagePath(), {
    multipart: { intent: 'import', fileName: 'promotion-erreurs.csv', content: file.toString('base64') },
  })
  expect(forced.status()).toBe(400)
  const html = await forced.text()
  expect(html).toContain('Import refusé')
  expect(html).toContain('est déjà à la ligne 2')
  expect(await usersWith([bad.one, bad.two])).toEqual([])
  const enrolled = (await e2eDb().select().from(schema.enrollments)).filter((e) => e.examSessionId === ctx.sessionId)
  expect(enrolled).toHaveLength(3)

  // No file at all: the field says so, focused.
  await page.getByLabel('Fichier de la promotion').setInputFiles([])
  await page.getByRole('button', { name: 'Vérifier le fichier' }).click()
  await expect(page.getByText('Choisissez un fichier CSV ou Excel (.xlsx) contenant la liste des candidat·es.')).toBeVisible()
  await expect(page.getByLabel('Fichier de la promotion')).toBeFocused()
})
