import { describe, expect, it } from 'vitest'
import { curvePoints, curveSummary, emptyExperienceMap, emptyStage, experienceProblems, isLargeGap, mean, stageGap } from './experience-map'
import { formatScore } from './labels'
import type { ExperienceMapValue, Stage } from './schema'

const stage = (id: string, name: string, customer: number | null, company: number | null, more: Partial<Stage> = {}): Stage => ({
  ...emptyStage(id),
  name,
  touchpoints: 'Site web',
  doing: 'Cherche',
  thinking: 'Hésite',
  feeling: 'Curieux',
  customer,
  company,
  ...more,
})

describe('stageGap', () => {
  it('is customer − company, by hand', () => {
    expect(stageGap({ customer: -2, company: 1 })).toBe(-3) // -2 - 1
    expect(stageGap({ customer: 2, company: -1 })).toBe(3) // 2 - (-1)
    expect(stageGap({ customer: 0, company: 0 })).toBe(0)
    expect(stageGap({ customer: 1, company: 2 })).toBe(-1)
  })
  it('is null without both scores', () => {
    expect(stageGap({ customer: null, company: 1 })).toBeNull()
    expect(stageGap({ customer: 1, company: null })).toBeNull()
  })
  it('is large from the alert on, either way', () => {
    expect(isLargeGap(-2, 2)).toBe(true)
    expect(isLargeGap(2, 2)).toBe(true)
    expect(isLargeGap(1, 2)).toBe(false)
    expect(isLargeGap(null, 2)).toBe(false)
  })
})

describe('curvePoints and curveSummary', () => {
  const value: ExperienceMapValue = {
    ...emptyExperienceMap(),
    stages: [
      stage('stage-aaaa', 'Découverte', 1, 2), // gap -1
      emptyStage('stage-blank'), // left out
      stage('stage-bbbb', 'Commande', -2, 1), // gap -3: large
      stage('stage-cccc', '', 2, 0), // gap +2: large, named « Étape 3 »
      stage('stage-dddd', 'SAV', null, -1), // no gap
    ],
  }
  const points = curvePoints(value, 2)
  it('keeps the stages that say something, with their gaps', () => {
    expect(points.map((p) => [p.name, p.gap, p.large])).toEqual([
      ['Découverte', -1, false],
      ['Commande', -3, true],
      ['Étape 3', 2, true],
      ['SAV', null, false],
    ])
  })
  it('averages each curve over the stages scored', () => {
    // customer: (1 - 2 + 2) / 3 = 0.333… → 0.3 ; company: (2 + 1 + 0 - 1) / 4 = 0.5 ; gap: (-1 - 3 + 2) / 3 = -0.666… → -0.7
    expect(curveSummary(points)).toEqual({ customer: 0.3, company: 0.5, gap: -0.7 })
    expect(mean([])).toBeNull()
  })
})

describe('experienceProblems', () => {
  it('asks for the recall, touchpoints, D-T-F, scores and the explanation of large gaps', () => {
    const value: ExperienceMapValue = {
      ...emptyExperienceMap(),
      stages: [
        stage('stage-aaaa', 'Découverte', 1, 2, { touchpoints: '' }),
        stage('stage-bbbb', 'Commande', -2, 1),
        stage('stage-cccc', 'Livraison', -1, 1, { gapNote: 'Retards du transporteur' }),
        stage('stage-dddd', 'SAV', null, 0, { feeling: '' }),
      ],
    }
    expect(experienceProblems(value, 2)).toEqual([
      'Aucun persona rappelé en tête de l’experience map.',
      'Aucun objectif global rappelé en tête de l’experience map.',
      'Étapes sans point de contact : « Découverte ».',
      'Étapes où manque « Doing – Thinking – Feeling » (fait, pense ou ressent) : « SAV ».',
      'Étapes sans note de vécu client ou sans note imaginée par l’entreprise : « SAV ».',
      'Les courbes divergent de 2 points ou plus sans écart expliqué : « Commande ».',
    ])
  })
  it('has nothing to say of a complete map', () => {
    const value: ExperienceMapValue = {
      persona: { sourceId: null, name: 'Léa', summary: '' },
      objectives: [{ id: 'obj-aaaaaa', sourceId: null, label: 'Fidéliser' }],
      stages: [stage('stage-aaaa', 'Découverte', 1, 1)],
    }
    expect(experienceProblems(value, 2)).toEqual([])
  })
})

describe('formatScore', () => {
  it('signs scores with a true minus', () => {
    expect([formatScore(2), formatScore(-1), formatScore(0), formatScore(null)]).toEqual(['+2', '\u22121', '0', '—'])
  })
})
