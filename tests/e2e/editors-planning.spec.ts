import { createGroup, createLearner, dossierIdOf, expect, expectNoAxeViolations, loginAs, sectionRow, test } from './fixtures'

test('marketing mix: 4P in sub-parts, extensions up to 10P, 4E linked to the P, hints follow the content', async ({ page }) => {
  test.setTimeout(120_000)
  const learner = createLearner('mix')
  const dossierId = await dossierIdOf(learner.email, 'cas-pratique-a3')
  await loginAs(page, learner)
  await page.goto(`/dossiers/${dossierId}#section-mix`)
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
  // The extension picked is one of the P an E can transform.
  await emotion.getByRole('checkbox', { name: 'Processus' }).check()
  await expect(hints).not.toContainText('L’E « Émotion » n’est relié')

  // Up to 10P: once six extensions are picked, the seventh is disabled.
  for (const name of ['Personnel', 'Preuve physique', 'Partenariat', 'Permission', 'Personnalisation']) {
    await section.getByRole('checkbox', { name, exact: true }).first().check()
  }
  await expect(section.getByText('Votre mix compte 10 P')).toBeVisible()
  await expect(section.getByRole('checkbox', { name: 'Pourpre (vache pourpre)' })).toBeDisabled()
  await expect(page.getByTestId('status-line')).toHaveText(/^Enregistré à/)
  const stored = sectionRow(dossierId, 'mix')!.content as { extensions: { id: string }[]; e: { emotion: { links: string[] } } }
  expect(stored.extensions.map((x) => x.id)).toEqual(['processus', 'personnel', 'preuve-physique', 'partenariat', 'permission', 'personnalisation'])
  expect(stored.e.emotion.links).toEqual(['processus'])
  await expectNoAxeViolations(page)
  await section.screenshot({ path: 'test-results/screenshots/mix-editor.png' })

  await page.reload()
  await expect(p('produit').getByLabel('Gamme')).toHaveValue('Trois bougies rechargeables, un diffuseur')
  await expect(section.locator('[data-mix-e="emotion"]').getByRole('checkbox', { name: 'Processus' })).toBeChecked()
  // Unpicking an extension that has content asks first, and unlinks it from the 4E.
  const processus = section.getByRole('checkbox', { name: 'Processus', exact: true }).first()
  await processus.click()
  await page.getByRole('dialog').getByRole('button', { name: 'Retirer' }).click()
  await expect(processus).not.toBeChecked()
  await expect(hints).toContainText('L’E « Émotion » n’est relié à aucun P.')
})

