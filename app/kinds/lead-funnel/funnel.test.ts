import { describe, expect, it } from 'vitest'
import { computeFunnel, expectedVolumes, funnelProblems, funnelStatus, neededVolumes } from './funnel'
import type { LeadFunnelValue } from './schema'

/** Hand-checked: 5 % of the audience visit, 2 % of visitors leave their details, 40 % of leads qualify, 25 % of those buy. */
const stages = [
  { id: 'etape-1', name: 'Audience touchée', rate: null, source: '' },
  { id: 'etape-2', name: 'Visiteurs', rate: 5, source: 'Historique 2026' },
  { id: 'etape-3', name: 'Leads', rate: 2, source: 'Moyenne du secteur' },
  { id: 'etape-4', name: 'Leads qualifiés', rate: 40, source: 'Hypothèse' },
  { id: 'etape-5', name: 'Clients', rate: 25, source: 'Direction commerciale' },
]
const funnel = (over: Partial<LeadFunnelValue> = {}): LeadFunnelValue => ({
  stages,
  objectiveId: null,
  target: 50,
  targetStageId: null,
  planned: 400_000,
  ...over,
})

describe('backwards: the volume needed at each stage', () => {
  it('divides by each rate up to the top', () => {
    // 50 clients ÷ 25 % = 200 qualified leads ÷ 40 % = 500 leads ÷ 2 % = 25 000 visitors ÷ 5 % = 500 000 reached.
    expect(neededVolumes(stages, 50, 4)).toEqual([500_000, 25_000, 500, 200, 50])
  })

  it('rounds up at each stage: nobody needs 23,3 leads', () => {
    const s = [{ rate: null }, { rate: 3 }, { rate: 15 }, { rate: 30 }]
    // 7 ÷ 30 % = 23,33 → 24 ; 24 ÷ 15 % = 160 ; 160 ÷ 3 % = 5 333,33 → 5 334.
    expect(neededVolumes(s, 7, 3)).toEqual([5_334, 160, 24, 7])
  })

  it('is not fooled by binary fractions: 7 at 0,7 % needs 1 000, not 1 001', () => {
    expect(neededVolumes([{ rate: null }, { rate: 0.7 }], 7, 1)).toEqual([1_000, 7])
  })

  it('starts from the stage the target counts, and leaves the stages below it empty', () => {
    // 300 leads ÷ 2 % = 15 000 visitors ÷ 5 % = 300 000 reached.
    expect(neededVolumes(stages, 300, 2)).toEqual([300_000, 15_000, 300, null, null])
  })

  it('stops above a missing or zero rate', () => {
    const missing = stages.map((s) => (s.id === 'etape-3' ? { ...s, rate: null } : s))
    expect(neededVolumes(missing, 50, 4)).toEqual([null, null, 500, 200, 50])
    const zero = stages.map((s) => (s.id === 'etape-4' ? { ...s, rate: 0 } : s))
    expect(neededVolumes(zero, 50, 4)).toEqual([null, null, null, 200, 50])
    expect(neededVolumes(stages, null, 4)).toEqual([null, null, null, null, null])
  })
})

describe('forwards: what the volume planned yields', () => {
  it('multiplies by each rate down the funnel', () => {
    // 400 000 × 5 % = 20 000 × 2 % = 400 × 40 % = 160 × 25 % = 40.
    expect(expectedVolumes(stages, 400_000)).toEqual([400_000, 20_000, 400, 160, 40])
  })

  it('rounds down at each stage', () => {
    const s = [{ rate: null }, { rate: 3 }, { rate: 15 }, { rate: 30 }]
    // 5 333 × 3 % = 159,99 → 159 ; × 15 % = 23,85 → 23 ; × 30 % = 6,9 → 6.
    expect(expectedVolumes(s, 5_333)).toEqual([5_333, 159, 23, 6])
    // 5 334 × 3 % = 160,02 → 160 ; × 15 % = 24 ; × 30 % = 7,2 → 7.
    expect(expectedVolumes(s, 5_334)).toEqual([5_334, 160, 24, 7])
  })

  it('stops after a missing rate', () => {
    const missing = stages.map((s) => (s.id === 'etape-4' ? { ...s, rate: null } : s))
    expect(expectedVolumes(missing, 400_000)).toEqual([400_000, 20_000, 400, null, null])
    expect(expectedVolumes(stages, null)).toEqual([null, null, null, null, null])
  })

  it('reaches the target when the volume needed at the top is planned', () => {
    const needed = neededVolumes(stages, 50, 4)
    expect(expectedVolumes(stages, needed[0]!)[4]).toBe(50)
  })
})

