import { z } from 'zod'
import { MAX_ROWS, rowId, text } from '../atoms'
import { CHARGES, DEFAULT_BUDGET_CATEGORIES, LIMITS } from './labels'

/**
 * Budget (C13.3): lines in categories and sub-categories, each a fixed or
 * variable charge, planned and actual amounts; human costs as days × daily
 * rate; totals, variances and overrun alerts at the template's thresholds.
 */

/** Overrun (actual − planned, as a fraction of planned) from which a line is orange, then red. */
export const thresholdsSchema = z
  .object({ orange: z.number().positive(), red: z.number().positive() })
  .refine((t) => t.red > t.orange, { message: 'le seuil rouge doit dépasser le seuil orange' })

export const configSchema = z.object({
  kind: z.literal('budget'),
  categories: z.array(text).min(1).default(DEFAULT_BUDGET_CATEGORIES),
  thresholds: thresholdsSchema.default({ orange: 0.05, red: 0.1 }),
})
export type BudgetConfig = z.infer<typeof configSchema>
export type BudgetThresholds = BudgetConfig['thresholds']

const words = (max: number) => z.string('un texte est attendu').max(max, `${max.toLocaleString('fr-FR')} caractères au plus`)
const amount = (max: number, what: string) =>
  z
    .number(`${what} : un nombre est attendu`)
    .finite('un nombre fini est attendu')
    .min(0, `${what} : un montant positif est attendu`)
    .max(max, `${what} : ${max.toLocaleString('fr-FR')} au plus`)
    .nullable()
const charge = z.enum([...CHARGES, ''], 'charge inconnue : fixe ou variable')

const common = {
  id: rowId,
  category: z.string(),
  subcategory: words(LIMITS.text),
  label: words(LIMITS.text),
  charge,
  note: words(LIMITS.note),
}
const expenseShape = { ...common, planned: amount(LIMITS.amount, 'prévu'), actual: amount(LIMITS.amount, 'réel') }
const humanShape = {
  ...common,
  plannedDays: amount(LIMITS.days, 'jours prévus'),
  actualDays: amount(LIMITS.days, 'jours réels'),
  dailyRate: amount(LIMITS.rate, 'taux journalier'),
}

/** The stored value, whatever the template. */
export const valueSchema = z.object({ expenses: z.array(z.object(expenseShape).strict()), humanCosts: z.array(z.object(humanShape).strict()) }).strict()
export type BudgetValue = z.infer<typeof valueSchema>
export type ExpenseLine = BudgetValue['expenses'][number]
export type HumanLine = BudgetValue['humanCosts'][number]

/** The value checked against the template: known categories, amounts within bounds. */
export function valueSchemaFor(config: BudgetConfig): z.ZodType<BudgetValue> {
  const category = z.union([z.enum(config.categories as [string, ...string[]]), z.literal('')], {
    error: `catégorie inconnue : choisissez parmi ${config.categories.join(', ')}`,
  })
  const lines = (what: string) => `${MAX_ROWS} ${what} au plus`
  return z
    .object({
      expenses: z.array(z.object({ ...expenseShape, category }).strict()).max(MAX_ROWS, lines('dépenses')),
      humanCosts: z.array(z.object({ ...humanShape, category }).strict()).max(MAX_ROWS, lines('coûts humains')),
    })
    .strict()
}
