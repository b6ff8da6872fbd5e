import { describe, expect, it } from 'vitest'
import { definition } from './definition'
import { emptyExperienceMap } from './experience-map'
import { valueSchemaFor, type ExperienceMapConfig } from './schema'
import { MAP } from './test-values'

const config: ExperienceMapConfig = { kind: 'experienceMap', gapAlert: 2 }
const ctx = { title: 'Experience map', today: '2027-01-04' }

describe('experience map definition', () => {
  it('is empty until something is recalled or a stage says something', () => {
    expect(definition.isEmpty(definition.empty(config), config)).toBe(true)
    expect(
      definition.isEmpty(
        {
          ...emptyExperienceMap(),
          stages: [
            {
              ...MAP.stages[0]!,
              name: '',
              touchpoints: '',
              doing: '',
              thinking: '',
              feeling: '',
              painPoints: '',
              opportunities: '',
              customer: null,
              company: null,
            },
          ],
        },
        config,
      ),
    ).toBe(true)
    expect(definition.isEmpty(MAP, config)).toBe(false)
  })
  it('counts stages for minRows and reports unexplained gaps of 2 or more', () => {
    expect(definition.rules.minRows!({ rule: 'minRows', min: 5 }, MAP, config, ctx)).toBe('« Experience map » a 4\u00a0étapes ; 5 au moins sont attendues.')
    expect(definition.rules.kindChecks!({ rule: 'kindChecks' }, MAP, config, ctx)).toEqual([
      'Étapes sans note de vécu client ou sans note imaginée par l’entreprise : « SAV ».',
      'Les courbes divergent de 2 points ou plus sans écart expliqué : « Livraison ».',
    ])
    // A higher alert from the template: the +2 gap no longer needs an explanation.
    expect(definition.rules.kindChecks!({ rule: 'kindChecks' }, MAP, { ...config, gapAlert: 3 }, ctx)).toHaveLength(1)
  })
  it('names stages as items, locates refused parts and says what changed', () => {
    expect(definition.items(MAP, config).map((i) => i.label)).toEqual(['Étape 1 — Découverte', 'Étape 2 — Commande', 'Étape 3 — Livraison', 'Étape 4 — SAV'])
    expect(definition.locate(['stages', 1, 'customer'], MAP, config)).toBe('Étape 2 — Commande, Vécu client')
    expect(definition.locate(['persona', 'name'], MAP, config)).toBe('Nom du persona')
    const after = { ...MAP, stages: MAP.stages.map((s) => (s.id === 'stage-cccc' ? { ...s, company: 2, gapNote: 'Promesse tenue' } : s)) }
    expect(definition.diff(MAP, after, config)).toEqual(['Étape “Livraison” : imaginé par l’entreprise 0 → +2 ; «\u00a0Explication de l’écart\u00a0» modifié.'])
  })
  it('refuses a score outside −2…+2, in French', () => {
    const bad = { ...MAP, stages: [{ ...MAP.stages[0]!, customer: 3 }] }
    const result = valueSchemaFor(config).safeParse(bad)
    expect(result.success).toBe(false)
    expect(result.error!.issues[0]!.message).toBe('une note entière de \u22122 à +2 est attendue')
    expect(valueSchemaFor(config).safeParse(MAP).success).toBe(true)
  })
  it('gives every text to plainText', () => {
    const text = definition.plainText(MAP, config)
    expect(text).toContain('Léa | 34\u00a0ans, cadre, Lyon')
    expect(text).toContain('Fidéliser 20 % de clients en plus')
    expect(text).toContain('Commande | Site web, appli')
  })
})
