import { plural } from '~/domain/format'
import type { KindDefinition, KindItem } from '../types'
import { minRowsMessage, rowPlace, type RowNouns, problemsOrNull } from '../wording'
import { axisTitle, PMAP_LABELS, quoted, scoreOrDash, shareText, type AxisKey } from './labels'
import { AXES, axisWord, brandLabel, brandRef, companyOf, competitors, emptyMap, isFilled, isMapEmpty, mapProblems, POLES } from './map'
import type { Axis, Brand, PositioningMapConfig, PositioningMapValue } from './schema'
import { itemChanges } from '../list-diff'

const COMPETITORS: RowNouns = ['concurrent', 'concurrents', 'attendus']

/** Ids of the axes as addressable parts (brand ids are row ids: they never look like these). */
export const AXIS_ITEM_IDS: Record<AxisKey, string> = { x: 'axe-x', y: 'axe-y' }

const show = (s: string) => (s.trim() ? quoted(s.trim()) : '—')

/** « Axe horizontal — Prix bas ↔ Prix élevé (Prix) ». */
function axisItem(key: AxisKey, axis: Axis): KindItem {
  const poles = POLES.map((p) => axis[p].trim()).filter(Boolean)
  const words = [axis.name.trim(), poles.join(' ↔ ')].filter(Boolean).join(' : ')
  return { id: AXIS_ITEM_IDS[key], label: words ? `${PMAP_LABELS.axis[key]} — ${words}` : PMAP_LABELS.axis[key] }
}

function axisChanges(key: AxisKey, before: Axis, after: Axis): string[] {
  const parts = (['name', ...POLES] as const).flatMap((f) => {
    if (before[f].trim() === after[f].trim()) return []
    const what = f === 'name' ? 'nom' : PMAP_LABELS.pole[key][f].toLowerCase()
    return [`${what} ${show(before[f])} → ${show(after[f])}`]
  })
  return parts.length ? [`${PMAP_LABELS.axis[key]}\u00a0: ${parts.join(' ; ')}.`] : []
}

function brandChanges(before: PositioningMapValue, after: PositioningMapValue, was: Brand, now: Brand): string[] {
  const parts: string[] = []
  if (was.name.trim() !== now.name.trim()) parts.push(`nom ${show(was.name)} → ${show(now.name)}`)
  for (const k of AXES) if (was[k] !== now[k]) parts.push(`${axisWord(k, after[k])} ${scoreOrDash(was[k])} → ${scoreOrDash(now[k])}`)
  if (was.size !== now.size) parts.push(`${PMAP_LABELS.size.toLowerCase()} ${shareText(was.size)} → ${shareText(now.size)}`)
  if (was.comment.trim() !== now.comment.trim()) parts.push(now.comment.trim() ? 'commentaire modifié' : 'commentaire effacé')
  return parts.length ? [`${brandRef(after, now)}\u00a0: ${parts.join(' ; ')}.`] : []
}

function companyChange(before: PositioningMapValue, after: PositioningMapValue): string[] {
  if (before.companyId === after.companyId) return []
  const was = companyOf(before)
  const now = companyOf(after)
  // A deleted company is said once, by « Supprimé ».
  if (!now) return was && after.brands.some((b) => b.id === was.id) ? [`${brandRef(before, was)} n’est plus désignée comme l’entreprise.`] : []
  return [was ? `L’entreprise\u00a0: ${brandRef(before, was)} → ${brandRef(after, now)}.` : `L’entreprise est désormais ${brandRef(after, now)}.`]
}

const BRAND_COLUMNS: Record<string, (value: PositioningMapValue) => string> = {
  name: () => PMAP_LABELS.brand,
  x: (v) => axisTitle('x', v.x),
  y: (v) => axisTitle('y', v.y),
  size: () => PMAP_LABELS.size,
  comment: () => PMAP_LABELS.comment,
}

export const definition: KindDefinition<PositioningMapConfig, PositioningMapValue> = {
  label: PMAP_LABELS.kind,
  empty: () => emptyMap(),
  isEmpty: (value) => isMapEmpty(value),
  rules: {
    minRows(hint, value, _config, { title }) {
      const count = competitors(value).length
      if (count === 0 && hint.min > 0)
        return `« ${title} » ne place encore aucun concurrent ; ${plural(hint.min, 'concurrent est attendu', 'concurrents au moins sont attendus')}.`
      return minRowsMessage(count, hint.min, title, COMPETITORS)
    },
    kindChecks: (_hint, value) => problemsOrNull(mapProblems(value)),
  },
  items: (value) => [...AXES.map((k) => axisItem(k, value[k])), ...value.brands.map((b) => ({ id: b.id, label: brandLabel(value, b) }))],
  diff(before, after) {
    const changes: string[] = AXES.flatMap((k) => axisChanges(k, before[k], after[k]))
    const brands = itemChanges(before.brands, after.brands, {
      isBlank: (b) => !isFilled(b),
      added: (now) => `Ajouté\u00a0: ${brandRef(after, now)}.`,
      changed: (was, now) => brandChanges(before, after, was, now),
      removed: (was) => `Supprimé\u00a0: ${brandRef(before, was)}.`,
    })
    changes.push(...brands.sentences, ...companyChange(before, after))
    if (brands.reordered) changes.push('Marques réordonnées.')
    return changes
  },
  plainText(value) {
    const axes = AXES.map((k) =>
      [
        value[k].name,
        POLES.map((p) => value[k][p].trim())
          .filter(Boolean)
          .join(' ↔ '),
      ]
        .map((s) => s.trim())
        .filter(Boolean)
        .join(' : '),
    )
    const brands = value.brands
      .filter(isFilled)
      .map((b) =>
        [
          b.name.trim(),
          b.id === value.companyId ? `(${PMAP_LABELS.company.toLowerCase()})` : '',
          b.x ?? '',
          b.y ?? '',
          b.size === null ? '' : `${b.size} %`,
          b.comment.trim(),
        ]
          .map(String)
          .filter(Boolean)
          .join(' | '),
      )
    return [...axes, ...brands].filter(Boolean).join('\n')
  },
  locate(path, value) {
    const [first, second, third] = path
    if (first === 'x' || first === 'y') {
      const axis = PMAP_LABELS.axis[first]
      if (second === 'name') return `${axis}, ${PMAP_LABELS.axisName.toLowerCase()}`
      if (second === 'low' || second === 'high') return `${axis}, ${PMAP_LABELS.pole[first][second].toLowerCase()}`
      return axis
    }
    if (first === 'companyId') return PMAP_LABELS.company
    if (first !== 'brands' || typeof second !== 'number') return null
    const column = typeof third === 'string' ? BRAND_COLUMNS[third]?.(value) : undefined
    return rowPlace(second, column)
  },
  excel: true,
}
