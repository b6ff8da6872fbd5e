import fs from 'node:fs'
import type { Locator, Page } from '@playwright/test'
import type { DossierTemplate } from '../../templates/template.schema'
import referentiel from '../../templates/referentiel.json' with { type: 'json' }
import { createGroup, createLearner, dossierIdOf, expect, expectNoAxeViolations, loginAs, openSection, revisionTexts, sectionRow, test } from './fixtures'

const template = (id: string) => JSON.parse(fs.readFileSync(`templates/dossiers/${id}.json`, 'utf8')) as DossierTemplate
const firstOf = (id: string, kind: string) => template(id).sections.find((s) => s.field.kind === kind)!
const GROUP_EVALUATIONS = referentiel.evaluations.filter((e) => e.mode === 'group').map((e) => e.id)

/** A learner with a group of their own for every group épreuve. */
async function learnerWithGroups(label: string) {
  const learner = await createLearner(label)
  for (const evaluationId of GROUP_EVALUATIONS) await createGroup(evaluationId, [learner])
  return learner
}

const statusLine = (page: Page) => page.getByTestId('status-line')
const editorOf = (page: Page, sectionId: string) => page.locator(`#section-${sectionId} [role="textbox"]`)

test('a learner opens each of the 17 dossiers, types, reloads and finds the text', async ({ page }) => {
  // Seventeen dossiers opened, typed in and reloaded: minutes on a 2-core machine.
  test.setTimeout(300_000)
  const learner = await learnerWithGroups('dix-sept')
  await loginAs(page, learner)
  await page.goto('/candidat')
  const links = page.getByRole('link', { name: /^Ouvrir le dossier/ })
  await expect(links).toHaveCount(17)
  const targets = await links.evaluateAll((as) =>
    as.map((a) => ({ href: a.getAttribute('href')!, evaluationId: a.closest('li')!.id.replace(/^epreuve-/, '') })),
  )
  expect(new Set(targets.map((t) => t.evaluationId)).size).toBe(17)

  for (const [i, { href, evaluationId }] of targets.entries()) {
    await page.goto(href)
    const section = firstOf(evaluationId, 'richText')
    await openSection(page, section.id)
    const text = `Brouillon ${evaluationId} — « essai » n°${i + 1}`
    await editorOf(page, section.id).click()
    await page.keyboard.type(text)
    await expect(statusLine(page)).toHaveText(/^Enregistré à \d{1,2}\u00a0h\u00a0\d{2}$/)
    await page.reload()
    await expect(editorOf(page, section.id)).toContainText(text)
  }

  // Each group épreuve with a REX gives the member an individual REX dossier too.
  await page.goto('/candidat')
  const rex = page.getByRole('link', { name: /^Mon REX individuel/ })
  await expect(rex).toHaveCount(4)
  await rex.first().click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Retour d’expérience')
  await expect(page.getByRole('link', { name: 'Dossier du groupe' })).toBeVisible()
  await expectNoAxeViolations(page)
})

