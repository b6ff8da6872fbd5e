import { fitColumns, setCell, styleHeaderRow, text, writeHeader } from '~/services/exports/xlsx-sheet.server'
import type { XlsxWriter } from '../types.server'
import { E_TEXTS, FOUR_E, MIX_LABELS } from './labels'
import { extensionLabel, linkedLabels } from './mix'
import type { MixConfig } from './schema'

/** The mix sheet: the 4P sub-parts and the extensions with their context, a blank row, then the 4E table. */
export const xlsx: XlsxWriter<'mix'> = {
  write(ws, field, value) {
    const config: MixConfig = field
    writeHeader(ws, [...MIX_LABELS.pColumns])
    let n = 2
    for (const p of config.fourP) {
      for (const part of p.parts) {
        const row = ws.getRow(n++)
        setCell(row, 1, p.label)
        setCell(row, 2, part.label)
        setCell(row, 3, text(value.p[p.id]?.[part.id]))
      }
    }
    for (const x of value.extensions) {
      const row = ws.getRow(n++)
      const context = x.context.trim()
      setCell(row, 1, extensionLabel(config, x.id))
      setCell(row, 2, MIX_LABELS.extension)
      setCell(row, 3, text(x.content.trim() + (context ? ` — ${MIX_LABELS.context(context)}` : '')))
    }
    n++ // a blank row between the P and the 4E
    const headerRow = ws.getRow(n++)
    MIX_LABELS.eColumns.forEach((h, i) => (headerRow.getCell(i + 1).value = h))
    styleHeaderRow(headerRow, MIX_LABELS.eColumns.length)
    for (const { id, label } of FOUR_E) {
      const e = value.e[id]
      const row = ws.getRow(n++)
      setCell(row, 1, label)
      E_TEXTS.forEach((f, i) => setCell(row, i + 2, text(e?.[f])))
      setCell(row, E_TEXTS.length + 2, text(linkedLabels(config, value, e?.links ?? []).join(', ')))
    }
    fitColumns(ws)
  },
}
