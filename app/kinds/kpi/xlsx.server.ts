import type ExcelJS from 'exceljs'
import { LEVEL_LABELS } from '~/domain/kpi'
import { addAlertFills, columnLetter, fitColumns, formula, NUM_FMT, setCell, text, writeHeader } from '~/services/exports/xlsx-sheet.server'
import type { XlsxWriter } from '../types.server'
import { FORMULAS, named, OPTIONAL_INPUTS } from './kpi'
import { KPI_LABELS, type KpiFormula, type KpiUnit } from './labels'
import type { KpiConfig, KpiRow, KpiThresholds, KpiValue } from './schema'

/**
 * The KPI dashboard sheet: one row per indicator, its inputs as numbers and
 * live formulas for the actual value (Réel), the achievement (Atteinte) and
 * the alert level, so that the sheet follows when the candidate edits an input.
 *
 * Units: the app shows ratio formulas in percent (kpiActual returns 50 for
 * 50 %) and targets are typed in that unit; the sheet stores both as
 * fractions (0.5) with a percent format, so Réel and Cible compare directly.
 */

type Ref = (inputId: string) => string

/** The Réel expression of each formula, from its input cells (written as in kpi.ts and app/domain/kpi.ts). */
const EXPRESSIONS: Record<KpiFormula, (c: Ref) => string> = {
  manual: (c) => c('value'),
  roi: (c) => `(${c('gain')}-${c('cost')})/${c('cost')}`,
  roas: (c) => `${c('revenue')}/${c('adSpend')}`,
  roti: (c) => `(${c('gain')}-${c('hours')}*${c('hourlyCost')})/(${c('hours')}*${c('hourlyCost')})`,
  conversion: (c) => `${c('conversions')}/${c('visitors')}`,
  cac: (c) => `${c('spend')}/${c('newCustomers')}`,
  basket: (c) => `${c('revenue')}/${c('orders')}`,
  clv: (c) => `${c('basket')}*${c('frequency')}*${c('years')}*IF(${c('margin')}="",1,${c('margin')}/100)`,
}

const UNIT_FORMATS: Record<KpiUnit, string | undefined> = { '%': NUM_FMT.percent, '€': NUM_FMT.money, '×': NUM_FMT.times, '': undefined }

/** The Réel formula of a row: empty while an input is missing, never an error. */
export function actualFormula(f: KpiFormula, ref: Ref): string {
  const required = FORMULAS[f].inputs.map((i) => i.id).filter((id) => !OPTIONAL_INPUTS[f]?.includes(id))
  const guard = `COUNT(${required.map(ref).join(',')})<${required.length}`
  return `IFERROR(IF(${guard},"",${EXPRESSIONS[f](ref)}),"")`
}

/** Achievement: actual ÷ target, inverted when lower is better (CAC). */
export function achievementFormula(f: KpiFormula, actual: string, target: string): string {
  return FORMULAS[f].lowerIsBetter ? `IFERROR(${target}/${actual},"")` : `IFERROR(${actual}/${target},"")`
}

export function alertFormula(achievement: string, thresholds: KpiThresholds): string {
  const { vert, orange, rouge } = LEVEL_LABELS
  return `IF(${achievement}="","",IF(${achievement}>=${thresholds.green},"${vert}",IF(${achievement}>=${thresholds.orange},"${orange}","${rouge}")))`
}

/** Input ids used by the rows' formulas, in order of first use, with the label of their first use. */
function usedInputs(rows: KpiRow[]): { id: string; label: string }[] {
  const inputs = new Map<string, string>()
  for (const r of rows) for (const i of FORMULAS[r.formula].inputs) if (!inputs.has(i.id)) inputs.set(i.id, i.label)
  return [...inputs].map(([id, label]) => ({ id, label }))
}

/** A value typed in the display unit, as stored in the sheet (percent → fraction). */
function sheetValue(unit: KpiUnit, value: number | null): number | null {
  if (value === null) return null
  return unit === '%' ? value / 100 : value
}

function writeKpi(ws: ExcelJS.Worksheet, field: KpiConfig, value: KpiValue, objectives: Map<string, string>): void {
  const rows = named(value.rows)
  const inputs = usedInputs(rows)
  const first = 7 // after Indicateur, Période, Catégorie, Calcul, Source, Objectif SMART
  const inputCol = new Map(inputs.map((i, k) => [i.id, first + k]))
  const targetCol = first + inputs.length
  const [actualCol, achievementCol, alertCol] = [targetCol + 1, targetCol + 2, targetCol + 3]
  const c = KPI_LABELS.columns
  writeHeader(ws, [c.name, c.period, c.category, c.formula, c.source, c.objective, ...inputs.map((i) => i.label), c.target, c.actual, c.achievement, c.alert])

  rows.forEach((r, k) => {
    const n = k + 2
    const row = ws.getRow(n)
    const spec = FORMULAS[r.formula]
    const ref = (id: string) => `${columnLetter(inputCol.get(id)!)}${n}`
    const at = (col: number) => `${columnLetter(col)}${n}`
    setCell(row, 1, r.name.trim())
    setCell(row, 2, text(r.period))
    setCell(row, 3, text(r.category))
    setCell(row, 4, spec.label)
    setCell(row, 5, text(r.source))
    setCell(row, 6, r.objectiveId ? (objectives.get(r.objectiveId) ?? null) : null)
    for (const input of spec.inputs) {
      setCell(row, inputCol.get(input.id)!, r.inputs[input.id] ?? null, input.label.includes('(€)') ? NUM_FMT.money : undefined)
    }
    setCell(row, targetCol, sheetValue(spec.unit, r.target), UNIT_FORMATS[spec.unit])
    setCell(row, actualCol, formula(actualFormula(r.formula, ref)), UNIT_FORMATS[spec.unit])
    setCell(row, achievementCol, formula(achievementFormula(r.formula, at(actualCol), at(targetCol))), NUM_FMT.percent)
    setCell(row, alertCol, formula(alertFormula(at(achievementCol), field.thresholds)))
  })

  fitColumns(ws)
  if (rows.length === 0) return
  const last = rows.length + 1
  addAlertFills(ws, `${columnLetter(actualCol)}2:${columnLetter(alertCol)}${last}`, `$${columnLetter(alertCol)}2`)
  const legend = ws.getRow(last + 2)
  setCell(legend, 1, KPI_LABELS.sheetLegend(field.thresholds.green, field.thresholds.orange)).font = { italic: true }
}

export const xlsx: XlsxWriter<'kpi'> = {
  write: (ws, field, value, { model }) => writeKpi(ws, field, value, model.objectives),
}
