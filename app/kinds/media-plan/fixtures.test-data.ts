import { emptyWave } from './media-plan'
import type { MediaPlanValue, Wave } from './schema'

/** A plan used by the unit and writer tests: September 2027 to August 2028, three media, four waves. */
const wave = (
  id: string,
  mediumId: string | null,
  name: string,
  start: string | null,
  end: string | null,
  budget: number | null,
  patch: Partial<Wave> = {},
): Wave => ({
  ...emptyWave(id, mediumId),
  name,
  start,
  end,
  budget,
  ...patch,
})

export const PLAN: MediaPlanValue = {
  year: 2027,
  firstMonth: 9,
  media: [
    { id: 'media-insta', name: 'Instagram', type: 'Réseaux sociaux' },
    { id: 'media-press', name: 'Marie Claire Maison', type: 'Presse' },
    { id: 'media-radio', name: 'Radio locale', type: 'Radio' },
  ],
  phases: [
    { id: 'phase-lance', name: 'Lancement', nature: 'Lancement', start: '2027-09-20', end: '2027-10-17', stake: 'Installer la gamme' },
    { id: 'phase-fetes', name: 'Fêtes', nature: 'Temps fort', start: '2027-11-22', end: '2027-12-24', stake: '35\u00a0% des ventes' },
  ],
  waves: [
    wave('vague-insta1', 'media-insta', 'Lancement', '2027-09-20', '2027-10-17', 18_000, { phaseId: 'phase-lance', insertions: 12, format: 'Carrousel' }),
    wave('vague-press1', 'media-press', 'Lancement presse', '2027-10-01', '2027-10-31', 14_500.5, { phaseId: 'phase-lance' }),
    wave('vague-insta2', 'media-insta', 'Fêtes', '2027-11-22', '2027-12-24', 16_000.25, { phaseId: 'phase-fetes' }),
    wave('vague-press2', 'media-press', 'Saint-Valentin', '2028-02-01', '2028-02-14', null),
  ],
  marronniers: ['noel', 'saint-valentin', 'black-friday'],
}
