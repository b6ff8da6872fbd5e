import { describe, expect, it } from 'vitest'
import {
  budgetAlerts,
  budgetLines,
  budgetProblems,
  categoryTotals,
  emptyExpense,
  emptyHuman,
  humanAmount,
  overrunLevel,
  totalsOf,
  variance,
  varianceRate,
} from './budget'
import { expense, human, SAMPLE } from './test-sample'
import { DEFAULT_BUDGET_CATEGORIES } from './labels'
import type { BudgetValue } from './schema'

const thresholds = { orange: 0.05, red: 0.1 }
describe('budget computations', () => {
  it('computes human costs as days × daily rate, to the cent', () => {
    expect(humanAmount(10, 350)).toBe(3500)
    expect(humanAmount(4.2, 400)).toBe(1680) // 1680.0000000000002 in floating point
    expect(humanAmount(0.5, 333.33)).toBe(166.67)
    expect(humanAmount(null, 350)).toBeNull()
    expect(humanAmount(3, null)).toBeNull()
  })

  it('computes variances and their rate against planned', () => {
    expect(variance(1000, 1125)).toBe(125)
    expect(varianceRate(1000, 1125)).toBe(0.125)
    expect(variance(2400, 2350)).toBe(-50)
    expect(varianceRate(2400, 2350)).toBeCloseTo(-0.0208333, 6)
    expect(variance(null, 80)).toBe(80)
    expect(varianceRate(null, 80)).toBeNull()
    expect(variance(3000, null)).toBeNull()
    expect(variance(0.3, 0.33)).toBe(0.03)
  })

  it('raises orange from +5 % and red from +10 %, exactly at the thresholds', () => {
    expect(overrunLevel(100, 104.99, thresholds)).toBe('vert')
    expect(overrunLevel(100, 105, thresholds)).toBe('orange')
    expect(overrunLevel(100, 109.99, thresholds)).toBe('orange')
    expect(overrunLevel(100, 110, thresholds)).toBe('rouge')
    // 0.33 / 0.30 − 1 is 0.10000000000000009 or 0.0999… depending on the path: compared in cents, it is 10 %.
    expect(overrunLevel(0.3, 0.33, thresholds)).toBe('rouge')
    expect(overrunLevel(1000, 900, thresholds)).toBe('vert')
    expect(overrunLevel(null, 80, thresholds)).toBe('rouge')
    expect(overrunLevel(0, 0, thresholds)).toBe('vert')
    expect(overrunLevel(1000, null, thresholds)).toBeNull()
    expect(overrunLevel(100, 107, { orange: 0.1, red: 0.2 })).toBe('vert')
  })

  const lines = budgetLines(SAMPLE, thresholds)

  it('gives each line its amounts, variance and alert', () => {
    expect(lines.map((l) => [l.name, l.planned, l.actual, l.variance, l.level])).toEqual([
      ['Dépense 1 — Flyers A5', 1000, 1125, 125, 'rouge'],
      ['Dépense 2 — Kakémonos', 600, 630, 30, 'orange'],
      ['Dépense 3 — Encart presse régionale', 2400, 2350, -50, 'vert'],
      ['Dépense 4 — Stand salon', 3000, null, null, null],
      ['Dépense 5 — Taxi', null, 80, 80, 'rouge'],
      ['Coût humain 1 — Chargée de communication', 3500, 4200, 700, 'rouge'],
      ['Coût humain 2 — Graphiste', 1600, 1680, 80, 'orange'],
    ])
    expect(lines[5]!.rate).toBe(0.2)
    expect(budgetLines({ expenses: [emptyExpense('exp-blank1')], humanCosts: [emptyHuman('hum-blank1')] }, thresholds)).toEqual([])
  })

  it('totals per category, in the template’s order, human costs included', () => {
    const totals = categoryTotals(lines, DEFAULT_BUDGET_CATEGORIES, thresholds)
    expect(totals.map((c) => [c.category, c.planned, c.actual, c.variance, c.level, c.lines.length])).toEqual([
      ['Production et impression', 1600, 1755, 155, 'orange', 2], // 155 / 1 600 = 9,69 %
      ['Achat d’espaces et diffusion', 2400, 2350, -50, 'vert', 1],
      ['Événementiel', 3000, null, null, null, 1],
      ['Ressources humaines internes', 5100, 5880, 780, 'rouge', 2], // 780 / 5 100 = 15,3 %
      ['Frais divers', 0, 80, 80, 'rouge', 1],
    ])
    expect(totals[0]!.rate).toBe(0.096875)
    expect(totals[3]!.rate).toBeCloseTo(0.152941, 6)
  })

  it('totals the whole budget: planned 12 100 €, spent 10 065 €', () => {
    const total = totalsOf(lines, thresholds)
    expect(total).toEqual({ planned: 12_100, actual: 10_065, variance: -2035, rate: expect.closeTo(-0.168182, 6), level: 'vert' })
    expect(totalsOf([], thresholds)).toEqual({ planned: 0, actual: null, variance: null, rate: null, level: null })
  })

  it('lists the orange and red alerts: categories, then lines', () => {
    const alerts = budgetAlerts(lines, DEFAULT_BUDGET_CATEGORIES, thresholds)
    expect(alerts.map((a) => [a.level, a.text])).toEqual([
      ['orange', 'Catégorie Production et impression : +9,7\u00a0% (1\u202f755,00\u00a0€ pour 1\u202f600,00\u00a0€ prévus)'],
      ['rouge', 'Catégorie Ressources humaines internes : +15,3\u00a0% (5\u202f880,00\u00a0€ pour 5\u202f100,00\u00a0€ prévus)'],
      ['rouge', 'Catégorie Frais divers : 80,00\u00a0€ dépensés sans montant prévu'],
      ['rouge', '« Flyers A5 » (Production et impression › Impression) : +12,5\u00a0% (1\u202f125,00\u00a0€ pour 1\u202f000,00\u00a0€ prévus)'],
      ['orange', '« Kakémonos » (Production et impression › Impression) : +5\u00a0% (630,00\u00a0€ pour 600,00\u00a0€ prévus)'],
      ['rouge', '« Taxi » (Frais divers › Transport) : 80,00\u00a0€ dépensés sans montant prévu'],
      ['rouge', '« Chargée de communication » (Ressources humaines internes › Pilotage) : +20\u00a0% (4\u202f200,00\u00a0€ pour 3\u202f500,00\u00a0€ prévus)'],
      ['orange', '« Graphiste » (Ressources humaines internes › Création) : +5\u00a0% (1\u202f680,00\u00a0€ pour 1\u202f600,00\u00a0€ prévus)'],
    ])
    // The whole budget in red comes first.
    const over = budgetLines({ expenses: [expense('exp-over01', 'Événementiel', 'Salon', 'Stand', 'fixe', 1000, 1200)], humanCosts: [] }, thresholds)
    expect(budgetAlerts(over, DEFAULT_BUDGET_CATEGORIES, thresholds)[0]).toEqual({
      id: 'total',
      level: 'rouge',
      text: 'Budget global : +20\u00a0% (1\u202f200,00\u00a0€ pour 1\u202f000,00\u00a0€ prévus)',
    })
  })
})

