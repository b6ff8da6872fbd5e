import { todayInFrance } from '~/domain/calendar'
import type { ViewProps } from '../types.browser'
import { Gantt } from './gantt'
import { RETRO_LABELS } from './labels'
import { planRows } from './retroplanning'

/** A retroplanning read-only: its Gantt chart and data table, computed for today. */
export default function RetroplanningView({ field, value, caption }: ViewProps<'retroplanning'>) {
  const today = todayInFrance()
  const { rows } = planRows(value, field.alerts, today)
  return (
    <Gantt
      rows={rows}
      deadline={value.deadline}
      today={today}
      tracking={field.tracking}
      groupLabel={field.groupLabel}
      caption={RETRO_LABELS.ganttCaption(caption)}
      anchors
    />
  )
}
