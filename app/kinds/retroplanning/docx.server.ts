import { LEVEL_LABELS } from '~/domain/kpi'
import { chartParagraphs, labelled, LEVEL_FILLS, para, table } from '~/services/exports/docx-parts.server'
import type { DocxWriter } from '../types.server'
import { ganttImage } from './gantt.server'
import { dateText, RETRO_LABELS as L, varianceText } from './labels'
import { planRows } from './retroplanning'

/** The deadline, the Gantt chart as an image (its text alternative under it), the task table and the scheduling problems. */
export const docx: DocxWriter<'retroplanning'> = (field, value, { today }) => {
  const { rows, problems } = planRows(value, field.alerts, today)
  const gantt = ganttImage(rows, value.deadline, today, field.tracking)
  const headers = [
    L.task,
    field.groupLabel,
    L.owner,
    L.durationUnit,
    L.latestStart,
    L.latestFinish,
    ...(field.tracking ? [L.actualStart, L.actualFinish, L.varianceUnit, L.alert] : []),
  ]
  // Durations and variances are right-aligned.
  const right = [false, false, false, true, false, false, ...(field.tracking ? [false, false, true, false] : [])]
  return [
    labelled(L.deadline, dateText(value.deadline)),
    ...(value.projectStart ? [labelled(L.projectStart, dateText(value.projectStart))] : []),
    ...(gantt ? chartParagraphs([gantt]) : []),
    table(
      headers,
      rows.map(({ task, slot, variance, overdue, level }) => [
        task.name.trim() || '—',
        task.group.trim() || '—',
        task.owner.trim() || '—',
        task.duration === null ? '—' : String(task.duration),
        dateText(slot?.latestStart),
        dateText(slot?.latestFinish),
        ...(field.tracking
          ? [
              dateText(task.actualStart),
              dateText(task.actualFinish),
              varianceText(variance, overdue),
              level ? { text: LEVEL_LABELS[level], fill: LEVEL_FILLS[level] } : '—',
            ]
          : []),
      ]),
      right,
    ),
    ...problems.map((p) => para(p.message, { italics: true, color: 'A11A1A' })),
  ]
}
