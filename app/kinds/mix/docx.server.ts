import { Paragraph } from 'docx'
import { heading, run, table } from '~/services/exports/docx-parts.server'
import type { DocxWriter } from '../types.server'
import { dash, E_TEXTS, FOUR_E, MIX_LABELS } from './labels'
import { extensionLabel, linkedLabels, mixSize } from './mix'
import type { MixConfig, MixValue } from './schema'

/** The rows of the P table: each P's sub-parts, then the extensions with their context. */
export function pTableRows(config: MixConfig, value: MixValue): string[][] {
  return [
    ...config.fourP.flatMap((p) => p.parts.map((part) => [p.label, part.label, dash(value.p[p.id]?.[part.id])])),
    ...value.extensions.map((x) => [
      extensionLabel(config, x.id),
      MIX_LABELS.extension,
      [dash(x.content), x.context.trim() ? MIX_LABELS.context(x.context.trim()) : ''].filter(Boolean).join('\n'),
    ]),
  ]
}

/** The mix as two Word tables: the P with their sub-parts and extensions, then the 4E with the P they transform. */
export const docx: DocxWriter<'mix'> = (field, value, { level }) => {
  const config: MixConfig = field
  const pRows = pTableRows(config, value)
  const eRows = FOUR_E.map(({ id, label }) => {
    const e = value.e[id]
    return [label, ...E_TEXTS.map((f) => dash(e?.[f])), linkedLabels(config, value, e?.links ?? []).join(', ') || '—']
  })
  return [
    new Paragraph({ heading: heading(level), children: [run(MIX_LABELS.pTitle(mixSize(value)))] }),
    table([...MIX_LABELS.pColumns], pRows),
    new Paragraph({ heading: heading(level), children: [run(MIX_LABELS.eTitle)] }),
    table([...MIX_LABELS.eColumns], eRows),
  ]
}
