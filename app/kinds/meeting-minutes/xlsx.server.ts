import { addConditionalFills, COLOURS, fitColumns, formula, isoToDate, NUM_FMT, setCell, text, writeHeader } from '~/services/exports/xlsx-sheet.server'
import type { XlsxWriter } from '../types.server'
import { MINUTES_LABELS as L } from './labels'
import { actionFilled, byDate, lines } from './minutes'

/**
 * One row per action, under the columns of its meeting (date, purpose, state,
 * participants, decisions, next meeting): a meeting without actions has one
 * row of its own. Dates are typed dates; « Retard » is a live formula
 * (due date past and the action not done).
 */
export const HEADERS = [L.meetingDate, L.title, L.meetingState, L.participants, L.decisions, L.nextDate, L.action, L.owner, L.due, L.status, L.late] as const

const date = (iso: string | null) => isoToDate(iso)

export const xlsx: XlsxWriter<'meetingMinutes'> = {
  write(ws, _field, value, { today }) {
    writeHeader(ws, [...HEADERS])
    let r = 2
    for (const { meeting: m, state } of byDate(value, today)) {
      const actions = m.actions.filter(actionFilled)
      const rows = actions.length ? actions : [null]
      rows.forEach((a, i) => {
        const row = ws.getRow(r)
        setCell(row, 1, date(m.date), NUM_FMT.date)
        setCell(row, 2, text(m.title))
        setCell(row, 3, state === 'held' ? L.heldState : L.plannedState)
        // The meeting's texts once, on its first row.
        setCell(row, 4, i === 0 ? text(lines(m.participants).join('\n')) : null)
        setCell(row, 5, i === 0 ? text(lines(m.decisions).join('\n')) : null)
        setCell(row, 6, date(m.nextDate), NUM_FMT.date)
        if (a) {
          setCell(row, 7, text(a.what))
          setCell(row, 8, text(a.owner))
          setCell(row, 9, date(a.due), NUM_FMT.date)
          setCell(row, 10, a.status ? L.statuses[a.status] : null)
          setCell(row, 11, formula(`IF(AND(I${r}<>"",I${r}<TODAY(),J${r}<>"${L.statuses.fait}"),"${L.overdue}","")`))
        }
        r++
      })
    }
    if (r > 2) addConditionalFills(ws, `K2:K${r - 1}`, [{ formula: `$K2="${L.overdue}"`, argb: COLOURS.red }])
    fitColumns(ws)
    ws.getRow(r + 1).getCell(1).value = L.lateFormulaNote
  },
}
