import type ExcelJS from 'exceljs'
import { addDays, isWorkingDay, parseIsoDate } from '~/domain/calendar'
import type { PlanProblem } from '~/domain/retroplanning'
import {
  addAlertFills,
  addConditionalFills,
  columnLetter,
  COLOURS,
  fitColumns,
  formula,
  isoToDate,
  NUM_FMT,
  setCell,
  solidFill,
  text,
  writeHeader,
} from '~/services/exports/xlsx-sheet.server'
import type { XlsxWriter } from '../types.server'
import { HOLIDAYS_SHEET } from './holidays.server'
import { RETRO_LABELS as L } from './labels'
import { planRows, type PlanRow } from './retroplanning'
import type { RetroplanningConfig, RetroplanningValue } from './schema'

/** The holidays sheet is written by the workbook (app/services/exports/xlsx.server.ts), once for all the sheets that read it. */
export { HOLIDAYS_SHEET, holidaysRange, writeHolidays } from './holidays.server'

/**
 * The retroplanning sheet: one row per task, then a Gantt grid of one narrow
 * column per calendar day. Row 1 is the header; the deadline, the project
 * start, a legend and the scheduling problems sit in note rows below the tasks.
 *
 * « Fin au plus tard » is the app's backward schedule (a value);
 * « Début au plus tard » is a live WORKDAY from it and the duration, so it
 * follows an edited duration. In tracking mode « Écart » and « Alerte » are
 * live too, computed like ./retroplanning.ts (against today while an
 * overdue task is unfinished). The Gantt bars are conditional formats reading
 * the row's dates, so they move with them. Working days exclude the French
 * public holidays listed on the hidden sheet « Jours fériés » (./holidays.server.ts).
 */

/** At most this many day columns (about a year), ending at the plan's last date. */
export const MAX_GANTT_DAYS = 366

export type Plan = {
  field: RetroplanningConfig
  value: RetroplanningValue
  rows: PlanRow[]
  problems: PlanProblem[]
  /** First and last calendar days the plan covers (null without any date). */
  span: { first: string; last: string } | null
}

export function preparePlan(field: RetroplanningConfig, value: RetroplanningValue, today: string): Plan {
  const { rows, problems } = planRows(value, field.alerts, today)
  const named = rows.filter((r) => r.task.name.trim())
  const dates = [
    value.deadline,
    value.projectStart,
    ...named.flatMap((r) => [r.slot?.latestStart, r.slot?.latestFinish, r.task.actualStart, r.task.actualFinish]),
  ].filter((d): d is string => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d))
  const sorted = [...dates].sort()
  const span = sorted.length ? { first: sorted[0]!, last: sorted[sorted.length - 1]! } : null
  return { field, value, rows: named, problems, span }
}

/** Years whose holidays the formulas need: each year the plan spans, plus one either side for edited dates (this year's, without any date). */
export function planHolidayYears(plan: Plan, today: string): number[] {
  const first = Number((plan.span?.first ?? today).slice(0, 4))
  const last = Number((plan.span?.last ?? today).slice(0, 4))
  return Array.from({ length: last - first + 3 }, (_, i) => first - 1 + i)
}

/** The column numbers of the task table. */
function layout(field: RetroplanningConfig) {
  const base = { name: 1, group: 2, owner: 3, stakeholders: 4, constraints: 5, duration: 6, start: 7, finish: 8 }
  const tracking = field.tracking ? { actualStart: 9, actualFinish: 10, variance: 11, alert: 12 } : null
  return { ...base, tracking, firstDay: tracking ? 13 : 9 }
}

function headers(field: RetroplanningConfig): string[] {
  return [
    L.task,
    field.groupLabel,
    L.owner,
    L.stakeholders,
    L.constraints,
    L.durationUnit,
    L.latestStart,
    L.latestFinish,
    ...(field.tracking ? [L.actualStart, L.actualFinish, L.varianceUnit, L.alert] : []),
  ]
}

/** Calendar days of the Gantt grid. */
function ganttDays(span: Plan['span']): string[] {
  if (!span) return []
  const days: string[] = []
  for (let d = span.last; d >= span.first && days.length < MAX_GANTT_DAYS; d = addDays(d, -1)) days.push(d)
  return days.reverse()
}

/** Live variance in working days of the actual (or, overdue and unfinished, today's) date against the latest finish. */
export function varianceFormula(finish: string, actualFinish: string, holidays: string): string {
  const actual = `IF(${actualFinish}="",TODAY(),${actualFinish})`
  return (
    `IF(OR(${finish}="",AND(${actualFinish}="",TODAY()<=${finish})),"",` +
    `IF(${actual}=${finish},0,IF(${actual}>${finish},NETWORKDAYS(${finish}+1,${actual},${holidays}),-NETWORKDAYS(${actual}+1,${finish},${holidays}))))`
  )
}

export function delayAlertFormula(variance: string, alerts: { orange: number; rouge: number }): string {
  return `IF(${variance}="","",IF(${variance}>=${alerts.rouge},"Rouge",IF(${variance}>=${alerts.orange},"Orange","Vert")))`
}

