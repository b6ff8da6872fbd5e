import type { KindDefinition, KindItem } from '../types'
import { E_FIELDS, E_TEXTS, EXTENSION_FIELDS, FOUR_E, MIX_LABELS, type ExtensionText } from './labels'
import { extensionLabel, isMixEmpty, linkedLabels, mixProblems, type MixLists } from './mix'
import type { MixConfig, MixE, MixValue } from './schema'
import { problemsOrNull } from '../wording'

/** Stable item ids: `p:produit:gamme`, `x:personnel`, `e:experience`. */
export const itemId = {
  part: (pId: string, partId: string) => `p:${pId}:${partId}`,
  extension: (id: string) => `x:${id}`,
  e: (id: string) => `e:${id}`,
}

const clean = (s: string | undefined) => (s ?? '').trim()

/** « rempli », « effacée », « modifié »…: how a text changed (null when it did not). */
function change(before: string | undefined, after: string | undefined, feminine = false): string | null {
  const [a, b] = [clean(before), clean(after)]
  if (a === b) return null
  return MIX_LABELS.changed(!a ? 'filled' : !b ? 'cleared' : 'edited', feminine)
}

/** The P an E links to, in words. */
function linkLabels(config: MixLists, value: MixValue, links: string[]): string {
  return linkedLabels(config, value, links).join(', ') || MIX_LABELS.noLink
}

export const definition: KindDefinition<MixConfig, MixValue> = {
  label: MIX_LABELS.kind,
  empty: () => ({ p: {}, extensions: [], e: {} }),
  isEmpty: (value) => isMixEmpty(value),
  rules: {
    kindChecks: (_hint, value, config) => problemsOrNull(mixProblems(config, value)),
  },
  items(value, config) {
    const items: KindItem[] = config.fourP.flatMap((p) =>
      p.parts.map((part) => ({ id: itemId.part(p.id, part.id), label: MIX_LABELS.partItem(p.label, part.label) })),
    )
    for (const x of value.extensions) items.push({ id: itemId.extension(x.id), label: MIX_LABELS.extensionItem(extensionLabel(config, x.id)) })
    for (const e of FOUR_E) items.push({ id: itemId.e(e.id), label: MIX_LABELS.eItem(e.label) })
    return items
  },
  diff(before, after, config) {
    const changes: string[] = []
    for (const p of config.fourP) {
      for (const part of p.parts) {
        const how = change(before.p[p.id]?.[part.id], after.p[p.id]?.[part.id])
        if (how) changes.push(`${MIX_LABELS.partItem(p.label, part.label)} : ${how}.`)
      }
    }
    const old = new Map(before.extensions.map((x) => [x.id, x]))
    const kept = new Set(after.extensions.map((x) => x.id))
    for (const x of after.extensions) {
      const was = old.get(x.id)
      if (!was) {
        changes.push(MIX_LABELS.extensionAdded(extensionLabel(config, x.id)))
        continue
      }
      const fields = (Object.keys(EXTENSION_FIELDS) as ExtensionText[]).flatMap((f) => {
        const how = change(was[f], x[f], EXTENSION_FIELDS[f].feminine)
        return how ? [`${EXTENSION_FIELDS[f].word} ${how}`] : []
      })
      if (fields.length) changes.push(`${MIX_LABELS.extensionItem(extensionLabel(config, x.id))} : ${fields.join(' ; ')}.`)
    }
    for (const x of before.extensions) if (!kept.has(x.id)) changes.push(MIX_LABELS.extensionRemoved(extensionLabel(config, x.id)))
    const order = (xs: MixValue['extensions']) =>
      xs
        .filter((x) => old.has(x.id) && kept.has(x.id))
        .map((x) => x.id)
        .join()
    if (order(before.extensions) !== order(after.extensions)) changes.push(MIX_LABELS.extensionsReordered)

    for (const { id, label } of FOUR_E) {
      const [a, b]: (MixE | undefined)[] = [before.e[id], after.e[id]]
      const fields = E_TEXTS.flatMap((f) => {
        const how = change(a?.[f], b?.[f], E_FIELDS[f].feminine)
        return how ? [`${E_FIELDS[f].word} ${how}`] : []
      })
      const [was, now] = [linkLabels(config, before, a?.links ?? []), linkLabels(config, after, b?.links ?? [])]
      if (was !== now) fields.push(`${E_FIELDS.links.label} : ${was} → ${now}`)
      if (fields.length) changes.push(`${MIX_LABELS.eItem(label)} : ${fields.join(' ; ')}.`)
    }
    return changes
  },
  plainText(value, config) {
    const lines = config.fourP.flatMap((p) => p.parts.map((part) => clean(value.p[p.id]?.[part.id])))
    for (const x of value.extensions) lines.push(extensionLabel(config, x.id), clean(x.content), clean(x.context))
    for (const { id } of FOUR_E) {
      const e = value.e[id]
      if (e) lines.push(...E_TEXTS.map((f) => clean(e[f])))
    }
    return lines.filter(Boolean).join('\n')
  },
  locate(path, value, config) {
    const [where, key, field] = path
    if (where === 'p') {
      const p = config.fourP.find((x) => x.id === key)
      if (!p) return key === undefined ? null : `P « ${String(key)} »`
      const part = p.parts.find((x) => x.id === field)
      return part ? MIX_LABELS.partItem(p.label, part.label) : p.label
    }
    if (where === 'extensions') {
      if (typeof key !== 'number') return MIX_LABELS.extensions
      const id = value.extensions[key]?.id
      const place = id ? MIX_LABELS.extensionItem(extensionLabel(config, id)) : `Extension ${key + 1}`
      return field === 'content' || field === 'context' ? `${place}, ${EXTENSION_FIELDS[field].label}` : place
    }
    if (where === 'e') {
      const e = FOUR_E.find((x) => x.id === key)
      if (!e) return key === undefined ? null : `E « ${String(key)} »`
      const place = MIX_LABELS.eItem(e.label)
      return typeof field === 'string' && field in E_FIELDS ? `${place}, ${E_FIELDS[field as keyof typeof E_FIELDS].label}` : place
    }
    return null
  },
  excel: true,
}
