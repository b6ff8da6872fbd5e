import { FONT, rasterise, svgOf, WIDTH, type ChartImage } from '~/services/exports/charts.server'
import { curvePoints } from './experience-map'
import { CurveSvg, curveLayout } from './curve-svg'
import { EXPERIENCE_LABELS, formatScore } from './labels'
import type { ExperienceMapValue } from './schema'

/** The two curves as the screen draws them, at the Word page's width, rasterised with their alt text; null when no stage is scored. */
export function curveImage(value: ExperienceMapValue, alert: number): ChartImage | null {
  const points = curvePoints(value, alert)
  if (!points.some((p) => p.customer !== null || p.company !== null)) return null
  const layout = curveLayout(WIDTH, points.length)
  const svg = svgOf(<CurveSvg points={points} width={WIDTH} fontFamily={FONT} />)
  const alt = EXPERIENCE_LABELS.chartAlt(
    points.map((p) => ({ name: p.name, customer: formatScore(p.customer), company: formatScore(p.company), gap: formatScore(p.gap) })),
  )
  return rasterise(svg, layout.width, layout.height, alt)
}
