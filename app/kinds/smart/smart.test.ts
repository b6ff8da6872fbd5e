import { describe, expect, it } from 'vitest'
import type { Objective } from './schema'
import { checkObjective, emptyObjective, failingQualities, isBlankObjective, smartProblems } from './smart'

const global: Objective = {
  id: 'g',
  kind: 'global',
  parentId: null,
  label: 'Générer des leads qualifiés pour la gamme Essentiel',
  indicator: 'Leads qualifiés par mois',
  baseline: 120,
  target: 300,
  unit: 'leads',
  deadline: '2027-12-31',
  owner: 'Chargée de marketing',
  resources: '2 campagnes, 8 000 €',
  agreedWith: 'Direction commerciale',
}
const failing = (o: Objective, all: Objective[] = [o]) =>
  Object.fromEntries(
    checkObjective(o, all)
      .filter((c) => !c.ok)
      .map((c) => [c.quality, c.problems]),
  )

describe('checkObjective', () => {
  it('accepts a complete objective', () => {
    expect(failing(global)).toEqual({})
  })
  it('Spécifique: a vague label', () => {
    expect(failing({ ...global, label: 'Plus de ventes' })).toEqual({ specifique: ['intitulé trop vague : dites précisément ce qui doit changer, pour qui'] })
  })
  it('Mesurable: a target without unit, no indicator', () => {
    expect(failing({ ...global, unit: '' })).toEqual({ mesurable: ['cible sans unité'] })
    expect(failing({ ...global, indicator: ' ' })).toEqual({ mesurable: ['pas d’indicateur'] })
  })
  it('Atteignable: a target far beyond the baseline, no resources', () => {
    expect(failing({ ...global, target: 1_200, resources: '' })).toEqual({
      atteignable: ['la cible multiplie la valeur de départ par 10 : justifiez qu’elle est atteignable', 'aucune ressource affectée'],
    })
  })
  it('Limité dans le temps: no deadline; an intermediate after its global', () => {
    expect(failing({ ...global, deadline: null })).toEqual({ limite: ['pas d’échéance'] })
    const intermediate: Objective = { ...global, id: 'i', kind: 'intermediate', parentId: 'g', deadline: '2028-02-01' }
    expect(failing(intermediate, [global, intermediate])).toEqual({
      limite: ['objectif intermédiaire après l’échéance du global (1 février 2028 > 31 décembre 2027)'],
    })
  })
  it('Individualisé: no owner', () => {
    expect(failing({ ...global, owner: ' ' })).toEqual({ individualise: ['pas de responsable nommé'] })
  })
  it('Négociable: not agreed with anyone', () => {
    expect(failing({ ...global, agreedWith: '' })).toEqual({ negociable: ['ne dit pas avec qui l’objectif a été discuté et validé'] })
  })
})

describe('failingQualities', () => {
  it('words each failing quality with its findings', () => {
    expect(failingQualities(global, [global])).toEqual([])
    expect(failingQualities({ ...global, target: null, owner: '' }, [global])).toEqual([
      'Mesurable : pas de valeur cible',
      'Individualisé : pas de responsable nommé',
    ])
    expect(failingQualities({ ...global, target: 120 }, [global])).toEqual(['Atteignable : la cible est égale à la valeur de départ'])
    expect(failingQualities({ ...global, baseline: null }, [global])).toEqual(['Atteignable : pas de valeur de départ pour juger de l’effort'])
    expect(failingQualities({ ...global, baseline: null, target: null }, [global])).toEqual([
      'Mesurable : pas de valeur cible',
      'Atteignable : pas de valeur de départ pour juger de l’effort',
    ])
  })
  it('an intermediate objective needs a global one', () => {
    const orphan: Objective = { ...global, id: 'i', kind: 'intermediate', parentId: null }
    expect(failingQualities(orphan, [global, orphan])).toEqual(['Limité dans le temps : objectif intermédiaire rattaché à aucun objectif global'])
  })
  it('tells a blank objective', () => {
    expect(isBlankObjective(emptyObjective('obj-123456', 'intermediate'))).toBe(true)
    expect(isBlankObjective({ ...emptyObjective('obj-123456'), target: 0 })).toBe(false)
    expect(isBlankObjective({ ...emptyObjective('obj-123456'), owner: 'Inès' })).toBe(false)
  })
})

describe('smartProblems', () => {
  it('lists each objective that fails, quality by quality', () => {
    expect(smartProblems({ objectives: [] })).toEqual(['Aucun objectif pour l’instant.'])
    expect(smartProblems({ objectives: [{ ...global, kind: 'intermediate', parentId: 'g' }] })[0]).toBe(
      'Aucun objectif global : les objectifs intermédiaires doivent s’y rattacher.',
    )
    const intermediate: Objective = {
      ...global,
      id: 'i',
      kind: 'intermediate',
      parentId: 'g',
      label: 'Atteindre 150 leads au premier trimestre',
      unit: '',
      deadline: '2028-01-15',
    }
    expect(smartProblems({ objectives: [global, intermediate] })).toEqual([
      '« Atteindre 150 leads au premier trimestre » — Mesurable : cible sans unité ; Limité dans le temps : objectif intermédiaire après l’échéance du global (15 janvier 2028 > 31 décembre 2027).',
    ])
  })
})
