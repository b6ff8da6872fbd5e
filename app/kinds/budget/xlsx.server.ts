import type ExcelJS from 'exceljs'
import { LEVEL_LABELS } from '~/domain/kpi'
import { addAlertFills, COLOURS, fitColumns, formula, NUM_FMT, setCell, solidFill, text, writeHeader } from '~/services/exports/xlsx-sheet.server'
import type { XlsxWriter } from '../types.server'
import { budgetLines, categoryName, categoryTotals } from './budget'
import { BUDGET_LABELS as L, CHARGE_LABELS } from './labels'
import type { BudgetConfig, BudgetValue } from './schema'

/**
 * The budget sheet: the lines grouped by category, typed, with live
 * formulas — human costs as days × daily rate, variance and variance rate per
 * line, SUBTOTAL per category and for the whole budget (SUBTOTAL skips the
 * subtotals above it), the alert level from the thresholds written under the
 * table — and conditional fills for the alerts. Edit a figure or a threshold
 * in Excel: everything follows.
 */

/** Columns of the sheet (1-based). */
export const COL = {
  category: 1,
  subcategory: 2,
  label: 3,
  charge: 4,
  type: 5,
  plannedDays: 6,
  actualDays: 7,
  rate: 8,
  planned: 9,
  actual: 10,
  variance: 11,
  pct: 12,
  alert: 13,
  note: 14,
} as const
const DAYS_FMT = '0.0'

/** Variance: actual − planned (a missing planned amount counts as 0), empty until something is spent. */
export const varianceFormula = (n: number) => `IF(J${n}="","",J${n}-IF(I${n}="",0,I${n}))`
/** Variance rate: variance ÷ planned, empty without a planned amount. */
export const rateFormula = (n: number) => `IFERROR(IF(J${n}="","",K${n}/I${n}),"")`
/**
 * The alert, as in budget.ts: nothing spent → empty; spent with nothing planned → red;
 * else red from the red threshold, orange from the orange one (compared in ten-thousandths), green below.
 */
export function alertFormula(n: number, orange: string, red: string): string {
  const { vert, orange: o, rouge } = LEVEL_LABELS
  return (
    `IF(J${n}="","",IF(OR(I${n}="",I${n}=0),IF(J${n}>0,"${rouge}","${vert}"),` +
    `IF(ROUND(L${n},4)>=ROUND(${red},4),"${rouge}",IF(ROUND(L${n},4)>=ROUND(${orange},4),"${o}","${vert}"))))`
  )
}

function writeBudget(ws: ExcelJS.Worksheet, config: BudgetConfig, value: BudgetValue): void {
  const c = L.columns
  writeHeader(ws, [
    c.category,
    c.subcategory,
    c.label,
    c.charge,
    c.type,
    c.plannedDays,
    c.actualDays,
    c.dailyRate,
    c.planned,
    c.actual,
    c.variance,
    c.rate,
    c.alert,
    c.note,
  ])
  const lines = budgetLines(value, config.thresholds)
  const categories = categoryTotals(lines, config.categories, config.thresholds)
  // Rows: each category's lines then its subtotal, the total, an empty row, then the thresholds.
  const totalRow = 2 + lines.length + categories.length
  const orangeRow = totalRow + 3
  const [orange, red] = [`$B$${orangeRow}`, `$B$${orangeRow + 1}`]
  const computed = (row: ExcelJS.Row, n: number) => {
    setCell(row, COL.variance, formula(varianceFormula(n)), NUM_FMT.money)
    setCell(row, COL.pct, formula(rateFormula(n)), NUM_FMT.percent)
    setCell(row, COL.alert, formula(alertFormula(n, orange, red)))
  }
  const bold = (row: ExcelJS.Row, fill: string) => {
    for (let col = 1; col <= COL.note; col++) {
      const cell = row.getCell(col)
      cell.font = { bold: true }
      cell.fill = solidFill(fill)
    }
  }

  let n = 2
  for (const t of categories) {
    const first = n
    for (const l of t.lines) {
      const row = ws.getRow(n)
      setCell(row, COL.category, categoryName(l.category))
      setCell(row, COL.subcategory, text(l.subcategory))
      setCell(row, COL.label, text(l.label) ?? l.name)
      setCell(row, COL.charge, l.charge ? CHARGE_LABELS[l.charge] : null)
      setCell(row, COL.type, l.type === 'human' ? L.types.human : L.types.expense)
      if (l.type === 'human') {
        setCell(row, COL.plannedDays, l.plannedDays, DAYS_FMT)
        setCell(row, COL.actualDays, l.actualDays, DAYS_FMT)
        setCell(row, COL.rate, l.dailyRate, NUM_FMT.money)
        setCell(row, COL.planned, formula(`IF(COUNT(F${n},H${n})<2,"",F${n}*H${n})`), NUM_FMT.money)
        setCell(row, COL.actual, formula(`IF(COUNT(G${n},H${n})<2,"",G${n}*H${n})`), NUM_FMT.money)
      } else {
        setCell(row, COL.planned, l.planned, NUM_FMT.money)
        setCell(row, COL.actual, l.actual, NUM_FMT.money)
      }
      computed(row, n)
      setCell(row, COL.note, text(l.note))
      n++
    }
    const row = ws.getRow(n)
    setCell(row, COL.category, L.subtotal(categoryName(t.category)))
    const range = (col: string) => `${col}${first}:${col}${n - 1}`
    setCell(row, COL.planned, formula(`SUBTOTAL(9,${range('I')})`), NUM_FMT.money)
    setCell(row, COL.actual, formula(`IF(COUNT(${range('J')})=0,"",SUBTOTAL(9,${range('J')}))`), NUM_FMT.money)
    computed(row, n)
    bold(row, COLOURS.total)
    n++
  }
  const total = ws.getRow(totalRow)
  setCell(total, COL.category, L.total)
  if (lines.length) {
    // SUBTOTAL over every row skips the categories' subtotals: the lines are counted once.
    setCell(total, COL.planned, formula(`SUBTOTAL(9,I2:I${totalRow - 1})`), NUM_FMT.money)
    setCell(total, COL.actual, formula(`IF(COUNT(J2:J${totalRow - 1})=0,"",SUBTOTAL(9,J2:J${totalRow - 1}))`), NUM_FMT.money)
    computed(total, totalRow)
  }
  bold(total, COLOURS.header)

  setCell(ws.getRow(orangeRow - 1), 1, L.sheet.thresholds).font = { bold: true }
  setCell(ws.getRow(orangeRow), 1, L.sheet.orange)
  setCell(ws.getRow(orangeRow), 2, config.thresholds.orange, NUM_FMT.percent)
  setCell(ws.getRow(orangeRow + 1), 1, L.sheet.red)
  setCell(ws.getRow(orangeRow + 1), 2, config.thresholds.red, NUM_FMT.percent)
  fitColumns(ws)
  // The legend is long: written after the widths are set, it does not widen the first column.
  setCell(ws.getRow(orangeRow + 3), 1, L.sheet.legend).font = { italic: true }
  if (lines.length) addAlertFills(ws, `I2:M${totalRow}`, '$M2')
}

export const xlsx: XlsxWriter<'budget'> = {
  write: (ws, field, value) => writeBudget(ws, field, value),
}
