import { plural } from '~/domain/format'
import type { KindDefinition } from '../types'
import { CHECKLIST_LABELS } from './labels'
import type { ChecklistConfig, ChecklistValue } from './schema'

/** The template's points that are ticked (a point the template no longer lists does not count). */
export const donePoints = (value: ChecklistValue, config: ChecklistConfig) => config.items.filter((i) => value.checked[i.id] === true)

export const definition: KindDefinition<ChecklistConfig, ChecklistValue> = {
  label: CHECKLIST_LABELS.kind,
  empty: () => ({ checked: {} }),
  isEmpty: (value, config) => donePoints(value, config).length === 0,
  rules: {
    allChecked(_hint, value, config, { title }) {
      const unchecked = config.items.length - donePoints(value, config).length
      return unchecked > 0 ? `${plural(unchecked, 'point reste', 'points restent')} à vérifier dans « ${title} ».` : null
    },
  },
  items: (_value, config) => config.items.map((i) => ({ id: i.id, label: i.label })),
  diff: (before, after, config) =>
    config.items.flatMap((i) => {
      const was = before.checked[i.id] === true
      const is = after.checked[i.id] === true
      return was === is ? [] : [is ? CHECKLIST_LABELS.checked(i.label) : CHECKLIST_LABELS.unchecked(i.label)]
    }),
  plainText: (value, config) =>
    donePoints(value, config)
      .map((i) => i.label)
      .join('\n'),
  locate(path, _value, config) {
    const [checked, id] = path
    if (checked !== 'checked' || id === undefined) return null
    const item = config.items.find((i) => i.id === id)
    return item ? `« ${item.label} »` : `point « ${id} »`
  },
  excel: true,
}
