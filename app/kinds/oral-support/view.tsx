import { useId } from 'react'
import type { ViewProps } from '../types.browser'
import { FIELD_LABELS as F, formatMinutes, ORAL_LABELS as L } from './labels'
import { speakersText, visualText } from './oral'
import { Shares } from './shares'
import { pace, totalMinutes } from './timing'

/** The talk, read-only: the plan (time, speakers, message, visuals), the shares of speech, then the questions. */
export default function OralSupportView({ field, value, caption, headingLevel = 3, members = [] }: ViewProps<'oralSupport'>) {
  const id = useId()
  const H = headingLevel === 2 ? 'h2' : 'h3'
  const Sub = headingLevel === 2 ? 'h3' : 'h4'
  const group = field.oral !== 'grand-oral'
  const names = new Map(members.map((m) => [m.id, m.name]))
  const total = totalMinutes(value.parts)
  const p = pace(value.parts, field.minutes)
  if (!value.parts.length && !value.questions.length) return <p className="table-empty">{L.noParts}</p>
  return (
    <div className="oral-view">
      <p className="oral-total">
        <strong>{L.total}&nbsp;:</strong> {formatMinutes(total)}
        {p ? <span className={`oral-total__target oral-total__target--${p.status}`}> ({L.target(p.target).toLowerCase()})</span> : null}
      </p>
      {value.parts.length ? <H className="oral-view__title">{L.parts}</H> : null}
      {value.parts.length ? (
        <ol className="oral-plan" aria-label={`${L.parts} : ${caption}`}>
          {value.parts.map((part, i) => (
            <li key={part.id} data-item-id={part.id} tabIndex={-1}>
              <Sub className="oral-plan__title">
                {part.title.trim() || L.untitled}
                <span className="oral-plan__time"> — {part.minutes === null ? '—' : formatMinutes(part.minutes)}</span>
              </Sub>
              {group ? (
                <p className="card__muted">
                  {F.speakers}&nbsp;: {part.speakers.length ? speakersText(part.speakers, names) : L.noSpeaker}
                </p>
              ) : null}
              {part.message.trim() ? <p>{part.message.trim()}</p> : null}
              {part.visuals.length ? (
                <ul className="oral-plan__visuals" aria-label={`${F.visuals}, ${L.part(i).toLowerCase()}`}>
                  {part.visuals.map((v) => (
                    <li key={v.id}>{visualText(v)}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      {group && members.length ? <Shares parts={value.parts} members={members} headingId={`${id}-shares`} level={headingLevel} /> : null}
      {value.questions.length ? (
        <>
          <H className="oral-view__title">{L.questions}</H>
          <dl className="oral-questions">
            {value.questions.map((q) => (
              <div key={q.id} data-item-id={q.id} tabIndex={-1}>
                <dt>{q.question.trim() || '—'}</dt>
                <dd>
                  {q.answer.trim() || '—'}
                  {q.criteria.length ? <span className="card__muted"> ({q.criteria.join(', ')})</span> : null}
                </dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
    </div>
  )
}
