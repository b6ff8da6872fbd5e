import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { Section } from '#templates/template.schema'
import { entryOf, itemsOf } from '~/kinds/registry.on-demand'
import { anchoringText } from '~/kinds/rich-text/anchoring'
import type { PassageAnnotations } from '~/kinds/types.browser'
import type { FieldValue } from '~/kinds/values'
import type { BankEntry } from '~/services/comment-bank.server'
import type { ThreadView } from '~/services/comments.server'
import { placeThreads, type PlacedThread } from './placement'
import { SectionComments, type TextSelection } from './section-comments'

/** Moves focus to a thread of the margin (from its passage or item, or from « commentaire suivant »). */
export function focusThread(threadId: string) {
  const el = document.getElementById(`commentaire-${threadId}`)
  if (!el) return
  el.scrollIntoView({ block: 'center', behavior: 'smooth' })
  el.focus({ preventScroll: true })
}

/**
 * The comments of a section: re-anchored on its current value at every
 * change, highlighted in a rich text (annotations for the editor), outlined on
 * the items they address, and listed in the margin. Alt+Entrée on a commented
 * passage or item goes to its comment; « Voir le passage / l’élément » comes back.
 */
export function useSectionComments({
  dossierId,
  section,
  value,
  threads,
  canComment,
  bank,
  criteria,
}: {
  dossierId: string
  section: Section
  value: FieldValue
  threads: ThreadView[]
  canComment: boolean
  bank: BankEntry[]
  criteria: { id: string }[]
}) {
  const isRichText = section.field.kind === 'richText'
  const placed = useMemo(() => placeThreads(section.field, value, threads), [section.field, value, threads])
  const items = useMemo(() => (isRichText ? [] : itemsOf(entryOf(section.field, value))), [isRichText, section.field, value])
  const [range, setRange] = useState<{ start: number; end: number } | null>(null)
  const [activeId, setActiveId] = useState<string | null>(null)
  const [reveal, setReveal] = useState<{ id: string; nonce: number } | null>(null)
  const bodyRef = useRef<HTMLDivElement>(null)

  // The selection is described against the text it was made in.
  const selection: TextSelection | null | undefined = useMemo(() => {
    if (!isRichText || !canComment) return undefined
    return range ? { ...range, text: anchoringText(entryOf(section.field, value).value as never) } : null
  }, [isRichText, canComment, range, section.field, value])

  const open = useCallback((id: string) => {
    setActiveId(id)
    focusThread(id)
  }, [])

  const annotations: PassageAnnotations | undefined = useMemo(
    () =>
      isRichText
        ? {
            passages: placed.flatMap((p) =>
              p.thread.status === 'open' && p.placement.kind === 'passage' && p.placement.range ? [{ id: p.thread.id, ...p.placement.range }] : [],
            ),
            activeId,
            reveal,
            onSelect: setRange,
            onOpen: open,
          }
        : undefined,
    [isRichText, placed, activeId, reveal, open],
  )

  // Items with open comments are outlined (their elements carry data-item-id, see the kinds' editors and views).
  const commentedItems = useMemo(
    () => new Set(placed.flatMap((p) => (p.thread.status === 'open' && p.placement.kind === 'item' && p.thread.itemId ? [p.thread.itemId] : []))),
    [placed],
  )
  useEffect(() => {
    const root = bodyRef.current
    if (!root) return
    for (const el of root.querySelectorAll<HTMLElement>('[data-item-id]')) {
      if (commentedItems.has(el.dataset.itemId ?? '')) el.setAttribute('data-commented', '')
      else el.removeAttribute('data-commented')
    }
  })

  const onReveal = useCallback((p: PlacedThread) => {
    setActiveId(p.thread.id)
    if (p.placement.kind === 'passage') setReveal({ id: p.thread.id, nonce: Date.now() })
    else if (p.thread.itemId) {
      const el = bodyRef.current?.querySelector<HTMLElement>(`[data-item-id="${CSS.escape(p.thread.itemId)}"]`)
      // An item inside a closed disclosure (the retroplanning's task table) is shown first.
      const details = el?.closest('details')
      if (details) details.open = true
      el?.scrollIntoView({ block: 'center', behavior: 'smooth' })
      el?.focus({ preventScroll: true })
    }
  }, [])

  // Alt+Entrée on a commented item: to its first open comment (listened on the section's body, around any kind's editor).
  useEffect(() => {
    const root = bodyRef.current
    if (!root) return
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || !event.altKey) return
      const item = (event.target as Element).closest<HTMLElement>('[data-item-id]')
      const thread = item && placed.find((p) => p.thread.itemId === item.dataset.itemId && p.thread.status === 'open')
      if (!thread) return
      event.preventDefault()
      open(thread.thread.id)
    }
    root.addEventListener('keydown', onKeyDown)
    return () => root.removeEventListener('keydown', onKeyDown)
  }, [placed, open])

  const margin = (
    <SectionComments
      dossierId={dossierId}
      sectionId={section.id}
      sectionTitle={section.title}
      placed={placed}
      items={items}
      selection={selection}
      criteria={criteria.map((c) => c.id)}
      canComment={canComment}
      bank={bank}
      onReveal={onReveal}
    />
  )
  return { annotations, margin, bodyRef, openCount: placed.filter((p) => p.thread.status === 'open').length }
}
