import { useId, useState } from 'react'
import { entriesForCriteria } from '~/domain/comment-bank'

export type JuryBankEntry = { id: string; body: string; criterionIds: string[] }

/**
 * « Insérer un commentaire de la banque » beside a criterion's comment: the
 * bank's entries for that criterion (or the whole bank on request), each with
 * « Insérer ». Its list is built only when opened: a grid has dozens of rows.
 */
export function JuryBankPicker({ entries, criterionId, onInsert }: { entries: JuryBankEntry[]; criterionId: string; onInsert: (text: string) => void }) {
  const id = useId()
  const [open, setOpen] = useState(false)
  const [showAll, setShowAll] = useState(false)
  const [inserted, setInserted] = useState({ count: 0, text: '' })
  if (entries.length === 0) return null
  const fitting = entriesForCriteria(entries, [criterionId])
  const shown = showAll ? entries : fitting
  const insert = (entry: JuryBankEntry) => {
    onInsert(entry.body)
    const excerpt = entry.body.length > 60 ? `${entry.body.slice(0, 60)}…` : entry.body
    // A different text each time, so that inserting the same entry twice is announced twice.
    setInserted(({ count }) => ({ count: count + 1, text: `Commentaire inséré\u00a0: «\u00a0${excerpt}\u00a0»${count % 2 ? '\u00a0' : ''}` }))
  }
  return (
    <details className="bank-picker jury-bank" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        Insérer un commentaire de la banque <span className="bank-picker__count">({fitting.length} pour ce critère)</span>
      </summary>
      {open ? (
        <div className="bank-picker__body">
          {entries.length > fitting.length ? (
            <label className="checkbox bank-picker__toggle">
              <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />
              Afficher toute la banque ({entries.length})
            </label>
          ) : null}
          {shown.length === 0 ? (
            <p className="bank-picker__empty">Aucun commentaire de la banque ne concerne ce critère.</p>
          ) : (
            <ul className="bank-picker__entries">
              {shown.map((entry) => (
                <li key={entry.id} className="bank-picker__entry">
                  <p className="bank-picker__text" id={`${id}-${entry.id}`}>
                    {entry.body}
                  </p>
                  <button
                    type="button"
                    className="button button--small bank-picker__insert"
                    aria-describedby={`${id}-${entry.id}`}
                    onClick={() => insert(entry)}
                  >
                    Insérer
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
      <p role="status" className="visually-hidden">
        {inserted.text}
      </p>
    </details>
  )
}
