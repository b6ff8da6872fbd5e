import type { Locator } from '@playwright/test'
import { addDays, todayInFrance } from '../../app/domain/calendar'
import { chartDate } from '../../app/kinds/retroplanning/timeline'
import { createGroup, createLearner, dossierIdOf, expect, expectNoAxeViolations, loginAs, test } from './fixtures'

/**
 * Each specialised editor in focus mode, filled as a learner would, at 1 366
 * and 390 px wide: no sideways scroll, no axe violation, and a full-page
 * screenshot in test-results/screenshots/focus-<kind>-<width>.png to look at.
 */

const today = todayInFrance()
const inDays = (n: number) => addDays(today, n)

const persona = {
  personas: [
    {
      id: 'persona-lea01',
      firstName: 'Léa',
      age: 29,
      location: 'Lyon 7e, en appartement',
      csp: 'Cadre, chargée de communication',
      family: 'En couple, sans enfant',
      tastes: 'Décoration, yoga, marchés de créateurs ; attentive à l’origine des produits.',
      habits: 'Achète en ligne le soir, offre des bougies à ses proches, compare les avis avant d’acheter.',
      brands: 'Fidèle aux marques engagées et transparentes ; se méfie des promotions permanentes.',
      media: [
        { id: 'media-lea-ig', channel: 'Instagram', intensity: 3 },
        { id: 'media-lea-pod', channel: 'Podcasts', intensity: 2 },
        { id: 'media-lea-nl', channel: 'Newsletters', intensity: 1 },
      ],
      needs: 'Des objets durables qui racontent une histoire ; un cadeau facile à personnaliser.',
      frustrations: 'Les emballages superflus, les délais de livraison flous.',
      quote: 'Je veux des objets qui durent.',
      inclusion: 'Dyslexique : préfère les visuels et les vidéos sous-titrées.',
      avatar: null,
    },
    {
      id: 'persona-karim2',
      firstName: 'Karim',
      age: 47,
      location: 'Villeurbanne',
      csp: 'Artisan boulanger',
      family: 'Marié, deux adolescents',
      tastes: 'Cuisine, football, bricolage.',
      habits: 'Achète en boutique le samedi, demande conseil au vendeur.',
      brands: 'Reste fidèle à ce qui a fait ses preuves.',
      media: [
        { id: 'media-karim-fb', channel: 'Facebook', intensity: 2 },
        { id: 'media-karim-radio', channel: 'Radio locale', intensity: 3 },
      ],
      needs: 'Trouver vite un cadeau pour la fête des Mères.',
      frustrations: 'Les sites qui demandent de créer un compte.',
      quote: '« Un bon conseil vaut mieux qu’une publicité. »',
      inclusion: 'Presbyte : textes trop petits sur mobile.',
      avatar: null,
    },
  ],
}

const mix = {
  p: {
    produit: {
      gamme: 'Trois bougies rechargeables et un diffuseur, en édition saisonnière.',
      qualite: 'Cire de colza française, mèche en coton, 50 heures de combustion.',
      packaging: 'Verre consigné, étui en carton recyclé sans plastique.',
      marque: 'Lueur & Co : artisanale, lyonnaise, durable.',
      services: 'Recharge en boutique, gravure du prénom offerte.',
    },
    prix: {
      niveau: 'Premium accessible : 39 à 59 €.',
      politique: 'Recharge à 19 € ; pas de promotion permanente, une vente privée par an.',
      perception: 'Prix rond (49 €) pour le coffret cadeau.',
    },
    distribution: {
      canaux: 'E-shop, concept-stores partenaires, pop-up de Noël.',
      'points-de-vente': 'Douze concept-stores en Auvergne-Rhône-Alpes.',
      omnicanal: 'Click & collect et recharge en boutique d’un achat en ligne.',
    },
    communication: {
      message: 'La lumière qui dure.',
      medias: 'Instagram, newsletters, presse déco régionale.',
      promotion: 'Atelier découverte offert pour un coffret acheté.',
    },
  },
  extensions: [
    { id: 'processus', content: 'Recharge en boutique en dix minutes.', context: 'Répond au frein « déchets » des personae.' },
    { id: 'personnel', content: 'Vendeurs formés à l’olfaction.', context: 'Karim demande conseil en boutique.' },
  ],
  e: {
    emotion: {
      proposal: 'Atelier de création de sa propre bougie.',
      illustration: 'Ateliers du samedi à Lyon.',
      personalisation: 'Choix du parfum et de la gravure.',
      links: ['produit', 'processus'],
    },
    experience: {
      proposal: 'Boutique sensorielle, essais libres.',
      illustration: 'Pop-up de Noël.',
      personalisation: 'Diagnostic olfactif.',
      links: ['distribution', 'personnel'],
    },
    exclusivite: { proposal: 'Édition limitée numérotée.', illustration: 'Collection d’hiver.', personalisation: 'Numéro gravé.', links: ['produit'] },
    engagement: {
      proposal: 'Consigne du verre : 5 € rendus.',
      illustration: 'Programme « Rallumez ».',
      personalisation: 'Rappel de recharge par e-mail.',
      links: ['prix', 'communication'],
    },
  },
}

