import { createElement } from 'react'
import { rasterise, svgOf, WIDTH, FONT } from '~/services/exports/charts.server'
import { chartParagraphs, labelled, LEVEL_FILLS, para, table } from '~/services/exports/docx-parts.server'
import type { DocxWriter } from '../types.server'
import { computeFunnel, funnelStatus, stageName } from './funnel'
import { funnelHeight, FunnelSvg } from './funnel-svg'
import { FUNNEL_LABELS, formatGap, formatPercent, formatVolume } from './labels'
import type { LeadFunnelValue } from './schema'

const f = FUNNEL_LABELS.fields
const d = FUNNEL_LABELS.docx

/** The funnel chart as a PNG, drawn by the screen's SVG at the width of the page, with its alt text. */
export function funnelImage(value: LeadFunnelValue) {
  const { rows, targetIndex } = computeFunnel(value)
  const height = funnelHeight(rows.length, WIDTH)
  const svg = svgOf(createElement(FunnelSvg, { rows, targetIndex, width: WIDTH, fontFamily: FONT }))
  const alt = FUNNEL_LABELS.alt(
    rows.map((r, i) => ({
      name: stageName(r, i),
      needed: formatVolume(r.needed),
      expected: formatVolume(r.expected),
      rate: i === 0 ? null : formatPercent(r.rate),
    })),
  )
  return rasterise(svg, WIDTH, height, alt)
}

/** The target and the volume planned, the verdict, the chart as an image, then the stages' table. */
export const docx: DocxWriter<'leadFunnel'> = (_field, value, { model }) => {
  const result = computeFunnel(value)
  const { rows, targetIndex } = result
  const at = rows[targetIndex]
  return [
    ...(value.objectiveId ? [labelled(d.objective, model.objectives.get(value.objectiveId) ?? FUNNEL_LABELS.deletedObjective)] : []),
    labelled(d.target, value.target === null || !at ? '—' : d.targetAt(formatVolume(value.target), stageName(at, targetIndex))),
    labelled(d.planned, value.planned === null || !rows[0] ? '—' : d.targetAt(formatVolume(value.planned), stageName(rows[0], 0))),
    para(funnelStatus(value, result), { bold: true }),
    ...(rows.length ? chartParagraphs([funnelImage(value)]) : []),
    table(
      [f.name, f.rate, f.source, f.needed, f.expected, f.gap],
      rows.map((r, i) => [
        i === targetIndex ? `${stageName(r, i)} (${f.target.toLowerCase()})` : stageName(r, i),
        i === 0 ? '—' : formatPercent(r.rate),
        value.stages[i]?.source.trim() || '—',
        formatVolume(r.needed),
        formatVolume(r.expected),
        r.gap !== null && r.gap < 0 ? { text: formatGap(r.gap), fill: LEVEL_FILLS.rouge } : formatGap(r.gap),
      ]),
      [false, true, false, true, true, true],
    ),
  ]
}
