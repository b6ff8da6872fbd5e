import { memo } from 'react'
import type { AuditEntry } from '~/domain/grading-view'
import { formatInstant } from '~/domain/hand-in'

const GRID_EMPTY = 'Aucune note enregistrée pour l’instant : chaque changement (niveau, commentaire, preuve, décision, clôture) s’inscrira ici.'

/**
 * « Historique des notes »: every change of this grid (who, when, before → after), newest first.
 * The confrontation of a double-marked copy shows its own steps under another title.
 */
export const AuditTrail = memo(function AuditTrail({
  audit,
  title = 'Historique des notes',
  headingId = 'historique-des-notes',
  empty = GRID_EMPTY,
}: {
  audit: AuditEntry[]
  title?: string
  headingId?: string
  empty?: string
}) {
  const entries = [...audit].sort((a, b) => b.at - a.at || b.id - a.id)
  return (
    <section className="jury-audit" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {entries.length === 0 ? (
        <p className="card__muted">{empty}</p>
      ) : (
        <ol className="jury-audit__list" reversed>
          {entries.map((e) => (
            <li key={e.id} data-audit-action={e.action}>
              <time dateTime={new Date(e.at).toISOString()}>{formatInstant(new Date(e.at))}</time> — {e.actorName}&nbsp;: {e.text}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
})