test('a table row, three self-assessments and the progress bars on the dossier and the home', async ({ page }) => {
  test.setTimeout(120_000)
  const learner = await createLearner('tableau')
  await loginAs(page, learner)
  await page.goto('/candidat')
  await page.getByRole('link', { name: /^Ouvrir le dossier Cas pratique professionnel \(C3\.1/ }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Cas pratique')
  await expectNoAxeViolations(page)
  // The brief: the référentiel's context and the demo company case.
  await page.getByText('Le sujet de l’épreuve et le cas de l’entreprise').click()
  await expect(page.getByRole('heading', { name: /Maison Lumen/ })).toBeVisible()
  await expectNoAxeViolations(page)
  for (const [name, size] of Object.entries({ phone: { width: 390, height: 844 }, desktop: { width: 1440, height: 900 } })) {
    await page.setViewportSize(size)
    await page.screenshot({ path: `test-results/screenshots/dossier-${name}.png`, fullPage: false })
  }

  // A table row: typed cells, saved, still there after a reload.
  const table = firstOf('cas-pratique-a3', 'table')
  const textColumn = table.field.kind === 'table' ? table.field.columns.find((c) => c.type === 'text')! : null
  const choiceColumn = table.field.kind === 'table' ? table.field.columns.find((c) => c.type === 'choice')! : null
  const sectionBox = page.locator(`#section-${table.id}`)
  await openSection(page, table.id)
  // A blank section: its hints read as to-dos, not warnings.
  await expect(sectionBox.locator('.hints--todo')).toContainText('n’a encore aucune ligne')
  // The table is a grid: the new row's first cell has the focus, typing edits it, Enter stores; a choice is picked in its cell.
  const columns = table.field.kind === 'table' ? table.field.columns : []
  const cell = (column: { id: string }) =>
    sectionBox
      .getByRole('grid')
      .locator('tbody tr')
      .first()
      .locator('td')
      .nth(columns.findIndex((c) => c.id === column.id))
  await sectionBox.getByRole('button', { name: /^\+/ }).click()
  await expect(cell(textColumn!)).toBeFocused()
  await page.keyboard.type('Fréquence d’achat des 25-34 ans')
  await page.keyboard.press('Enter')
  await cell(choiceColumn!).dblclick()
  await page.getByLabel(`${choiceColumn!.label}, ligne 1`).selectOption(choiceColumn!.options![1]!)
  await page.keyboard.press('Enter')
  await expect(statusLine(page)).toHaveText(/^Enregistré à/)
  await expect(sectionBox.locator('.hints')).not.toContainText('n’a encore aucune ligne')
  await page.reload()
  await expect(cell(textColumn!)).toHaveText('Fréquence d’achat des 25-34 ans')
  await expect(cell(choiceColumn!)).toHaveText(choiceColumn!.options![1]!)

  // Three criteria marked « atteint »: the bar moves on the dossier…
  const bar = page.locator('#progression-dossier [role="progressbar"]')
  await expect(bar).toHaveAttribute('aria-valuenow', '0')
  for (const id of ['C3.1-1', 'C3.2-1', 'C3.3-1']) {
    await page.locator(`[id="critere-${id}"]`).getByText('Atteint', { exact: true }).click()
  }
  await expect(bar).toHaveAttribute('aria-valuenow', String(Math.round((3 / 13) * 100)))
  await expect(page.locator('#progression-dossier')).toContainText('3/13 atteints')
  // Each choice is saved once the learner stops on it, and says so.
  for (const id of ['C3.1-1', 'C3.2-1', 'C3.3-1']) await expect(page.locator(`[id="critere-${id}"] .criterion-status__state`)).toHaveText('Enregistré')
  await page.reload()
  await expect(bar).toHaveAttribute('aria-valuenow', '23')
  await expect(page.locator('[id="critere-C3.2-1"]').getByRole('radio', { name: 'Atteint' })).toBeChecked()

  // …and on the home.
  await page.goto('/candidat')
  await expect(page.getByRole('progressbar', { name: 'Auto-évaluation C3.1 à C3.3' })).toHaveAttribute('aria-valuenow', '23')
  await expect(page.locator('#epreuve-cas-pratique-a3')).toContainText('3/13 atteints')
  // The card says what was written last, and what comes next: the demo cas pratique A3 is past its deadline, not handed in.
  // (The next section to write, on an épreuve still open, is checked in learner-home.spec.ts.)
  await expect(page.locator('#epreuve-cas-pratique-a3')).toContainText(/Modifié (à l’instant|il y a \d+ minutes?)/)
  await expect(page.locator('#epreuve-cas-pratique-a3 .home-card__next')).toHaveText(/^Refusé\s?: date limite dépassée$/)
  await expectNoAxeViolations(page)
})

test('one learner in two tabs of an individual dossier: the stale save gets the conflict, nothing is lost', async ({ browser }) => {
  // Group dossiers write their rich text together, live (co-editing.spec.ts); an individual dossier keeps the versioned autosave.
  test.setTimeout(120_000)
  const alice = await createLearner('alice')
  const dossierId = await dossierIdOf(alice.email, 'fiche-veille')
  const section = firstOf('fiche-veille', 'richText')

  const a = await (await browser.newContext()).newPage()
  const b = await (await browser.newContext()).newPage()
  await loginAs(a, alice)
  await loginAs(b, alice)
  await a.goto(`/dossiers/${dossierId}`)
  await b.goto(`/dossiers/${dossierId}`)
  await openSection(a, section.id)
  await openSection(b, section.id)
  await expect(editorOf(a, section.id)).toBeVisible()
  await expect(editorOf(b, section.id)).toBeVisible()

  await editorOf(a, section.id).click()
  await a.keyboard.type('Texte écrit par Alice.')
  await expect(statusLine(a)).toHaveText(/^Enregistré à/)

  await editorOf(b, section.id).click()
  await b.keyboard.type('Texte écrit par Bruno.')
  await expect(statusLine(b)).toHaveText('Conflit à résoudre')
  const conflict = b.locator(`#section-${section.id} .conflict`)
  await expect(conflict).toContainText('Texte écrit par Bruno.')
  await expect(conflict).toContainText('Texte écrit par Alice.')
  await expectNoAxeViolations(b)
  await conflict.getByRole('button', { name: 'Garder ma version' }).click()
  await expect(statusLine(b)).toHaveText(/^Enregistré à/)
  expect(JSON.stringify((await sectionRow(dossierId, section.id))!.content)).toContain('Texte écrit par Bruno.')

  // The first tab, still on the old version, types again: its save is refused too; it takes the other version.
  await a.keyboard.type(' Et une suite.')
  await expect(statusLine(a)).toHaveText('Conflit à résoudre')
  await a.locator(`#section-${section.id} .conflict`).getByRole('button', { name: 'Prendre l’autre version' }).click()
  await expect(statusLine(a)).toHaveText(/^Enregistré à/)
  await expect(editorOf(a, section.id)).toContainText('Texte écrit par Bruno.')

  // Every word of both sides is in the database: current content or history.
  const everything = [JSON.stringify((await sectionRow(dossierId, section.id))!.content), ...(await revisionTexts(dossierId, section.id))].join(' ')
  for (const words of ['Texte écrit par Alice.', 'Texte écrit par Bruno.', 'Texte écrit par Alice. Et une suite.']) {
    expect(everything).toContain(words)
  }
  await a.goto(`/dossiers/${dossierId}/historique`)
  await expect(a.getByRole('row', { name: /Version mise de côté/ })).toBeVisible()
})

test('offline, the learner keeps typing; back online, the text reaches the server', async ({ page, context }) => {
  const learner = await createLearner('hors-ligne')
  const dossierId = await dossierIdOf(learner.email, 'fiche-veille')
  await loginAs(page, learner)
  await page.goto(`/dossiers/${dossierId}`)
  await openSection(page, 'contexte')
  await editorOf(page, 'contexte').click()
  await page.keyboard.type('Avant la coupure.')
  await expect(statusLine(page)).toHaveText(/^Enregistré à/)

  await context.setOffline(true)
  await page.keyboard.type(' Pendant la coupure, rien ne se perd.')
  await expect(statusLine(page)).toHaveText('Hors ligne — modifications conservées sur cet appareil')
  const buffered = await page.evaluate((key) => localStorage.getItem(key), `atelier:brouillon:${dossierId}:contexte`)
  expect(buffered).toContain('Pendant la coupure')
  expect(JSON.stringify((await sectionRow(dossierId, 'contexte'))!.content)).not.toContain('Pendant la coupure')

  await context.setOffline(false)
  await expect(statusLine(page)).toHaveText(/^Enregistré à/)
  expect(JSON.stringify((await sectionRow(dossierId, 'contexte'))!.content)).toContain('Avant la coupure. Pendant la coupure, rien ne se perd.')
})

test('edits left in the browser when the tab closed are sent on the next visit', async ({ page, context }) => {
  const learner = await createLearner('onglet')
  const dossierId = await dossierIdOf(learner.email, 'fiche-ux')
  await loginAs(page, learner)
  await page.goto(`/dossiers/${dossierId}`)
  await openSection(page, 'contexte-persona')
  await context.setOffline(true)
  await editorOf(page, 'contexte-persona').click()
  await page.keyboard.type('Écrit hors ligne puis onglet fermé.')
  await expect(statusLine(page)).toHaveText('Hors ligne — modifications conservées sur cet appareil')
  await page.close()
  await context.setOffline(false)
  const again = await context.newPage()
  await again.goto(`/dossiers/${dossierId}`)
  await expect(statusLine(again)).toHaveText(/^Enregistré à/)
  expect(JSON.stringify((await sectionRow(dossierId, 'contexte-persona'))!.content)).toContain('Écrit hors ligne puis onglet fermé.')
})

test('the history shows versions, previews one and restores it', async ({ page }) => {
  test.setTimeout(120_000)
  const learner = await createLearner('historique')
  const dossierId = await dossierIdOf(learner.email, 'fiche-event')
  await loginAs(page, learner)
  await page.goto(`/dossiers/${dossierId}`)
  await openSection(page, 'contexte')
  const editor = editorOf(page, 'contexte')
  await editor.click()
  const long = 'Salon Maison & Objet en janvier, webinaire de lancement en mars, avec partenaires, budget et planning détaillés. '.repeat(3)
  await page.keyboard.type(long)
  await expect(statusLine(page)).toHaveText(/^Enregistré à/)
  // Deleting most of the text starts a new version, so the old one can be restored.
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.type('Oups.')
  await expect(statusLine(page)).toHaveText(/^Enregistré à/)

  await page.getByRole('link', { name: 'Historique' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Historique du dossier')
  const rows = page.locator('tbody tr')
  await expect(rows).toHaveCount(2)
  await expectNoAxeViolations(page)
  await rows.nth(1).getByRole('link', { name: /^Voir/ }).click()
  await expect(page.locator('.card')).toContainText('Salon Maison & Objet')
  await expectNoAxeViolations(page)
  // Typing may have been saved in several steps on a busy machine: the restore adds exactly one version.
  const before = (await sectionRow(dossierId, 'contexte'))!.version
  await page.getByRole('button', { name: 'Restaurer cette version' }).click()
  await expect(page.getByRole('dialog')).toContainText('restera consultable dans l’historique')
  await page.getByRole('dialog').getByRole('button', { name: 'Restaurer' }).click()
  // The history confirms the restore and leads back to the section, which opens.
  await expect(page).toHaveURL(new RegExp(`/dossiers/${dossierId}/historique\\?restauree=`))
  await expect(page.getByRole('status').or(page.getByRole('alert')).filter({ hasText: 'Version restaurée' })).toBeVisible()
  await page.getByRole('link', { name: /^Reprendre la section/ }).click()
  await expect(editorOf(page, 'contexte')).toContainText('Salon Maison & Objet')
  expect((await sectionRow(dossierId, 'contexte'))!.version).toBe(before + 1)
})

test('the whole flow works with the keyboard only', async ({ page }) => {
  test.setTimeout(120_000)
  const learner = await createLearner('clavier')
  await loginAs(page, learner)
  await page.goto('/candidat')
  // Reach the first dossier link with Tab, open it with Enter.
  const link = page.getByRole('link', { name: /^Ouvrir le dossier Fiche de compétences « Veille »/ })
  for (let i = 0; i < 200 && !(await link.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab')
  await expect(link).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Veille')

  // Tab to the first editor and type.
  // Sections open from their button: Tab to it, Enter.
  const tabTo = async (target: Locator, max = 60) => {
    for (let i = 0; i < max && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab')
    await expect(target).toBeFocused()
  }
  await tabTo(page.locator('#section-contexte .section-toggle'))
  await page.keyboard.press('Enter')
  const editor = editorOf(page, 'contexte')
  await expect(editor).toBeVisible()
  for (let i = 0; i < 60 && !(await editor.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab')
  await expect(editor).toBeFocused()
  await page.keyboard.type('Rédigé au clavier.')
  await page.keyboard.press('ControlOrMeta+b')
  await page.keyboard.type(' En gras.')
  await expect(statusLine(page)).toHaveText(/^Enregistré à/)
  await expect(editor.locator('strong')).toHaveText('En gras.')

  // Tab to the next section's « add a row » button, add a row and type in it.
  await tabTo(page.locator('#section-besoins .section-toggle'))
  await page.keyboard.press('Enter')
  const addRow = page.locator('#section-besoins').getByRole('button', { name: /^\+/ })
  for (let i = 0; i < 40 && !(await addRow.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab')
  await expect(addRow).toBeFocused()
  await page.keyboard.press('Enter')
  // The new row's first cell has the focus: typing edits it, Enter stores it.
  const firstCell = page.locator('#section-besoins').getByRole('grid').locator('tbody td').first()
  await expect(firstCell).toBeFocused()
  await page.keyboard.type('Marché')
  await expect(page.getByLabel('Sous-partie, ligne 1')).toHaveValue('Marché')
  await page.keyboard.press('Enter')
  await expect(firstCell).toHaveText('Marché')

  // Self-assessment with arrow keys in the radio group.
  const todo = page.locator('[id="critere-C1.1-1"]').getByRole('radio', { name: 'À faire' })
  for (let i = 0; i < 200 && !(await todo.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab')
  await expect(todo).toBeFocused()
  const saves: string[] = []
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.postData()?.includes('self-assess')) saves.push(r.postData()!)
  })
  // Arrowing through the options saves once, where the learner stops.
  await page.keyboard.press('ArrowRight')
  await expect(page.locator('[id="critere-C1.1-1"]').getByRole('radio', { name: 'En cours' })).toBeChecked()
  await page.keyboard.press('ArrowRight')
  await expect(page.locator('[id="critere-C1.1-1"]').getByRole('radio', { name: 'Atteint' })).toBeChecked()
  await expect(page.locator('[id="critere-C1.1-1"] .criterion-status__state')).toHaveText('Enregistré')
  await expect(page.locator('#progression-dossier')).toContainText(/1\/\d+\s*atteint/)
  expect(saves).toHaveLength(1)
  expect(saves[0]).toContain('status=achieved')
})
