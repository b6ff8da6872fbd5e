import { chartParagraphs, labelled, table } from '~/services/exports/docx-parts.server'
import type { DocxWriter } from '../types.server'
import { positioningMapImage } from './image.server'
import { axisLine, PMAP_LABELS, scoreHeader, scoreOrDash, shareText } from './labels'
import { AXES, isCompany, isFilled, mapPoints } from './map'

/** The map as an image (with its text alternative), the axes in words, then the data table. */
export const docx: DocxWriter<'positioningMap'> = (field, value) => {
  const { scale } = field
  const brands = value.brands.filter(isFilled)
  return [
    ...(mapPoints(value).length ? chartParagraphs([positioningMapImage(value, scale)]) : []),
    ...AXES.map((k) => labelled(PMAP_LABELS.axis[k], axisLine(k, value[k], scale))),
    table(
      [
        PMAP_LABELS.brand,
        PMAP_LABELS.role,
        ...AXES.map((k) => scoreHeader(k, value[k], scale)),
        `${PMAP_LABELS.size} ${PMAP_LABELS.sizeUnit}`,
        PMAP_LABELS.comment,
      ],
      brands.map((b) => [
        b.name.trim() || '—',
        isCompany(value, b) ? PMAP_LABELS.roleCompany : PMAP_LABELS.roleCompetitor,
        scoreOrDash(b.x),
        scoreOrDash(b.y),
        shareText(b.size),
        b.comment.trim() || '—',
      ]),
      [false, false, true, true, true, false],
    ),
  ]
}
