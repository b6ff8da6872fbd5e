import type { ViewProps } from '../types.browser'
import { FunnelPicture } from './picture'

/** The funnel read-only: the verdict, the chart and the stages' table. */
export default function LeadFunnelView({ value, caption }: ViewProps<'leadFunnel'>) {
  return <FunnelPicture value={value} caption={caption} anchors />
}
