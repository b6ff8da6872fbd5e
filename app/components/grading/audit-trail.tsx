import { memo } from 'react'
import type { AuditEntry } from '~/domain/grading-view'
import { formatInstant } from '~/domain/hand-in'

/** « Historique des notes »: every change of this grid (who, when, before → after), newest first. */
export const AuditTrail = memo(function AuditTrail({ audit }: { audit: AuditEntry[] }) {
  const entries = [...audit].sort((a, b) => b.at - a.at || b.id - a.id)
  return (
    <section className="jury-audit" aria-labelledby="historique-des-notes">
      <h2 id="historique-des-notes">Historique des notes</h2>
      {entries.length === 0 ? (
        <p className="card__muted">
          Aucune note enregistrée pour l’instant : chaque changement (niveau, commentaire, preuve, décision, clôture) s’inscrira ici.
        </p>
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
