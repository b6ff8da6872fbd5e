import { useId, useState } from 'react'
import { compareCriterionIds, entriesForCriteria } from '~/domain/comment-bank'
import type { BankEntry } from '~/services/comment-bank.server'

/**
 * « Insérer un commentaire de la banque », for the comment composer: the entries of the tutor's bank and
 * the school's that concern the section's `criteria` (or the whole bank on request), grouped by criterion,
 * each with an « Insérer » button that hands its text to `onInsert`. Buttons only (no form of its own):
 * it sits inside the composer's form.
 */
export function BankPicker({ entries, criteria, onInsert }: { entries: BankEntry[]; criteria: string[]; onInsert: (text: string) => void }) {
  const id = useId()
  const [showAll, setShowAll] = useState(false)
  const [inserted, setInserted] = useState({ count: 0, text: '' })
  const fitting = entriesForCriteria(entries, criteria)
  const shown = showAll ? entries : fitting
  const wanted = new Set(criteria)
  // Each entry once, under the first of its criteria that the section has (or its first, when showing all).
  const groups = new Map<string, BankEntry[]>()
  for (const entry of shown) {
    const key = entry.criterionIds.find((c) => wanted.has(c)) ?? entry.criterionIds[0] ?? ''
    groups.set(key, [...(groups.get(key) ?? []), entry])
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => compareCriterionIds(a, b))
  const insert = (entry: BankEntry) => {
    onInsert(entry.body)
    const excerpt = entry.body.length > 60 ? `${entry.body.slice(0, 60)}…` : entry.body
    // A different text each time, so that inserting the same entry twice is announced twice.
    setInserted(({ count }) => ({ count: count + 1, text: `Commentaire inséré\u00a0: «\u00a0${excerpt}\u00a0»${count % 2 ? '\u00a0' : ''}` }))
  }

  return (
    <details className="bank-picker">
      <summary>
        Insérer un commentaire de la banque <span className="bank-picker__count">({fitting.length} pour ces critères)</span>
      </summary>
      <div className="bank-picker__body">
        {entries.length > fitting.length ? (
          <label className="checkbox bank-picker__toggle">
            <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />
            Afficher toute la banque ({entries.length})
          </label>
        ) : null}
        <p role="status" className="visually-hidden">
          {inserted.text}
        </p>
        {shown.length === 0 ? (
          <p className="bank-picker__empty">
            {entries.length === 0 ? 'Votre banque de commentaires est vide.' : 'Aucun commentaire de la banque ne concerne les critères de cette section.'}
          </p>
        ) : (
          <ul className="bank-picker__groups">
            {ordered.map(([criterion, list]) => (
              <li key={criterion}>
                <p className="bank-picker__criterion" id={`${id}-${criterion}`}>
                  Critère {criterion}
                </p>
                <ul className="bank-picker__entries" aria-labelledby={`${id}-${criterion}`}>
                  {list.map((entry) => {
                    const bodyId = `${id}-${entry.id}`
                    const others = entry.criterionIds.filter((c) => c !== criterion)
                    return (
                      <li key={entry.id} className="bank-picker__entry">
                        <p className="bank-picker__text" id={bodyId}>
                          {entry.body}
                        </p>
                        <p className="bank-picker__meta">
                          <span className={entry.scope === 'school' ? 'badge badge--accent' : 'badge badge--info'}>
                            {entry.scope === 'school' ? 'École' : 'Ma banque'}
                          </span>
                          {others.length > 0 ? <span className="bank-picker__also">aussi {others.join(', ')}</span> : null}
                        </p>
                        <button type="button" className="button button--small bank-picker__insert" aria-describedby={bodyId} onClick={() => insert(entry)}>
                          Insérer
                        </button>
                      </li>
                    )
                  })}
                </ul>
              </li>
            ))}
          </ul>
        )}
        <p className="bank-picker__manage">
          {/* A new tab: the comment being written stays as it is. */}
          <a href="/tuteur/banque" target="_blank" rel="noreferrer">
            Gérer ma banque de commentaires (nouvel onglet)
          </a>
        </p>
      </div>
    </details>
  )
}
