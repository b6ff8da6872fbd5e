import { describe, expect, it } from 'vitest'
import { emptyPersona, missingProfile, personaProblems } from './persona'

describe('persona checks', () => {
  it('lists the empty profiling fields of the référentiel', () => {
    const p = { ...emptyPersona('persona-1'), firstName: 'Léa', age: 29, csp: 'Cadre' }
    expect(missingProfile(p)).toEqual(['localisation géographique', 'goûts', 'habitudes', 'comportement vis-à-vis des marques', 'consommation médiatique'])
  })
  it('reports inclusion notes and text alternatives', () => {
    const p = {
      ...emptyPersona('persona-1'),
      firstName: 'Léa',
      age: 29,
      location: 'Lyon',
      csp: 'Cadre',
      tastes: 'Déco',
      habits: 'En ligne',
      brands: 'Fidèle',
      media: [{ id: 'media-1', channel: 'Instagram', intensity: 3 as const }],
      avatar: { src: '/fichiers/00000000-0000-0000-0000-000000000000', alt: ' ' },
    }
    expect(personaProblems({ personas: [p] })).toEqual([
      '« Léa » : aucune note sur l’inclusion, la diversité ou l’accessibilité.',
      '« Léa » : le visuel n’a pas de texte alternatif.',
    ])
    expect(personaProblems({ personas: [{ ...p, inclusion: 'Malvoyante', avatar: null }] })).toEqual([])
    expect(personaProblems({ personas: [] })).toEqual(['Aucun persona pour l’instant.'])
  })
})
