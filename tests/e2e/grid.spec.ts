import type { Locator, Page } from '@playwright/test'
import { createLearner, dossierIdOf, expect, expectNoAxeViolations, loginAs, sectionRow, test } from './fixtures'

/**
 * The data grid of row-based kinds (app/components/grid), driven with the
 * keyboard only on the « Cible retenue » table of a fresh cas pratique A3:
 * moving, editing, adding and reordering rows, pasting a block copied from a
 * spreadsheet, undoing a deletion; autosaved; reflowed on a phone.
 */

/** A cell of the grid's body by row and column (0-based; the row number is a header, not counted). */
const cellOf = (grid: Locator) => (row: number, column: number) => grid.locator('tbody tr').nth(row).locator('td').nth(column)
const focused = (page: Page) => page.locator(':focus')

/** What a spreadsheet puts on the clipboard: rows on lines, cells between tabs, a cell with a line break in quotes. */
const BLOCK = [
  'Prescripteurs\tBoutiques de décoration "premium"\t210\tConseillent en magasin',
  'cible principale\tJeunes urbains\t4 200 000\tAchètent en ligne',
  'Cible secondaire\t"Familles du périurbain\nsur deux lignes"\t5\u202f100,5\tBudget serré',
].join('\r\n')

/** Presses Tab until `target` has the focus (a few presses at most). */
async function tabTo(page: Page, target: Locator) {
  for (let i = 0; i < 8 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab')
  await expect(target).toBeFocused()
}

/** Pastes `text` on the focused element as a browser does for Ctrl+V (a ClipboardEvent carrying a DataTransfer). */
async function paste(page: Page, text: string) {
  await page.evaluate((data) => {
    const clipboardData = new DataTransfer()
    clipboardData.setData('text/plain', data)
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }))
  }, text)
}

