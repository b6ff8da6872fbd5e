import { createGroup, createLearner, dossierIdOf, expect, expectNoAxeViolations, gridOf, loginAs, sectionRow, test } from './fixtures'

test('marketing mix: 4P in sub-parts, extensions up to 10P, 4E linked to the P, hints follow the content', async ({ page }) => {
  test.setTimeout(120_000)
  const learner = await createLearner('mix')
  const dossierId = await dossierIdOf(learner.email, 'cas-pratique-a3')
  await loginAs(page, learner)
  await page.goto(`/dossiers/${dossierId}/sections/mix`)
  const section = page.locator('#section-mix')
  const hints = section.locator('.hints')
  await expect(hints).toContainText('Les P « Produit », « Prix », « Distribution », « Communication » sont vides.')
  await expect(hints).toContainText('Aucune extension choisie : le mix reste à 4P.')

  const p = (id: string) => section.locator(`[data-mix-p="${id}"]`)
  await p('produit').getByLabel('Gamme').fill('Trois bougies rechargeables, un diffuseur')
  await expect(hints).toContainText('Les P « Prix », « Distribution », « Communication » sont vides.')
  await p('prix').getByLabel('Niveau de prix et positionnement').fill('Premium accessible : 39 à 59 €')
  await p('distribution').getByLabel('Canaux').fill('E-shop, concept-stores, pop-up de Noël')
  await p('communication').getByLabel('Message').fill('La lumière qui dure')
  await expect(hints).not.toContainText('sont vides')
  await expect(hints).not.toContainText('est vide')

  await section.getByRole('checkbox', { name: 'Processus', exact: true }).check()
  await expect(section.getByText('Votre mix compte 5 P')).toBeVisible()
  await expect(hints).toContainText('L’extension « Processus » est choisie mais n’a pas de contenu.')
  await section.locator('[data-mix-extension="processus"]').getByLabel('Contenu').fill('Recharge en boutique en dix minutes')
  await expect(hints).not.toContainText('« Processus »')

  const emotion = section.locator('[data-mix-e="emotion"]')
  await emotion.getByLabel('Proposition').fill('Atelier de création de sa propre bougie')
  await expect(hints).toContainText('L’E « Émotion » n’est relié à aucun P.')
  // The 4E map the P they transform: the extension picked is one of the rows.
  const link = (p: string, e: string) => section.getByRole('checkbox', { name: new RegExp(`^${p}, transformé par «\\s${e}\\s»$`) })
  await expect(section.getByRole('table', { name: 'Quels P chaque E transforme' }).getByRole('row')).toHaveCount(6)
  await link('Processus', 'Émotion').check()
  await expect(emotion).toContainText('P transformés : Processus')
  await expect(hints).not.toContainText('L’E « Émotion » n’est relié')

  // Up to 10P: once six extensions are picked, the seventh is disabled.
  for (const name of ['Personnel', 'Preuve physique', 'Partenariat', 'Permission', 'Personnalisation']) {
    await section.getByRole('checkbox', { name, exact: true }).first().check()
  }
  await expect(section.getByText('Votre mix compte 10 P')).toBeVisible()
  await expect(section.getByRole('checkbox', { name: 'Pourpre (vache pourpre)' })).toBeDisabled()
  await expect(section.locator('.save-status')).toHaveText(/^Enregistré à/)
  const stored = (await sectionRow(dossierId, 'mix'))!.content as { extensions: { id: string }[]; e: { emotion: { links: string[] } } }
  expect(stored.extensions.map((x) => x.id)).toEqual(['processus', 'personnel', 'preuve-physique', 'partenariat', 'permission', 'personnalisation'])
  expect(stored.e.emotion.links).toEqual(['processus'])
  await expectNoAxeViolations(page)
  await section.screenshot({ path: 'test-results/screenshots/mix-editor.png' })

  await page.reload()
  await expect(p('produit').getByLabel('Gamme')).toHaveValue('Trois bougies rechargeables, un diffuseur')
  await expect(link('Processus', 'Émotion')).toBeChecked()
  // Unpicking an extension that has content asks first, and unlinks it from the 4E.
  const processus = section.getByRole('checkbox', { name: 'Processus', exact: true }).first()
  await processus.click()
  await page.getByRole('dialog').getByRole('button', { name: 'Retirer' }).click()
  await expect(processus).not.toBeChecked()
  await expect(link('Processus', 'Émotion')).toHaveCount(0)
  await expect(hints).toContainText('L’E « Émotion » n’est relié à aucun P.')
})

