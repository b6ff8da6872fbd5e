import { z } from 'zod'
import { MAX_ROWS, rowId, text } from '../atoms'
import { DEFAULT_KPI_CATEGORIES, INPUT_ID, KPI_FORMULAS } from './labels'

/** KPI / ROI dashboard (C14.1, C14.2, C15.1, C15.2): indicators with targets, actuals and periods, computed ratios, charts. */

export const thresholdsSchema = z
  .object({ green: z.number().positive(), orange: z.number().positive() })
  .refine((t) => t.green > t.orange, { message: 'le seuil vert doit dépasser le seuil orange' })

export const configSchema = z.object({
  kind: z.literal('kpi'),
  categories: z.array(text).min(1).default(DEFAULT_KPI_CATEGORIES),
  /** Formula kinds the section must include at least once (e.g. ROI and ROTI for C14.2-4). */
  requiredFormulas: z.array(z.enum(KPI_FORMULAS)).default([]),
  /** Achievement (actual ÷ target) from which a cell is green, then orange; below, red. */
  thresholds: thresholdsSchema.default({ green: 1, orange: 0.8 }),
})
export type KpiConfig = z.infer<typeof configSchema>
export type KpiThresholds = KpiConfig['thresholds']

const number = z.number('un nombre est attendu').finite('un nombre fini est attendu').nullable()
const rowShape = {
  id: rowId,
  name: z.string().max(300, 'le nom de l’indicateur dépasse 300 caractères'),
  category: z.string(),
  formula: z.enum(KPI_FORMULAS, `calcul inconnu : choisissez parmi ${KPI_FORMULAS.join(', ')}`),
  /** The period measured (« T1 2027 », « Mars »…): rows of one indicator over several periods make its trend. */
  period: z.string().max(100, 'la période dépasse 100 caractères'),
  target: number,
  inputs: z.record(z.string().regex(INPUT_ID, 'donnée de calcul inconnue'), number),
  source: z.string().max(500, 'la source dépasse 500 caractères'),
  /** A SMART objective of the same candidate this indicator measures. */
  objectiveId: rowId.nullable(),
}

/** The stored value, whatever the template. */
export const valueSchema = z.object({ rows: z.array(z.object(rowShape).strict()) }).strict()
export type KpiValue = z.infer<typeof valueSchema>
export type KpiRow = KpiValue['rows'][number]

/** The value checked against the template: known categories and formulas, finite numbers. */
export function valueSchemaFor(config: KpiConfig): z.ZodType<KpiValue> {
  const category = z.union([z.enum(config.categories as [string, ...string[]]), z.literal('')], {
    error: `catégorie inconnue : choisissez parmi ${config.categories.join(', ')}`,
  })
  return z.object({ rows: z.array(z.object({ ...rowShape, category }).strict()).max(MAX_ROWS, `${MAX_ROWS} indicateurs au plus`) }).strict()
}
