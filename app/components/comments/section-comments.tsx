import { useId, useState } from 'react'
import { describePassage } from '~/domain/anchoring'
import { frenchTypography as ft } from '~/domain/format'
import type { KindItem } from '~/kinds/types'
import type { BankEntry } from '~/services/comment-bank.server'
import { useHydrated } from '../use-hydrated'
import { BankPicker } from './bank-picker'
import { CommentComposer } from './composer'
import { placementLabel, type PlacedThread } from './placement'
import { CommentThread } from './thread'

/** The reader's current selection in a rich text, in anchoring-text offsets, with that text. */
export type TextSelection = { start: number; end: number; text: string }

const clip = (s: string, max = 60) => {
  const t = s.replace(/\s+/g, ' ').trim()
  return t.length > max ? `${t.slice(0, max - 1)}…` : t
}

/**
 * The comments of one section, in its margin: the threads in reading order
 * (each can show what it addresses), and for the tutor a composer whose
 * target is the whole section, the passage selected in the text, or one item.
 */
export function SectionComments({
  dossierId,
  sectionId,
  sectionTitle,
  placed,
  items,
  selection,
  criteria,
  canComment,
  bank,
  onReveal,
}: {
  dossierId: string
  sectionId: string
  sectionTitle: string
  placed: PlacedThread[]
  /** The items of the section's current value (structured kinds). */
  items: KindItem[]
  /** Rich text only: the passage selected in the editor. */
  selection: TextSelection | null | undefined
  criteria: string[]
  canComment: boolean
  bank: BankEntry[]
  onReveal: (placed: PlacedThread) => void
}) {
  const open = placed.filter((p) => p.thread.status === 'open').length
  const titleId = useId()
  const hydrated = useHydrated()
  if (placed.length === 0 && !canComment) return null
  return (
    // Disabled until the page is hydrated: a form sent before would lose what was typed.
    <fieldset className="margin-comments until-hydrated" disabled={!hydrated} aria-labelledby={titleId}>
      <h3 className="aside-title" id={titleId}>
        Commentaires
        {placed.length ? <span className="margin-comments__count"> · {open === 0 ? 'tous résolus' : `${open} ouvert${open > 1 ? 's' : ''}`}</span> : null}
      </h3>
      {placed.map((p) => (
        <div key={p.thread.id} className="margin-comments__item" data-thread={p.thread.id} data-status={p.thread.status}>
          <CommentThread
            dossierId={dossierId}
            thread={p.thread}
            about={placementLabel(p.placement)}
            onReveal={revealable(p) ? () => onReveal(p) : undefined}
            revealLabel={p.placement.kind === 'passage' ? 'Voir le passage' : 'Voir l’élément'}
          />
        </div>
      ))}
      {canComment ? (
        <Composer dossierId={dossierId} sectionId={sectionId} sectionTitle={sectionTitle} items={items} selection={selection} criteria={criteria} bank={bank} />
      ) : null}
    </fieldset>
  )
}

const revealable = ({ placement }: PlacedThread) =>
  (placement.kind === 'passage' && placement.range !== null) || (placement.kind === 'item' && placement.exists)

function Composer({
  dossierId,
  sectionId,
  sectionTitle,
  items,
  selection,
  criteria,
  bank,
}: {
  dossierId: string
  sectionId: string
  sectionTitle: string
  items: KindItem[]
  selection: TextSelection | null | undefined
  criteria: string[]
  bank: BankEntry[]
}) {
  const [choice, setChoice] = useState('section')
  const selectId = useId()
  const passage = selection && selection.end > selection.start ? selection : null
  // A choice that no longer exists (the selection was cleared, the item deleted) falls back to the whole section.
  const effective = (choice === 'passage' && passage) || (choice.startsWith('item:') && items.some((i) => `item:${i.id}` === choice)) ? choice : 'section'
  const target =
    effective === 'passage' && passage
      ? { target: 'passage' as const, sectionId, selectors: describePassage(passage.text, passage.start, passage.end) }
      : effective.startsWith('item:')
        ? { target: 'item' as const, sectionId, itemId: effective.slice(5) }
        : { target: 'section' as const, sectionId }
  return (
    <div className="margin-comments__new">
      <div className="field">
        <label htmlFor={selectId}>Commenter</label>
        <select id={selectId} value={effective} onChange={(e) => setChoice(e.target.value)}>
          <option value="section">Toute la section</option>
          {selection !== undefined ? (
            <option value="passage" disabled={!passage}>
              {passage
                ? ft(`Le passage sélectionné : « ${clip(passage.text.slice(passage.start, passage.end))} »`)
                : 'Le passage sélectionné (sélectionnez du texte)'}
            </option>
          ) : null}
          {items.map((item) => (
            <option key={item.id} value={`item:${item.id}`}>
              {clip(item.label)}
            </option>
          ))}
        </select>
      </div>
      <CommentComposer
        dossierId={dossierId}
        target={target}
        label={ft(`Votre commentaire sur « ${sectionTitle} »`)}
        extra={bank.length ? (insert) => <BankPicker entries={bank} criteria={criteria} onInsert={insert} /> : undefined}
        onDone={() => setChoice('section')}
      />
    </div>
  )
}
