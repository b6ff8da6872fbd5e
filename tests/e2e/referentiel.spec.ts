import data from '../../templates/referentiel.json' with { type: 'json' }
import { readableAbbreviations } from '../../app/domain/format'
import { expect, expectNoAxeViolations, loginAs, test } from './fixtures'

/** The page applies French typographic spaces; compare with ordinary spaces. */
const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').trim()
/** The data is verbatim; the page writes its abbreviations in readable French (« le.la candidat.e » → « le ou la candidat·e »). */
const shown = (s: string) => plain(readableAbbreviations(s))

test('shows every activity, competency and criterion verbatim, each criterion with its id', async ({ page }) => {
  await loginAs(page, 'learner')
  await page.goto('/referentiel')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Référentiel')
  const texts = await page.evaluate(() => {
    const out: Record<string, string> = {}
    document.querySelectorAll('section.activity').forEach((s) => {
      out[s.id] = s.querySelector('h2')?.textContent ?? ''
    })
    // A competency: its heading (the id), then its text, its criteria heading and its criteria.
    document.querySelectorAll('h3.competency__id').forEach((h) => {
      out[`${h.id} title`] = h.textContent ?? ''
      out[h.id] = h.nextElementSibling?.textContent ?? ''
      out[`${h.id} heading`] = h.nextElementSibling?.nextElementSibling?.textContent ?? ''
    })
    document.querySelectorAll('.criteria__list li').forEach((li) => {
      out[li.id] = li.textContent ?? ''
      // The id the stylesheet writes before the text.
      out[`${li.id} shown id`] = getComputedStyle(li, '::before').content
    })
    return out
  })
  let criteria = 0
  for (const a of data.activities) {
    expect(plain(texts[a.id] ?? null)).toBe(`${a.id} ${shown(a.title)}`)
    for (const c of a.competencies) {
      expect(texts[`${c.id} title`], c.id).toBe(c.id)
      expect(plain(texts[c.id] ?? null), c.id).toBe(shown(c.text))
      expect(plain(texts[`${c.id} heading`] ?? null), c.id).toBe(shown(c.criteriaHeading))
      for (const k of c.criteria) {
        expect(plain(texts[k.id] ?? null), k.id).toBe(shown(k.text))
        expect(texts[`${k.id} shown id`], k.id).toBe(`"${k.id}"`)
        criteria++
      }
    }
  }
  expect(criteria).toBe(190)
  // The épreuve that evaluates an activity's competencies, once per activity (two for A11 and A12).
  await expect(page.locator('[id="A6"] .activity__evaluation')).toContainText('Mise en situation professionnelle reconstituée (C6.1 à C6.3)')
  await expect(page.locator('[id="A11"] .activity__evaluation .badge')).toHaveText([
    'Serious game «\u00a0Challenge de la communication\u00a0»',
    'Projet de communication',
  ])
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
  await expect(page.locator('h3.competency__id')).toHaveCount(1)
  await expect(page.locator('[id="C3.2"]')).toBeVisible()
  await expect(page.getByText('1\u00a0compétence affichée sur 51')).toBeVisible()
  await page.getByLabel('Filtrer le référentiel').fill('eco-conception')
  await expect(page.locator('[id="C11.4"]')).toBeVisible()
  await page.getByLabel('Filtrer le référentiel').fill('zzzz introuvable')
  await expect(page.getByText('Aucun résultat')).toBeVisible()
  await expectNoAxeViolations(page)
})

test('the référentiel page is public: the login page’s link opens it without an account', async ({ page }) => {
  await page.goto('/connexion')
  await page.getByRole('link', { name: 'Consulter le référentiel' }).click()
  await expect(page).toHaveURL('/referentiel')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Référentiel')
  await expect(page.locator('.criteria__list li')).toHaveCount(190)
  // Its filter and deep links work logged out too.
  await page.goto('/referentiel?q=portrait-robot#C3.2')
  await expect(page.locator('h3.competency__id')).toHaveCount(1)
  await expect(page.locator('[id="C3.2"]')).toBeInViewport()
  await expectNoAxeViolations(page)
  // The visitor signs in from there; the login page itself offers no such link.
  await page.getByRole('link', { name: 'Se connecter' }).click()
  await expect(page).toHaveURL('/connexion')
  await expect(page.getByRole('link', { name: 'Se connecter' })).toHaveCount(0)
})

test('the référentiel page reflows at 320, 390 and 1 366 px', async ({ page }) => {
  await loginAs(page, 'learner')
  for (const width of [320, 390, 1366]) {
    await page.setViewportSize({ width, height: 900 })
    await page.goto('/referentiel')
    await page.evaluate(() => window.scrollTo(0, 0))
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow, `${width} px`).toBeLessThanOrEqual(0)
    await page.screenshot({ path: `test-results/screenshots/referentiel-${width}.png` })
    await page.locator('[id="A11"]').screenshot({ path: `test-results/screenshots/referentiel-A11-${width}.png` })
  }
  // EcoIndex B needs fewer than about 570 elements with this page's requests and bytes (npm run bench:pages): it had 1 340.
  expect(await page.evaluate(() => document.getElementsByTagName('*').length)).toBeLessThanOrEqual(570)
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