test('retroplanning: computed backwards over weekends and public holidays, cycles named, Gantt with its table', async ({ page }) => {
  test.setTimeout(120_000)
  const learner = await createLearner('retro')
  const dossierId = await dossierIdOf(learner.email, 'cas-pratique-a10')
  await loginAs(page, learner)
  await page.goto(`/dossiers/${dossierId}/sections/retroplanning`)
  const section = page.locator('#section-retroplanning')
  const hints = section.locator('.hints')
  await expect(hints).toContainText('Pas de date finale')
  await expect(hints).toContainText('Aucune tâche pour l’instant.')

  await section.getByLabel('Date finale (échéance du projet)').fill('2027-05-14')
  const add = section.getByRole('button', { name: '+ Ajouter une tâche' })
  const grid = section.getByRole('grid', { name: /^Tâches : / })
  const { cell, fill } = await gridOf(page, grid)
  // Each task typed in the grid: its name in the new row's first cell, Tab to the next cell, → to skip one.
  for (const [i, [name, days, owner]] of [
    ['Brief agence', '3', 'Chargée de communication'],
    ['Création des visuels', '5', ''],
    ['Impression', '2', ''],
  ].entries()) {
    await add.click()
    await expect(cell(i, 'Tâche')).toBeFocused()
    await page.keyboard.type(name!)
    await page.keyboard.press('Tab')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.type(days!)
    await page.keyboard.press('Tab')
    if (owner) await page.keyboard.type(owner)
    await page.keyboard.press('Enter')
    await expect(cell(i, 'Durée (jours ouvrés)')).toHaveText(days!)
  }
  // Dependencies are picked in the side panel of their cell.
  const dependsOn = async (row: number, name: string, checked: boolean) => {
    await cell(row, 'Commence après la fin de').dblclick()
    const panel = page.getByRole('dialog', { name: `Commence après la fin de — Tâche ${row + 1}` })
    await panel.getByRole('checkbox', { name }).setChecked(checked)
    await panel.getByRole('button', { name: 'Fermer' }).click()
    await expect(panel).toBeHidden()
  }
  await dependsOn(1, 'Brief agence', true)
  await dependsOn(2, 'Création des visuels', true)
  await expect(cell(2, 'Commence après la fin de')).toHaveText('Création des visuels')
  await expect(hints).toContainText('Sans responsable : « Création des visuels », « Impression ».')
  // Impression ends on the deadline; the visuals skip Ascension (6 May 2027), the brief the weekend.
  for (const [row, start, finish] of [
    [2, '13/05/2027', '14/05/2027'],
    [1, '05/05/2027', '12/05/2027'],
    [0, '30/04/2027', '04/05/2027'],
  ] as const) {
    await expect(cell(row, 'Début au plus tard')).toHaveText(start)
    await expect(cell(row, 'Fin au plus tard')).toHaveText(finish)
  }

  // A cycle is named, then gone when the dependency is removed.
  await dependsOn(0, 'Impression', true)
  await expect(hints).toContainText('Dépendances circulaires')
  await expect(section.locator('.plan-problems')).toContainText('« Impression »')
  await dependsOn(0, 'Impression', false)
  await expect(hints).not.toContainText('Dépendances circulaires')

  await fill(1, 'Responsable', 'Studio graphique')
  await fill(2, 'Responsable', 'Imprimeur')
  await expect(hints).not.toContainText('Sans responsable')
  // Only the expected number of tasks is left to reach.
  await expect(hints.locator('li')).toHaveText(['« Rétroplanning des actions » a 3 tâches ; 8 au moins sont attendues.'])
  await expect(section.locator('.save-status')).toHaveText(/^Enregistré à/)
  await expectNoAxeViolations(page)
  await section.screenshot({ path: 'test-results/screenshots/retroplanning-editor.png' })

  await page.reload()
  await expect(cell(1, 'Tâche')).toHaveText('Création des visuels')
  await expect(cell(1, 'Commence après la fin de')).toHaveText('Brief agence')
  // The Gantt chart has a data table, reachable by keyboard.
  const summary = section.getByText('Données du diagramme (tableau)')
  await summary.focus()
  await page.keyboard.press('Enter')
  const table = section.getByRole('region', { name: /^Tableau : Diagramme de Gantt/ })
  await expect(table.getByRole('row')).toHaveCount(4)
  await expect(table.getByRole('row', { name: /Création des visuels/ })).toContainText('5 mai 2027')
  await expectNoAxeViolations(page)
})

