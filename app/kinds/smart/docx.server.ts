import { formatDate } from '~/domain/format'
import { table } from '~/services/exports/docx-parts.server'
import type { DocxWriter } from '../types.server'
import type { SmartValue } from './schema'
import { FIELD_LABELS, KIND_LABELS, SMART_LABELS } from './labels'
import { baselineText, failingQualities, targetText } from './smart'

/** One row per objective: type, indicator, baseline → target, deadline, owner and the qualities to review. */
export function smartTable(value: SmartValue): { headers: string[]; rows: string[][] } {
  const objectives = value.objectives
  return {
    headers: [
      SMART_LABELS.objectiveColumn,
      FIELD_LABELS.kind,
      FIELD_LABELS.indicator,
      `${FIELD_LABELS.baseline} → ${FIELD_LABELS.target.toLowerCase()}`,
      FIELD_LABELS.deadline,
      FIELD_LABELS.owner,
      SMART_LABELS.review,
    ],
    rows: objectives.map((o) => {
      const failing = failingQualities(o, objectives)
      return [
        o.label.trim() || '—',
        KIND_LABELS[o.kind],
        o.indicator.trim() || '—',
        `${baselineText(o) || '—'} → ${targetText(o) || '—'}`,
        o.deadline ? formatDate(o.deadline) : '—',
        o.owner.trim() || '—',
        failing.length ? failing.join('\n') : SMART_LABELS.allGood,
      ]
    }),
  }
}

export const docx: DocxWriter<'smart'> = (_field, value) => {
  const { headers, rows } = smartTable(value)
  return [table(headers, rows)]
}
