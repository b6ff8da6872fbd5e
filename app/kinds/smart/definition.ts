import { formatDate } from '~/domain/format'
import type { KindDefinition } from '../types'
import { minRowsMessage, problemsOrNull } from '../wording'
import { CHANGES, FIELD_LABELS, KIND_LABELS, KIND_WORDS, PROBLEMS, SMART_LABELS, type FieldKey } from './labels'
import type { Objective, SmartConfig, SmartValue } from './schema'
import { baselineText, isBlankObjective, smartProblems, targetText } from './smart'
import { itemChanges, withOrder } from '../list-diff'

/** « Objectif 2 — Augmenter la notoriété de 20 % », « Objectif 3 (intermédiaire) » when it has no title yet. */
const itemLabel = (o: Objective, index: number) =>
  o.label.trim() ? `${SMART_LABELS.objective(index)} — ${o.label.trim()}` : `${SMART_LABELS.objective(index)} (${KIND_WORDS[o.kind]})`
/** How a diff names an objective: « “Augmenter la notoriété” », or its number. */
const diffName = (o: Objective, index: number) => (o.label.trim() ? `“${o.label.trim()}”` : String(index + 1))

/** The title of the global objective an intermediate one serves. */
const parentText = (o: Objective, all: Objective[]) => {
  if (!o.parentId) return ''
  const parent = all.find((p) => p.id === o.parentId)
  return parent ? `“${parent.label.trim() || SMART_LABELS.noGlobalLabel}”` : ''
}

/** What changed in one objective: short values as « Cible 300 leads → 350 leads », long texts as « Indicateur modifié ». */
function changedFields(a: Objective, b: Objective, before: Objective[], after: Objective[]): string[] {
  const parts: string[] = []
  const show = (key: FieldKey, x: string, y: string) => {
    if (x !== y) parts.push(`${FIELD_LABELS[key]} ${x || '—'} → ${y || '—'}`)
  }
  const said = (key: keyof typeof CHANGES.modified) => {
    if (a[key].trim() !== b[key].trim()) parts.push(CHANGES.modified[key])
  }
  said('label')
  show('kind', KIND_LABELS[a.kind], KIND_LABELS[b.kind])
  show('parentId', parentText(a, before), parentText(b, after))
  said('indicator')
  show('baseline', baselineText(a), baselineText(b))
  if (targetText(a) !== targetText(b)) show('target', targetText(a), targetText(b))
  else show('unit', a.unit.trim(), b.unit.trim())
  show('deadline', a.deadline ? formatDate(a.deadline) : '', b.deadline ? formatDate(b.deadline) : '')
  show('owner', a.owner.trim(), b.owner.trim())
  said('resources')
  show('agreedWith', a.agreedWith.trim(), b.agreedWith.trim())
  return parts
}

export const definition: KindDefinition<SmartConfig, SmartValue> = {
  label: SMART_LABELS.kind,
  empty: () => ({ objectives: [] }),
  isEmpty: (value) => value.objectives.length === 0,
  rules: {
    minRows: (hint, value, _config, { title }) => minRowsMessage(value.objectives.length, hint.min, title, PROBLEMS.rows),
    kindChecks: (_hint, value) => problemsOrNull(smartProblems(value)),
  },
  items: (value) => value.objectives.map((o, i) => ({ id: o.id, label: itemLabel(o, i) })),
  diff: (before, after) =>
    withOrder(
      itemChanges(before.objectives, after.objectives, {
        isBlank: isBlankObjective,
        added: (o, i) => CHANGES.added(diffName(o, i)),
        changed(was, o, i) {
          const parts = changedFields(was, o, before.objectives, after.objectives)
          return parts.length ? [CHANGES.changed(diffName(o, i), parts)] : []
        },
        removed: (o, i) => CHANGES.deleted(diffName(o, i)),
      }),
      CHANGES.reordered,
    ),
  plainText: (value) =>
    value.objectives
      .map((o) =>
        [o.label, o.indicator, o.unit, o.owner, o.resources, o.agreedWith]
          .map((t) => t.trim())
          .filter(Boolean)
          .join(' | '),
      )
      .filter(Boolean)
      .join('\n'),
  locate(path) {
    const [objectives, index, key] = path
    if (objectives !== 'objectives' || typeof index !== 'number') return null
    const place = SMART_LABELS.place(index)
    return typeof key === 'string' && key in FIELD_LABELS ? `${place}, ${FIELD_LABELS[key as FieldKey]}` : place
  },
  excel: true,
}
