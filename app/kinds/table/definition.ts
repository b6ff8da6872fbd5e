import { attachmentText, isAttachment } from '~/domain/attachments'
import { itemChanges, withOrder } from '../list-diff'
import type { KindDefinition } from '../types'
import { minRowsMessage, rowPlace } from '../wording'
import { cellText, TABLE_LABELS } from './labels'
import type { Column, TableConfig, TableRow, TableValue } from './schema'

const filled = (r: TableRow) => Object.values(r.cells).some((v) => v !== null && v !== undefined && v !== '')
const filledRows = (value: TableValue) => value.rows.filter(filled)

/** « Ligne 2 — Salon de Lyon »: the row's number and its first filled cell. */
function rowLabel(row: TableRow, index: number, columns: Column[]): string {
  const first = columns.map((c) => row.cells[c.id]).find((v) => v !== null && v !== undefined && v !== '')
  const column = columns.find((c) => row.cells[c.id] === first)
  return first === undefined || !column ? TABLE_LABELS.row(index) : `${TABLE_LABELS.row(index)} — ${cellText(column.type, first)}`
}

export const definition: KindDefinition<TableConfig, TableValue> = {
  label: TABLE_LABELS.kind,
  empty: () => ({ rows: [] }),
  isEmpty: (value) => filledRows(value).length === 0,
  rules: {
    minRows: (hint, value, _config, { title }) => minRowsMessage(filledRows(value).length, hint.min, title),
    eachValue: (hint, value, config) => {
      const column = config.columns.find((c) => c.id === hint.column)
      if (!column) return null
      const counts = new Map<unknown, number>()
      for (const row of value.rows) counts.set(row.cells[column.id], (counts.get(row.cells[column.id]) ?? 0) + 1)
      const problems = (hint.values ?? column.options ?? []).flatMap((v) => {
        const n = counts.get(v) ?? 0
        if (n === 0) return [TABLE_LABELS.valueMissing(column.label, v)]
        return hint.once && n > 1 ? [TABLE_LABELS.valueRepeated(column.label, v, n)] : []
      })
      return problems.length ? problems : null
    },
  },
  items: (value, config) => value.rows.map((row, i) => ({ id: row.id, label: rowLabel(row, i, config.columns) })),
  diff: (before, after, { columns }) =>
    withOrder(
      itemChanges(before.rows, after.rows, {
        isBlank: (row) => !filled(row),
        added: (row, i) => `Ajoutée : « ${rowLabel(row, i, columns)} ».`,
        changed(was, row, i) {
          const cells = columns.flatMap((c) => {
            const a = cellText(c.type, was.cells[c.id])
            const b = cellText(c.type, row.cells[c.id])
            return a === b ? [] : [`${c.label} : ${a} → ${b}`]
          })
          return cells.length ? [`${rowLabel(row, i, columns)} : ${cells.join(' ; ')}.`] : []
        },
        removed: (row, i) => `Supprimée : « ${rowLabel(row, i, columns)} ».`,
      }),
      'Lignes réordonnées.',
    ),
  plainText: (value, config) =>
    filledRows(value)
      .map((r) =>
        config.columns
          .map((c) => r.cells[c.id])
          .filter((v) => v !== null && v !== undefined && v !== '')
          .map((v) => (isAttachment(v) ? attachmentText(v) : v))
          .join(' | '),
      )
      .join('\n'),
  locate(path, _value, config) {
    const [rows, index, cells, columnId] = path
    if (rows !== 'rows' || typeof index !== 'number') return null
    const column = cells === 'cells' ? config.columns.find((c) => c.id === columnId) : undefined
    return rowPlace(index, column?.label)
  },
  excel: true,
}
