import { LEVEL_LABELS } from '~/domain/kpi'
import { chartParagraphs, LEVEL_FILLS, table } from '~/services/exports/docx-parts.server'
import type { DocxWriter } from '../types.server'
import { kpiChartImages } from './charts.server'
import { FORMULAS, kpiAchievements, kpiActual, named } from './kpi'
import { formatKpi, formatRate, KPI_LABELS } from './labels'
import type { KpiConfig } from './schema'

/** The dashboard as a Word table (actual and alert cells coloured by level), then the charts as images with their alt text. */
export const docx: DocxWriter<'kpi'> = (field, value, { model }) => {
  const config: KpiConfig = field
  const rows = named(value.rows)
  const achievements = kpiAchievements(value, config.thresholds)
  const c = KPI_LABELS.columns
  return [
    table(
      [c.name, c.period, c.formula, c.objective, c.target, c.actual, c.achievement, c.alert],
      rows.map((r, i) => {
        const f = FORMULAS[r.formula]
        const a = achievements[i]!
        const actual = formatKpi(kpiActual(r), f.unit)
        return [
          r.name,
          r.period || '—',
          f.label,
          (r.objectiveId && model.objectives.get(r.objectiveId)) || '—',
          formatKpi(r.target, f.unit),
          a.level ? { text: actual, fill: LEVEL_FILLS[a.level] } : actual,
          formatRate(a.rate),
          a.level ? { text: LEVEL_LABELS[a.level], fill: LEVEL_FILLS[a.level] } : '—',
        ]
      }),
      [false, false, false, false, true, true, true, false],
    ),
    ...chartParagraphs(kpiChartImages(value, config.thresholds)),
  ]
}
