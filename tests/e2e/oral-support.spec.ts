import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import * as schema from '../../db/schema'
import {
  BASE_URL,
  sessionCookieFor,
  createGroup,
  createLearner,
  dossierIdOf,
  e2eDb,
  expect,
  expectNoAxeViolations,
  gridOf,
  loginAs,
  noSidewaysScroll,
  openSection,
  sectionRow,
  test,
} from './fixtures'

/** A 2 × 2 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGOQt+oCIgYIBQAXNgONkNpUQgAAAABJRU5ErkJggg==', 'base64')

test('grand oral: parts with times, an image and a section as visuals, hints, shares, reload; axe clean, no sideways scroll', async ({ page }) => {
  test.setTimeout(180_000)
  const learner = await createLearner('oral')
  const dossierId = await dossierIdOf(learner.email, 'projet-com-a9')
  // A table of the same dossier, written: a picture the oral may show.
  await e2eDb()
    .insert(schema.dossierSections)
    .values({
      dossierId,
      sectionId: 'canaux-envisages',
      content: { rows: [{ id: 'row-canal-1', cells: { canal: 'Salon régional', typologie: 'Événementiel' } }] } as never,
      version: 1,
      updatedAt: new Date(),
      updatedBy: learner.id,
    })
  await loginAs(page, learner)
  await page.goto(`/dossiers/${dossierId}/sections/support-oral`)
  const section = page.locator('#section-support-oral')
  const hints = section.locator('.hints')
  await expect(hints).toContainText('est vide')

  const parts = await gridOf(page, section.getByRole('grid', { name: /^Plan de l’oral : / }))
  const add = section.getByRole('button', { name: /Ajouter une partie$/ })
  await add.click()
  await parts.fill(0, 'Titre', 'Le cadrage du projet')
  await parts.fill(0, 'Durée (min)', '4')
  await add.click()
  await parts.fill(1, 'Titre', 'Les canaux retenus')
  await parts.fill(1, 'Durée (min)', '6,5')
  await expect(section.locator('.oral-total')).toContainText(/10,5\s?min/)
  // Neither part says what it shows yet, and there is no self-assessment part.
  await expect(hints).toContainText('Partie 1 « Le cadrage du projet » : dites ce qu’elle montre')
  await expect(hints).toContainText('Le grand oral présente l’auto-évaluation des compétences acquises')

  // Part 1: a key message. Part 2: an uploaded image and a section of the dossier.
  await parts.fill(0, 'Message clé', 'Un besoin de visibilité locale')
  await parts.cell(1, 'Supports').dblclick()
  const panel = page.getByRole('dialog', { name: 'Supports — Partie 2' })
  await panel.getByLabel('Section du dossier à montrer').selectOption({ label: 'Canaux envisagés' })
  await panel.getByRole('button', { name: 'Ajouter la section' }).click()
  await panel.getByLabel('Image', { exact: true }).setInputFiles({ name: 'mix.png', mimeType: 'image/png', buffer: PNG })
  await panel.getByLabel('Texte alternatif (ce que montre l’image)').fill('Le mix des canaux retenus')
  await panel.getByRole('button', { name: 'Envoyer l’image' }).click()
  await expect(panel.getByRole('button', { name: 'Retirer Image : Le mix des canaux retenus' })).toBeVisible()
  await expect(panel.getByRole('button', { name: 'Retirer Section « Canaux envisagés »' })).toBeVisible()
  await page.screenshot({ path: 'test-results/screenshots/oral-support-panel.png' })
  await panel.getByRole('button', { name: 'Fermer' }).click()
  await expect(hints).not.toContainText('dites ce qu’elle montre')

  // The self-assessment part, pre-filled from the learner's self-assessment.
  await section.getByRole('button', { name: 'Ajouter la partie d’auto-évaluation' }).click()
  await expect(parts.cell(2, 'Titre')).toHaveText('Auto-évaluation des compétences acquises')
  await parts.fill(2, 'Durée (min)', '3')
  // Every hint is answered: the list is gone.
  await expect(hints).toHaveCount(0)
  await expect(section.locator('.oral-total')).toContainText(/13,5\s?min/)

  // A question of the jury linked to a criterion.
  const questions = await gridOf(page, section.getByRole('grid', { name: /^Questions anticipées du jury : / }))
  await section.getByRole('button', { name: /Ajouter une question$/ }).click()
  await questions.fill(0, 'Question', 'Pourquoi un salon plutôt que la presse ?')
  await questions.cell(0, 'Critères').dblclick()
  const criteria = page.getByRole('dialog', { name: 'Critères — Question 1' })
  await criteria.getByRole('checkbox').first().check()
  await criteria.getByRole('button', { name: 'Fermer' }).click()
  await expect(questions.cell(0, 'Critères')).toHaveText(/^C9\./)

  await expect(section.locator('.save-status')).toHaveText(/^Enregistré à/)
  const stored = (await sectionRow(dossierId, 'support-oral'))!.content as { parts: { minutes: number; visuals: { kind: string }[] }[] }
  expect(stored.parts.map((p) => p.minutes)).toEqual([4, 6.5, 3])
  expect(stored.parts[1]!.visuals.map((v) => v.kind).sort()).toEqual(['image', 'section'])
  await expectNoAxeViolations(page)
  await noSidewaysScroll(page, 'oral-support-editor', [320, 390, 1366])

  await page.reload()
  await expect(parts.cell(1, 'Titre')).toHaveText('Les canaux retenus')
  await expect(parts.cell(1, 'Supports')).toContainText('Le mix des canaux retenus')
  await expect(section.locator('.oral-total')).toContainText(/13,5\s?min/)

  // The dossier page shows the plan.
  await page.goto(`/dossiers/${dossierId}`)
  await openSection(page, 'support-oral')
  const plan = page.locator('#section-support-oral .oral-plan')
  await expect(plan).toContainText('Les canaux retenus')
  await expect(plan).toContainText('Image : Le mix des canaux retenus')
  await page.locator('#section-support-oral').screenshot({ path: 'test-results/screenshots/oral-support-view-section.png' })
  await expectNoAxeViolations(page)
  await noSidewaysScroll(page, 'oral-support-view', [320, 390])
})

test('collective oral: a member without a part is named, shares side by side, the part nobody speaks is a hint', async ({ page }) => {
  test.setTimeout(120_000)
  const anna = await createLearner('anna')
  const bruno = await createLearner('bruno')
  await createGroup('msp-a4', [anna, bruno])
  const dossierId = await dossierIdOf(anna.email, 'msp-a4')
  await loginAs(page, anna)
  await page.goto(`/dossiers/${dossierId}/sections/support-oral`)
  const section = page.locator('#section-support-oral')
  const hints = section.locator('.hints')
  const parts = await gridOf(page, section.getByRole('grid', { name: /^Plan de l’oral : / }))
  const add = section.getByRole('button', { name: /Ajouter une partie$/ })
  await add.click()
  await parts.fill(0, 'Titre', 'Les moyens existants')
  await parts.fill(0, 'Message clé', 'Trois canaux sous-exploités')
  await parts.fill(0, 'Durée (min)', '5')
  await add.click()
  await parts.fill(1, 'Titre', 'Les axes proposés')
  await parts.fill(1, 'Message clé', 'Deux axes prioritaires')
  await parts.fill(1, 'Durée (min)', '3')
  await expect(hints).toContainText('Partie 1 « Les moyens existants » : personne n’y prend la parole')

  await parts.cell(0, 'Intervenants').dblclick()
  const panel = page.getByRole('dialog', { name: 'Intervenants — Partie 1' })
  await panel.getByRole('checkbox', { name: 'Élève anna' }).check()
  await panel.getByRole('button', { name: 'Fermer' }).click()
  await expect(hints).not.toContainText('Partie 1 « Les moyens existants » : personne')
  await expect(hints).toContainText('Partie 2 « Les axes proposés » : personne n’y prend la parole')
  // Bruno has no part: said in the editor and in the hints, and his share is 0.
  await expect(section.locator('.oral-warning')).toContainText('Élève bruno ne prend la parole dans aucune partie')
  await expect(hints).toContainText('Élève bruno ne prend la parole dans aucune partie ; dans un oral de groupe, chaque membre a sa part.')
  const shares = section.getByRole('region', { name: 'Temps de parole' })
  await expect(shares.getByRole('listitem').filter({ hasText: 'Élève anna' })).toContainText(/5\s?min · 62,5\s?%/)
  await expect(shares.getByRole('listitem').filter({ hasText: 'Élève bruno' })).toContainText(/0\s?min · 0\s?%/)
  await expect(section.locator('.save-status')).toHaveText(/^Enregistré à/)

  // Word: the plan as a table with the speakers, and the shares; Excel: typed minutes, SUM and SUMIF.
  const cookie = await sessionCookieFor(anna.email)
  const docx = await fetch(`${BASE_URL}/dossiers/${dossierId}/export.docx?section=support-oral`, { headers: { Cookie: cookie } })
  expect(docx.status).toBe(200)
  const xml = await (await JSZip.loadAsync(await docx.arrayBuffer())).file('word/document.xml')!.async('string')
  expect(xml).toContain('Les moyens existants')
  expect(xml).toContain('Temps de parole')
  expect(xml).toContain('Élève bruno')
  const xlsx = await fetch(`${BASE_URL}/dossiers/${dossierId}/export.xlsx?section=support-oral`, { headers: { Cookie: cookie } })
  expect(xlsx.status).toBe(200)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(await xlsx.arrayBuffer())
  const ws = wb.worksheets[0]!
  expect(ws.getCell('D2').value).toBe(5)
  expect((ws.getCell('D4').value as ExcelJS.CellFormulaValue).formula).toBe('SUM(D2:D3)')
  expect((ws.getCell('B7').value as ExcelJS.CellFormulaValue).formula).toBe('SUMIF(E2:E3,"*"&A7&"*",G2:G3)')
  await expectNoAxeViolations(page)
  await noSidewaysScroll(page, 'oral-support-collective', [320, 390, 1366])
})

test('serious game: one part per candidate, each candidate speaking in their own part', async ({ page }) => {
  test.setTimeout(120_000)
  const trio = [await createLearner('chloe'), await createLearner('dylan'), await createLearner('emma')]
  await createGroup('serious-game-a11', trio)
  const dossierId = await dossierIdOf(trio[0]!.email, 'serious-game-a11')
  await loginAs(page, trio[0]!)
  await page.goto(`/dossiers/${dossierId}/sections/support-oral`)
  const section = page.locator('#section-support-oral')
  const parts = await gridOf(page, section.getByRole('grid', { name: /^Plan de l’oral : / }))
  await section.getByRole('button', { name: 'Ajouter une partie par candidat' }).click()
  for (const [i, name] of ['Élève chloe', 'Élève dylan', 'Élève emma'].entries()) {
    await expect(parts.cell(i, 'Titre')).toHaveText(name)
    await expect(parts.cell(i, 'Intervenants')).toHaveText(name)
  }
  // Everyone has a part: the button is gone, nobody is named as silent.
  await expect(section.getByRole('button', { name: 'Ajouter une partie par candidat' })).toHaveCount(0)
  await expect(section.locator('.oral-warning')).toHaveCount(0)
  await expect(section.locator('.save-status')).toHaveText(/^Enregistré à/)
  const stored = (await sectionRow(dossierId, 'support-oral'))!.content as { parts: { speakers: string[] }[] }
  expect(stored.parts.map((p) => p.speakers)).toEqual(trio.map((l) => [l.id]))
})
