/**
 * Data protection (issue 13 §9), on exam sessions of its own (the demo data is
 * untouched): a session that ended on 30 June 2020 with 12 months of
 * retention, and one that ended on 30 June 2026 with 36 months. The admin
 * downloads a learner's data as a zip (donnees.json holds the dossier's text,
 * no password hash; the image is in fichiers/), anonymises that learner (the
 * name is gone from the accounts list, the journal lists it), deletes another
 * after typing the e-mail (a wrong one is refused and kept in the field; the
 * account is gone; the journal lists it). For a learner of the recent session
 * the buttons are absent and the date they become possible is shown. Axe on
 * the account page and the journal; no sideways scroll at 320, 390 and 1366 px.
 */
import fs from 'node:fs'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import JSZip from 'jszip'
import * as schema from '../../db/schema'
import { enrollLearners } from '../../app/services/dossier-provisioning.server'
import { e2eDb, expect, expectNoAxeViolations, loginAs, noSidewaysScroll, test } from './fixtures'

test.describe.configure({ mode: 'serial' })

// A 2×1 red PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEElEQVR4nGP4z8DAwMDAAAAHAQEAq0gRmwAAAABJRU5ErkJggg==', 'base64')
const TEXT = 'Notre veille porte sur les emballages réemployables.'

type Person = { id: string; email: string; name: string }
const ctx = { stamp: '', oldSession: '', recentSession: '', imageId: '', exported: {} as Person, deleted: {} as Person, recent: {} as Person }
const userPage = (p: Person) => `/admin/utilisateurs/${p.id}`

async function learner(name: string, label: string): Promise<Person> {
  const db = e2eDb()
  const email = `dp-${label}-${ctx.stamp}@test.local`
  const id = (await db.insert(schema.users).values({ email, name, passwordHash: 'x' }).returning())[0]!.id
  await db.insert(schema.userRoles).values({ userId: id, role: 'learner' })
  return { id, email, name }
}

