import { FONT, rasterise, svgOf, type ChartImage } from '~/services/exports/charts.server'
import { CHART_HEIGHT, CHART_WIDTH, PositioningChart } from './chart'
import type { Scale } from './labels'
import { mapSummary } from './map'
import type { PositioningMapValue } from './schema'

/** The map as a PNG for the Word export: the same recharts chart as on screen, with its text alternative. */
export function positioningMapImage(value: PositioningMapValue, scale: Scale): ChartImage {
  const svg = svgOf(<PositioningChart value={value} scale={scale} id="carte-perceptuelle" fontFamily={FONT} />)
  return rasterise(svg, CHART_WIDTH, CHART_HEIGHT, mapSummary(value, scale))
}