describe('the verdict', () => {
  it('shows the gap per stage and at the target', () => {
    const result = computeFunnel(funnel())
    expect(result.rows.map((r) => r.gap)).toEqual([-100_000, -5_000, -100, -40, -10])
    expect(result.gap).toBe(-10)
    expect(result.reached).toBe(false)
    expect(funnelStatus(funnel())).toBe('Cible non atteinte : le volume prévu donne 40 Clients pour 50 visés (écart de −10).')
  })

  it('says the target is reached from 500 000 reached', () => {
    const value = funnel({ planned: 500_000 })
    expect(computeFunnel(value)).toMatchObject({ gap: 0, reached: true })
    expect(funnelStatus(value)).toBe('Cible atteinte : le volume prévu donne 50 Clients pour 50 visés.')
  })

  it('counts the target at the chosen stage', () => {
    const value = funnel({ target: 300, targetStageId: 'etape-3' })
    expect(computeFunnel(value)).toMatchObject({ targetIndex: 2, gap: 100, reached: true })
  })

  it('cannot tell without a target or a volume planned', () => {
    expect(computeFunnel(funnel({ planned: null })).reached).toBeNull()
    expect(funnelStatus(funnel({ target: null }))).toContain('Pas encore de cible')
  })
})

describe('the hints', () => {
  it('says nothing of a complete funnel that reaches its target', () => {
    expect(funnelProblems(funnel({ planned: 500_000 }))).toEqual([])
  })

  it('names missing rates, rates over 100 %, zero rates', () => {
    const value = funnel({
      planned: 500_000,
      stages: stages.map((s) =>
        s.id === 'etape-2' ? { ...s, rate: null } : s.id === 'etape-4' ? { ...s, rate: 120 } : s.id === 'etape-5' ? { ...s, rate: 0 } : s,
      ),
    })
    expect(funnelProblems(value)).toEqual([
      'Taux de passage manquant : «\u00a0Audience touchée → Visiteurs\u00a0».',
      'Taux supérieur à 100\u00a0% : «\u00a0Leads → Leads qualifiés\u00a0» (120\u00a0%) ; une étape ne peut compter plus de contacts que la précédente.',
      'Taux nul : «\u00a0Leads qualifiés → Clients\u00a0» ; aucun contact ne passerait, l’entonnoir ne peut être remonté.',
    ])
  })

  it('says the target is not reached, by how much, and what the top needs', () => {
    expect(funnelProblems(funnel())).toEqual([
      'Cible non atteinte : 40 Clients prévus pour 50 visés (écart de −10) ; il faudrait 500\u202f000 au lieu de 400\u202f000 à l’étape «\u00a0Audience touchée\u00a0».',
    ])
  })

  it('asks for a target, a volume planned, names', () => {
    const value = funnel({ target: null, planned: null, stages: stages.map((s, i) => (i === 1 ? { ...s, name: ' ' } : s)) })
    expect(funnelProblems(value)).toEqual([
      'Étape sans nom : n°\u00a02.',
      'Aucune cible : choisissez un objectif SMART ou saisissez le volume visé, pour remonter l’entonnoir.',
      'Aucun volume prévu à l’étape «\u00a0Audience touchée\u00a0» : saisissez ce que le plan d’actions apportera.',
    ])
    expect(funnelProblems(funnel({ stages: stages.slice(0, 1) }))).toEqual(['Un entonnoir a au moins deux étapes.'])
  })
})
