import type { Section } from '#templates/template.schema'
import { formatNumber, plural } from '~/domain/format'
import { definitionOf } from '~/kinds/registry.on-demand'
import type { FieldValue } from '~/kinds/values'
import type { MergedConflict } from './use-autosave'

/** A field's value in a sentence: a text quoted and cut, a number, « vide », or the item as a whole. */
function shown(value: unknown): string {
  if (value === undefined) return 'supprimée'
  if (value === null || value === '') return 'vide'
  if (typeof value === 'number') return formatNumber(value)
  if (typeof value === 'string') return `«\u00a0${value.length > 80 ? `${value.slice(0, 79)}…` : value}\u00a0»`
  if (typeof value === 'boolean') return value ? 'oui' : 'non'
  return 'modifiée'
}

/**
 * The fields of a shared section that another member changed while I was
 * changing them too (issue 17 §3): the rest of both saves is merged; here,
 * theirs is shown, mine is in the history and can be put back, field by field.
 */
export function MergedFields({
  section,
  value,
  conflicts,
  keepMine,
  dismiss,
  headingId,
}: {
  section: Section
  value: FieldValue
  conflicts: MergedConflict[]
  keepMine: (c: MergedConflict) => void
  dismiss: (c: MergedConflict) => void
  headingId: string
}) {
  if (!conflicts.length) return null
  const definition = definitionOf(section.field)
  const place = (c: MergedConflict) => {
    const where = (c.path.length ? definition.locate(c.path, value as never, section.field as never) : null) ?? section.title
    return where.charAt(0).toUpperCase() + where.slice(1)
  }
  return (
    <div className="conflict conflict--fields" role="alert" aria-labelledby={headingId}>
      {/* Not a heading: the section's own heading level depends on the page (dossier or focus). */}
      <p className="conflict__title" id={headingId}>
        {plural(conflicts.length, 'champ modifié', 'champs modifiés')} en même temps que vous
      </p>
      <p>Le reste de vos modifications et des leurs est fusionné. Ici, leur version est affichée&nbsp;; la vôtre reste dans l’historique.</p>
      <ul className="conflict__fields">
        {conflicts.map((c, i) => {
          const who = c.by ?? 'Un autre membre'
          const itemGone = c.ours === undefined || c.theirs === undefined
          return (
            <li key={i}>
              <p>
                <strong>{place(c)}</strong>&nbsp;:{' '}
                {itemGone
                  ? c.theirs === undefined
                    ? `vous l’avez supprimée, ${who} l’a modifiée entre-temps : elle est gardée.`
                    : `${who} l’a supprimée, vous l’avez modifiée : elle est gardée.`
                  : `votre version ${shown(c.theirs)}, celle de ${who} ${shown(c.ours)}.`}
              </p>
              <div className="conflict__actions">
                {itemGone ? null : (
                  <button type="button" className="button button--small" onClick={() => keepMine(c)}>
                    Garder ma version<span className="visually-hidden"> de {place(c)}</span>
                  </button>
                )}
                <button type="button" className="button button--ghost button--small" onClick={() => dismiss(c)}>
                  {itemGone ? 'Compris' : 'Garder la sienne'}
                  <span className="visually-hidden"> pour {place(c)}</span>
                </button>
              </div>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
