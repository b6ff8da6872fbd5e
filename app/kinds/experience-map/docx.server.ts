import type { FileChild } from 'docx'
import { chartParagraphs, labelled, LEVEL_FILLS, para, table } from '~/services/exports/docx-parts.server'
import type { DocxWriter } from '../types.server'
import { curveImage } from './chart.server'
import { curvePoints, recalledObjectives, stagesOf } from './experience-map'
import { EXPERIENCE_LABELS as L, FIELD_LABELS as F, formatScore } from './labels'

/** The recall, the two-curve chart as an image with its data (scores and gaps), then the map as a table, one row per stage. */
export const docx: DocxWriter<'experienceMap'> = (field, value) => {
  const points = curvePoints(value, field.gapAlert)
  const stages = stagesOf(value)
  const objectives = recalledObjectives(value)
  const blocks: FileChild[] = [
    labelled(L.persona, value.persona.name.trim() || L.noPersona),
    ...(value.persona.summary.trim() ? [para(value.persona.summary.trim())] : []),
    labelled(L.objectives, objectives.length ? '' : L.noObjectives),
    ...objectives.map((o, i) => para(`${i + 1}. ${o.label.trim()}`)),
  ]
  const image = curveImage(value, field.gapAlert)
  if (image) blocks.push(...chartParagraphs([image]), para(L.scale, { italics: true, color: '4A5162' }))
  if (!stages.length) return blocks
  blocks.push(
    table(
      [F.name, F.customer, F.company, F.gap, F.gapNote],
      points.map((p, i) => {
        const gap = formatScore(p.gap)
        return [
          `${i + 1}. ${p.name}`,
          formatScore(p.customer),
          formatScore(p.company),
          p.large ? { text: gap, fill: LEVEL_FILLS.rouge } : gap,
          stages[i]!.gapNote.trim() || '—',
        ]
      }),
      [false, true, true, true, false],
    ),
    para(''),
    table(
      [F.name, F.touchpoints, F.doing, F.thinking, F.feeling, F.painPoints, F.opportunities],
      stages.map((s, i) => [
        `${i + 1}. ${points[i]!.name}`,
        ...(['touchpoints', 'doing', 'thinking', 'feeling', 'painPoints', 'opportunities'] as const).map((k) => s[k].trim() || '—'),
      ]),
    ),
  )
  return blocks
}
