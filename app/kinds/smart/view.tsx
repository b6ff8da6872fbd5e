import type { ViewProps } from '../types.browser'
import { KIND_WORDS, QUALITY_LABELS, SMART_LABELS } from './labels'
import { checkObjective } from './smart'
import { SmartTimeline } from './timeline'

/** SMART objectives, read-only: the timeline, then each objective with its type, indicator and the qualities to review. */
export default function SmartView({ value, caption }: ViewProps<'smart'>) {
  const objectives = value.objectives
  if (objectives.length === 0) return <p className="table-empty">{SMART_LABELS.none}</p>
  return (
    <div className="smart-view">
      <SmartTimeline objectives={objectives} caption={SMART_LABELS.timeline(caption)} />
      <ul className="sources-view">
        {objectives.map((o) => {
          const failing = checkObjective(o, objectives).filter((c) => !c.ok)
          return (
            <li key={o.id} data-item-id={o.id} tabIndex={-1}>
              <strong>{o.label.trim() || SMART_LABELS.noLabel}</strong> ({KIND_WORDS[o.kind]}) — {o.indicator.trim() || SMART_LABELS.noIndicator}
              {failing.length ? (
                <span className="card__muted">
                  {' '}
                  · {SMART_LABELS.toReview} : {failing.map((c) => QUALITY_LABELS[c.quality]).join(', ')}
                </span>
              ) : null}
            </li>
          )
        })}
      </ul>
    </div>
  )
}