test('retroplanning: computed backwards over weekends and public holidays, cycles named, Gantt with its table', async ({ page }) => {
  test.setTimeout(120_000)
  const learner = createLearner('retro')
  const dossierId = await dossierIdOf(learner.email, 'cas-pratique-a10')
  await loginAs(page, learner)
  await page.goto(`/dossiers/${dossierId}#section-retroplanning`)
  const section = page.locator('#section-retroplanning')
  const hints = section.locator('.hints')
  await expect(hints).toContainText('Pas de date finale')
  await expect(hints).toContainText('Aucune tâche pour l’instant.')

  await section.getByLabel('Date finale (échéance du projet)').fill('2027-05-14')
  const add = section.getByRole('button', { name: '+ Ajouter une tâche' })
  const task = (i: number) => section.locator('fieldset[data-task-id]').nth(i)
  for (const [i, [name, days, owner]] of [
    ['Brief agence', '3', 'Chargée de communication'],
    ['Création des visuels', '5', ''],
    ['Impression', '2', ''],
  ].entries()) {
    await add.click()
    await task(i).getByLabel('Tâche', { exact: true }).fill(name!)
    await task(i).getByLabel('Durée (jours ouvrés)').fill(days!)
    if (owner) await task(i).getByLabel('Responsable').fill(owner)
  }
  await task(1).getByRole('checkbox', { name: 'Brief agence' }).check()
  await task(2).getByRole('checkbox', { name: 'Création des visuels' }).check()
  await expect(hints).toContainText('Sans responsable : « Création des visuels », « Impression ».')
  // Impression ends on the deadline; the visuals skip Ascension (6 May 2027), the brief the weekend.
  await expect(task(2)).toContainText('Au plus tard : du 13 mai 2027 au 14 mai 2027.')
  await expect(task(1)).toContainText('Au plus tard : du 5 mai 2027 au 12 mai 2027.')
  await expect(task(0)).toContainText('Au plus tard : du 30 avril 2027 au 4 mai 2027.')

  // A cycle is named, then gone when the dependency is removed.
  await task(0).getByRole('checkbox', { name: 'Impression' }).check()
  await expect(hints).toContainText('Dépendances circulaires')
  await expect(section.locator('.plan-problems')).toContainText('« Impression »')
  await task(0).getByRole('checkbox', { name: 'Impression' }).uncheck()
  await expect(hints).not.toContainText('Dépendances circulaires')

  await task(1).getByLabel('Responsable').fill('Studio graphique')
  await task(2).getByLabel('Responsable').fill('Imprimeur')
  await expect(hints).not.toContainText('Sans responsable')
  // Only the expected number of tasks is left to reach.
  await expect(hints.getByRole('listitem')).toHaveText(['« Rétroplanning des actions » a 3 tâches ; 8 au moins sont attendues.'])
  await expect(page.getByTestId('status-line')).toHaveText(/^Enregistré à/)
  await expectNoAxeViolations(page)
  await section.screenshot({ path: 'test-results/screenshots/retroplanning-editor.png' })

  await page.reload()
  await expect(task(1).getByLabel('Tâche', { exact: true })).toHaveValue('Création des visuels')
  await expect(task(1).getByRole('checkbox', { name: 'Brief agence' })).toBeChecked()
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
  const learner = createLearner('suivi')
  const dossierId = await dossierIdOf(learner.email, 'cas-pratique-a12')
  await loginAs(page, learner)
  await page.goto(`/dossiers/${dossierId}#section-reporting-activites`)
  const section = page.locator('#section-reporting-activites')
  const hints = section.locator('.hints')
  await section.getByLabel('Date finale (échéance du projet)').fill('2026-11-20')
  await section.getByRole('button', { name: '+ Ajouter une tâche' }).click()
  const task = section.locator('fieldset[data-task-id]').first()
  await task.getByLabel('Tâche', { exact: true }).fill('Tournage')
  await task.getByLabel('Durée (jours ouvrés)').fill('3')
  await task.getByLabel('Responsable').fill('Vidéaste')
  await task.getByLabel('Début réel').fill('2026-11-16')
  // Planned to end Friday 20 November; ended Wednesday 25: 3 working days late, red from 3.
  await task.getByLabel('Fin réelle ou estimée').fill('2026-11-25')
  await expect(task).toContainText('Écart : +3 j ouvrés — Alerte rouge')
  await expect(hints).toContainText('En alerte rouge : « Tournage » (3 j).')
  await task.getByLabel('Fin réelle ou estimée').fill('2026-11-23')
  await expect(task).toContainText('Écart : +1 j ouvrés — Alerte orange')
  await expect(hints).not.toContainText('En alerte rouge')
  await expect(page.getByTestId('status-line')).toHaveText(/^Enregistré à/)
  await page.reload()
  await expect(section.locator('fieldset[data-task-id]').first().getByLabel('Fin réelle ou estimée')).toHaveValue('2026-11-23')
  await section.getByText('Données du diagramme (tableau)').click()
  await expect(section.getByRole('region', { name: /^Tableau : Diagramme de Gantt/ }).getByRole('row', { name: /Tournage/ })).toContainText('Orange')
  await expectNoAxeViolations(page)
})

