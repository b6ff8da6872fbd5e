import type ExcelJS from 'exceljs'
import { COLOURS, fitColumns, formula, isoToDate, NUM_FMT, setCell, solidFill, styleHeaderRow, text, writeHeader } from '~/services/exports/xlsx-sheet.server'
import type { XlsxWriter } from '../types.server'
import { MEDIA_LABELS as L } from './labels'
import { mediaPlanProblems, mediumName, periodLabel, phaseName, planPeriod, shownMarronniers, waveName } from './media-plan'
import type { MediaPlanValue } from './schema'

/**
 * The media plan sheet: one row per wave (dates as dates, budgets in euros),
 * then the budget per medium and per commercial phase as live SUMIF
 * formulas on the waves and the overall total as a SUM, so that the totals
 * follow when the learner edits a budget in Excel; then the phases, the
 * marronniers shown and the problems.
 */

/** The columns of the waves table. */
export const COLUMNS = { medium: 1, type: 2, wave: 3, phase: 4, start: 5, end: 6, insertions: 7, budget: 8, format: 9, objective: 10 } as const

function writeMediaPlan(ws: ExcelJS.Worksheet, value: MediaPlanValue): void {
  writeHeader(ws, [L.medium, L.mediumType, L.waveName, L.phase, L.start, L.end, L.insertions, L.budget, L.format, L.objective])
  const mediumOf = new Map(value.media.map((m, i) => [m.id, { name: mediumName(m, i), type: m.type }]))
  const phaseOf = new Map(value.phases.map((p, i) => [p.id, phaseName(p, i)]))
  value.waves.forEach((w, i) => {
    const row = ws.getRow(i + 2)
    const medium = w.mediumId ? mediumOf.get(w.mediumId) : undefined
    setCell(row, COLUMNS.medium, medium?.name ?? null)
    setCell(row, COLUMNS.type, text(medium?.type))
    setCell(row, COLUMNS.wave, waveName(w, i))
    setCell(row, COLUMNS.phase, (w.phaseId && phaseOf.get(w.phaseId)) || null)
    setCell(row, COLUMNS.start, isoToDate(w.start), NUM_FMT.date)
    setCell(row, COLUMNS.end, isoToDate(w.end), NUM_FMT.date)
    setCell(row, COLUMNS.insertions, w.insertions, NUM_FMT.integer)
    setCell(row, COLUMNS.budget, w.budget, NUM_FMT.money)
    setCell(row, COLUMNS.format, text(w.format))
    setCell(row, COLUMNS.objective, text(w.objective))
  })
  // The waves' ranges (at least one row, so that the formulas stay valid in an empty plan).
  const last = Math.max(value.waves.length + 1, 2)
  const range = (col: string) => `$${col}$2:$${col}$${last}`
  const budgetRange = range('H')

  let r = last + 2
  const heading = (headers: string[]) => {
    const row = ws.getRow(r++)
    headers.forEach((h, i) => (row.getCell(i + 1).value = h))
    styleHeaderRow(row, headers.length)
  }
  const totalRow = (row: ExcelJS.Row, count: number) => {
    for (let c = 1; c <= count; c++) {
      row.getCell(c).font = { bold: true }
      row.getCell(c).fill = solidFill(COLOURS.total)
    }
  }

  // Budget per medium: live from the waves.
  setCell(ws.getRow(r++), 1, L.totals).font = { bold: true, size: 12 }
  heading([L.medium, L.mediumType, L.wavesCount, L.budget, L.share])
  const firstTotal = r
  const totalAt = firstTotal + value.media.length + (value.waves.some((w) => !w.mediumId || !mediumOf.has(w.mediumId)) ? 1 : 0)
  const shareOf = (n: number) => formula(`IF($D$${totalAt}=0,"",D${n}/$D$${totalAt})`)
  value.media.forEach((m, i) => {
    const row = ws.getRow(r)
    setCell(row, 1, mediumName(m, i))
    setCell(row, 2, text(m.type))
    setCell(row, 3, formula(`COUNTIF(${range('A')},A${r})`), NUM_FMT.integer)
    setCell(row, 4, formula(`SUMIF(${range('A')},A${r},${budgetRange})`), NUM_FMT.money)
    setCell(row, 5, shareOf(r), NUM_FMT.percent)
    r++
  })
  if (totalAt > firstTotal + value.media.length) {
    const row = ws.getRow(r)
    setCell(row, 1, L.noMedium)
    setCell(row, 3, formula(`COUNTBLANK(${range('A')})`), NUM_FMT.integer)
    setCell(row, 4, formula(`SUMIF(${range('A')},"",${budgetRange})`), NUM_FMT.money)
    setCell(row, 5, shareOf(r), NUM_FMT.percent)
    r++
  }
  const total = ws.getRow(r++)
  setCell(total, 1, L.total)
  setCell(total, 3, formula(`COUNTA(${range('C')})`), NUM_FMT.integer)
  setCell(total, 4, formula(`SUM(${budgetRange})`), NUM_FMT.money)
  setCell(total, 5, formula(`IF(D${total.number}=0,"",1)`), NUM_FMT.percent)
  totalRow(total, 5)

  // Budget per commercial phase, live too.
  if (value.phases.length) {
    r++
    setCell(ws.getRow(r++), 1, L.phases).font = { bold: true, size: 12 }
    heading([L.phaseName, L.nature, L.start, L.end, L.budget, L.stake])
    value.phases.forEach((p, i) => {
      const row = ws.getRow(r)
      setCell(row, 1, phaseName(p, i))
      setCell(row, 2, text(p.nature))
      setCell(row, 3, isoToDate(p.start), NUM_FMT.date)
      setCell(row, 4, isoToDate(p.end), NUM_FMT.date)
      setCell(row, 5, formula(`SUMIF(${range('D')},A${r},${budgetRange})`), NUM_FMT.money)
      setCell(row, 6, text(p.stake))
      r++
    })
  }

  const period = planPeriod(value)
  const marronniers = period ? shownMarronniers(value, period) : []
  if (marronniers.length) {
    r++
    setCell(ws.getRow(r++), 1, L.marronniers).font = { bold: true, size: 12 }
    heading([L.marronnier, L.start, L.end])
    for (const m of marronniers) {
      const row = ws.getRow(r++)
      setCell(row, 1, m.label)
      setCell(row, 2, isoToDate(m.start), NUM_FMT.date)
      setCell(row, 3, isoToDate(m.end), NUM_FMT.date)
    }
  }

  r++
  setCell(ws.getRow(r++), 1, `${L.year} : ${periodLabel(value) || '—'}`)
  setCell(ws.getRow(r++), 1, L.sheetLegend).font = { italic: true }
  for (const p of mediaPlanProblems(value)) setCell(ws.getRow(r++), 1, p).font = { italic: true, color: { argb: 'FFA11A1A' } }
  fitColumns(ws, new Set([1]))
  ws.getColumn(1).width = 28
}

export const xlsx: XlsxWriter<'mediaPlan'> = {
  write: (ws, _field, value) => writeMediaPlan(ws, value),
}
