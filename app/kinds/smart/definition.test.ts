import { describe, expect, it } from 'vitest'
import { definition } from './definition'
import { valueSchemaFor, type Objective, type SmartConfig, type SmartValue } from './schema'
import { emptyObjective } from './smart'

const config: SmartConfig = { kind: 'smart' }
const global: Objective = {
  id: 'obj-global',
  label: 'Augmenter la notoriété de 20 %',
  kind: 'global',
  parentId: null,
  indicator: 'Notoriété assistée',
  baseline: 40,
  target: 48,
  unit: '%',
  deadline: '2027-12-31',
  owner: 'Inès',
  resources: 'Budget Social Ads',
  agreedWith: 'Direction',
}
const leads: Objective = { ...emptyObjective('obj-leads', 'intermediate'), label: 'Recruter 500 abonnés', parentId: 'obj-global', target: 500, unit: 'abonnés' }
const value: SmartValue = { objectives: [global, leads] }
const ctx = { title: 'Objectifs', today: '2027-01-04' }

describe('SMART value schema', () => {
  const schema = valueSchemaFor(config)
  it('accepts objectives and refuses unknown types, text numbers, bad dates, missing fields and unknown fields', () => {
    expect(schema.safeParse(value).success).toBe(true)
    expect(schema.safeParse({ objectives: [{ ...global, kind: 'final' }] }).success).toBe(false)
    expect(schema.safeParse({ objectives: [{ ...global, target: '48' }] }).success).toBe(false)
    expect(schema.safeParse({ objectives: [{ ...global, target: Number.POSITIVE_INFINITY }] }).success).toBe(false)
    expect(schema.safeParse({ objectives: [{ ...global, deadline: '31/12/2027' }] }).success).toBe(false)
    expect(schema.safeParse({ objectives: [{ ...global, unit: 'x'.repeat(101) }] }).success).toBe(false)
    expect(schema.safeParse({ objectives: [{ ...global, parentId: 'x' }] }).success).toBe(false)
    const { indicator: _indicator, ...withoutIndicator } = global
    expect(schema.safeParse({ objectives: [withoutIndicator] }).success).toBe(false)
    expect(schema.safeParse({ objectives: [{ ...global, priority: 1 }] }).success).toBe(false)
    expect(schema.safeParse({ objectives: Array.from({ length: 51 }, (_, i) => emptyObjective(`obj-${i}xxxx`)) }).success).toBe(false)
  })
  it('says what is wrong and where, in French', () => {
    const result = schema.safeParse({ objectives: [global, leads, { ...global, id: 'obj-third', target: 'beaucoup' }] })
    expect(result.success).toBe(false)
    const issue = result.error!.issues[0]!
    expect(issue.message).toBe('un nombre est attendu')
    expect(definition.locate(issue.path as (string | number)[], value, config)).toBe('objectif 3, Cible')
    expect(schema.safeParse({ objectives: [{ ...global, kind: 'final' }] }).error!.issues[0]!.message).toBe('type attendu : global ou intermédiaire')
  })
})

describe('SMART definition', () => {
  it('locates refused parts with the labels of the screen', () => {
    expect(definition.locate(['objectives', 2, 'deadline'], value, config)).toBe('objectif 3, Échéance')
    expect(definition.locate(['objectives', 0, 'agreedWith'], value, config)).toBe('objectif 1, Négocié et validé avec')
    expect(definition.locate(['objectives', 1], value, config)).toBe('objectif 2')
    expect(definition.locate(['objectives'], value, config)).toBeNull()
  })

  it('lists each objective by number and title', () => {
    expect(definition.items({ objectives: [global, leads, emptyObjective('obj-empty1', 'intermediate')] }, config)).toEqual([
      { id: 'obj-global', label: 'Objectif 1 — Augmenter la notoriété de 20 %' },
      { id: 'obj-leads', label: 'Objectif 2 — Recruter 500 abonnés' },
      { id: 'obj-empty1', label: 'Objectif 3 (intermédiaire)' },
    ])
  })

  it('describes changed fields with their labels, added, deleted and moved objectives', () => {
    const later = { ...global, target: 50, deadline: '2028-01-15', indicator: 'Notoriété spontanée', owner: '' }
    expect(definition.diff(value, { objectives: [later, leads] }, config)).toEqual([
      'Objectif “Augmenter la notoriété de 20 %” : Indicateur modifié ; Cible 48 % → 50 % ; Échéance 31 décembre 2027 → 15 janvier 2028 ; Responsable Inès → —.',
    ])
    const other: Objective = { ...global, id: 'obj-other', label: 'Fidéliser les clients' }
    const moved = { ...leads, kind: 'global' as const, parentId: null, unit: 'inscrits', label: 'Recruter 500 inscrits' }
    expect(
      definition.diff(
        { objectives: [global, leads, other] },
        { objectives: [moved, global, emptyObjective('obj-blank1'), { ...global, id: 'obj-new', label: 'Lancer la gamme' }] },
        config,
      ),
    ).toEqual([
      'Objectif “Recruter 500 inscrits” : Intitulé modifié ; Type Intermédiaire → Global ; Objectif global servi “Augmenter la notoriété de 20 %” → — ; Cible 500 abonnés → 500 inscrits.',
      'Objectif “Lancer la gamme” ajouté.',
      'Objectif “Fidéliser les clients” supprimé.',
      'Objectifs réordonnés.',
    ])
    expect(
      definition.diff({ objectives: [{ ...leads, target: null, unit: '' }] }, { objectives: [{ ...leads, target: null, unit: 'abonnés' }] }, config),
    ).toEqual(['Objectif “Recruter 500 abonnés” : Unité — → abonnés.'])
    expect(definition.diff(value, value, config)).toEqual([])
  })

  it('gives every text as plain text', () => {
    expect(definition.plainText(value, config)).toBe(
      'Augmenter la notoriété de 20 % | Notoriété assistée | % | Inès | Budget Social Ads | Direction\nRecruter 500 abonnés | abonnés',
    )
    expect(definition.plainText({ objectives: [emptyObjective('obj-blank1')] }, config)).toBe('')
  })

  it('answers minRows and kindChecks with the old wording', () => {
    expect(definition.rules.minRows!({ rule: 'minRows', min: 3 }, value, config, ctx)).toBe('« Objectifs » a 2\u00a0objectifs ; 3 au moins sont attendus.')
    expect(definition.rules.minRows!({ rule: 'minRows', min: 2 }, value, config, ctx)).toBeNull()
    expect(definition.rules.kindChecks!({ rule: 'kindChecks' }, { objectives: [] }, config, ctx)).toEqual(['Aucun objectif pour l’instant.'])
    expect(definition.rules.kindChecks!({ rule: 'kindChecks' }, { objectives: [global] }, config, ctx)).toBeNull()
    expect(definition.rules.kindChecks!({ rule: 'kindChecks' }, { objectives: [{ ...global, unit: '' }] }, config, ctx)).toEqual([
      '« Augmenter la notoriété de 20 % » — Mesurable : cible sans unité.',
    ])
    expect(definition.isEmpty({ objectives: [] }, config)).toBe(true)
    expect(definition.isEmpty(value, config)).toBe(false)
  })
})
