import type { FieldConfig } from '#templates/template.schema'
import { anchorPassage } from '~/domain/anchoring'
import { entryOf, itemsOf } from '~/kinds/registry.on-demand'
import { anchoringText } from '~/kinds/rich-text/anchoring'
import type { FieldValue } from '~/kinds/values'
import type { ThreadView } from '~/services/comments.server'

/** Where a thread sits in the section as it is now. */
export type Placement =
  | { kind: 'section' }
  | { kind: 'criterion'; criterionId: string }
  /** `range` in the anchoring text; null: the passage was changed or deleted (the original quote is kept). */
  | { kind: 'passage'; quote: string; range: { start: number; end: number } | null; current: string | null }
  | { kind: 'item'; label: string; exists: boolean }

export type PlacedThread = { thread: ThreadView; placement: Placement }

/**
 * The threads of one section, re-anchored on its current value and in reading
 * order: the section's own, then passages and items where they stand, then
 * what can no longer be found (never lost, never on the wrong words).
 */
export function placeThreads(field: FieldConfig, value: FieldValue, threads: readonly ThreadView[]): PlacedThread[] {
  const text = field.kind === 'richText' && threads.some((t) => t.target === 'passage') ? anchoringText(entryOf(field, value).value as never) : ''
  const items = threads.some((t) => t.target === 'item') ? itemsOf(entryOf(field, value)) : []
  const itemIndex = new Map(items.map((item, i) => [item.id, { item, i }]))

  const placed = threads.map((thread): PlacedThread & { order: number } => {
    if (thread.target === 'passage' && thread.selectors) {
      const found = field.kind === 'richText' ? anchorPassage(text, thread.selectors) : null
      const quote = thread.selectors[0].exact
      return {
        thread,
        placement: {
          kind: 'passage',
          quote,
          range: found ? { start: found.start, end: found.end } : null,
          current: found ? text.slice(found.start, found.end) : null,
        },
        order: found ? 1 + found.start : Number.MAX_SAFE_INTEGER,
      }
    }
    if (thread.target === 'item' && thread.itemId) {
      const at = itemIndex.get(thread.itemId)
      return {
        thread,
        placement: { kind: 'item', label: at?.item.label ?? thread.itemLabel ?? 'Élément', exists: Boolean(at) },
        order: at ? 1 + at.i : Number.MAX_SAFE_INTEGER,
      }
    }
    if (thread.target === 'criterion' && thread.criterionId) return { thread, placement: { kind: 'criterion', criterionId: thread.criterionId }, order: 0 }
    return { thread, placement: { kind: 'section' }, order: 0 }
  })
  return placed.sort((a, b) => a.order - b.order || a.thread.createdAt - b.thread.createdAt).map(({ thread, placement }) => ({ thread, placement }))
}

/** What a thread addresses, in words (the margin's heading of a thread). */
export function placementLabel(p: Placement): string {
  switch (p.kind) {
    case 'section':
      return 'Toute la section'
    case 'criterion':
      return `Critère ${p.criterionId}`
    case 'passage':
      return p.range ? `Passage\u00a0: «\u00a0${clip(p.current ?? p.quote)}\u00a0»` : `Passage modifié ou supprimé\u00a0: «\u00a0${clip(p.quote)}\u00a0»`
    case 'item':
      return p.exists ? p.label : `${p.label} (élément supprimé)`
  }
}

const clip = (s: string, max = 120) => {
  const t = s.replace(/\s+/g, ' ').trim()
  return t.length > max ? `${t.slice(0, max - 1)}…` : t
}
