import type ExcelJS from 'exceljs'
import { addConditionalFills, COLOURS, fitColumns, formula, NUM_FMT, setCell, text, writeHeader } from '~/services/exports/xlsx-sheet.server'
import type { XlsxWriter } from '../types.server'
import { stageName, targetIndex } from './funnel'
import { FUNNEL_LABELS } from './labels'
import type { LeadFunnelValue } from './schema'

/**
 * The funnel sheet: one row per stage, its rate typed (a fraction shown in
 * percent), and LIVE formulas for the volume needed (backwards from the
 * target cell, rounded up), the volume expected (forwards from the planned
 * cell, rounded down) and their gap, as funnel.ts computes them: the
 * candidate changes a rate, the target or the volume planned and the sheet follows.
 */

const INTEGER = '#,##0'
const f = FUNNEL_LABELS.fields
const s = FUNNEL_LABELS.sheet

/** Needed at row `n` from the row below (`n + 1`): its need ÷ its rate, rounded up; empty while either is missing or the rate is 0. */
export const neededFormula = (n: number) => `IF(OR(D${n + 1}="",B${n + 1}="",B${n + 1}=0),"",ROUNDUP(ROUND(D${n + 1}/B${n + 1},6),0))`
/** Expected at row `n` from the row above: its yield × this row's rate, rounded down. */
export const expectedFormula = (n: number) => `IF(OR(E${n - 1}="",B${n}=""),"",ROUNDDOWN(ROUND(E${n - 1}*B${n},6),0))`
export const gapFormula = (n: number) => `IF(OR(D${n}="",E${n}=""),"",E${n}-D${n})`

function writeFunnel(ws: ExcelJS.Worksheet, value: LeadFunnelValue, objectives: Map<string, string>): void {
  const stages = value.stages
  writeHeader(ws, [f.name, f.rate, f.source, f.needed, f.expected, f.gap])
  const last = stages.length + 1
  const at = targetIndex(value)
  // The inputs under the table: the target and the volume planned, which the formulas refer to.
  const [targetRow, plannedRow, reachedRow, objectiveRow] = [last + 2, last + 3, last + 4, last + 5]
  const [target, planned] = [`$B$${targetRow}`, `$B$${plannedRow}`]

  stages.forEach((stage, i) => {
    const n = i + 2
    const row = ws.getRow(n)
    setCell(row, 1, stageName(stage, i))
    setCell(row, 2, i === 0 || stage.rate === null ? null : stage.rate / 100, NUM_FMT.percent)
    setCell(row, 3, text(stage.source))
    if (i === at) setCell(row, 4, formula(`IF(${target}="","",${target})`), INTEGER)
    else if (i < at) setCell(row, 4, formula(neededFormula(n)), INTEGER)
    setCell(row, 5, formula(i === 0 ? `IF(${planned}="","",${planned})` : expectedFormula(n)), INTEGER)
    setCell(row, 6, formula(gapFormula(n)), INTEGER)
  })
  if (stages.length === 0) return

  const label = (n: number, words: string) => (setCell(ws.getRow(n), 1, words).font = { bold: true })
  label(targetRow, s.target(stageName(stages[at]!, at)))
  setCell(ws.getRow(targetRow), 2, value.target, INTEGER)
  label(plannedRow, s.planned(stageName(stages[0]!, 0)))
  setCell(ws.getRow(plannedRow), 2, value.planned, INTEGER)
  label(reachedRow, s.reached)
  setCell(ws.getRow(reachedRow), 2, formula(`IF(F${at + 2}="","",IF(F${at + 2}>=0,"${s.yes}","${s.no}"))`))
  if (value.objectiveId) {
    label(objectiveRow, s.objective)
    setCell(ws.getRow(objectiveRow), 2, objectives.get(value.objectiveId) ?? FUNNEL_LABELS.deletedObjective)
  }
  fitColumns(ws)
  addConditionalFills(ws, `F2:F${last}`, [{ formula: 'AND(ISNUMBER(F2),F2<0)', argb: COLOURS.red }])
  addConditionalFills(ws, `B${reachedRow}`, [
    { formula: `B${reachedRow}="${s.no}"`, argb: COLOURS.red },
    { formula: `B${reachedRow}="${s.yes}"`, argb: COLOURS.green },
  ])
  setCell(ws.getRow(objectiveRow + 2), 1, s.legend).font = { italic: true }
}

export const xlsx: XlsxWriter<'leadFunnel'> = {
  write: (ws, _field, value, { model }) => writeFunnel(ws, value, model.objectives),
}