test('KPI dashboard: computed ROI and ROAS, coloured alerts, SMART link, charts loaded on demand with their tables', async ({ page }) => {
  test.setTimeout(120_000)
  const learner = createLearner('kpi')
  createGroup('msp-a6', [learner])
  await loginAs(page, learner)

  // A SMART objective written in another dossier of the same candidate.
  const mspId = await dossierIdOf(learner.email, 'msp-a6')
  await page.goto(`/dossiers/${mspId}#section-objectifs-smart`)
  await page.locator('#section-objectifs-smart').getByRole('button', { name: '+ Objectif global' }).click()
  await page.locator('#section-objectifs-smart').getByLabel('Intitulé').fill('Doubler les ventes en ligne de la gamme Essentiel')
  await expect(page.getByTestId('status-line')).toHaveText(/^Enregistré à/)

  const dossierId = await dossierIdOf(learner.email, 'cas-pratique-a15')
  await page.goto(`/dossiers/${dossierId}#section-kpi`)
  const section = page.locator('#section-kpi')
  const hints = section.locator('.hints')
  await expect(hints).toContainText('Aucun indicateur calculé en ROI : ajoutez-en un.')
  await expect(hints).toContainText('Aucun indicateur calculé en ROAS : ajoutez-en un.')

  const add = section.getByRole('button', { name: '+ Ajouter un indicateur' })
  const kpi = (i: number) => section.locator('fieldset[data-kpi-id]').nth(i)
  await add.click()
  await expect(kpi(0).getByLabel('Calcul')).toHaveValue('roi')
  await kpi(0).getByLabel('Indicateur').fill('ROI campagne Search')
  await expect(hints).toContainText('« ROI campagne Search » : valeur réelle incalculable, il manque gain attribuable, coût.')
  await kpi(0).getByLabel('Gain attribuable (€)').fill('12000')
  await kpi(0).getByLabel('Coût (€)').fill('8000')
  await kpi(0).getByLabel('Cible (%)').fill('40')
  await kpi(0).getByLabel('Période').fill('T1 2027')
  await kpi(0).getByLabel('Objectif SMART mesuré').selectOption({ label: 'Doubler les ventes en ligne de la gamme Essentiel (Mise en situation « Ressources, objectifs et leads »)' })
  await expect(kpi(0)).toContainText('Réel : 50 % — 125 % de la cible — Alerte verte')
  await expect(hints).not.toContainText('calculé en ROI')
  await expect(hints).not.toContainText('« ROI campagne Search »')

  await add.click()
  await expect(kpi(1).getByLabel('Calcul')).toHaveValue('roas')
  await kpi(1).getByLabel('Indicateur').fill('ROAS Social Ads')
  await kpi(1).getByLabel('Chiffre d’affaires généré (€)').fill('9000')
  await kpi(1).getByLabel('Dépenses publicitaires (€)').fill('3000')
  await expect(hints).toContainText('Sans valeur cible : « ROAS Social Ads ».')
  await kpi(1).getByLabel('Cible (ratio)').fill('4')
  await expect(hints).not.toContainText('Sans valeur cible')
  const dashboard = section.getByRole('region', { name: /^Tableau de bord/ })
  await expect(dashboard.getByRole('row', { name: /ROAS Social Ads/ }).locator('td.cell--rouge')).toHaveText('3 ×')
  await expect(dashboard.getByRole('row', { name: /ROI campagne Search/ }).locator('td.cell--vert')).toHaveText('50 %')

  // A second period makes a trend chart, with its own table.
  await kpi(0).getByRole('button', { name: /^Mesurer une autre période/ }).click()
  await kpi(1).getByLabel('Période').fill('T2 2027')
  await kpi(1).getByLabel('Gain attribuable (€)').fill('15000')
  await kpi(1).getByLabel('Coût (€)').fill('8000')
  await expect(section.locator('.recharts-surface').first()).toBeVisible()
  await expect(section.getByRole('figure', { name: 'Évolution : ROI campagne Search' })).toBeVisible()
  const summary = section.getByText('Données du graphique « ROI campagne Search » (tableau)')
  await summary.focus()
  await page.keyboard.press('Enter')
  await expect(section.getByRole('region', { name: 'Évolution : ROI campagne Search' }).getByRole('row', { name: /T2 2027/ })).toContainText('87,5 %')
  await expect(page.getByTestId('status-line')).toHaveText(/^Enregistré à/)
  await expectNoAxeViolations(page)
  await section.screenshot({ path: 'test-results/screenshots/kpi-dashboard.png' })

  await page.reload()
  await expect(kpi(0).getByLabel('Objectif SMART mesuré')).toHaveValue(/obj-/)
  await expect(kpi(2).getByLabel('Indicateur')).toHaveValue('ROAS Social Ads')
  await expect(section.locator('.recharts-wrapper')).toHaveCount(2)
})
