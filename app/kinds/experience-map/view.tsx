import type { ViewProps } from '../types.browser'
import { CurveFigure, Recall, StageMap } from './figure'

/** Read-only: the recall, the two curves with their data table, then the map stage by stage. */
export default function ExperienceMapView({ field, value, caption, headingLevel = 3 }: ViewProps<'experienceMap'>) {
  return (
    <div className="xmap">
      <Recall value={value} />
      <CurveFigure value={value} alert={field.gapAlert} caption={caption} folded={false} />
      <StageMap value={value} alert={field.gapAlert} anchors headingLevel={headingLevel} />
    </div>
  )
}