test('retroplanning with tracking (C12.4): variance in working days and alert level from the template thresholds', async ({ page }) => {
  test.setTimeout(120_000)
  const learner = await createLearner('suivi')
  const dossierId = await dossierIdOf(learner.email, 'cas-pratique-a12')
  await loginAs(page, learner)
  await page.goto(`/dossiers/${dossierId}/sections/reporting-activites`)
  const section = page.locator('#section-reporting-activites')
  const hints = section.locator('.hints')
  await section.getByLabel('Date finale (échéance du projet)').fill('2026-11-20')
  await section.getByRole('button', { name: '+ Ajouter une tâche' }).click()
  const { cell, fill } = await gridOf(page, section.getByRole('grid', { name: /^Tâches : / }))
  await fill(0, 'Tâche', 'Tournage')
  await fill(0, 'Durée (jours ouvrés)', '3')
  await fill(0, 'Responsable', 'Vidéaste')
  await fill(0, 'Début réel', '16/11/2026')
  // Planned to end Friday 20 November; ended Wednesday 25: 3 working days late, red from 3.
  await fill(0, 'Fin réelle ou estimée', '25/11/2026')
  await expect(cell(0, 'Écart (jours ouvrés)')).toHaveText('+3')
  await expect(cell(0, 'Alerte')).toHaveText('Alerte rouge')
  await expect(hints).toContainText('En alerte rouge : « Tournage » (3 j).')
  await fill(0, 'Fin réelle ou estimée', '2026-11-23')
  await expect(cell(0, 'Écart (jours ouvrés)')).toHaveText('+1')
  await expect(cell(0, 'Alerte')).toHaveText('Alerte orange')
  await expect(hints).not.toContainText('En alerte rouge')
  await expect(section.locator('.save-status')).toHaveText(/^Enregistré à/)
  await page.reload()
  await expect(cell(0, 'Fin réelle ou estimée')).toHaveText('23/11/2026')
  await section.getByText('Données du diagramme (tableau)').click()
  await expect(section.getByRole('region', { name: /^Tableau : Diagramme de Gantt/ }).getByRole('row', { name: /Tournage/ })).toContainText('Orange')
  await expectNoAxeViolations(page)
})

