import { lazy, Suspense, useId } from 'react'
import { PMAP_LABELS, scoreHeader, scoreOrDash, shareText, type Scale } from './labels'
import { AXES, isCompany, isFilled, mapPoints, POLES } from './map'
import type { PositioningMapValue } from './schema'

/** recharts is heavy: its chunk loads on demand, after the inputs and the data table (which carry every score). */
const PositioningChart = lazy(() => import('./chart').then((module) => ({ default: module.PositioningChart })))

/** The short text alternative of the chart on screen: the table right after it gives every score. */
export function chartLabel(value: PositioningMapValue, scale: Scale, caption: string): string {
  const axes = AXES.map((k) => {
    const poles = POLES.map((p) => value[k][p].trim()).filter(Boolean)
    const name = value[k].name.trim()
    return `${PMAP_LABELS.axis[k].toLowerCase()}${name ? ` «\u00a0${name}\u00a0»` : ''}${poles.length === 2 ? ` (${poles.join(' → ')})` : ''}`
  })
  const count = mapPoints(value).length
  const placed = count === 0 ? 'aucune marque placée' : count === 1 ? '1\u00a0marque placée' : `${count}\u00a0marques placées`
  const scores = `scores de ${scoreOrDash(scale.min)} à ${scoreOrDash(scale.max)}`
  const title = `${PMAP_LABELS.chartTitle} «\u00a0${caption}\u00a0»`
  return `${title}\u00a0: ${axes.join(', ')}\u00a0; ${placed} (${scores}). Le détail figure dans le tableau des marques.`
}

/** The chart at its fixed size, scaled by CSS (`.pmap-chart`), with a short text alternative. */
export function MapFigure({ value, scale, caption }: { value: PositioningMapValue; scale: Scale; caption: string }) {
  const id = `pmap-${useId().replace(/[^A-Za-z0-9]/g, '')}`
  return (
    <figure className="pmap-chart">
      <div className="pmap-chart__canvas" role="img" aria-label={chartLabel(value, scale, caption)}>
        {/* recharts marks its symbols as images of their own: the summary above stands for the whole chart. */}
        <div aria-hidden="true">
          <Suspense fallback={<div className="pmap-chart__loading" />}>
            <PositioningChart value={value} scale={scale} id={id} />
          </Suspense>
        </div>
      </div>
      <figcaption className="pmap-chart__caption">
        {PMAP_LABELS.chartTitle}
        {mapPoints(value).some((p) => p.size !== null) ? ` — taille des bulles\u00a0: ${PMAP_LABELS.size.toLowerCase()}` : ''}
      </figcaption>
    </figure>
  )
}

/** The data of the map, read-only: one row per brand, a header per axis naming its poles. */
export function MapTable({ value, scale, caption }: { value: PositioningMapValue; scale: Scale; caption: string }) {
  const brands = value.brands.filter(isFilled)
  return (
    <div className="table-wrap" role="region" aria-label={`${PMAP_LABELS.brands} : ${caption}`} tabIndex={0}>
      <table className="table">
        <caption className="visually-hidden">{`${caption} — ${PMAP_LABELS.brands.toLowerCase()}`}</caption>
        <thead>
          <tr>
            <th scope="col">{PMAP_LABELS.brand}</th>
            <th scope="col">{PMAP_LABELS.role}</th>
            {AXES.map((k) => (
              <th scope="col" key={k} className="num">
                {scoreHeader(k, value[k], scale)}
              </th>
            ))}
            <th scope="col" className="num">{`${PMAP_LABELS.size} ${PMAP_LABELS.sizeUnit}`}</th>
            <th scope="col">{PMAP_LABELS.comment}</th>
          </tr>
        </thead>
        <tbody>
          {brands.map((b) => (
            <tr key={b.id} data-item-id={b.id} tabIndex={-1}>
              <th scope="row">{b.name.trim() || '—'}</th>
              <td>{isCompany(value, b) ? PMAP_LABELS.roleCompany : PMAP_LABELS.roleCompetitor}</td>
              <td className="num">{scoreOrDash(b.x)}</td>
              <td className="num">{scoreOrDash(b.y)}</td>
              <td className="num">{shareText(b.size)}</td>
              <td>{b.comment.trim() || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {brands.length === 0 ? <p className="table-empty">{PMAP_LABELS.noBrands}</p> : null}
    </div>
  )
}
