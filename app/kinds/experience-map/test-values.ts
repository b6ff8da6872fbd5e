import { emptyStage } from './experience-map'
import type { ExperienceMapValue, Stage } from './schema'

/** A map hand-written for the tests: gaps −1, −3 (explained), +2 (unexplained), none. */
const stage = (id: string, name: string, customer: number | null, company: number | null, more: Partial<Stage> = {}): Stage => ({
  ...emptyStage(id),
  name,
  touchpoints: 'Site web, appli',
  doing: 'Compare les offres',
  thinking: 'Est-ce fiable ?',
  feeling: 'Curieuse',
  customer,
  company,
  painPoints: 'Trop de champs',
  opportunities: 'Paiement en un clic',
  ...more,
})

export const MAP: ExperienceMapValue = {
  persona: { sourceId: 'persona-lea1', name: 'Léa', summary: '34\u00a0ans, cadre, Lyon' },
  objectives: [{ id: 'obj-aaaaaa', sourceId: null, label: 'Fidéliser 20 % de clients en plus' }],
  stages: [
    stage('stage-aaaa', 'Découverte', 1, 2),
    stage('stage-bbbb', 'Commande', -2, 1, { gapNote: 'Formulaire trop long sur mobile' }),
    stage('stage-cccc', 'Livraison', 2, 0),
    stage('stage-dddd', 'SAV', null, -1),
  ],
}
