import type { OralMember } from '../types.browser'
import { formatMinutes, formatPercent, ORAL_LABELS as L } from './labels'
import type { OralPart } from './schema'
import { speakerShares } from './timing'

/**
 * Each member's time of speech side by side: a bar per member (its length is
 * the share of the total) with the minutes and the percentage written out.
 * The bars are decoration: the numbers are the text.
 */
export function Shares({
  parts,
  members,
  headingId,
  level = 3,
}: {
  parts: readonly OralPart[]
  members: readonly OralMember[]
  headingId: string
  level?: 2 | 3
}) {
  const H = level === 2 ? 'h2' : 'h3'
  const shares = speakerShares(
    parts,
    members.map((m) => m.id),
  )
  if (!shares.length) return null
  const nameOf = (id: string) => members.find((m) => m.id === id)?.name ?? L.deletedMember
  return (
    <section className="oral-shares" aria-labelledby={headingId}>
      <H id={headingId} className="oral-shares__title">
        {L.shares}
      </H>
      <ul className="oral-shares__list">
        {shares.map((s) => (
          <li key={s.id} className={`oral-shares__row${s.minutes === 0 ? ' oral-shares__row--silent' : ''}`}>
            <span className="oral-shares__name">{nameOf(s.id)}</span>
            <span className="oral-shares__bar" aria-hidden="true">
              <span style={{ width: `${Math.min(100, s.percent)}%` }} />
            </span>
            <span className="oral-shares__value">
              {formatMinutes(s.minutes)} · {formatPercent(s.percent)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}