test('KPI dashboard: computed ROI and ROAS, coloured alerts, SMART link, charts loaded on demand with their tables', async ({ page }) => {
  test.setTimeout(120_000)
  const learner = await createLearner('kpi')
  await createGroup('msp-a6', [learner])
  await loginAs(page, learner)

  // A SMART objective written in another dossier of the same candidate.
  const mspId = await dossierIdOf(learner.email, 'msp-a6')
  await page.goto(`/dossiers/${mspId}/sections/objectifs-smart`)
  await page.locator('#section-objectifs-smart').getByRole('button', { name: '+ Objectif global' }).click()
  await page.locator('#section-objectifs-smart').getByLabel('Intitulé').fill('Doubler les ventes en ligne de la gamme Essentiel')
  await expect(page.locator('#section-objectifs-smart .save-status')).toHaveText(/^Enregistré à/)

  const dossierId = await dossierIdOf(learner.email, 'cas-pratique-a15')
  await page.goto(`/dossiers/${dossierId}/sections/kpi`)
  const section = page.locator('#section-kpi')
  const hints = section.locator('.hints')
  await expect(hints).toContainText('Aucun indicateur calculé en ROI : ajoutez-en un.')
  await expect(hints).toContainText('Aucun indicateur calculé en ROAS : ajoutez-en un.')

  // The indicators are rows of a grid; a formula's inputs are typed in the side panel of their cell.
  const add = section.getByRole('button', { name: '+ Ajouter un indicateur' })
  const { cell, fill } = await gridOf(page, section.getByRole('grid', { name: /^Indicateurs : / }))
  const inputs = async (row: number, values: Record<string, string>) => {
    await cell(row, 'Données du calcul').dblclick()
    const panel = page.getByRole('dialog', { name: `Données du calcul — Indicateur ${row + 1}` })
    for (const [label, value] of Object.entries(values)) await panel.getByLabel(label).fill(value)
    await panel.getByRole('button', { name: 'Fermer' }).click()
    await expect(panel).toBeHidden()
  }
  await add.click()
  await expect(cell(0, 'Calcul')).toHaveText('ROI')
  await expect(cell(0, 'Indicateur')).toBeFocused()
  await page.keyboard.type('ROI campagne Search')
  await page.keyboard.press('Enter')
  await expect(hints).toContainText('« ROI campagne Search » : valeur réelle incalculable, il manque gain attribuable, coût.')
  await inputs(0, { 'Gain attribuable (€)': '12000', 'Coût (€)': '8000' })
  await expect(cell(0, 'Données du calcul')).toHaveText('gain attribuable 12\u202f000 · coût 8\u202f000')
  await fill(0, 'Cible', '40')
  await fill(0, 'Période', 'T1 2027')
  await cell(0, 'Objectif SMART mesuré').dblclick()
  await section
    .getByLabel('Objectif SMART mesuré, ligne 1')
    .selectOption({ label: 'Doubler les ventes en ligne de la gamme Essentiel (Mise en situation « Ressources, objectifs et leads »)' })
  await page.keyboard.press('Enter')
  await expect(cell(0, 'Réel')).toHaveText('50\u00a0%')
  await expect(cell(0, 'Atteinte')).toHaveText('125\u00a0% Vert')
  await expect(hints).not.toContainText('calculé en ROI')
  await expect(hints).not.toContainText('« ROI campagne Search »')

  await add.click()
  await expect(cell(1, 'Calcul')).toHaveText('ROAS')
  await page.keyboard.type('ROAS Social Ads')
  await page.keyboard.press('Enter')
  await inputs(1, { 'Chiffre d’affaires généré (€)': '9000', 'Dépenses publicitaires (€)': '3000' })
  await expect(hints).toContainText('Sans valeur cible : « ROAS Social Ads ».')
  await fill(1, 'Cible', '4')
  await expect(cell(1, 'Cible')).toHaveText('4\u00a0×')
  await expect(hints).not.toContainText('Sans valeur cible')
  // A card per indicator, above the charts; the dashboard's table is folded under them (the grid shows the same figures).
  await expect(section.getByRole('list', { name: /^Indicateurs/ }).getByRole('listitem')).toHaveText([
    /^ROI campagne SearchT1 2027 · ROI50\s%Cible 40\s% · 125\s% de la cibleAlerte verte$/,
    /^ROAS Social AdsROAS3\s×Cible 4\s× · 75\s% de la cibleAlerte rouge$/,
  ])
  await section.getByText('Données du tableau de bord (tableau)').click()
  const dashboard = section.getByRole('region', { name: /^Tableau de bord/ })
  await expect(dashboard.getByRole('row', { name: /ROAS Social Ads/ }).locator('td.cell--rouge')).toHaveText('3 ×')
  await expect(dashboard.getByRole('row', { name: /ROI campagne Search/ }).locator('td.cell--vert')).toHaveText('50 %')

  // A second period makes a trend chart, with its own table: the first row's action copies the indicator below it.
  await cell(0, 'Période').click()
  await section.getByRole('group', { name: 'Indicateur 1' }).getByRole('button', { name: 'Mesurer une autre période' }).click()
  await expect(cell(1, 'Indicateur')).toHaveText('ROI campagne Search')
  await fill(1, 'Période', 'T2 2027')
  await inputs(1, { 'Gain attribuable (€)': '15000', 'Coût (€)': '8000' })
  await expect(section.locator('.recharts-surface').first()).toBeVisible()
  await expect(section.getByRole('figure', { name: 'Évolution : ROI campagne Search' })).toBeVisible()
  const summary = section.getByText('Données du graphique « ROI campagne Search » (tableau)')
  await summary.focus()
  await page.keyboard.press('Enter')
  await expect(section.getByRole('region', { name: 'Évolution : ROI campagne Search' }).getByRole('row', { name: /T2 2027/ })).toContainText('87,5 %')
  await expect(section.locator('.save-status')).toHaveText(/^Enregistré à/)
  await expectNoAxeViolations(page)
  await section.screenshot({ path: 'test-results/screenshots/kpi-dashboard.png' })

  await page.reload()
  await expect(cell(0, 'Objectif SMART mesuré')).toHaveText(
    'Doubler les ventes en ligne de la gamme Essentiel (Mise en situation « Ressources, objectifs et leads »)',
  )
  await expect(cell(2, 'Indicateur')).toHaveText('ROAS Social Ads')
  await expect(section.locator('.recharts-wrapper')).toHaveCount(2)
})