test.beforeAll(async () => {
  const db = e2eDb()
  ctx.stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`
  ctx.oldSession = (
    await db
      .insert(schema.examSessions)
      .values({ name: `Session close ${ctx.stamp}`, startsOn: '2019-09-02', endsOn: '2020-06-30', retentionMonths: 12 })
      .returning()
  )[0]!.id
  ctx.recentSession = (
    await db
      .insert(schema.examSessions)
      .values({ name: `Session récente ${ctx.stamp}`, startsOn: '2025-09-01', endsOn: '2026-06-30', retentionMonths: 36 })
      .returning()
  )[0]!.id
  ctx.exported = await learner(`Inès Exportée ${ctx.stamp}`, 'export')
  ctx.deleted = await learner(`Bruno Supprimé ${ctx.stamp}`, 'delete')
  ctx.recent = await learner(`Clara Récente ${ctx.stamp}`, 'recent')
  await enrollLearners(db, ctx.oldSession, [ctx.exported.id, ctx.deleted.id])
  await enrollLearners(db, ctx.recentSession, [ctx.recent.id])

  // A dossier with some text and an image, as the editor stores them (the bytes beside the e2e database).
  const dossier = (await db.select().from(schema.dossiers).where(eq(schema.dossiers.learnerId, ctx.exported.id))).find((d) => d.templateId === 'fiche-veille')!
  ctx.imageId = (
    await db.insert(schema.uploads).values({ dossierId: dossier.id, uploaderId: ctx.exported.id, mime: 'image/png', size: PNG.byteLength }).returning()
  )[0]!.id
  fs.mkdirSync('data/uploads', { recursive: true })
  fs.writeFileSync(path.join('data/uploads', ctx.imageId), PNG)
  const content = {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: TEXT }] },
      { type: 'image', attrs: { src: `/fichiers/${ctx.imageId}`, alt: 'Un visuel' } },
    ],
  }
  await db
    .insert(schema.dossierSections)
    .values({ dossierId: dossier.id, sectionId: 'contexte', content: content as never, version: 1, updatedAt: new Date(), updatedBy: ctx.exported.id })
})

test('the admin downloads all of a learner’s data as a zip; the journal lists the export', async ({ page }) => {
  await loginAs(page, 'admin')
  await page.goto(userPage(ctx.exported))
  const section = page.getByRole('region', { name: 'Données personnelles' })
  await expect(section).toBeVisible()
  await expect(section.getByRole('button', { name: 'Anonymiser le compte' })).toBeVisible()
  await expectNoAxeViolations(page)
  await noSidewaysScroll(page, 'data-protection-account')

  const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('link', { name: 'Exporter toutes ses données (.zip)' }).click()])
  expect(download.suggestedFilename()).toBe(`Données — ${ctx.exported.name}.zip`)
  const zip = await JSZip.loadAsync(fs.readFileSync((await download.path())!))
  const text = await zip.file('donnees.json')!.async('string')
  expect(text).toContain(TEXT)
  expect(text).not.toMatch(/scrypt|passwordHash|password_hash/)
  const data = JSON.parse(text)
  expect(data.compte).toMatchObject({ id: ctx.exported.id, nom: ctx.exported.name, email: ctx.exported.email })
  expect(Buffer.from(await zip.file(`fichiers/images/${ctx.imageId}.png`)!.async('uint8array'))).toEqual(PNG)
  expect(await zip.file('README.txt')!.async('string')).toContain('droit d’accès')

  await page.goto(`/admin/journal?compte=${ctx.exported.id}`)
  const row = page.getByRole('row').filter({ hasText: 'Export des données' })
  await expect(row).toHaveCount(1)
  await expect(row).toContainText(ctx.exported.name)
  await expect(row).toContainText('Hélène Dubreuil')
  await expect(row).toContainText(/1\u00a0fichier/)
})

test('the admin anonymises a learner: the name leaves the accounts list; the journal lists it', async ({ page }) => {
  await loginAs(page, 'admin')
  await page.goto(userPage(ctx.exported))
  const choice = page.getByRole('region', { name: 'Anonymiser', exact: true })
  await expect(choice).toContainText('Conservé')
  await choice.getByLabel('Pour confirmer, saisissez son adresse e-mail').fill(ctx.exported.email)
  await choice.getByRole('button', { name: 'Anonymiser le compte' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Le compte est anonymisé' })).toContainText('Candidat·e anonymisé·e n°')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Candidat·e anonymisé·e n°\u00a0[0-9A-F]{6}$/)
  // Nothing left to export; deletion is still offered.
  await expect(page.getByRole('link', { name: 'Exporter toutes ses données (.zip)' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Supprimer le compte' })).toBeVisible()
  await page.screenshot({ path: 'test-results/screenshots/data-protection-anonymised.png', fullPage: true })
  // No way back in: no password link, no reactivation, even posted by hand.
  for (const intent of ['reset-link', 'reactivate']) {
    expect((await page.request.post(userPage(ctx.exported), { form: { intent } })).status()).toBe(409)
  }
  expect(await e2eDb().select().from(schema.passwordLinks).where(eq(schema.passwordLinks.userId, ctx.exported.id))).toEqual([])

  await page.goto(`/admin/utilisateurs?q=${encodeURIComponent(ctx.exported.name)}`)
  await expect(page.getByText('Aucun compte ne correspond à cette recherche')).toBeVisible()

  await page.goto(`/admin/journal?compte=${ctx.exported.id}&action=learner-anonymise`)
  const row = page.getByRole('row').filter({ hasText: 'Anonymisation' })
  await expect(row).toHaveCount(1)
  await expect(row.getByRole('link', { name: /^Candidat·e anonymisé·e n°\s[0-9A-F]{6}$/ })).toBeVisible()
  await expect(page.getByRole('main')).not.toContainText(ctx.exported.name)
  await expectNoAxeViolations(page)
  await noSidewaysScroll(page, 'data-protection-journal')
})

test('the admin deletes a learner after typing the e-mail: a wrong one is refused; the account is gone; the journal lists it', async ({ page }) => {
  await loginAs(page, 'admin')
  await page.goto(userPage(ctx.deleted))
  const choice = page.getByRole('region', { name: 'Supprimer', exact: true })
  const field = choice.getByLabel('Pour confirmer, saisissez son adresse e-mail')
  await field.fill(`autre-${ctx.deleted.email}`)
  await choice.getByRole('button', { name: 'Supprimer le compte' }).click()
  await expect(page.getByText('L’adresse saisie n’est pas celle du compte\u00a0: rien n’a été fait.')).toBeVisible()
  await expect(field).toHaveValue(`autre-${ctx.deleted.email}`)
  await expect(field).toHaveAttribute('aria-invalid', 'true')
  await choice.screenshot({ path: 'test-results/screenshots/data-protection-delete-refused.png' })
  await expectNoAxeViolations(page)

  await field.fill(ctx.deleted.email)
  await choice.getByRole('button', { name: 'Supprimer le compte' }).click()
  await expect(page).toHaveURL(/\/admin\/journal\?supprime=[0-9A-F]{6}$/)
  await expect(page.getByRole('status')).toContainText('est supprimé')
  const row = page.getByRole('row').filter({ hasText: 'Suppression' }).first()
  await expect(row).toContainText('(compte supprimé)')
  await expect(row).toContainText(/Compte supprimé\u00a0; \d+\u00a0dossiers supprimés/)
  expect((await e2eDb().select().from(schema.users).where(eq(schema.users.id, ctx.deleted.id)))[0]).toBeUndefined()

  const response = await page.goto(userPage(ctx.deleted))
  expect(response?.status()).toBe(404)
})

test('before the retention period has elapsed, no button: the page says from when, and why', async ({ page }) => {
  await loginAs(page, 'admin')
  await page.goto(userPage(ctx.recent))
  const section = page.getByRole('region', { name: 'Données personnelles' })
  await expect(section.getByRole('link', { name: 'Exporter toutes ses données (.zip)' })).toBeVisible()
  await expect(section.getByRole('button')).toHaveCount(0)
  await expect(section.getByRole('textbox')).toHaveCount(0)
  await expect(section).toContainText('Possible à partir du 1 juillet 2029')
  await expect(section).toContainText(`Session récente ${ctx.stamp}\u00a0: terminée le 30 juin 2026, données conservées 36\u00a0mois après la fin`)
  await expectNoAxeViolations(page)
  await noSidewaysScroll(page, 'data-protection-account-recent', [320])

  // The server refuses too, whatever the form says.
  const refused = await page.request.post(userPage(ctx.recent), { form: { intent: 'delete', confirmation: ctx.recent.email } })
  expect(refused.status()).toBe(409)
  expect((await e2eDb().select().from(schema.users).where(eq(schema.users.id, ctx.recent.id)))[0]).toBeDefined()
})
