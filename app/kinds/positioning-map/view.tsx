import type { ViewProps } from '../types.browser'
import { AXIS_ITEM_IDS } from './definition'
import { MapFigure, MapTable } from './figure'
import { axisLine, PMAP_LABELS } from './labels'
import { AXES, mapPoints } from './map'

/** The perceptual map, read-only: the axes in words, the chart, then its data table. */
export default function PositioningMapView({ field, value, caption }: ViewProps<'positioningMap'>) {
  const { scale } = field
  return (
    <div className="pmap-view">
      <dl className="pmap-axes-list">
        {AXES.map((k) => (
          <div key={k} data-item-id={AXIS_ITEM_IDS[k]} tabIndex={-1}>
            <dt>{PMAP_LABELS.axis[k]}</dt>
            <dd>{axisLine(k, value[k], scale)}</dd>
          </div>
        ))}
      </dl>
      {mapPoints(value).length ? <MapFigure value={value} scale={scale} caption={caption} /> : null}
      <MapTable value={value} scale={scale} caption={caption} />
    </div>
  )
}
