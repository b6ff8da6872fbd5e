import { describe, expect, it } from 'vitest'
import { emptyPersona, isBlankPersona, mediaSummary, missingProfile, personaProblems, quoted, unquote } from './persona'

describe('persona checks', () => {
  it('lists the empty profiling fields of the référentiel', () => {
    const p = { ...emptyPersona('persona-1'), firstName: 'Léa', age: 29, csp: 'Cadre' }
    expect(missingProfile(p)).toEqual(['localisation géographique', 'goûts', 'habitudes', 'comportement vis-à-vis des marques', 'consommation médiatique'])
    expect(missingProfile(emptyPersona('persona-2'))[0]).toBe('âge')
    expect(missingProfile(emptyPersona('persona-2'))).toContain('CSP')
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
    expect(personaProblems({ personas: [{ ...p, firstName: ' ', inclusion: 'Malvoyante', avatar: null, csp: '' }] })).toEqual([
      'Persona 1 : profil à compléter — CSP.',
    ])
  })
  it('sums up media consumption and tells a blank persona', () => {
    const p = {
      ...emptyPersona('persona-1'),
      media: [
        { id: 'media-1', channel: ' Instagram ', intensity: 3 as const },
        { id: 'media-2', channel: '', intensity: 1 as const },
        { id: 'media-3', channel: 'Radio locale', intensity: null },
      ],
    }
    expect(mediaSummary(p)).toBe('Instagram (Forte), Radio locale')
    expect(isBlankPersona(emptyPersona('persona-1'))).toBe(true)
    expect(isBlankPersona({ ...emptyPersona('persona-1'), media: [{ id: 'media-2', channel: ' ', intensity: 2 }] })).toBe(true)
    expect(isBlankPersona({ ...emptyPersona('persona-1'), inclusion: 'Malvoyante' })).toBe(false)
    expect(isBlankPersona({ ...emptyPersona('persona-1'), age: 0 })).toBe(false)
  })
})

describe('persona quote', () => {
  it('strips the quotation marks the learner typed, whatever their kind', () => {
    expect(unquote('« Je veux savoir d’où ça vient. »')).toBe('Je veux savoir d’où ça vient.')
    expect(unquote('«Je veux savoir»')).toBe('Je veux savoir')
    expect(unquote('“Simple et rapide”')).toBe('Simple et rapide')
    expect(unquote('  "Simple et rapide"  ')).toBe('Simple et rapide')
    expect(unquote('« “Doublé” »')).toBe('Doublé')
    expect(unquote('Ni « trop » cher')).toBe('Ni « trop » cher')
    expect(unquote('« Ouvert sans fin')).toBe('« Ouvert sans fin')
    expect(unquote('"')).toBe('"')
  })
  it('puts French guillemets around it once, with no-break spaces', () => {
    expect(quoted('« Je veux savoir d’où ça vient. »')).toBe('«\u00a0Je veux savoir d’où ça vient.\u00a0»')
    expect(quoted('Je veux savoir d’où ça vient.')).toBe('«\u00a0Je veux savoir d’où ça vient.\u00a0»')
    expect(quoted('"Vite : tout de suite"')).toBe('«\u00a0Vite\u00a0: tout de suite\u00a0»')
    expect(quoted(' « » ')).toBe('')
    expect(quoted('')).toBe('')
  })
})