describe('budget problems (hints)', () => {
  it('names what is missing, line by line', () => {
    expect(budgetProblems(SAMPLE, thresholds)).toEqual([
      'Sans montant prévu : « Taxi ».',
      'Dépassement en alerte rouge sans commentaire : « Flyers A5 », « Taxi ». Expliquez l’écart et la conduite à tenir.',
    ])
  })

  it('asks for lines, categories, sub-categories, the fixed/variable distinction and human costs', () => {
    expect(budgetProblems({ expenses: [], humanCosts: [] }, thresholds)).toEqual(['Aucune ligne de budget pour l’instant.'])
    const rough: BudgetValue = {
      expenses: [expense('exp-aaaaaa', 'Événementiel', '', 'Traiteur', 'fixe', 800, null), expense('exp-bbbbbb', 'Événementiel', 'Salon', '', '', 500, null)],
      humanCosts: [],
    }
    expect(budgetProblems(rough, thresholds)).toEqual([
      'Sans intitulé : Dépense 2.',
      'Sans sous-catégorie : « Traiteur ».',
      'Toutes les lignes sont dans la même catégorie : répartissez-les en catégories et sous-catégories.',
      'Ni fixe ni variable : Dépense 2. Précisez la nature de chaque charge.',
      'Aucune charge variable : toutes les lignes sont des charges fixes. Vérifiez la distinction.',
      'Aucun coût humain : valorisez le temps passé par l’équipe (jours × taux journalier) pour l’intégrer au coût global.',
    ])
    const people: BudgetValue = { expenses: [], humanCosts: [{ ...human('hum-aaaaaa', 'Pilotage', 'Cheffe de projet', null, 2, null), category: '' }] }
    expect(budgetProblems(people, thresholds)).toEqual([
      'Sans catégorie : « Cheffe de projet ».',
      '« Cheffe de projet » : coût incalculable, il manque les jours prévus et le taux journalier.',
    ])
  })
})