const task = (id: string, group: string, name: string, owner: string, duration: number, dependsOn: string[] = []) => ({
  id: `tache-${id}`,
  group,
  name,
  owner,
  stakeholders: '',
  constraints: '',
  duration,
  dependsOn: dependsOn.map((d) => `tache-${d}`),
  actualStart: null,
  actualFinish: null,
})
const retroplanning = {
  deadline: inDays(45),
  projectStart: inDays(-7),
  tasks: [
    task('brief01', 'Salon Maison & Objet', 'Brief agence', 'Chargée de communication', 3),
    task('visuel1', 'Salon Maison & Objet', 'Création des visuels', 'Studio graphique', 8, ['brief01']),
    task('valid01', 'Salon Maison & Objet', 'Validation par la direction', 'Direction', 2, ['visuel1']),
    task('print01', 'Salon Maison & Objet', 'Impression des supports', 'Imprimeur', 5, ['valid01']),
    task('stand01', 'Salon Maison & Objet', 'Montage du stand', 'Standiste', 2, ['print01']),
    task('press01', 'Relations presse', 'Rédaction du communiqué', 'Attachée de presse', 4, ['brief01']),
    task('press02', 'Relations presse', 'Envoi aux journalistes', 'Attachée de presse', 2, ['press01']),
    task('social1', 'Campagne digitale', 'Teasing sur Instagram', 'Community manager', 10, ['visuel1']),
  ],
}

const kpiRow = (id: string, name: string, category: string, formula: string, period: string, target: number, inputs: Record<string, number>) => ({
  id: `kpi-${id}`,
  name,
  category,
  formula,
  period,
  target,
  inputs,
  source: 'Google Analytics, CRM',
  objectiveId: null,
})
const kpi = {
  rows: [
    kpiRow('roi001', 'ROI campagne Search', 'Rentabilité', 'roi', 'T1 2027', 40, { gain: 12000, cost: 8000 }),
    kpiRow('roi002', 'ROI campagne Search', 'Rentabilité', 'roi', 'T2 2027', 40, { gain: 15000, cost: 8000 }),
    kpiRow('roas01', 'ROAS Social Ads', 'Acquisition', 'roas', 'T1 2027', 4, { revenue: 9000, adSpend: 3000 }),
    kpiRow('conv01', 'Taux de conversion e-shop', 'Conversion', 'conversion', 'T1 2027', 2.5, { conversions: 330, visitors: 15000 }),
    kpiRow('cac001', 'Coût d’acquisition client', 'Acquisition', 'cac', 'T1 2027', 25, { spend: 6000, newCustomers: 210 }),
  ],
}

const objective = (
  id: string,
  kind: 'global' | 'intermediate',
  parent: string | null,
  label: string,
  indicator: string,
  baseline: number,
  target: number,
  unit: string,
  deadline: string,
) => ({
  id: `obj-${id}`,
  label,
  kind,
  parentId: parent ? `obj-${parent}` : null,
  indicator,
  baseline,
  target,
  unit,
  deadline,
  owner: 'Chargée de marketing',
  resources: '2 campagnes, 8 000 €',
  agreedWith: 'Direction commerciale',
})
const smart = {
  objectives: [
    objective('leads01', 'global', null, 'Générer des leads qualifiés pour la gamme Essentiel', 'Leads qualifiés par mois', 120, 300, 'leads', '2027-12-31'),
    objective('leads02', 'intermediate', 'leads01', 'Atteindre 150 leads au premier trimestre', 'Leads qualifiés', 120, 150, 'leads', '2027-03-31'),
    objective('leads03', 'intermediate', 'leads01', 'Atteindre 200 leads avant l’été', 'Leads qualifiés', 150, 200, 'leads', '2027-06-30'),
    objective('notor01', 'global', null, 'Faire connaître la marque auprès des 25-35 ans lyonnais', 'Notoriété assistée', 8, 20, '%', '2027-09-30'),
    objective('notor02', 'intermediate', 'notor01', 'Réunir 5 000 abonnés Instagram', 'Abonnés', 1800, 5000, 'abonnés', '2027-04-15'),
  ],
}

const positioningMap = {
  x: { name: 'Prix', low: 'Accessible', high: 'Premium' },
  y: { name: 'Engagement écologique', low: 'Faible', high: 'Fort' },
  companyId: 'brand-lueur1',
  brands: [
    { id: 'brand-lueur1', name: 'Lueur & Co', x: 2, y: 4, size: 6, comment: 'Artisanale et rechargeable.' },
    { id: 'brand-dipty1', name: 'Diptyque', x: 5, y: 1, size: 18, comment: 'Luxe, peu d’engagement affiché.' },
    { id: 'brand-ikea01', name: 'Ikea', x: -4, y: -1, size: 30, comment: 'Prix bas, volume.' },
    { id: 'brand-maiso1', name: 'Maisons du Monde', x: -1, y: -2, size: 15, comment: 'Décoration grand public.' },
    { id: 'brand-bougi1', name: 'La Belle Mèche', x: 1, y: 3, size: 4, comment: 'Concurrent direct, marseillais.' },
  ],
}

