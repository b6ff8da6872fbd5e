import { describe, expect, it } from 'vitest'
import { DEFAULT_FOUR_P, DEFAULT_MIX_EXTENSIONS } from './labels'
import { EMPTY_MIX, isMixEmpty, mixItems, mixProblems, mixSize } from './mix'
import type { MixValue } from './schema'

const config = { fourP: DEFAULT_FOUR_P, extensions: DEFAULT_MIX_EXTENSIONS }
const full: MixValue = {
  p: { produit: { gamme: 'Trois bougies' }, prix: { niveau: '39 €' }, distribution: { canaux: 'E-shop' }, communication: { message: 'La lumière qui dure' } },
  extensions: [{ id: 'processus', content: 'Recharge en boutique', context: '' }],
  e: {
    emotion: { proposal: 'Atelier bougie', illustration: '', personalisation: '', links: ['processus'] },
    experience: { proposal: 'Visite', illustration: '', personalisation: '', links: ['distribution'] },
    exclusivite: { proposal: 'Série limitée', illustration: '', personalisation: '', links: ['produit'] },
    engagement: { proposal: 'Club', illustration: '', personalisation: '', links: ['communication', 'prix'] },
  },
}

describe('marketing mix', () => {
  it('a complete mix has no problem and counts its P', () => {
    expect(mixProblems(config, full)).toEqual([])
    expect(mixSize(full)).toBe(5)
    expect(mixItems(config, full).map((i) => i.label)).toEqual(['Produit', 'Prix', 'Distribution', 'Communication', 'Processus'])
    expect(isMixEmpty(full)).toBe(false)
    expect(isMixEmpty(EMPTY_MIX)).toBe(true)
    expect(isMixEmpty({ p: { produit: { gamme: '  ' } }, extensions: [{ id: 'processus', content: '', context: '' }], e: {} })).toBe(true)
  })
  it('names an empty P', () => {
    const mix = { ...full, p: { ...full.p, prix: { niveau: '  ' } } }
    expect(mixProblems(config, mix)).toEqual(['Le P « Prix » est vide.'])
  })
  it('names an extension without content, and a mix without extension', () => {
    expect(mixProblems(config, { ...full, extensions: [{ id: 'permission', content: '', context: 'RGPD' }] })).toContain(
      'L’extension « Permission » est choisie mais n’a pas de contenu.',
    )
    expect(mixProblems(config, { ...full, extensions: [] })).toContain('Aucune extension choisie : le mix reste à 4P.')
  })
  it('names an E linked to no P, including a link to an extension no longer picked', () => {
    const mix = { ...full, extensions: [] }
    expect(mixProblems(config, mix)).toContain('L’E « Émotion » n’est relié à aucun P.')
    expect(mixProblems(config, { ...full, e: { ...full.e, engagement: undefined } })).toEqual([
      'L’E « Engagement » n’a pas encore de proposition.',
      'L’E « Engagement » n’est relié à aucun P.',
    ])
  })
})
