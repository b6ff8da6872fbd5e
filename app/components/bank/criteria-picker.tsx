import { useId, useMemo, useState } from 'react'
import { compareCriterionIds, findCriteria, type CriteriaCatalogue } from '~/domain/comment-bank'
import { plural } from '~/domain/format'

/**
 * The criteria of a bank entry: one disclosure per activity of the référentiel, holding a fieldset of
 * checkboxes per competency, a filter that opens what matches, and the chosen criteria listed with a
 * « Retirer » button each. Plain checkboxes named `name`: the form posts without JavaScript too.
 */
export function CriteriaPicker({
  catalogue,
  name,
  selected,
  error,
}: {
  catalogue: CriteriaCatalogue
  name: string
  selected: readonly string[]
  error?: string
}) {
  const id = useId()
  const [chosen, setChosen] = useState<string[]>(() => [...selected])
  const [query, setQuery] = useState('')
  // Activities holding a criterion chosen when the form appeared start open.
  const [initiallyOpen] = useState(
    () => new Set(catalogue.filter((a) => a.competencies.some((c) => c.criteria.some((k) => selected.includes(k.id)))).map((a) => a.id)),
  )
  const found = useMemo(() => findCriteria(catalogue, query), [catalogue, query])
  const chosenSet = new Set(chosen)
  const toggle = (criterionId: string, on: boolean) =>
    setChosen((prev) => (on ? [...prev.filter((c) => c !== criterionId), criterionId].sort(compareCriterionIds) : prev.filter((c) => c !== criterionId)))
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const textOf = (criterionId: string) => catalogue.flatMap((a) => a.competencies.flatMap((c) => c.criteria)).find((k) => k.id === criterionId)?.text ?? ''

  return (
    <fieldset className="fieldset bank-criteria" aria-describedby={error ? `${hintId} ${errorId}` : hintId}>
      <legend>Critères concernés</legend>
      <p className="field__hint" id={hintId}>
        Cochez au moins un critère. Ouvrez une activité pour voir ses compétences et leurs critères, ou filtrez-les.
      </p>
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
      <div className="bank-criteria__chosen">
        <p aria-live="polite" className="bank-criteria__count">
          {chosen.length === 0 ? 'Aucun critère choisi.' : `${plural(chosen.length, 'critère choisi', 'critères choisis')} :`}
        </p>
        {chosen.length > 0 ? (
          <ul className="bank-criteria__chips">
            {chosen.map((c) => (
              <li key={c}>
                <span className="chip" title={textOf(c)}>
                  {c}
                </span>
                <button type="button" className="bank-criteria__remove" aria-label={`Retirer le critère ${c}`} onClick={() => toggle(c, false)}>
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="field bank-criteria__filter">
        <label htmlFor={`${id}-filter`}>Filtrer les critères</label>
        <input
          id={`${id}-filter`}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          // Enter in the filter must not submit the entry.
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.preventDefault()
          }}
          placeholder="personae, C3.2, objectifs…"
          autoComplete="off"
          aria-describedby={`${id}-filter-status`}
        />
        <p id={`${id}-filter-status`} className="field__hint" aria-live="polite">
          {found === null ? '' : found.size === 0 ? 'Aucun critère ne correspond.' : `${plural(found.size, 'critère correspond', 'critères correspondent')}.`}
        </p>
      </div>
      <div className="bank-criteria__activities">
        {catalogue.map((activity) => {
          const visible = (criterionId: string) => found === null || found.has(criterionId)
          const shown = activity.competencies.some((c) => c.criteria.some((k) => visible(k.id)))
          const count = activity.competencies.reduce((n, c) => n + c.criteria.filter((k) => chosenSet.has(k.id)).length, 0)
          return (
            <details key={activity.id} className="bank-criteria__activity" hidden={!shown} open={found !== null ? shown : initiallyOpen.has(activity.id)}>
              <summary>
                <span className="bank-criteria__activity-id">{activity.id}</span> {activity.title}
                {count > 0 ? <span className="badge badge--info bank-criteria__badge">{plural(count, 'choisi', 'choisis')}</span> : null}
              </summary>
              {activity.competencies.map((c) => (
                <fieldset key={c.id} className="bank-criteria__competency" hidden={!c.criteria.some((k) => visible(k.id))}>
                  <legend>
                    {c.id} — {c.heading}
                  </legend>
                  {c.criteria.map((k) => (
                    <label key={k.id} className="bank-criteria__option" hidden={!visible(k.id)}>
                      <input type="checkbox" name={name} value={k.id} checked={chosenSet.has(k.id)} onChange={(e) => toggle(k.id, e.target.checked)} />
                      <span>
                        <strong>{k.id}</strong> {k.text}
                      </span>
                    </label>
                  ))}
                </fieldset>
              ))}
            </details>
          )
        })}
      </div>
    </fieldset>
  )
}