export function writeRetroplanning(ws: ExcelJS.Worksheet, plan: Plan, holidays: string): void {
  const { field, rows } = plan
  const cols = layout(field)
  const L = (col: number) => columnLetter(col)
  const header = writeHeader(ws, headers(field))

  rows.forEach((r, k) => {
    const n = k + 2
    const row = ws.getRow(n)
    const t = r.task
    setCell(row, cols.name, t.name.trim())
    setCell(row, cols.group, text(t.group))
    setCell(row, cols.owner, text(t.owner))
    setCell(row, cols.stakeholders, text(t.stakeholders))
    setCell(row, cols.constraints, text(t.constraints))
    setCell(row, cols.duration, t.duration)
    const finish = `$${L(cols.finish)}${n}`
    const duration = `$${L(cols.duration)}${n}`
    setCell(row, cols.start, formula(`IF(OR(${finish}="",${duration}=""),"",WORKDAY(${finish},-(${duration}-1),${holidays}))`), NUM_FMT.date)
    setCell(row, cols.finish, isoToDate(r.slot?.latestFinish), NUM_FMT.date)
    if (cols.tracking) {
      const c = cols.tracking
      setCell(row, c.actualStart, isoToDate(t.actualStart), NUM_FMT.date)
      setCell(row, c.actualFinish, isoToDate(t.actualFinish), NUM_FMT.date)
      setCell(row, c.variance, formula(varianceFormula(finish, `$${L(c.actualFinish)}${n}`, holidays)))
      setCell(row, c.alert, formula(delayAlertFormula(`$${L(c.variance)}${n}`, field.alerts)))
    }
  })
  const lastRow = rows.length + 1
  if (cols.tracking && rows.length) addAlertFills(ws, `${L(cols.tracking.alert)}2:${L(cols.tracking.alert)}${lastRow}`, `$${L(cols.tracking.alert)}2`)

  const days = ganttDays(plan.span)
  days.forEach((iso, i) => writeDayColumn(ws, header, cols.firstDay + i, iso, lastRow))
  if (days.length) {
    header.height = 48
    // Task names stay in sight while scrolling the grid, and are repeated on every printed page.
    ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }]
    ws.pageSetup = { ...ws.pageSetup, fitToPage: false, printTitlesColumn: 'A:A' }
  }
  const fixed = new Set(days.map((_, i) => cols.firstDay + i))
  fitColumns(ws, fixed)
  if (days.length && rows.length) addGanttBars(ws, cols, cols.firstDay + days.length - 1, lastRow)
  writeNotes(ws, plan, lastRow + 2, days.length)
}

/** A day column: the date as a rotated header, non-working days shaded. */
function writeDayColumn(ws: ExcelJS.Worksheet, header: ExcelJS.Row, col: number, iso: string, lastRow: number): void {
  const cell = setCell(header, col, parseIsoDate(iso), NUM_FMT.day)
  cell.alignment = { textRotation: 90, horizontal: 'center', vertical: 'bottom' }
  ws.getColumn(col).width = 3.5
  if (isWorkingDay(iso)) return
  for (let n = 2; n <= lastRow; n++) ws.getRow(n).getCell(col).fill = solidFill(COLOURS.nonWorking)
}

/** Conditional fills of the grid, written for its top-left cell: planned bars, actual bars, and today's header. */
function addGanttBars(ws: ExcelJS.Worksheet, cols: ReturnType<typeof layout>, lastCol: number, lastRow: number): void {
  const day = `${columnLetter(cols.firstDay)}$1`
  const start = `$${columnLetter(cols.start)}2`
  const finish = `$${columnLetter(cols.finish)}2`
  const planned = `AND(${start}<>"",${finish}<>"",${day}>=${start},${day}<=${finish})`
  const rules: { formula: string; argb: string }[] = [{ formula: planned, argb: COLOURS.planned }]
  if (cols.tracking) {
    const actualStart = `$${columnLetter(cols.tracking.actualStart)}2`
    const actualFinish = `$${columnLetter(cols.tracking.actualFinish)}2`
    const actual = `AND(${actualStart}<>"",${day}>=${actualStart},${day}<=IF(${actualFinish}="",TODAY(),${actualFinish}))`
    rules.unshift({ formula: `AND(${planned},${actual})`, argb: COLOURS.plannedAndActual })
    rules.push({ formula: actual, argb: COLOURS.actual })
  }
  const grid = `${columnLetter(cols.firstDay)}2:${columnLetter(lastCol)}${lastRow}`
  addConditionalFills(ws, grid, rules)
  const headerRange = `${columnLetter(cols.firstDay)}1:${columnLetter(lastCol)}1`
  addConditionalFills(ws, headerRange, [{ formula: `${columnLetter(cols.firstDay)}1=TODAY()`, argb: COLOURS.red }])
}

/** Deadline, project start, legend and problems, below the tasks (column A labels, column B values). */
function writeNotes(ws: ExcelJS.Worksheet, plan: Plan, from: number, days: number): void {
  let n = from
  const note = (label: string, value: ExcelJS.CellValue, numFmt?: string) => {
    const row = ws.getRow(n++)
    setCell(row, 1, label).font = { bold: true }
    setCell(row, 2, value, numFmt)
  }
  note(L.deadline, isoToDate(plan.value.deadline) ?? L.notSetFeminine, NUM_FMT.date)
  note(L.projectStart, isoToDate(plan.value.projectStart) ?? L.notSetMasculine, NUM_FMT.date)
  const legend: string[] = [L.legendFinish, L.legendStart(HOLIDAYS_SHEET)]
  if (plan.field.tracking) legend.push(L.legendVariance(plan.field.alerts))
  if (days) legend.push(plan.field.tracking ? L.legendGanttTracking : L.legendGantt)
  for (const line of legend) setCell(ws.getRow(n++), 1, line).font = { italic: true }
  for (const p of plan.problems) setCell(ws.getRow(n++), 1, L.toFix(p.message)).font = { color: { argb: 'FFC00000' } }
}

/** The retroplanning sheet; `ctx.holidaysRef` is the range of the holidays sheet its formulas read. */
export const xlsx: XlsxWriter<'retroplanning'> = {
  write: (ws, field, value, ctx) => writeRetroplanning(ws, preparePlan(field, value, ctx.today), ctx.holidaysRef),
  holidayYears: (field, value, today) => planHolidayYears(preparePlan(field, value, today), today),
}