test('a table edited as a spreadsheet with the keyboard: move, edit, add, reorder, paste a block, undo; autosaved; reflowed', async ({ page }) => {
  test.setTimeout(120_000)
  const learner = await createLearner('grille')
  const dossierId = await dossierIdOf(learner.email, 'cas-pratique-a3')
  await loginAs(page, learner)
  await page.setViewportSize({ width: 1366, height: 900 })
  await page.goto(`/dossiers/${dossierId}#section-cible`)
  const section = page.locator('#section-cible')
  const grid = section.getByRole('grid', { name: 'Cible retenue' })
  const cell = cellOf(grid)
  const add = section.getByRole('button', { name: '+ Ajouter un niveau de cible' })
  const status = section.locator('.data-grid__status [role="status"]')
  await expect(add).toBeEnabled()
  await expect(grid.getByRole('columnheader')).toHaveText(['N°', 'Niveau', 'Description', 'Taille estimée', 'Justification'])

  // One tab stop: the empty grid, then its « add » button. Enter adds a row and puts the focus in its first cell.
  await add.focus()
  await page.keyboard.press('Shift+Tab')
  await expect(focused(page)).toHaveText('Aucune ligne pour l’instant.')
  await page.keyboard.press('Tab')
  await expect(add).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(cell(0, 0)).toBeFocused()
  await expect(grid.getByRole('row')).toHaveCount(2)

  // Typing edits: a choice picks the option its first letters name; Tab stores and moves right, Enter stores and moves down.
  await page.keyboard.type('c')
  await expect(section.getByLabel('Niveau, ligne 1')).toHaveValue('Cœur de cible')
  await page.keyboard.press('Tab')
  await expect(cell(0, 0)).toHaveText('Cœur de cible')
  await expect(cell(0, 1)).toBeFocused()
  await page.keyboard.type('Jeunes actifs urbains')
  await page.keyboard.press('Tab')
  await page.keyboard.type('12 000')
  await page.keyboard.press('Enter')
  await expect(cell(0, 2)).toHaveText('12\u202f000')
  await expect(cell(0, 2)).toBeFocused()

  // A number the column refuses is held in its cell, with why, and not sent.
  await page.keyboard.press('F2')
  await page.keyboard.press('Control+a')
  await page.keyboard.type('beaucoup')
  await page.keyboard.press('Enter')
  await expect(cell(0, 2)).toHaveAttribute('aria-invalid', 'true')
  await expect(cell(0, 2)).toContainText('beaucoupun nombre est attendu')
  await expect(status).toHaveText('Taille estimée, ligne 1 : un nombre est attendu, par exemple 1\u202f250,5 ; ce qui est tapé n’est pas enregistré.')
  // Escape drops it: the stored number is back.
  await page.keyboard.press('Escape')
  await expect(cell(0, 2)).toHaveText('12\u202f000')
  await expect(cell(0, 2)).not.toHaveAttribute('aria-invalid')

  // F2 edits in place; Escape cancels the edit and restores the cell.
  await page.keyboard.press('ArrowLeft')
  await expect(cell(0, 1)).toBeFocused()
  await page.keyboard.press('F2')
  await expect(section.getByLabel('Description, ligne 1')).toBeFocused()
  await page.keyboard.type(' et pressés')
  await page.keyboard.press('Escape')
  await expect(cell(0, 1)).toHaveText('Jeunes actifs urbains')
  await expect(cell(0, 1)).toBeFocused()

  // Arrows, Home and End move the focus; the grid is one tab stop.
  await page.keyboard.press('End')
  await expect(cell(0, 3)).toBeFocused()
  await page.keyboard.press('Home')
  await expect(cell(0, 0)).toBeFocused()
  await page.keyboard.press('ArrowRight')
  await expect(cell(0, 1)).toBeFocused()

  // A second row from the current row's buttons (after the grid and its « add » button), then moved up with Alt+↑.
  await page.keyboard.press('Tab')
  await expect(add).toBeFocused()
  await tabTo(page, section.getByRole('group', { name: 'Ligne 1' }).getByRole('button', { name: 'Insérer dessous' }))
  await page.keyboard.press('Enter')
  await expect(cell(1, 0)).toBeFocused()
  await page.keyboard.press('ArrowRight')
  await page.keyboard.type('Familles')
  await page.keyboard.press('Enter')
  await expect(cell(1, 1)).toHaveText('Familles')
  await page.keyboard.press('Alt+ArrowUp')
  await expect(cell(0, 1)).toHaveText('Familles')
  await expect(cell(1, 1)).toHaveText('Jeunes actifs urbains')
  await expect(cell(0, 1)).toBeFocused()
  await expect(status).toHaveText('Ligne 2 déplacée en position 1.')

  // A 3 × 4 block copied from a spreadsheet, pasted on the first cell of a new third row: rows added, values converted.
  await page.keyboard.press('Control+End')
  await expect(cell(1, 3)).toBeFocused()
  await page.keyboard.press('Home')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  await expect(cell(2, 0)).toBeFocused()
  await paste(page, BLOCK)
  await expect(status).toHaveText('3\u00a0lignes et 4\u00a0colonnes collées.')
  await expect(grid.locator('tbody tr')).toHaveCount(5)
  await expect(grid.locator('tbody tr').nth(2).locator('td')).toHaveText([
    'Prescripteurs',
    'Boutiques de décoration "premium"',
    '210',
    'Conseillent en magasin',
  ])
  await expect(grid.locator('tbody tr').nth(3).locator('td')).toHaveText(['Cible principale', 'Jeunes urbains', '4\u202f200\u202f000', 'Achètent en ligne'])
  await expect(cell(4, 2)).toHaveText('5\u202f100,5')
  await expect(cell(2, 0)).toBeFocused()

  // A text with a line break opens in the side panel, labelled with its column and row.
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('Enter')
  const panel = page.getByRole('dialog', { name: 'Description — Ligne 5' })
  await expect(panel).toBeVisible()
  await expect(panel.getByLabel('Description, ligne 5')).toHaveValue('Familles du périurbain\nsur deux lignes')
  await expect(panel.getByLabel('Description, ligne 5')).toBeFocused()
  await page.keyboard.press('Control+End')
  await page.keyboard.type(' et au-delà')
  await expectNoAxeViolations(page)
  await page.keyboard.press('Escape')
  await expect(panel).toBeHidden()
  await expect(cell(4, 1)).toBeFocused()
  await expect(cell(4, 1)).toHaveText('Familles du périurbain\nsur deux lignes et au-delà')

  // Delete a row with its button, then undo: nothing typed is lost.
  await tabTo(page, section.getByRole('group', { name: 'Ligne 5' }).getByRole('button', { name: 'Supprimer' }))
  await page.keyboard.press('Enter')
  await expect(grid.locator('tbody tr')).toHaveCount(4)
  await expect(status).toHaveText('Ligne 5 supprimée.')
  await section.getByRole('button', { name: 'Annuler', exact: true }).focus()
  await page.keyboard.press('Enter')
  await expect(grid.locator('tbody tr')).toHaveCount(5)
  await expect(cell(4, 1)).toHaveText('Familles du périurbain\nsur deux lignes et au-delà')

  await expect(page.getByTestId('status-line')).toHaveText(/^Enregistré à/)
  await expectNoAxeViolations(page)
  await page.screenshot({ path: 'test-results/screenshots/grid-1366.png' })
  await section.screenshot({ path: 'test-results/screenshots/grid-section-1366.png' })

  // Autosaved: the server has the five rows in their order, and a reload shows them.
  await expect
    .poll(async () => ((await sectionRow(dossierId, 'cible'))?.content as { rows: { cells: Record<string, unknown> }[] } | undefined)?.rows.map((r) => r.cells))
    .toEqual([
      { description: 'Familles' },
      { niveau: 'Cœur de cible', description: 'Jeunes actifs urbains', taille: 12000 },
      { niveau: 'Prescripteurs', description: 'Boutiques de décoration "premium"', taille: 210, justification: 'Conseillent en magasin' },
      { niveau: 'Cible principale', description: 'Jeunes urbains', taille: 4200000, justification: 'Achètent en ligne' },
      { niveau: 'Cible secondaire', description: 'Familles du périurbain\nsur deux lignes et au-delà', taille: 5100.5, justification: 'Budget serré' },
    ])
  await page.reload()
  await expect(grid.locator('tbody tr')).toHaveCount(5)
  await expect(grid.locator('tbody tr').nth(1).locator('td')).toHaveText(['Cœur de cible', 'Jeunes actifs urbains', '12\u202f000', ''])
  await expect(cell(3, 2)).toHaveText('4\u202f200\u202f000')

  // On a phone the grid scrolls inside its own box; the page does not scroll sideways.
  for (const width of [390, 320]) {
    await page.setViewportSize({ width, height: 800 })
    await grid.scrollIntoViewIfNeeded()
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    const box = section.locator('.data-grid__box')
    expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth && el.getBoundingClientRect().right <= window.innerWidth)).toBe(true)
    if (width === 390) await section.screenshot({ path: 'test-results/screenshots/grid-section-390.png' })
  }
  await expectNoAxeViolations(page)
})
