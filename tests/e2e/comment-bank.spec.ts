/**
 * The comment bank: a tutor's own bank beside the school's (read-only), the admin's school-wide bank,
 * French errors that keep what was typed, deletion after confirmation, keyboard-only use, and the
 * ownership rule enforced on the server (a POST aimed at an entry that is not one's own gets 404).
 */
import type { Locator, Page } from '@playwright/test'
import { eq } from 'drizzle-orm'
import * as schema from '../../db/schema'
import { DEMO_DOMAIN } from '../../db/seed'
import { DEMO_SCHOOL_BANK, DEMO_TUTOR_BANK } from '../../db/seed-bank'
import { DEMO_ACCOUNTS, e2eDb, expect as baseExpect, expectNoAxeViolations, loginAs, sessionCookieFor, test, userIdByEmail } from './fixtures'

// The bank pages hold the 190 criteria of the référentiel: on a machine shared by parallel runs, a navigation may take a few seconds.
const expect = baseExpect.configure({ timeout: 15_000 })

const unique = (label: string) => `${label} ${Date.now()}-${Math.floor(Math.random() * 1e6)}`
const rowOf = async (id: string) => (await e2eDb().select().from(schema.commentBank).where(eq(schema.commentBank.id, id)))[0]
const rowByBody = async (body: string) => (await e2eDb().select().from(schema.commentBank).where(eq(schema.commentBank.body, body)))[0]

/** The entry of a bank list holding `text`. */
const entry = (page: Page, text: string) => page.locator('.bank-entry', { hasText: text })

