import type { ChartImage } from '~/services/exports/charts.server'
import { tableImage } from '~/services/exports/table-image.server'
import { pTableRows } from './docx.server'
import { MIX_LABELS } from './labels'
import { mixSize } from './mix'
import type { MixConfig, MixValue } from './schema'

/** The P of the mix as one table for a slide (the 4E stay in the dossier). */
export function mixImages(config: MixConfig, value: MixValue): ChartImage[] {
  const rows = pTableRows(config, value).filter((r) => r[2] !== '—')
  if (!rows.length) return []
  return [
    tableImage({
      heading: { title: MIX_LABELS.pTitle(mixSize(value)) },
      headers: [...MIX_LABELS.pColumns],
      rows,
      weights: [1, 1, 3],
      alt: MIX_LABELS.pictureAlt(mixSize(value), rows.length),
    }),
  ]
}
