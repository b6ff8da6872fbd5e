import { COLOURS, fitColumns, formula, setCell, solidFill, text, writeHeader } from '~/services/exports/xlsx-sheet.server'
import type { XlsxWriter } from '../types.server'
import { FIELD_LABELS as F, ORAL_LABELS as L } from './labels'
import { speakersText, visualText } from './oral'

const SPEAKER_COUNT = 'Nombre d’intervenants'
const EACH = 'Minutes par intervenant'
const NUMBER = '0.##'

/**
 * One row per part with typed minutes, a live total (SUM), and each member's
 * time of speech (SUMIF over the parts they speak in, a part shared evenly).
 */
export const xlsx: XlsxWriter<'oralSupport'> = {
  write(ws, field, value, { model }) {
    const names = model.speakerNames ?? new Map<string, string>()
    const group = field.oral !== 'grand-oral'
    writeHeader(ws, ['N°', F.title, F.message, F.minutes, F.speakers, SPEAKER_COUNT, EACH, F.visuals, F.notes])
    const parts = value.parts
    parts.forEach((p, i) => {
      const n = i + 2
      const row = ws.getRow(n)
      setCell(row, 1, i + 1)
      setCell(row, 2, text(p.title))
      setCell(row, 3, text(p.message))
      setCell(row, 4, p.minutes, NUMBER)
      setCell(row, 5, text(speakersText(p.speakers, names, '; ')))
      setCell(row, 6, p.speakers.length)
      setCell(row, 7, formula(`IF(OR(D${n}="",F${n}=0),0,D${n}/F${n})`), NUMBER)
      setCell(row, 8, text(p.visuals.map(visualText).join('\n')))
      setCell(row, 9, text(p.notes))
    })
    const last = parts.length + 1
    const totalRow = ws.getRow(last + 1)
    setCell(totalRow, 2, L.total)
    setCell(totalRow, 4, formula(parts.length ? `SUM(D2:D${last})` : '0'), NUMBER)
    if (field.minutes) {
      setCell(totalRow, 5, L.target(field.minutes))
    }
    totalRow.font = { bold: true }
    for (let c = 1; c <= 9; c++) totalRow.getCell(c).fill = solidFill(COLOURS.total)
    if (group && names.size) {
      const start = last + 3
      writeHeader(ws, [L.shares, F.minutes, '%'], start)
      ;[...names].forEach(([, name], i) => {
        const n = start + 1 + i
        const row = ws.getRow(n)
        setCell(row, 1, name)
        // A speaker's cell lists the names separated by « ; »: the name matched between separators.
        setCell(row, 2, formula(parts.length ? `SUMIF(E2:E${last},"*"&A${n}&"*",G2:G${last})` : '0'), NUMBER)
        setCell(row, 3, formula(`IF(D${last + 1}=0,0,B${n}/D${last + 1})`), '0.0%')
      })
    }
    fitColumns(ws)
  },
}
