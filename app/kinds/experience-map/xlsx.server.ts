import { addConditionalFills, COLOURS, fitColumns, formula, setCell, text, writeHeader } from '~/services/exports/xlsx-sheet.server'
import type { XlsxWriter } from '../types.server'
import { recalledObjectives, stageName, stagesOf } from './experience-map'
import { EXPERIENCE_LABELS as L, FIELD_LABELS as F } from './labels'

/** The scores' columns (G, H) and the gap’s (I), after N°, Étape and the four texts of the journey. */
const CUSTOMER = 7
const COMPANY = 8
const GAP = 9

/** The gap of row `n` as a live formula: empty until both scores are typed. */
export const gapFormula = (n: number) => `IF(COUNT(G${n}:H${n})<2,"",G${n}-H${n})`

/**
 * One row per stage: its texts, the two scores as numbers and the gap as a
 * live formula (Vécu − Imaginé), red where it reaches the alert; the persona
 * and the objectives recalled under the table.
 */
export const xlsx: XlsxWriter<'experienceMap'> = {
  write(ws, field, value) {
    const stages = stagesOf(value)
    writeHeader(ws, ['N°', F.name, F.touchpoints, F.doing, F.thinking, F.feeling, F.customer, F.company, F.gap, F.gapNote, F.painPoints, F.opportunities])
    stages.forEach((s, i) => {
      const n = i + 2
      const row = ws.getRow(n)
      setCell(row, 1, i + 1)
      setCell(row, 2, stageName(s, i))
      setCell(row, 3, text(s.touchpoints))
      setCell(row, 4, text(s.doing))
      setCell(row, 5, text(s.thinking))
      setCell(row, 6, text(s.feeling))
      setCell(row, CUSTOMER, s.customer, '+0;-0;0')
      setCell(row, COMPANY, s.company, '+0;-0;0')
      setCell(row, GAP, formula(gapFormula(n)), '+0;-0;0')
      setCell(row, 10, text(s.gapNote))
      setCell(row, 11, text(s.painPoints))
      setCell(row, 12, text(s.opportunities))
    })
    fitColumns(ws)
    const last = stages.length + 1
    if (stages.length) {
      addConditionalFills(ws, `I2:I${last}`, [{ formula: `AND(ISNUMBER(I2),ABS(I2)>=${field.gapAlert})`, argb: COLOURS.red }])
    }
    let r = last + 2
    setCell(ws.getRow(r++), 1, L.sheetLegend(field.gapAlert)).font = { italic: true }
    r++
    const recall = ws.getRow(r++)
    setCell(recall, 1, L.persona).font = { bold: true }
    setCell(recall, 2, text(value.persona.name) ?? L.noPersona)
    setCell(recall, 3, text(value.persona.summary))
    const objectives = recalledObjectives(value)
    setCell(ws.getRow(r), 1, L.objectives).font = { bold: true }
    if (!objectives.length) setCell(ws.getRow(r), 2, L.noObjectives)
    objectives.forEach((o, i) => setCell(ws.getRow(r + i), 2, o.label.trim()))
  },
}