const CASES = [
  { kind: 'persona', template: 'cas-pratique-a3', section: 'personae', content: persona, picture: 'fieldset[data-persona-id]' },
  { kind: 'mix', template: 'cas-pratique-a3', section: 'mix', content: mix, picture: '[data-mix-p="produit"]' },
  { kind: 'retroplanning', template: 'cas-pratique-a10', section: 'retroplanning', content: retroplanning, picture: '.plan-gantt__box' },
  { kind: 'kpi', template: 'cas-pratique-a15', section: 'kpi', content: kpi, picture: '.kpi-cards' },
  { kind: 'smart', template: 'msp-a6', section: 'objectifs-smart', content: smart, picture: '.smart-timeline', group: true },
  { kind: 'positioningMap', template: 'fiche-veille', section: 'carte-perceptuelle', content: positioningMap, picture: '.pmap-chart' },
] as const

/** What each picture says, as a reader would check it. */
const READS: Partial<Record<(typeof CASES)[number]['kind'], (section: Locator) => Promise<void>>> = {
  async persona(section) {
    // Typed between guillemets, the quote is shown once inside the card's own.
    await expect(section.getByLabel('Citation').nth(1)).toHaveValue('Un bon conseil vaut mieux qu’une publicité.')
  },
  async mix(section) {
    await expect(section.getByText('Votre mix compte 6 P')).toBeVisible()
    await expect(section.getByRole('table', { name: 'Quels P chaque E transforme' }).getByRole('checkbox', { checked: true })).toHaveCount(7)
  },
  async retroplanning(section) {
    await expect(section.getByRole('region', { name: /Chemin critique : Brief agence → Création des visuels → Teasing sur Instagram\./ })).toBeVisible()
    await expect(section.locator('.plan-gantt__marker--deadline')).toHaveText(`Date finale · ${chartDate(retroplanning.deadline)}`)
    await expect(section.locator('.plan-gantt__marker--today')).toHaveText(`Aujourd’hui · ${chartDate(today)}`)
    await expect(section.locator('.plan-gantt__week').first()).toHaveText(/^S\d{1,2}\s*\d{1,2} \p{L}+\.?$/u)
    await section.getByText('Données du diagramme (tableau)').click()
    const table = section.getByRole('region', { name: /^Tableau : Diagramme de Gantt/ })
    await expect(table.getByRole('row', { name: /^Brief agence/ })).toContainText('0 (chemin critique)')
    await expect(
      table
        .getByRole('row', { name: /^Rédaction du communiqué/ })
        .locator('td')
        .nth(5),
    ).toHaveText(/^[1-9]\d*$/)
  },
  async kpi(section) {
    await expect(
      section
        .getByRole('list', { name: /^Indicateurs/ })
        .getByRole('listitem')
        .first(),
    ).toHaveText(/^ROI campagne SearchT2 2027 · Rentabilité87,5\s%Cible 40\s% · 218,8\s% de la cibleAlerte verteT1 2027 : 50\s%$/)
    // Round ticks on the achievement axis.
    await expect(section.locator('.kpi-chart').first().locator('.recharts-xAxis .recharts-cartesian-axis-tick-value')).toHaveText([
      /^0\s%$/,
      /^100\s%$/,
      /^200\s%$/,
      /^300\s%$/,
    ])
  },
  async smart(section) {
    await expect(section.locator('.smart-timeline__item time')).toHaveText([
      '31 mars 2027',
      '15 avril 2027',
      '30 juin 2027',
      '30 septembre 2027',
      '31 décembre 2027',
    ])
  },
}

/** Focus mode: one section at full width, where the specialised kinds are edited. */
const focusUrl = (dossierId: string, sectionId: string) => `/dossiers/${dossierId}/sections/${sectionId}`

for (const c of CASES) {
  test(`focus mode, ${c.kind}: the picture first, at 1 366 and 390 px, without sideways scroll or axe violation`, async ({ page }) => {
    test.setTimeout(120_000)
    const learner = await createLearner(`focus-${c.kind}`)
    if ('group' in c) await createGroup(c.template, [learner])
    const dossierId = await dossierIdOf(learner.email, c.template)
    await loginAs(page, learner)
    const saved = await page.request.post(`/api/dossiers/${dossierId}/sections/${c.section}`, { data: { baseVersion: 0, content: c.content } })
    expect(saved.status(), await saved.text()).toBe(200)

    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: 900 })
      await page.goto(focusUrl(dossierId, c.section))
      const section = page.locator(`#section-${c.section}`)
      await expect(section.locator(c.picture).first()).toBeVisible()
      await expectNoAxeViolations(page)
      // The KPI charts load after hydration: the screenshot waits for them.
      if (c.kind === 'kpi') await expect(section.locator('.recharts-wrapper')).toHaveCount(2)
      if (width === 1366) await READS[c.kind]?.(section)
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 'sideways scroll (px)').toBeLessThanOrEqual(0)
      await page.screenshot({ path: `test-results/screenshots/focus-${c.kind}-${width}.png`, fullPage: true })
    }
  })
}
