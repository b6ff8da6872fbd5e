import data from '../../templates/referentiel.json' with { type: 'json' }
import { DEMO_ACCOUNTS, expect, expectNoAxeViolations, loginAs, test } from './fixtures'

/** The page applies French typographic spaces; compare with ordinary spaces. */
const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').trim()

test('shows every activity, competency and criterion verbatim', async ({ page }) => {
  await loginAs(page, 'learner')
  await page.goto('/referentiel')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Référentiel')
  const texts = await page.evaluate(() => {
    const out: Record<string, string> = {}
    document.querySelectorAll('section.activity').forEach((s) => {
      out[s.id] = s.querySelector('h2')?.textContent ?? ''
    })
    document.querySelectorAll('article.competency').forEach((a) => {
      out[a.id] = a.querySelector('.competency__text')?.textContent ?? ''
      out[`${a.id} heading`] = a.querySelector('.criteria h4')?.textContent ?? ''
    })
    document.querySelectorAll('.criteria li').forEach((li) => {
      out[li.id] = li.lastElementChild?.textContent ?? ''
    })
    return out
  })
  let criteria = 0
  for (const a of data.activities) {
    expect(plain(texts[a.id] ?? null)).toBe(`${a.id}${a.title}`)
    for (const c of a.competencies) {
      expect(plain(texts[c.id] ?? null), c.id).toBe(c.text)
      expect(plain(texts[`${c.id} heading`] ?? null), c.id).toBe(c.criteriaHeading)
      for (const k of c.criteria) {
        expect(plain(texts[k.id] ?? null), k.id).toBe(k.text)
        criteria++
      }
    }
  }
  expect(criteria).toBe(190)
  await expect(page.locator('[id="C6.2"]')).toContainText('Mise en situation professionnelle reconstituée')
  await expectNoAxeViolations(page)
})

test('deep links open on the competency', async ({ page }) => {
  await loginAs(page, 'tutor')
  await page.goto('/referentiel#C3.2')
  const target = page.locator('[id="C3.2"]')
  await expect(target).toBeInViewport()
  expect(await target.evaluate((el) => el.matches(':target'))).toBe(true)
})

test('the text filter narrows the list, ignoring accents, and says when nothing matches', async ({ page }) => {
  await loginAs(page, 'juror')
  await page.goto('/referentiel')
  await page.getByLabel('Filtrer le référentiel').fill('portrait-robot')
  await expect(page).toHaveURL(/q=portrait-robot/)
  await expect(page.locator('article.competency')).toHaveCount(1)
  await expect(page.locator('[id="C3.2"]')).toBeVisible()
  await expect(page.getByText('1\u00a0compétence affichée sur 51')).toBeVisible()
  await page.getByLabel('Filtrer le référentiel').fill('eco-conception')
  await expect(page.locator('[id="C11.4"]')).toBeVisible()
  await page.getByLabel('Filtrer le référentiel').fill('zzzz introuvable')
  await expect(page.getByText('Aucun résultat')).toBeVisible()
  await expectNoAxeViolations(page)
})

test('the référentiel page requires a login', async ({ page }) => {
  await page.goto('/referentiel')
  await expect(page).toHaveURL('/connexion?redirectTo=%2Freferentiel')
  await page.getByLabel('Adresse e-mail').fill(DEMO_ACCOUNTS.learner.email)
  await page.getByLabel('Mot de passe').fill('Atelier-demo-2026')
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await expect(page).toHaveURL('/referentiel')
})

test('/referentiel.json serves the same data without login', async ({ request }) => {
  const response = await request.get('/referentiel.json')
  expect(response.status()).toBe(200)
  expect(response.headers()['content-type']).toContain('application/json')
  expect(await response.json()).toEqual(data)
})

test('the Moodle CSV downloads with its accents and one row per framework item', async ({ page }) => {
  await loginAs(page, 'admin')
  await page.goto('/referentiel')
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exporter pour Moodle (CSV)' }).click()])
  expect(download.suggestedFilename()).toBe('referentiel-charge-marketing-communication-moodle.csv')
  const path = await download.path()
  const fs = await import('node:fs')
  const bytes = fs.readFileSync(path)
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const text = bytes.toString('utf8')
  const { parse } = await import('csv-parse/sync')
  const rows: string[][] = parse(text, { bom: true })
  expect(rows[0]?.slice(0, 4)).toEqual(['Parent ID number', 'ID number', 'Short name', 'Description'])
  const items = rows.slice(1)
  const competencies = data.activities.flatMap((a) => a.competencies)
  expect(items).toHaveLength(1 + data.activities.length + competencies.length + 190)
  expect(items.filter((r) => r[12] === '1')).toHaveLength(1)
  const byId = new Map(items.map((r) => [r[1], r]))
  expect(byId.get('C3.2')?.[0]).toBe('A3')
  expect(byId.get('C3.2-3')?.[0]).toBe('C3.2')
  expect(byId.get('C3.2-3')?.[3]).toBe('La représentation visuelle répond aux codes professionnels dans le domaine et aux principes du « portrait-robot »')
  expect(byId.get('A11')?.[3]).toContain('l’éco-conception')
  for (const r of items) expect(r[2]!.length).toBeLessThanOrEqual(100)
})
