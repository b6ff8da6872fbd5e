import { emptyExpense, emptyHuman } from './budget'
import type { BudgetValue, ExpenseLine, HumanLine } from './schema'

/** Lines for the budget's tests (computations, writers, views). */

export const expense = (
  id: string,
  category: string,
  subcategory: string,
  label: string,
  charge: ExpenseLine['charge'],
  planned: number | null,
  actual: number | null,
): ExpenseLine => ({
  ...emptyExpense(id),
  category,
  subcategory,
  label,
  charge,
  planned,
  actual,
})
export const human = (
  id: string,
  subcategory: string,
  label: string,
  plannedDays: number | null,
  actualDays: number | null,
  dailyRate: number | null,
  note = '',
): HumanLine => ({
  ...emptyHuman(id),
  category: 'Ressources humaines internes',
  subcategory,
  label,
  charge: 'fixe',
  plannedDays,
  actualDays,
  dailyRate,
  note,
})

/** A budget whose figures are checked by hand below (thresholds: orange +5 %, red +10 %). */
export const SAMPLE: BudgetValue = {
  expenses: [
    expense('exp-flyers', 'Production et impression', 'Impression', 'Flyers A5', 'variable', 1000, 1125), // +125 € = +12,5 % → rouge
    expense('exp-kakemo', 'Production et impression', 'Impression', 'Kakémonos', 'fixe', 600, 630), // +30 € = +5 % exactly → orange
    expense('exp-presse', 'Achat d’espaces et diffusion', 'Presse', 'Encart presse régionale', 'fixe', 2400, 2350), // −50 € → vert
    expense('exp-stand1', 'Événementiel', 'Salon', 'Stand salon', 'fixe', 3000, null), // nothing spent yet
    expense('exp-taxi01', 'Frais divers', 'Transport', 'Taxi', 'variable', null, 80), // off budget → rouge
  ],
  humanCosts: [
    human('hum-cheffe', 'Pilotage', 'Chargée de communication', 10, 12, 350, 'Deux jours de plus pour le salon : validé par la direction.'), // 3 500 → 4 200 € = +20 % → rouge
    human('hum-graphi', 'Création', 'Graphiste', 4, 4.2, 400), // 1 600 → 1 680 € = +5 % → orange
  ],
}
