import type { ViewProps } from '../types.browser'
import { BudgetTable, MediaCalendar } from './calendar'
import { MEDIA_LABELS as L } from './labels'

/** A media plan read-only: its calendar with its data tables, and the budgets per medium, phase and in total. */
export default function MediaPlanView({ value, caption }: ViewProps<'mediaPlan'>) {
  return (
    <div className="media-plan">
      <MediaCalendar value={value} caption={L.calendarCaption(caption)} anchors />
      <BudgetTable value={value} caption={caption} />
    </div>
  )
}
