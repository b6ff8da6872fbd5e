import { describe, expect, it } from 'vitest'
import { definition } from './definition'
import { configSchema, valueSchemaFor, type LeadFunnelValue } from './schema'

const config = configSchema.parse({ kind: 'leadFunnel' })
const empty = definition.empty(config)
const value: LeadFunnelValue = {
  ...empty,
  stages: empty.stages.map((s, i) => ({ ...s, rate: [null, 5, 2, 40, 25][i]!, source: i === 2 ? 'Moyenne du secteur' : '' })),
  objectiveId: 'obj-global',
  target: 50,
  planned: 400_000,
}
const ctx = { title: 'Entonnoir de conversion', today: '2027-01-04' }

describe('lead funnel schemas', () => {
  it('starts from the default stages, from reach to customers', () => {
    expect(config.stages).toEqual(['Audience touchée', 'Visiteurs', 'Leads', 'Leads qualifiés', 'Clients'])
    expect(empty.stages.map((s) => s.id)).toEqual(['etape-1', 'etape-2', 'etape-3', 'etape-4', 'etape-5'])
    expect(configSchema.safeParse({ kind: 'leadFunnel', stages: ['Seule'] }).success).toBe(false)
  })

  const schema = valueSchemaFor(config)
  it('accepts a funnel, rates over 100 % included (a hint says so), and refuses what cannot be', () => {
    expect(schema.safeParse(value).success).toBe(true)
    expect(schema.safeParse({ ...value, stages: value.stages.map((s, i) => (i === 1 ? { ...s, rate: 120 } : s)) }).success).toBe(true)
    expect(schema.safeParse({ ...value, target: 7.5 }).success).toBe(false)
    expect(schema.safeParse({ ...value, planned: -1 }).success).toBe(false)
    expect(schema.safeParse({ ...value, targetStageId: 'etape-99' }).success).toBe(false)
    expect(schema.safeParse({ ...value, extra: 1 }).success).toBe(false)
  })

  it('says why in French, and where', () => {
    const refused = schema.safeParse({ ...value, target: 7.5, stages: value.stages.map((s, i) => (i === 1 ? { ...s, rate: -3 } : s)) })
    const issues = refused.error!.issues.map((i) => [definition.locate(i.path as (string | number)[], value, config), i.message])
    expect(issues).toEqual([
      ['Étape 2 — Visiteurs, Taux de passage', 'le taux ne peut être négatif'],
      ['Cible', 'un nombre entier est attendu'],
    ])
  })
})

describe('lead funnel definition', () => {
  it('reads as empty until something is written', () => {
    expect(definition.isEmpty(empty, config)).toBe(true)
    expect(definition.isEmpty({ ...empty, target: 50 }, config)).toBe(false)
    expect(definition.isEmpty({ ...empty, stages: empty.stages.map((s, i) => (i === 0 ? { ...s, name: 'Impressions' } : s)) }, config)).toBe(false)
  })

  it('lists the stages as items', () => {
    expect(definition.items(value, config).map((i) => i.label)).toEqual([
      'Étape 1 — Audience touchée',
      'Étape 2 — Visiteurs',
      'Étape 3 — Leads',
      'Étape 4 — Leads qualifiés',
      'Étape 5 — Clients',
    ])
  })

  it('answers minRows and kindChecks', () => {
    expect(definition.rules.minRows!({ rule: 'minRows', min: 6 }, value, config, ctx)).toBe(
      '« Entonnoir de conversion » a 5\u00a0étapes ; 6 au moins sont attendues.',
    )
    expect(definition.rules.kindChecks!({ rule: 'kindChecks' }, value, config, ctx)).toEqual([expect.stringMatching(/^Cible non atteinte : 40 Clients/)])
    expect(definition.rules.kindChecks!({ rule: 'kindChecks' }, { ...value, planned: 500_000 }, config, ctx)).toBeNull()
  })

  it('says what changed', () => {
    const after: LeadFunnelValue = {
      ...value,
      target: 60,
      planned: 500_000,
      stages: [...value.stages.slice(0, 3).map((s, i) => (i === 2 ? { ...s, rate: 2.5 } : s)), value.stages[4]!],
    }
    expect(definition.diff(value, after, config)).toEqual([
      'Cible : 50 → 60.',
      'Volume prévu en haut de l’entonnoir : 400\u202f000 → 500\u202f000.',
      'Étape “Leads” : taux 2\u00a0% → 2,5\u00a0%.',
      'Étape supprimée : “Leads qualifiés”.',
    ])
    expect(definition.diff(value, value, config)).toEqual([])
  })

  it('writes the stages, their figures and the verdict as text', () => {
    expect(definition.plainText(value, config).split('\n')).toEqual([
      'Audience touchée | Volume nécessaire 500\u202f000 | Volume prévu 400\u202f000',
      'Visiteurs | Taux de passage 5\u00a0% | Volume nécessaire 25\u202f000 | Volume prévu 20\u202f000',
      'Leads | Taux de passage 2\u00a0% | Moyenne du secteur | Volume nécessaire 500 | Volume prévu 400',
      'Leads qualifiés | Taux de passage 40\u00a0% | Volume nécessaire 200 | Volume prévu 160',
      'Clients | Taux de passage 25\u00a0% | Volume nécessaire 50 | Volume prévu 40',
      'Cible non atteinte : le volume prévu donne 40 Clients pour 50 visés (écart de −10).',
    ])
  })
})