/** Presses Tab until `target` has the focus (keyboard only), failing after `max` presses. */
async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${target}`)
}

test('a tutor adds, edits and deletes an entry; bad input gets French errors and keeps what was typed', async ({ page }) => {
  test.setTimeout(180_000)
  await loginAs(page, 'tutor')
  await page.goto('/tuteur')
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Banque de commentaires' }).click()
  await expect(page).toHaveURL('/tuteur/banque')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Banque de commentaires')
  // Their own seeded entry, and the school's entries in their own list.
  const own = page.locator('section', { has: page.getByRole('heading', { name: /^Mes commentaires/ }) })
  const school = page.locator('section', { has: page.getByRole('heading', { name: /^Commentaires de l’école/ }) })
  await expect(own.getByText(DEMO_TUTOR_BANK[0]!.body)).toBeVisible()
  for (const e of DEMO_SCHOOL_BANK) await expect(school.getByText(e.body)).toBeVisible()
  await expectNoAxeViolations(page)

  const form = page.locator('section.bank-add')
  const text = unique('Précisez la source de chaque chiffre.')
  // No criterion: refused, the text stays.
  await form.getByLabel('Texte du commentaire').fill(text)
  const refused = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/tuteur/banque'))
  await form.getByRole('button', { name: 'Ajouter à ma banque' }).click()
  expect((await refused).status()).toBe(400)
  await expect(form.getByRole('alert')).toHaveText('Le commentaire n’a pas été enregistré : corrigez les champs signalés.')
  await expect(form.getByText('Choisissez au moins un critère.')).toBeVisible()
  await expect(form.getByLabel('Texte du commentaire')).toHaveValue(text)
  await expectNoAxeViolations(page)

  // A blank text: refused, the criteria stay chosen.
  await form.getByLabel('Filtrer les critères').fill('personae')
  await expect(form.getByText('4 critères correspondent.')).toBeVisible()
  await form.getByRole('checkbox', { name: /^C3\.2-1 / }).check()
  await form.getByRole('checkbox', { name: /^C3\.2-4 / }).check()
  await expect(form.getByText('2 critères choisis :')).toBeVisible()
  await form.getByLabel('Texte du commentaire').fill('   ')
  await form.getByRole('button', { name: 'Ajouter à ma banque' }).click()
  await expect(form.getByText('Saisissez le texte du commentaire.')).toBeVisible()
  await expect(form.getByRole('checkbox', { name: /^C3\.2-1 / })).toBeChecked()
  await expect(form.getByLabel('Texte du commentaire')).toHaveAttribute('aria-invalid', 'true')

  // Then added; a fresh form, the entry in the list with its criteria.
  await form.getByRole('button', { name: 'Retirer le critère C3.2-4' }).click()
  await form.getByLabel('Texte du commentaire').fill(`  ${text}  `)
  await form.getByRole('button', { name: 'Ajouter à ma banque' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Le commentaire a été ajouté.' })).toBeVisible()
  await expect(form.getByLabel('Texte du commentaire')).toHaveValue('')
  await expect(form.getByText('Aucun critère choisi.')).toBeVisible()
  const added = entry(page, text)
  await expect(added).toBeFocused()
  await expect(added.getByRole('list', { name: 'Critères' })).toContainText('C3.2-1')
  await expect(added.getByRole('list', { name: 'Critères' })).not.toContainText('C3.2-4')
  const row = (await rowByBody(text))!
  expect(row.ownerId).toBe(await userIdByEmail(DEMO_ACCOUNTS.tutor.email))
  expect(row.criterionIds).toEqual(['C3.2-1'])

  // Edited in place: an error keeps the edit, then it is saved.
  await added.getByRole('link', { name: 'Modifier' }).click()
  const edit = page.getByRole('form', { name: 'Modifier le commentaire' })
  await expect(edit.getByLabel('Texte du commentaire')).toBeFocused()
  await expect(edit.getByLabel('Texte du commentaire')).toHaveValue(text)
  await expectNoAxeViolations(page)
  await edit.getByLabel('Texte du commentaire').fill('x'.repeat(2001))
  await edit.getByRole('button', { name: 'Enregistrer' }).click()
  await expect(edit.getByText('Ce commentaire est trop long : 2 000 caractères au plus.')).toBeVisible()
  await expect(edit.getByLabel('Texte du commentaire')).toHaveValue('x'.repeat(2001))
  const edited = `${text} Et datez-le.`
  await edit.getByLabel('Texte du commentaire').fill(edited)
  await edit.getByLabel('Filtrer les critères').fill('C6.2')
  await edit.getByRole('checkbox', { name: /^C6\.2-2 / }).check()
  await edit.getByRole('button', { name: 'Enregistrer' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Le commentaire a été enregistré.' })).toBeVisible()
  await expect(entry(page, edited)).toBeFocused()
  expect(await rowOf(row.id)).toMatchObject({ body: edited, criterionIds: ['C3.2-1', 'C6.2-2'] })

  // Filter by criterion: this entry, not the others.
  await page.getByLabel('Filtrer par critère').selectOption('C6.2-2')
  await page.getByRole('button', { name: 'Filtrer', exact: true }).click()
  await expect(page).toHaveURL(/critere=C6\.2-2/)
  await expect(entry(page, edited)).toBeVisible()
  await expect(entry(page, DEMO_TUTOR_BANK[0]!.body)).toHaveCount(0)
  await expect(school.getByText(DEMO_SCHOOL_BANK.find((e) => e.criterionIds.includes('C6.2-2'))!.body)).toBeVisible()
  await expect(school.getByText(DEMO_SCHOOL_BANK[0]!.body)).toHaveCount(0)
  await page.getByRole('link', { name: 'Tout afficher' }).click()
  await expect(entry(page, DEMO_TUTOR_BANK[0]!.body)).toBeVisible()

  // Deleted after confirmation; « Annuler » keeps it.
  await entry(page, edited).getByRole('button', { name: 'Supprimer' }).click()
  const dialog = page.getByRole('dialog', { name: 'Confirmer' })
  await expect(dialog).toContainText('Supprimer ce commentaire de votre banque ?')
  await expectNoAxeViolations(page)
  await dialog.getByRole('button', { name: 'Annuler' }).click()
  await expect(dialog).toBeHidden()
  expect(await rowOf(row.id)).toBeDefined()
  await entry(page, edited).getByRole('button', { name: 'Supprimer' }).click()
  await dialog.getByRole('button', { name: 'Supprimer' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Le commentaire a été supprimé.' })).toBeVisible()
  await expect(entry(page, edited)).toHaveCount(0)
  expect(await rowOf(row.id)).toBeUndefined()
})

test('a tutor cannot change the school’s entries nor another tutor’s: no button, and a forged POST gets 404 (403 on the admin page)', async ({
  page,
  request,
}) => {
  const db = e2eDb()
  const otherTutor = await userIdByEmail(`tuteur2@${DEMO_DOMAIN}`)
  const others = (
    await db
      .insert(schema.commentBank)
      .values({ ownerId: otherTutor, body: unique('De l’autre tuteur'), criterionIds: ['C1.1-2'], updatedAt: new Date() })
      .returning()
  )[0]!
  const schoolEntry = (await rowByBody(DEMO_SCHOOL_BANK[0]!.body))!

  await loginAs(page, 'tutor')
  await page.goto('/tuteur/banque')
  await expect(page.getByText(others.body)).toHaveCount(0)
  const shared = entry(page, schoolEntry.body)
  await expect(shared).toBeVisible()
  await expect(shared.getByRole('link', { name: 'Modifier' })).toHaveCount(0)
  await expect(shared.getByRole('button', { name: 'Supprimer' })).toHaveCount(0)
  // Even the edit address does not open a form on it.
  await page.goto(`/tuteur/banque?modifier=${schoolEntry.id}`)
  await expect(page.getByRole('form', { name: 'Modifier le commentaire' })).toHaveCount(0)

  const headers = { Cookie: await sessionCookieFor(DEMO_ACCOUNTS.tutor.email) }
  const post = (url: string, form: Record<string, string>) => request.post(url, { headers, form, maxRedirects: 0 })
  for (const target of [schoolEntry, others]) {
    expect((await post('/tuteur/banque', { intent: 'update', id: target.id, body: 'Piraté', criterionIds: 'C1.1-2' })).status()).toBe(404)
    expect((await post('/tuteur/banque', { intent: 'update', id: target.id, body: '', criterionIds: '' })).status()).toBe(404)
    expect((await post('/tuteur/banque', { intent: 'delete', id: target.id })).status()).toBe(404)
    expect((await post('/admin/banque', { intent: 'delete', id: target.id })).status()).toBe(403)
    expect((await post('/admin/banque', { intent: 'update', id: target.id, body: 'Piraté', criterionIds: 'C1.1-2' })).status()).toBe(403)
    expect(await rowOf(target.id)).toMatchObject({ body: target.body, ownerId: target.ownerId })
  }
  expect((await post('/admin/banque', { intent: 'create', body: 'Piraté', criterionIds: 'C1.1-2' })).status()).toBe(403)
  // A forged criterion id is refused with a French message.
  const forged = await post('/tuteur/banque', { intent: 'create', body: 'Texte', criterionIds: 'C99.9-9' })
  expect(forged.status()).toBe(400)
  expect(await forged.text()).toContain('Ce critère n’existe pas dans le référentiel : C99.9-9.')
  expect(await rowByBody('Piraté')).toBeUndefined()
  await db.delete(schema.commentBank).where(eq(schema.commentBank.id, others.id))
})

test('the admin manages the school’s bank, which tutors then see read-only', async ({ page, browser }) => {
  test.setTimeout(180_000)
  await loginAs(page, 'admin')
  await page.goto('/admin')
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Banque de commentaires' }).click()
  await expect(page).toHaveURL('/admin/banque')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Banque de commentaires de l’école')
  // No tutor's entry here.
  await expect(page.getByText(DEMO_TUTOR_BANK[0]!.body)).toHaveCount(0)
  await expect(entry(page, DEMO_SCHOOL_BANK[0]!.body)).toBeVisible()
  await expectNoAxeViolations(page)

  const form = page.locator('section.bank-add')
  const text = unique('Illustrez le parcours client par une courbe d’expérience.')
  await form.getByLabel('Texte du commentaire').fill(text)
  await form.getByLabel('Filtrer les critères').fill('courbe')
  await form.getByRole('checkbox', { name: /^C7\.1-4 / }).check()
  await form.getByRole('button', { name: 'Ajouter à la banque de l’école' }).click()
  await expect(entry(page, text)).toBeFocused()
  const row = (await rowByBody(text))!
  expect(row).toMatchObject({ ownerId: null, criterionIds: ['C7.1-4'] })

  // A tutor sees it among the school's entries, without edit buttons.
  const tutorPage = await browser.newPage()
  await loginAs(tutorPage, 'tutor')
  await tutorPage.goto('/tuteur/banque')
  await expect(entry(tutorPage, text)).toBeVisible()
  await expect(entry(tutorPage, text).getByRole('link', { name: 'Modifier' })).toHaveCount(0)
  await tutorPage.close()

  const edited = `${text} Comparez-la aux attentes de l’entreprise.`
  await entry(page, text).getByRole('link', { name: 'Modifier' }).click()
  const edit = page.getByRole('form', { name: 'Modifier le commentaire' })
  await edit.getByLabel('Texte du commentaire').fill(edited)
  await edit.getByRole('button', { name: 'Enregistrer' }).click()
  await expect(entry(page, edited)).toBeFocused()
  expect((await rowOf(row.id))?.body).toBe(edited)

  // « Annuler » leaves the edit without saving, focus back on « Modifier ».
  await entry(page, edited).getByRole('link', { name: 'Modifier' }).click()
  await page.getByRole('form', { name: 'Modifier le commentaire' }).getByLabel('Texte du commentaire').fill('Pas gardé')
  await page.getByRole('link', { name: 'Annuler' }).click()
  await expect(entry(page, edited).getByRole('link', { name: 'Modifier' })).toBeFocused()
  expect((await rowOf(row.id))?.body).toBe(edited)

  await entry(page, edited).getByRole('button', { name: 'Supprimer' }).click()
  await expect(page.getByRole('dialog', { name: 'Confirmer' })).toContainText('Les tuteur·rices ne pourront plus l’insérer.')
  await page.getByRole('dialog').getByRole('button', { name: 'Supprimer' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Le commentaire a été supprimé.' })).toBeVisible()
  await expect(page.getByRole('heading', { name: /^Commentaires de l’école/ })).toBeFocused()
  expect(await rowOf(row.id)).toBeUndefined()
})

test('learners and jurors get 403 on both bank pages, tutors on the school’s', async ({ request }) => {
  for (const who of ['learner', 'juror'] as const) {
    const headers = { Cookie: await sessionCookieFor(DEMO_ACCOUNTS[who].email) }
    for (const url of ['/tuteur/banque', '/admin/banque']) {
      expect((await request.get(url, { headers, maxRedirects: 0 })).status(), `${who} GET ${url}`).toBe(403)
      const post = await request.post(url, { headers, maxRedirects: 0, form: { intent: 'create', body: 'x', criterionIds: 'C1.1-2' } })
      expect(post.status(), `${who} POST ${url}`).toBe(403)
    }
  }
  const tutor = { Cookie: await sessionCookieFor(DEMO_ACCOUNTS.tutor.email) }
  expect((await request.get('/admin/banque', { headers: tutor, maxRedirects: 0 })).status()).toBe(403)
  const admin = { Cookie: await sessionCookieFor(DEMO_ACCOUNTS.admin.email) }
  expect((await request.get('/tuteur/banque', { headers: admin, maxRedirects: 0 })).status()).toBe(403)
  const anonymous = await request.get('/tuteur/banque', { maxRedirects: 0 })
  expect(anonymous.status()).toBe(302)
  expect(anonymous.headers()['location']).toMatch(/^\/connexion/)
})

test('a tutor adds an entry with the keyboard only', async ({ page }) => {
  test.setTimeout(120_000)
  await loginAs(page, 'tutor')
  await page.goto('/tuteur/banque')
  const form = page.locator('section.bank-add')
  const textarea = form.getByLabel('Texte du commentaire')
  await tabTo(page, textarea)
  const text = unique('Présentez vos sources dans un tableau.')
  await page.keyboard.type(text)
  await tabTo(page, form.getByLabel('Filtrer les critères'))
  await page.keyboard.type('C1.1')
  // Enter in the filter does not submit.
  await page.keyboard.press('Enter')
  await expect(form.getByText('6 critères correspondent.')).toBeVisible()
  await tabTo(page, form.getByRole('checkbox', { name: /^C1\.1-2 / }))
  await page.keyboard.press('Space')
  await expect(form.getByRole('checkbox', { name: /^C1\.1-2 / })).toBeChecked()
  await tabTo(page, form.getByRole('button', { name: 'Ajouter à ma banque' }))
  await page.keyboard.press('Enter')
  await expect(entry(page, text)).toBeFocused()
  // And removes it: Tab to « Supprimer », confirm with the keyboard.
  await tabTo(page, entry(page, text).getByRole('button', { name: 'Supprimer' }))
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: 'Confirmer' })
  await expect(dialog).toBeVisible()
  await tabTo(page, dialog.getByRole('button', { name: 'Supprimer' }), 5)
  await page.keyboard.press('Enter')
  await expect(entry(page, text)).toHaveCount(0)
  expect(await rowByBody(text)).toBeUndefined()
})

test('the bank pages fit 320, 390 and 1366 px without sideways scrolling', async ({ page }) => {
  test.setTimeout(180_000)
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  const shot = (name: string) => `test-results/screenshots/bank-${name}.png`
  await loginAs(page, 'tutor')
  const seeded = (await rowByBody(DEMO_TUTOR_BANK[0]!.body))!
  for (const width of [320, 390, 1366]) {
    await page.setViewportSize({ width, height: 900 })
    await page.goto('/tuteur/banque')
    await page.locator('section.bank-add').getByLabel('Filtrer les critères').fill('personae')
    expect(await overflow(), `tutor ${width}`).toBeLessThanOrEqual(0)
    await page.screenshot({ path: shot(`tutor-${width}`) })
    await page.locator('section.bank-add').screenshot({ path: shot(`add-${width}`) })
    await page.locator('section', { has: page.getByRole('heading', { name: /^Commentaires de l’école/ }) }).screenshot({ path: shot(`school-${width}`) })
    await page.goto(`/tuteur/banque?modifier=${seeded.id}`)
    const edit = page.locator('.bank-entry--editing')
    await expect(edit).toBeVisible()
    expect(await overflow(), `edit ${width}`).toBeLessThanOrEqual(0)
    await edit.screenshot({ path: shot(`edit-${width}`) })
  }
  await loginAs(page, 'admin')
  for (const width of [320, 1366]) {
    await page.setViewportSize({ width, height: 900 })
    await page.goto('/admin/banque')
    expect(await overflow(), `admin ${width}`).toBeLessThanOrEqual(0)
    await page.screenshot({ path: shot(`admin-${width}`) })
  }
})
