import type { ViewProps } from '../types.browser'
import { KpiDashboard } from './dashboard'

/** The dashboard, read-only: every indicator with its computed value and alert colour, then the charts with their data tables. */
export default function KpiView({ field, value, caption }: ViewProps<'kpi'>) {
  return <KpiDashboard value={value} thresholds={field.thresholds} caption={caption} anchors />
}
